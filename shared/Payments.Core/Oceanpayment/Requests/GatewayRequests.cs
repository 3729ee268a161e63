using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Oceanpayment.Requests;

/// <summary>Builds the signed form bodies the project sends to Oceanpayment.</summary>
public static class GatewayRequests
{
    /// <summary>Most order numbers one <c>check/normal</c> call may carry.</summary>
    public const int MaxOrdersPerQuery = 100;

    /// <summary>
    /// A payment request for <c>direct/pay</c> or <c>directservice/pay</c>, F1-signed.
    /// Throws <see cref="ArgumentException"/> listing the failed rules when the request is invalid:
    /// callers validate first with <see cref="RequestValidator"/>.
    /// </summary>
    public static GatewayForm Payment(GatewayPaymentRequest request, SecureCode secureCode, bool signBackUrl = false)
    {
        var errors = RequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The payment request is invalid: " + string.Join("; ", errors), nameof(request));
        }

        var billing = request.Billing;
        var fields = new List<KeyValuePair<string, string>>(32)
        {
            new("account", request.Account),
            new("terminal", request.Route.Terminal),
            new("backUrl", request.BackUrl),
            new("noticeUrl", request.NoticeUrl),
            new("methods", request.Route.Methods),
            new("order_number", request.OrderNumber),
            new("order_currency", request.Currency.Code),
            new("order_amount", request.Amount.ToGatewayAmount()),
            new("order_notes", request.OrderNotes),
            new("billing_firstName", FieldCleaner.Clean(billing.FirstName)),
            new("billing_lastName", FieldCleaner.Clean(billing.LastName)),
            new("billing_email", FieldCleaner.Clean(billing.Email)),
            new("billing_phone", billing.Phone),
            new("billing_country", billing.Country),
            new("billing_state", billing.State),
            new("billing_city", billing.City),
            new("billing_address", billing.Address),
            new("billing_zip", billing.Zip),
            new("billing_ip", billing.Ip),
        };
        if (request.Products.Count > 0)
        {
            fields.Add(new("productName", Join(request.Products, p => p.Name)));
            fields.Add(new("productSku", Join(request.Products, p => p.Sku)));
            fields.Add(new("productNum", Join(request.Products, p => p.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            fields.Add(new("productPrice", Join(request.Products, p => p.Price)));
        }

        if (request.Instrument is not null)
        {
            fields.AddRange(request.Instrument.GatewayFields());
        }

        if (request.CaptureMode == CaptureMode.PreAuthorise)
        {
            fields.Add(new("ET_NOTES", "pre"));
        }

        return Signed(SignatureKind.Payment, fields, secureCode, signBackUrl);
    }

    /// <summary>A <c>check/normal</c> query for one or up to 100 order numbers, F6-signed.</summary>
    public static GatewayForm Query(string account, string terminal, IReadOnlyCollection<string> orderNumbers, SecureCode secureCode)
    {
        if (orderNumbers.Count is 0 or > MaxOrdersPerQuery)
        {
            throw new ArgumentException($"A query carries 1 to {MaxOrdersPerQuery} order numbers.", nameof(orderNumbers));
        }

        if (orderNumbers.Any(n => !RequestValidator.IsOrderNumber(n)))
        {
            throw new ArgumentException("An order number is malformed.", nameof(orderNumbers));
        }

        return Signed(SignatureKind.Query, [
            new("account", account),
            new("terminal", terminal),
            new("order_number", string.Join(',', orderNumbers)),
        ], secureCode);
    }

    /// <summary>An <c>applyRefund</c> request, F9-signed.</summary>
    public static GatewayForm Refund(string account, string terminal, string paymentId, string refundType, Money amount, string description, SecureCode secureCode)
        => Signed(SignatureKind.Refund, [
            new("account", account),
            new("terminal", terminal),
            new("payment_id", paymentId),
            new("refund_type", refundType),
            new("refund_amount", amount.TryFormatForRefund(out var text, out var error) ? text : throw new ArgumentException(error, nameof(amount))),
            new("refund_description", description),
        ], secureCode);

    /// <summary>A <c>queryRefund</c> request, F10-signed.</summary>
    public static GatewayForm RefundQuery(string account, string terminal, string refundId, SecureCode secureCode)
        => Signed(SignatureKind.RefundQuery, [
            new("account", account),
            new("terminal", terminal),
            new("refund_id", refundId),
        ], secureCode);

    /// <summary>Capture of a pre-authorisation (<c>payment_authType=1</c>), F11-signed.</summary>
    public static GatewayForm Capture(string account, string terminal, string paymentId, Money amount, SecureCode secureCode)
        => Signed(SignatureKind.Capture, [
            new("account", account),
            new("terminal", terminal),
            new("payment_id", paymentId),
            new("payment_authType", "1"),
            new("order_amount", amount.ToGatewayAmount()),
        ], secureCode);

    /// <summary>Void of a pre-authorisation (<c>payment_authType=2</c>), F12-signed.</summary>
    public static GatewayForm Void(string account, string terminal, string paymentId, SecureCode secureCode)
        => Signed(SignatureKind.Void, [
            new("account", account),
            new("terminal", terminal),
            new("payment_id", paymentId),
            new("payment_authType", "2"),
        ], secureCode);

    private static GatewayForm Signed(SignatureKind kind, List<KeyValuePair<string, string>> fields, SecureCode secureCode, bool includeBackUrl = false)
    {
        var lookup = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var signature = Signer.Sign(kind, name => lookup.GetValueOrDefault(name), secureCode, includeBackUrl);
        fields.Insert(2, new("signValue", signature));
        return GatewayForm.From(fields);
    }

    // Products are joined with ';', so a ';' inside a value would shift every later product.
    private static string Join(IReadOnlyList<ProductLine> products, Func<ProductLine, string> select)
        => string.Join(';', products.Select(p => select(p).Replace(';', ',')));
}
