namespace Payments.Core.Oceanpayment.Requests;

/// <summary>A field that does not meet the protocol's rules, with a message safe to show and log.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
