using System.Globalization;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Endpoints;

/// <summary><c>POST /service/check/normal</c>: order status query, F6-checked, root <c>response</c>, unsigned answer.</summary>
internal static class QueryEndpoints
{
    // The gateway accepts up to 100 order numbers joined with commas (§9).
    private const int MaxOrderNumbers = 100;

    public static void MapQuery(this IEndpointRouteBuilder app) =>
        app.MapPost("/service/check/normal", QueryAsync);

    private static async Task QueryAsync(HttpContext context, SandboxStore store, IOptions<SandboxOptions> options)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
        var account = form["account"].ToString();
        var terminalNumber = form["terminal"].ToString();
        var orderList = form["order_number"].ToString();
        var orderNumbers = orderList.Split(',');

        var terminal = options.Value.Terminals.FirstOrDefault(t => t.Account == account && t.Terminal == terminalNumber);
        var error = terminal switch
        {
            null when !options.Value.Terminals.Any(t => t.Account == account) => ResultCodes.InvalidAccount,
            null => ResultCodes.InvalidTerminal,
            _ when !SandboxSigner.Verify(FieldOrder.ValuesOf(FieldOrder.F6, name => form[name]), terminal.SecureCode, form["signValue"].ToString())
                => ResultCodes.IncorrectSign,
            _ when orderNumbers.Length > MaxOrderNumbers || orderNumbers.Any(n => n.Length is < 1 or > 50) => ResultCodes.InvalidOrderNumber,
            _ => null,
        };

        var body = ResultXml.Document("response", writer =>
        {
            writer.WriteElementString("account", account);
            writer.WriteElementString("terminal", terminalNumber);
            if (error is not null)
            {
                WriteRejected(writer, "order_number", orderList, error);
                return;
            }

            foreach (var orderNumber in orderNumbers)
            {
                var attempts = store.ForOrder(account, orderNumber);
                if (attempts.Count == 0)
                {
                    WriteNotFound(writer, orderNumber);
                }

                foreach (var attempt in attempts)
                {
                    WritePaymentInfo(writer, attempt);
                }
            }
        });

        context.Response.ContentType = GatewayEndpoints.XmlContentType;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Invented by the sandbox (README): a rejected query carries no paymentInfo / refundInfo at all,
    /// so a client can never mistake it for a failed payment or refund.
    /// </summary>
    public static void WriteRejected(System.Xml.XmlWriter writer, string keyName, string keyValue, string error)
    {
        writer.WriteElementString(keyName, keyValue);
        writer.WriteElementString("query_results", "0");
        writer.WriteElementString("query_details", error);
    }

    private static void WritePaymentInfo(System.Xml.XmlWriter writer, PaymentResult attempt)
    {
        writer.WriteStartElement("paymentInfo");
        writer.WriteElementString("order_number", attempt.OrderNumber);
        writer.WriteElementString("order_currency", attempt.OrderCurrency);
        writer.WriteElementString("order_amount", attempt.OrderAmount);
        writer.WriteElementString("order_notes", attempt.OrderNotes);
        writer.WriteElementString("methods", attempt.Methods);
        writer.WriteElementString("card_number", attempt.CardNumber);
        writer.WriteElementString("payment_id", attempt.PaymentId);
        writer.WriteElementString("payment_authType", attempt.AuthType);
        writer.WriteElementString("payment_results", attempt.Status);
        writer.WriteElementString("payment_details", attempt.Details);
        writer.WriteElementString("payment_risk", "");
        writer.WriteElementString("payment_dateTime", attempt.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteElementString("refund_status", "");
        writer.WriteElementString("chargeBack_status", "");
        writer.WriteEndElement();
    }

    private static void WriteNotFound(System.Xml.XmlWriter writer, string orderNumber)
    {
        writer.WriteStartElement("paymentInfo");
        writer.WriteElementString("order_number", orderNumber);
        writer.WriteElementString("payment_id", "");
        writer.WriteElementString("payment_results", "0");
        writer.WriteElementString("payment_details", ResultCodes.QueryOrderNotFound);
        writer.WriteEndElement();
    }
}
