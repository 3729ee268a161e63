namespace Payments.Core.Oceanpayment.Results;

/// <summary>Where a payment result came from.</summary>
public enum ResultSource
{
    /// <summary>The synchronous XML answer to <c>direct/pay</c> or <c>directservice/pay</c>.</summary>
    PaymentAnswer,

    /// <summary>The shopper's browser POST to <c>backUrl</c> (<c>response_type=0</c>).</summary>
    BrowserReturn,

    /// <summary>Oceanpayment's server notice to <c>noticeUrl</c> (<c>response_type=1</c>).</summary>
    Notice,

    /// <summary>A <c>check/normal</c> status query answer.</summary>
    Query,
}
