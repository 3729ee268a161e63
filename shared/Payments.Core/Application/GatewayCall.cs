namespace Payments.Core.Application;

/// <summary>
/// What an HTTP call to the gateway produced: an answer body (HTTP 200, size-capped), or a failure
/// whose outcome is unknown (timeout, connection reset, non-2xx status).
/// </summary>
public sealed class GatewayCall
{
    private GatewayCall(byte[]? body, string? failure)
    {
        Body = body;
        Failure = failure;
    }

    public byte[]? Body { get; }

    /// <summary>A reason safe to log: never the request or answer body.</summary>
    public string? Failure { get; }

    public bool Answered => Body is not null;

    public static GatewayCall Answer(byte[] body) => new(body, null);

    public static GatewayCall Failed(string reason) => new(null, reason);
}
