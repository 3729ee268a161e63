using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>A payment request that passed the signature and field checks. Holds no raw card data.</summary>
internal sealed record PayRequest(
    SandboxTerminalOptions Terminal,
    string Methods,
    MethodKind Kind,
    string OrderNumber,
    string OrderCurrency,
    string OrderAmount,
    string OrderNotes,
    string BackUrl,
    string NoticeUrl,
    string CardNumber,
    string CardType,
    PaymentOutcome CardOutcome,
    bool PreAuth);

/// <summary>Either a valid request or the failure answer to send (signed unless the terminal is unknown).</summary>
internal sealed record PayValidation(PayRequest? Request, PaymentResult? Failure, string? SecureCode);
