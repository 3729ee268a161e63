using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Endpoints;

/// <summary>Capture / void on the secure host, <c>applyRefund</c> and <c>queryRefund</c> on the query host.</summary>
internal static class AfterPaymentEndpoints
{
    public static void MapAfterPayment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/gateway/service/auth", async (HttpContext context, AfterPaymentHandler handler) =>
        {
            var form = await ReadFormAsync(context);
            await WriteAsync(context, handler.Authorise(form));
        });
        app.MapPost("/service/applyRefund", async (HttpContext context, AfterPaymentHandler handler, TimeProvider time, IOptions<SandboxOptions> options) =>
        {
            var form = await ReadFormAsync(context);
            await GatewayEndpoints.WriteXmlAsync(context, handler.ApplyRefund(form), time, options.Value);
        });
        app.MapPost("/service/queryRefund", async (HttpContext context, SandboxStore store, IOptions<SandboxOptions> options) =>
        {
            var form = await ReadFormAsync(context);
            await WriteAsync(context, QueryRefund(form, store, options.Value));
        });
    }

    private static byte[] QueryRefund(IFormCollection form, SandboxStore store, SandboxOptions options)
    {
        var account = form["account"].ToString();
        var terminalNumber = form["terminal"].ToString();
        var refundId = form["refund_id"].ToString();
        var terminal = options.Terminals.FirstOrDefault(t => t.Account == account && t.Terminal == terminalNumber);
        var refund = store.FindRefund(refundId);
        var error = terminal switch
        {
            null when !options.Terminals.Any(t => t.Account == account) => ResultCodes.InvalidAccount,
            null => ResultCodes.InvalidTerminal,
            _ when !SandboxSigner.Verify(FieldOrder.ValuesOf(FieldOrder.F10, name => form[name]), terminal.SecureCode, form["signValue"].ToString())
                => ResultCodes.IncorrectSign,
            _ when refund is null || refund.Account != account => ResultCodes.QueryRefundNotFound,
            _ => null,
        };

        return ResultXml.Document(ResultXml.NoticeRoot, writer =>
        {
            writer.WriteElementString("account", account);
            writer.WriteElementString("terminal", terminalNumber);
            if (error is not null)
            {
                QueryEndpoints.WriteRejected(writer, "refund_id", refundId, error);
                return;
            }

            writer.WriteStartElement("refundInfo");
            writer.WriteElementString("refund_id", refund!.RefundId);
            writer.WriteElementString("payment_id", refund.PaymentId);
            writer.WriteElementString("order_number", refund.OrderNumber);
            writer.WriteElementString("refund_amount", refund.RefundAmount);
            writer.WriteElementString("refund_currency", refund.RefundCurrency);
            writer.WriteElementString("refund_status", refund.RefundStatus);
            writer.WriteElementString("refund_details", refund.RefundDetails);
            writer.WriteEndElement();
        });
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpContext context) =>
        context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;

    private static async Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = GatewayEndpoints.XmlContentType;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
