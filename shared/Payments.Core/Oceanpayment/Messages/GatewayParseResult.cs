using System.Diagnostics.CodeAnalysis;

namespace Payments.Core.Oceanpayment.Messages;

/// <summary>The outcome of parsing untrusted input: a value, or a reason that is safe to log.</summary>
public readonly record struct GatewayParseResult<T>
    where T : class
{
    private GatewayParseResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;

    public static GatewayParseResult<T> Ok(T value) => new(value, null);

    public static GatewayParseResult<T> Fail(string error) => new(null, error);
}
