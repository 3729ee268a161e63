using System.Collections.Concurrent;
using System.Text.Json;
using Payments.Functions.Api;

namespace Payments.Functions.Tests;

/// <summary>
/// Sits in the e2e fixture's HttpClient: every <c>application/problem+json</c> answer the suite receives
/// must carry a <c>code</c> of the catalogue, with the entry's status and type. A violation throws, so the
/// test that received the answer fails (xUnit gives no reliable "after all the others" test to read a list in).
/// </summary>
public sealed class ProblemCodeCheck : DelegatingHandler
{
    public ProblemCodeCheck()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>The codes of the problem answers checked so far.</summary>
    public ConcurrentQueue<string> Checked { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return response;
        }

        // Buffered, so the calling test can still read the body.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var violation = Violation(text, status);
        if (violation is not null)
        {
            throw new Xunit.Sdk.XunitException($"{request.Method} {request.RequestUri?.AbsolutePath} answered a problem {violation}: {status} {text}");
        }

        return response;
    }

    private string? Violation(string text, int status)
    {
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return "that is not JSON";
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String)
        {
            return "without a code";
        }

        if (ErrorCode.Find(code.GetString()) is not { } entry)
        {
            return $"with the code {code.GetString()}, which the catalogue lacks";
        }

        if (entry.Status != status || !body.TryGetProperty("status", out var written) || written.ValueKind != JsonValueKind.Number || written.GetInt32() != status)
        {
            return $"whose status differs from its code's ({entry.Code}: {entry.Status})";
        }

        if (!body.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != entry.Type)
        {
            return $"whose type is not {entry.Type}";
        }

        Checked.Enqueue(entry.Code);
        return null;
    }
}
