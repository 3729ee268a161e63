using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
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

    /// <summary>Parses JSON; null with no detail on failure (exception texts can quote the input).</summary>
    public static T? Json<T>(byte[] body)
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

    public static string Hash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
