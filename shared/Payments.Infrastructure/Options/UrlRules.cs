namespace Payments.Infrastructure.Options;

/// <summary>Shared checks for URLs and origins in configuration; messages name the key.</summary>
internal static class UrlRules
{
    /// <summary>An absolute http(s) base URL without user info, query or fragment; https unless plain http is allowed.</summary>
    public static string? CheckBaseUrl(string key, string? value, bool allowHttp)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{key} is required.";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"{key} must be an absolute http(s) URL without user info, query or fragment.";
        }

        return uri.Scheme == Uri.UriSchemeHttp && !allowHttp ? $"{key} must use https outside Development." : null;
    }

    /// <summary>An origin: <c>scheme://host[:port]</c> with no path, query or fragment.</summary>
    public static string? CheckOrigin(string key, string? value, bool allowHttp)
    {
        var error = CheckBaseUrl(key, value, allowHttp);
        if (error is not null)
        {
            return error;
        }

        var uri = new Uri(value!, UriKind.Absolute);
        return uri.AbsolutePath != "/" || value!.TrimEnd('/').Length != uri.GetLeftPart(UriPartial.Authority).Length
            ? $"{key} must be an origin (scheme://host[:port]) without a path."
            : null;
    }
}
