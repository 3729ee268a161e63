namespace Payments.Core.Application;

/// <summary>
/// An insert-only row stored beside a payment: a received notice (its dedupe key as <see cref="Id"/>),
/// a browser return, a transition, a security event. Values must never hold card data, secure codes
/// or signatures.
/// </summary>
public sealed record PaymentRecord(string Kind, string Id, DateTimeOffset At, IReadOnlyDictionary<string, string> Values)
{
    public const string Notice = "notice";
    public const string Event = "event";

    /// <summary>A merchant event (webhook and feed), written with the change it tells: values
    /// <c>type</c> and <c>eventId</c>; its body is kept in the row beside them.</summary>
    public const string MerchantEvent = "merchantevent";
}
