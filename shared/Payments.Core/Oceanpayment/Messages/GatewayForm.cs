using System.Net;
using System.Text;

namespace Payments.Core.Oceanpayment.Messages;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body: built for requests to the gateway, parsed for
/// the shopper's browser return. Its <see cref="ToString"/> never shows values, because a payment
/// request carries card data.
/// </summary>
public sealed class GatewayForm
{
    /// <summary>Cap on a browser return body; real ones are about 1 KB.</summary>
    public const int MaxBytes = 64 * 1024;

    private GatewayForm(IReadOnlyList<KeyValuePair<string, string>> fields) => Fields = fields;

    /// <summary>The fields in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>Wraps fields to send; a repeated name is a bug.</summary>
    public static GatewayForm From(IEnumerable<KeyValuePair<string, string>> fields)
        => new(GatewayMessage.FromFields(fields).Fields);

    /// <summary>The URL-encoded body (UTF-8, <c>+</c> for spaces).</summary>
    public string Encode()
    {
        var builder = new StringBuilder(512);
        foreach (var (name, value) in Fields)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(WebUtility.UrlEncode(name)).Append('=').Append(WebUtility.UrlEncode(value));
        }

        return builder.ToString();
    }

    /// <summary>Parses a URL-encoded body; a repeated field name or an oversized body is an error.</summary>
    public static GatewayParseResult<GatewayMessage> Parse(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return GatewayParseResult<GatewayMessage>.Fail("The form is empty.");
        }

        if (body.Length > MaxBytes)
        {
            return GatewayParseResult<GatewayMessage>.Fail($"The form is larger than {MaxBytes} bytes.");
        }

        var fields = new List<KeyValuePair<string, string>>(32);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]);
            if (name.Length == 0)
            {
                return GatewayParseResult<GatewayMessage>.Fail("The form has a field without a name.");
            }

            if (!seen.Add(name))
            {
                return GatewayParseResult<GatewayMessage>.Fail($"The form field '{Printable(name)}' appears more than once.");
            }

            fields.Add(new KeyValuePair<string, string>(name, value));
        }

        return fields.Count == 0
            ? GatewayParseResult<GatewayMessage>.Fail("The form is empty.")
            : GatewayParseResult<GatewayMessage>.Ok(new GatewayMessage(fields));
    }

    public override string ToString() => $"GatewayForm({string.Join(", ", Fields.Select(f => f.Key))})";

    // A field name from an untrusted body, made safe to put into an error message.
    private static string Printable(string name)
        => new(name.Take(40).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '?').ToArray());
}
