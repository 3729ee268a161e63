namespace Payments.Core.Oceanpayment.Signing;

/// <summary>The messages Oceanpayment signs, named after the protocol reference's formula ids.</summary>
public enum SignatureKind
{
    /// <summary>F1: S2S payment request to <c>direct/pay</c> and <c>directservice/pay</c>.</summary>
    Payment,

    /// <summary>F3: payment result (synchronous answer, browser return, notice).</summary>
    Result,

    /// <summary>F4: business notice (refund, chargeback, dispute, ...).</summary>
    BusinessNotice,

    /// <summary>F6: order status query <c>check/normal</c>.</summary>
    Query,

    /// <summary>F9: refund <c>applyRefund</c>.</summary>
    Refund,

    /// <summary>F10: refund query <c>queryRefund</c>.</summary>
    RefundQuery,

    /// <summary>F11: capture of a pre-authorisation.</summary>
    Capture,

    /// <summary>F12: void of a pre-authorisation.</summary>
    Void,
}
