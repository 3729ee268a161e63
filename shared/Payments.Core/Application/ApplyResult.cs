using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>What applying a verified result did to stored state.</summary>
public sealed record ApplyResult(ApplyStatus Status, Transition? Transition, PaymentData? Payment);

public enum ApplyStatus
{
    /// <summary>The result and its record were written (the state may or may not have changed).</summary>
    Recorded,

    /// <summary>The same message was recorded before: nothing written.</summary>
    Duplicate,

    /// <summary>No payment has this order number: the message was kept aside, nothing changed.</summary>
    UnknownPayment,
}
