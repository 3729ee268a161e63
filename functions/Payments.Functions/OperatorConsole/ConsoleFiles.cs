using System.Collections.Frozen;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Payments.Functions.OperatorConsole;

/// <summary>
/// The operator console's static files (HTML, CSS, JS), embedded in the assembly so they are served the
/// same under the Functions host and the local runner, and the page answered to someone who is not an
/// operator. Every answer forbids framing, inline script and caching.
/// </summary>
internal static class ConsoleFiles
{
    public const string Page = "index.html";

    // Only same-origin script, style and fetches: the console's data comes from /api/operator/...
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    /// <summary>The file of that name, or null: only the embedded files are served.</summary>
    public static IActionResult? Find(string name)
        => Files.TryGetValue(name, out var bytes) ? new FileAnswer(StatusCodes.Status200OK, ContentTypes[Path.GetExtension(name)], bytes) : null;

    /// <summary>A small page for a person who may not use the console (401 not signed in, 403 not an operator).</summary>
    public static IActionResult Refusal(int status, string title, string detail)
    {
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} - Payments console</title></head>
            <body><main id="main"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(detail)}</p>
            <p><a href="/.auth/login/aad?post_login_redirect_uri=/api/console/">Sign in with Microsoft Entra ID</a></p></main></body></html>
            """;
        return new FileAnswer(status, ContentTypes[".html"], Encoding.UTF8.GetBytes(html));
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(ConsoleFiles).Assembly;
        const string Prefix = "console/";
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed class FileAnswer(int status, string contentType, byte[] body) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength = body.Length;
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.XFrameOptions = "DENY";
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }
    }
}
