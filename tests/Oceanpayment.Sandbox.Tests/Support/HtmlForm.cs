using System.Net;
using System.Text.RegularExpressions;

namespace Oceanpayment.Sandbox.Tests.Support;

/// <summary>Reads the sandbox's auto-submitting backUrl form the way a browser would post it.</summary>
internal static partial class HtmlForm
{
    public static string Action(string html) => WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);

    public static Dictionary<string, string> Fields(string html) =>
        HiddenInput().Matches(html).ToDictionary(
            match => WebUtility.HtmlDecode(match.Groups[1].Value),
            match => WebUtility.HtmlDecode(match.Groups[2].Value));

    [GeneratedRegex("<form id=\"return\" method=\"post\" action=\"([^\"]*)\">")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
