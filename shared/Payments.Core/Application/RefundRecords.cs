using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payments.Core.Amounts;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Refunds are stored as rows of kind <c>refund</c> in the payment's partition (one per refund, replaced
/// as it settles), so each change commits with the payment's refund totals in one conditional batch.
/// </summary>
public static class RefundRecords
{
    public const string Kind = "refund";

    public const string IdPrefix = "re_";

    /// <summary>Our refund ids: <c>re_</c> and 24 lowercase hex digits.</summary>
    public static bool IsRefundId(string? value)
        => value is { Length: 27 } && value.StartsWith(IdPrefix, StringComparison.Ordinal)
            && !value.AsSpan(3).ContainsAnyExcept("0123456789abcdef");

    /// <summary>A refund id: random, or derived from the Idempotency-Key so a retry names the same refund
    /// and the partition's row decides which of two concurrent requests made it.</summary>
    public static string NewId(string orderNumber, string? idempotencyKey)
        => IdPrefix + (idempotencyKey is null
            ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("refund\n" + orderNumber + "\n" + idempotencyKey)))[..24]);

    public static string RequestHash(long? amountMinor, string reason)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            (amountMinor?.ToString(CultureInfo.InvariantCulture) ?? "rest") + "\n" + reason)));

    public static PaymentRecord ToRecord(RefundData refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["amount"] = refund.Amount.MinorUnits.ToString(CultureInfo.InvariantCulture),
            ["currency"] = refund.Amount.Currency.Code,
            ["reason"] = refund.Reason,
            ["status"] = refund.Status.ToString(),
            ["gatewayRefundId"] = refund.GatewayRefundId,
            ["noticedGatewayRefundId"] = refund.NoticedGatewayRefundId,
            ["gatewayCode"] = refund.GatewayCode,
            ["gatewayDetails"] = refund.GatewayDetails,
            ["arn"] = refund.Arn,
            ["answerLost"] = refund.AnswerLost ? "true" : "false",
            ["needsReview"] = refund.NeedsReview ? "true" : "false",
            ["updatedAt"] = refund.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["checkAttempt"] = refund.CheckAttempt.ToString(CultureInfo.InvariantCulture),
            ["requestHash"] = refund.RequestHash,
            ["announced"] = refund.AnnouncedStatus.ToString(),
        };
        if (refund.NextCheckAt is { } next)
        {
            values["nextCheckAt"] = next.ToString("O", CultureInfo.InvariantCulture);
        }

        if (refund.ChargeAttempt > 0)
        {
            values["chargeAttempt"] = refund.ChargeAttempt.ToString(CultureInfo.InvariantCulture);
            values["chargePaymentId"] = refund.ChargePaymentId;
        }

        return new PaymentRecord(Kind, refund.RefundId, refund.CreatedAt, values);
    }

    public static RefundData FromRecord(PaymentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var v = record.Values;
        string Get(string key) => v.TryGetValue(key, out var value) ? value : string.Empty;
        if (!Currency.TryParse(Get("currency"), out var currency)
            || !long.TryParse(Get("amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || !Enum.TryParse<RefundStatus>(Get("status"), ignoreCase: false, out var status))
        {
            throw new InvalidDataException($"The stored refund {record.Id} is not readable.");
        }

        return new RefundData
        {
            RefundId = record.Id,
            Amount = new Money(amount, currency),
            Reason = Get("reason"),
            Status = status,
            GatewayRefundId = Get("gatewayRefundId"),
            NoticedGatewayRefundId = Get("noticedGatewayRefundId"),
            GatewayCode = Get("gatewayCode"),
            GatewayDetails = Get("gatewayDetails"),
            Arn = Get("arn"),
            AnswerLost = Get("answerLost") == "true",
            NeedsReview = Get("needsReview") == "true",
            CreatedAt = record.At,
            UpdatedAt = DateTimeOffset.TryParse(Get("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var updated) ? updated : record.At,
            NextCheckAt = DateTimeOffset.TryParse(Get("nextCheckAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var next) ? next : null,
            CheckAttempt = int.TryParse(Get("checkAttempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) ? attempt : 0,
            RequestHash = Get("requestHash"),
            ChargeAttempt = int.TryParse(Get("chargeAttempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var charge) ? charge : 0,
            ChargePaymentId = Get("chargePaymentId"),
            // Rows from before events existed: a final refund counts as told (nothing is sent twice).
            AnnouncedStatus = Enum.TryParse<RefundStatus>(Get("announced"), ignoreCase: false, out var announced) ? announced : status,
        };
    }
}

/// <summary>What the API shows of a refund.</summary>
public sealed record RefundView
{
    public required string RefundId { get; init; }

    public required string PaymentId { get; init; }

    /// <summary>Minor units.</summary>
    public required long Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The gateway's refund id, once known.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? GatewayRefundId { get; init; }

    /// <summary>Why it failed (the gateway's code and text).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public FailureView? Failure { get; init; }

    /// <summary>The acquirer reference number, when an ARN notice gave one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Arn { get; init; }

    /// <summary>True when no check settled it by the refund horizon: an operator must look.</summary>
    public bool NeedsReview { get; init; }

    /// <summary>Set on the refund the app made by itself of an earlier attempt's late charge: that attempt's
    /// number. Absent on refunds of the payment's own charge.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? ChargeAttempt { get; init; }

    public static string StatusName(RefundStatus status) => status switch
    {
        RefundStatus.Pending => "pending",
        RefundStatus.Succeeded => "succeeded",
        _ => "failed",
    };

    public static RefundView From(string paymentId, RefundData refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return new RefundView
        {
            RefundId = refund.RefundId,
            PaymentId = paymentId,
            Amount = refund.Amount.MinorUnits,
            Currency = refund.Amount.Currency.Code,
            Status = StatusName(refund.Status),
            Reason = refund.Reason,
            CreatedAt = refund.CreatedAt,
            UpdatedAt = refund.UpdatedAt,
            GatewayRefundId = refund.GatewayRefundId.Length > 0 ? refund.GatewayRefundId : null,
            Failure = refund.Status == RefundStatus.Failed ? new FailureView(refund.GatewayCode, refund.GatewayDetails) : null,
            Arn = refund.Arn.Length > 0 ? refund.Arn : null,
            NeedsReview = refund.NeedsReview,
            ChargeAttempt = refund.ChargeAttempt > 0 ? refund.ChargeAttempt : null,
        };
    }
}
