using Microsoft.Extensions.Options;

namespace Oceanpayment.Sandbox.Endpoints;

/// <summary>The S2S pay endpoints: <c>/gateway/direct/pay</c> (cards, wallets) and <c>/gateway/directservice/pay</c> (local methods).</summary>
internal static class GatewayEndpoints
{
    public const string XmlContentType = "application/xml; charset=utf-8";

    public static void MapGateway(this IEndpointRouteBuilder app)
    {
        app.MapPost("/gateway/direct/pay", (HttpContext context, PaymentHandler handler, TimeProvider time, IOptions<SandboxOptions> options) =>
            PayAsync(context, handler, time, options.Value, localEndpoint: false));
        app.MapPost("/gateway/directservice/pay", (HttpContext context, PaymentHandler handler, TimeProvider time, IOptions<SandboxOptions> options) =>
            PayAsync(context, handler, time, options.Value, localEndpoint: true));
    }

    public static string RequestBaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static async Task PayAsync(HttpContext context, PaymentHandler handler, TimeProvider time, SandboxOptions options, bool localEndpoint)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
        var answer = handler.Pay(form, localEndpoint, RequestBaseUrl(context.Request));
        if (answer.Kind == PayAnswerKind.ServerError)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>", context.RequestAborted);
            return;
        }

        await WriteXmlAsync(context, answer, time, options);
    }

    /// <summary>Writes an XML answer, first holding it for <c>TimeoutAfterCommitDelay</c> when the scenario says so.</summary>
    public static async Task WriteXmlAsync(HttpContext context, PayAnswer answer, TimeProvider time, SandboxOptions options)
    {
        if (answer.Kind == PayAnswerKind.HeldXml)
        {
            try
            {
                // The payment or refund is committed; hold the answer until the client gives up.
                await Task.Delay(options.TimeoutAfterCommitDelay, time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.ContentType = XmlContentType;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
