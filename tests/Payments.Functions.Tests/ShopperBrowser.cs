using System.Net;
using System.Text.RegularExpressions;

namespace Payments.Functions.Tests;

/// <summary>What the shopper's browser does on the sandbox's 3-D Secure page: open it, press a
/// button, and read the auto-submitted form it would post to <c>backUrl</c>.</summary>
internal static partial class ShopperBrowser
{
    public static async Task<(string Action, List<KeyValuePair<string, string>> Fields)> ChallengeAsync(HttpClient sandbox, string payUrl, string outcome)
    {
        var challenge = await sandbox.GetStringAsync(payUrl);
        var payId = HiddenInput().Matches(challenge).Single(m => m.Groups[1].Value == "pay_id").Groups[2].Value;
        var decided = await sandbox.PostAsync(new Uri(payUrl).GetLeftPart(UriPartial.Path), new FormUrlEncodedContent([new("pay_id", WebUtility.HtmlDecode(payId)), new("outcome", outcome)]));
        var returnForm = await decided.Content.ReadAsStringAsync();
        var action = WebUtility.HtmlDecode(FormAction().Match(returnForm).Groups[1].Value);
        var fields = HiddenInput().Matches(returnForm).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        return (action, fields);
    }

    /// <summary>Posts the form as a browser would, without following the redirect.</summary>
    public static async Task<HttpResponseMessage> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form id=\"return\" method=\"post\" action=\"([^\"]*)\">")]
    private static partial Regex FormAction();
}
