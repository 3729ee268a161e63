using Payments.Core.Oceanpayment.Messages;

namespace Payments.Core.Oceanpayment.Results;

/// <summary>
/// A <c>check/normal</c> answer: <c>paymentInfo</c> blocks, several per order number when the
/// shopper tried more than once, newest first. Its signature formula is unknown, so it is trusted
/// through TLS to the configured host, not through <c>signValue</c>.
/// </summary>
public sealed class QueryAnswer
{
    private QueryAnswer(IReadOnlyList<QueryPaymentInfo> payments) => Payments = payments;

    public IReadOnlyList<QueryPaymentInfo> Payments { get; }

    public static GatewayParseResult<QueryAnswer> Parse(byte[] document)
    {
        var parsed = GatewayXml.ParseDocument(document, "paymentInfo");
        return parsed.Succeeded
            ? GatewayParseResult<QueryAnswer>.Ok(new QueryAnswer(parsed.Value.Blocks.Select(QueryPaymentInfo.From).ToList()))
            : GatewayParseResult<QueryAnswer>.Fail(parsed.Error);
    }

    /// <summary>
    /// The block for an order: the newest success, whichever attempt it belongs to (money was taken
    /// for this order: never lose it); else the one with <paramref name="paymentId"/> when known; else the newest.
    /// </summary>
    public QueryPaymentInfo? Pick(string orderNumber, string? paymentId)
    {
        var forOrder = Payments.Where(p => p.OrderNumber == orderNumber).ToList();
        var success = forOrder.FirstOrDefault(p => p.Status == GatewayPaymentStatus.Success && p.PaymentId.Length > 0);
        if (success is not null)
        {
            return success;
        }

        if (!string.IsNullOrEmpty(paymentId))
        {
            var exact = forOrder.FirstOrDefault(p => p.PaymentId == paymentId);
            if (exact is not null)
            {
                return exact;
            }
        }

        return forOrder.FirstOrDefault();
    }
}
