using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Payments.Core.Oceanpayment.Messages;

namespace Payments.Functions.Api;

/// <summary>Reads request bodies with a size cap. Bodies are never logged: they may hold card data.</summary>
internal static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        var read = await GatewayXml.ReadCappedAsync(request.Body, MaxBytes, cancellationToken).ConfigureAwait(false);
        return read.Succeeded ? read.Value : null;
    }

    /// <summary>
    /// The body as a <typeparamref name="T"/>, or the problem to answer: 400 <c>body_unreadable</c> (not JSON of
    /// that shape, or too long; <paramref name="hint"/> says what to send) or 400 <c>unknown_field</c>. An empty
    /// body is <paramref name="whenEmpty"/> where the route takes one. Every JSON route reads its body here.
    /// </summary>
    public static (T? Value, ContentResult? Problem) Parse<T>(byte[]? body, string hint, T? whenEmpty = null)
        where T : class
    {
        if (body is { Length: 0 } && whenEmpty is not null)
        {
            return (whenEmpty, null);
        }

        if (body is null || Json<T>(body) is not { } value)
        {
            return (null, ApiResults.Problem(ErrorCode.BodyUnreadable, hint));
        }

        var unknown = UnknownFields.Find(body, typeof(T), ApiResults.Json);
        return unknown.Count > 0 ? (null, ApiResults.UnknownFields(unknown)) : (value, null);
    }

    /// <summary>Parses JSON; null with no detail on failure (exception texts can quote the input).</summary>
    private static T? Json<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, ApiResults.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The longest Idempotency-Key taken.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>Reads the optional <c>Idempotency-Key</c> header; a problem when it is present but empty or too long.</summary>
    public static (string? Key, ContentResult? Problem) IdempotencyKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? key = request.Headers["Idempotency-Key"];
        return key is { Length: 0 or > MaxIdempotencyKeyLength }
            ? (null, ApiResults.Problem(ErrorCode.IdempotencyKeyInvalid, $"An Idempotency-Key has 1 to {MaxIdempotencyKeyLength} characters."))
            : (key, null);
    }

    public static string Hash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
