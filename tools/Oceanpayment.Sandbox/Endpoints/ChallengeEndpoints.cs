using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Endpoints;

/// <summary>The 3-D Secure challenge behind <c>pay_url</c> and the browser return to <c>backUrl</c>.</summary>
internal static class ChallengeEndpoints
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    public static void MapChallenge(this IEndpointRouteBuilder app)
    {
        app.MapGet(PaymentHandler.ChallengePath, ShowAsync);
        app.MapPost(PaymentHandler.ChallengePath, DecideAsync);
    }

    private static async Task ShowAsync(HttpContext context, SandboxStore store)
    {
        var transaction = store.FindByChallengeToken(context.Request.Query["pay_id"].ToString());
        if (transaction is null)
        {
            await WriteHtmlAsync(context, StatusCodes.Status404NotFound, Page("Unknown payment", "<p>This challenge does not exist.</p>"));
            return;
        }

        var html = HtmlEncoder.Default;
        var result = store.Snapshot(transaction);
        var body = new StringBuilder()
            .Append("<p>Order <strong>").Append(html.Encode(result.OrderNumber)).Append("</strong>: ")
            .Append(html.Encode(result.OrderAmount)).Append(' ').Append(html.Encode(result.OrderCurrency))
            .Append(", card ").Append(html.Encode(result.CardNumber)).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(html.Encode(PaymentHandler.ChallengePath)).Append("\">")
            .Append("<input type=\"hidden\" name=\"pay_id\" value=\"").Append(html.Encode(transaction.ChallengeToken)).Append("\">")
            .Append("<button type=\"submit\" name=\"outcome\" value=\"success\">Approve</button> ")
            .Append("<button type=\"submit\" name=\"outcome\" value=\"fail\">Fail authentication</button>")
            .Append("</form>");
        await WriteHtmlAsync(context, StatusCodes.Status200OK, Page("3-D Secure challenge (sandbox)", body.ToString()));
    }

    private static async Task DecideAsync(HttpContext context, SandboxStore store, PaymentHandler handler, IOptions<SandboxOptions> options)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
        var transaction = store.FindByChallengeToken(form["pay_id"].ToString());
        var outcome = form["outcome"].ToString();
        if (transaction is null || outcome is not ("success" or "fail"))
        {
            await WriteHtmlAsync(context, StatusCodes.Status400BadRequest, Page("Bad request", "<p>Unknown challenge or outcome.</p>"));
            return;
        }

        // A second click (or a replayed form) returns the stored result instead of changing it.
        var completion = handler.Complete(transaction.PaymentId, outcome == "success");
        var result = completion.Result ?? store.Snapshot(transaction);
        var secureCode = options.Value.Terminals.First(t => t.Account == result.Account && t.Terminal == result.Terminal).SecureCode;
        await WriteHtmlAsync(context, StatusCodes.Status200OK, BackUrlForm(result, ResultXml.SignF3(result, secureCode)));
    }

    /// <summary>The auto-submitting form the browser posts to backUrl (response_type 0, literal null in empty unsigned fields).</summary>
    public static string BackUrlForm(PaymentResult result, string signValue)
    {
        var html = HtmlEncoder.Default;
        var body = new StringBuilder()
            .Append("<p>Returning to the shop...</p>")
            .Append("<form id=\"return\" method=\"post\" action=\"").Append(html.Encode(result.BackUrl)).Append("\">");
        foreach (var (name, value) in BackUrlFields(result, signValue))
        {
            body.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name))
                .Append("\" value=\"").Append(html.Encode(value)).Append("\">");
        }

        body.Append("<noscript><button type=\"submit\">Continue</button></noscript></form>")
            .Append("<script>document.getElementById('return').submit();</script>");
        return Page("Returning to the shop", body.ToString());
    }

    public static IEnumerable<KeyValuePair<string, string>> BackUrlFields(PaymentResult result, string signValue)
    {
        foreach (var (name, value) in result.Fields("0"))
        {
            // The gateway posts absent unsigned fields as the literal string "null"; signed ones stay exact.
            yield return new(name, value.Length == 0 && !FieldOrder.F3.Contains(name) ? "null" : value);
            if (name == "terminal")
            {
                yield return new("signValue", signValue);
            }
        }
    }

    private static string Page(string title, string body)
    {
        var encodedTitle = HtmlEncoder.Default.Encode(title);
        return $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{encodedTitle}</title></head><body><h1>{encodedTitle}</h1>{body}</body></html>";
    }

    private static async Task WriteHtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = HtmlContentType;
        await context.Response.WriteAsync(html, context.RequestAborted);
    }
}
