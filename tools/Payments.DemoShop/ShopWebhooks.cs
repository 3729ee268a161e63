using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.DemoShop;

/// <summary>
/// The shop's webhook receiver, as a merchant's server would write one: it checks the Standard
/// Webhooks signature over the exact bytes received (HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>
/// with the key in the <c>whsec_</c> secret), refuses stale timestamps and drops a delivery it has seen
/// (same <c>webhook-id</c>); then a <c>payment.succeeded</c> for one of its orders marks that order paid.
/// </summary>
internal static class ShopWebhooks
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>How far a webhook's timestamp may be from the shop's clock (replays beyond it are refused).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static async Task<IResult> ReceiveAsync(HttpContext context, DemoOrders orders, Microsoft.Extensions.Options.IOptions<DemoShopOptions> options, TimeProvider clock)
    {
        var body = await ReadBodyAsync(context.Request);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        var signatures = context.Request.Headers["webhook-signature"].ToString();
        if (!IsSigned(options.Value.WebhookSecret, id, timestamp, signatures, body, clock.GetUtcNow()))
        {
            return Results.Json(new { message = "The webhook's signature does not verify." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!orders.FirstDelivery(id))
        {
            return Results.NoContent();
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.TryGetProperty("type", out var type) && type.GetString() == "payment.succeeded"
            && root.TryGetProperty("data", out var data) && data.TryGetProperty("paymentId", out var paymentId))
        {
            orders.MarkPaid(paymentId.GetString() ?? string.Empty, id);
        }

        // Any other event, or an order of another shop, is acknowledged and ignored: a retry would change nothing.
        return Results.NoContent();
    }

    /// <summary>True when one of the <c>v1,</c> signatures is the HMAC of the message under the secret's key.</summary>
    public static bool IsSigned(string secret, string id, string timestamp, string signatures, byte[] body, DateTimeOffset now)
    {
        if (id.Length is 0 or > 200
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799))).Duration() > Tolerance
            || !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return false;
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = new List<byte>(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        signed.AddRange(body);
        var expected = HMACSHA256.HashData(key, signed.ToArray());
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && Base64.IsValid(candidate.AsSpan(3))
                && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(candidate[3..]), expected))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
