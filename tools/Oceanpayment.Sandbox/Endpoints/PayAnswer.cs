namespace Oceanpayment.Sandbox.Endpoints;

internal enum PayAnswerKind
{
    Xml,
    HeldXml,
    ServerError,
}

/// <summary>What a pay endpoint sends back: XML now, XML after the timeout-after-commit hold, or HTTP 500.</summary>
internal sealed record PayAnswer(PayAnswerKind Kind, byte[] Body);
