using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// Maps the domain to the table rows and back: the only place that knows the table's columns (names,
/// types, keys). The values inside a record row are the record's own (<see cref="Core.Application.PaymentRecord.Values"/>):
/// a refund's are laid out by <see cref="Core.Application.RefundRecords"/>, stored here as any record's.
/// </summary>
internal static class EntityMapper
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Metadata is written as UTF-8 bytes (a binary column holds 64 KiB; a string one 32K UTF-16 characters), and
    // escaped no more than JSON needs: at most 6 bytes a character (\uXXXX, for emoji halves), 61 KB for the largest.
    private static readonly JsonSerializerOptions MetadataJson = new(Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static PaymentEntity ToEntity(PaymentData payment) => new()
    {
        PartitionKey = PartitionKeyOf(payment.OrderNumber),
        RowKey = StorageNames.PaymentRowKey,
        PaymentId = payment.PaymentId,
        Account = payment.Account,
        Terminal = payment.Terminal,
        RoutedBy = payment.RoutedBy,
        Method = payment.Method.ToString(),
        AmountMinor = payment.Amount.MinorUnits,
        Currency = payment.Amount.Currency.Code,
        Status = payment.Status.ToString(),
        BillingFirstName = payment.Billing.FirstName,
        BillingLastName = payment.Billing.LastName,
        BillingEmail = payment.Billing.Email,
        BillingPhone = payment.Billing.Phone,
        BillingCountry = payment.Billing.Country,
        BillingState = payment.Billing.State,
        BillingCity = payment.Billing.City,
        BillingAddress = payment.Billing.Address,
        BillingZip = payment.Billing.Zip,
        BillingIp = payment.Billing.Ip,
        ProductsJson = JsonSerializer.Serialize(payment.Products, Json),
        OrderNotes = payment.OrderNotes,
        MetadataJson = NotesToBytes(payment.Metadata),
        PrivateMetadataJson = NotesToBytes(payment.PrivateMetadata),
        CaptureMode = payment.CaptureMode.ToString(),
        ReturnUrl = payment.ReturnUrl,
        ClientSecret = payment.ClientSecret,
        RequestHash = payment.RequestHash,
        GatewayPaymentId = payment.GatewayPaymentId,
        MaskedCard = payment.MaskedCard,
        FailureCode = payment.FailureCode,
        FailureMessage = payment.FailureMessage,
        NextActionJson = payment.NextAction is null ? string.Empty : JsonSerializer.Serialize(payment.NextAction, Json),
        ReviewReason = payment.ReviewReason,
        OutcomeUnknown = payment.OutcomeUnknown,
        CreatedAt = payment.CreatedAt,
        UpdatedAt = payment.UpdatedAt,
        SentAt = payment.SentAt,
        NextCheckAt = payment.NextCheckAt,
        LastQueriedAt = payment.LastQueriedAt,
        CapturedMinor = payment.CapturedMinor,
        RefundsReservedMinor = payment.RefundsReservedMinor,
        RefundedMinor = payment.RefundedMinor,
        OpenRefunds = payment.OpenRefunds,
        DisputesJson = payment.Disputes.Count == 0 ? string.Empty : JsonSerializer.Serialize(payment.Disputes, Json),
        MaxAttempts = payment.MaxAttempts,
        Attempt = payment.Attempt,
        PastAttemptsJson = payment.PastAttempts.Count == 0 ? string.Empty : JsonSerializer.Serialize(payment.PastAttempts, Json),
        Flags = string.Join(',', payment.Flags),
        ChangeSequence = payment.ChangeSequence,
        AnnouncedStatus = payment.AnnouncedStatus?.ToString() ?? string.Empty,
    };

    public static PaymentData ToPayment(PaymentEntity entity)
    {
        var payment = ToPaymentState(entity);
        return entity.ChangeSequence is not { } sequence
            // Written before changes were counted: what it holds counts as told, so nothing is told twice.
            ? payment with { AnnouncedStatus = payment.Status, Disputes = [.. payment.Disputes.Select(d => d with { AnnouncedStatus = d.Status })] }
            : payment with
            {
                ChangeSequence = sequence,
                AnnouncedStatus = entity.AnnouncedStatus.Length == 0 ? null : ParseEnum<PaymentStatus>(entity.AnnouncedStatus, nameof(entity.AnnouncedStatus)),
            };
    }

    private static IReadOnlyList<DisputeData> ToDisputes(PaymentEntity entity)
    {
        if (!string.IsNullOrEmpty(entity.DisputesJson))
        {
            return JsonSerializer.Deserialize<List<DisputeData>>(entity.DisputesJson, Json) ?? throw new InvalidDataException($"The stored payment has no {nameof(entity.DisputesJson)} array.");
        }

        if (string.IsNullOrEmpty(entity.DisputeJson))
        {
            return [];
        }

        // A row from when a payment had one dispute: {status: Open|Won|Lost, reason, openedAt, closedAt}, its
        // announced status in a column of its own. It names no amount: a chargeback takes what was captured.
        var single = JsonSerializer.Deserialize<DisputeData>(entity.DisputeJson, Json) ?? throw new InvalidDataException($"The stored payment has no {nameof(entity.DisputeJson)} object.");
        return
        [
            single with
            {
                AmountMinor = entity.CapturedMinor ?? entity.AmountMinor,
                AnnouncedStatus = entity.AnnouncedDispute.Length == 0 ? null : ParseEnum<DisputeStatus>(entity.AnnouncedDispute, nameof(entity.AnnouncedDispute)),
            },
        ];
    }

    private static PaymentData ToPaymentState(PaymentEntity entity) => new()
    {
        PaymentId = entity.PaymentId,
        OrderNumber = entity.PartitionKey,
        Account = entity.Account,
        Terminal = entity.Terminal,
        RoutedBy = entity.RoutedBy ?? string.Empty,
        Method = ParseEnum<PaymentMethod>(entity.Method, nameof(entity.Method)),
        Amount = new Money(entity.AmountMinor, Core.Amounts.Currency.TryParse(entity.Currency, out var currency)
            ? currency
            : throw new InvalidDataException($"The stored payment has an unknown {nameof(entity.Currency)}.")),
        Status = ParseEnum<PaymentStatus>(entity.Status, nameof(entity.Status)),
        Billing = new BillingDetails
        {
            FirstName = entity.BillingFirstName,
            LastName = entity.BillingLastName,
            Email = entity.BillingEmail,
            Phone = entity.BillingPhone,
            Country = entity.BillingCountry,
            State = entity.BillingState,
            City = entity.BillingCity,
            Address = entity.BillingAddress,
            Zip = entity.BillingZip,
            Ip = entity.BillingIp,
        },
        Products = JsonSerializer.Deserialize<List<ProductLine>>(entity.ProductsJson, Json) ?? [],
        OrderNotes = entity.OrderNotes,
        Metadata = NotesFromBytes(entity.MetadataJson, nameof(entity.MetadataJson)),
        PrivateMetadata = NotesFromBytes(entity.PrivateMetadataJson, nameof(entity.PrivateMetadataJson)),
        CaptureMode = ParseEnum<CaptureMode>(entity.CaptureMode, nameof(entity.CaptureMode)),
        ReturnUrl = entity.ReturnUrl,
        ClientSecret = entity.ClientSecret,
        RequestHash = entity.RequestHash,
        GatewayPaymentId = entity.GatewayPaymentId,
        MaskedCard = entity.MaskedCard,
        FailureCode = entity.FailureCode,
        FailureMessage = entity.FailureMessage,
        NextAction = string.IsNullOrEmpty(entity.NextActionJson) ? null : JsonSerializer.Deserialize<NextAction>(entity.NextActionJson, Json),
        ReviewReason = entity.ReviewReason,
        OutcomeUnknown = entity.OutcomeUnknown,
        CreatedAt = entity.CreatedAt,
        UpdatedAt = entity.UpdatedAt,
        SentAt = entity.SentAt,
        NextCheckAt = entity.NextCheckAt,
        LastQueriedAt = entity.LastQueriedAt,
        CapturedMinor = entity.CapturedMinor,
        RefundsReservedMinor = entity.RefundsReservedMinor,
        RefundedMinor = entity.RefundedMinor,
        OpenRefunds = entity.OpenRefunds,
        Disputes = ToDisputes(entity),
        MaxAttempts = entity.MaxAttempts ?? 1,
        Attempt = entity.Attempt ?? 1,
        PastAttempts = string.IsNullOrEmpty(entity.PastAttemptsJson) ? (IReadOnlyList<AttemptData>)[]
            : JsonSerializer.Deserialize<List<AttemptData>>(entity.PastAttemptsJson, Json) ?? throw new InvalidDataException($"The stored payment has no {nameof(entity.PastAttemptsJson)} array."),
        Flags = string.IsNullOrEmpty(entity.Flags) ? [] : entity.Flags.Split(','),
    };

    public static RecordEntity ToEntity(string orderNumber, PaymentRecord record) => new()
    {
        PartitionKey = PartitionKeyOf(orderNumber),
        RowKey = RecordRowKey(record.Kind, record.Id),
        Kind = record.Kind,
        Id = record.Id,
        At = record.At,
        ValuesJson = JsonSerializer.Serialize(record.Values, Json),
    };

    public static PaymentRecord ToRecord(RecordEntity entity)
        => new(entity.Kind, entity.Id, entity.At, JsonSerializer.Deserialize<Dictionary<string, string>>(entity.ValuesJson, Json) ?? []);

    public static MerchantEventEntity ToEntity(MerchantEvent merchantEvent) => new()
    {
        PartitionKey = PartitionKeyOf(merchantEvent.OrderNumber),
        RowKey = MerchantEventRowKey(merchantEvent.Sequence),
        Kind = PaymentRecord.MerchantEvent,
        Id = merchantEvent.Sequence.ToString("D12", CultureInfo.InvariantCulture),
        At = merchantEvent.CreatedAt,
        ValuesJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = merchantEvent.Type, ["eventId"] = merchantEvent.Id }, Json),
        Sequence = merchantEvent.Sequence,
        Type = merchantEvent.Type,
        Body = merchantEvent.Body.ToArray(),
    };

    public static MerchantEvent ToEvent(MerchantEventEntity entity)
        => new(EventIds.Format(entity.PartitionKey, entity.Sequence), entity.PartitionKey, entity.Sequence, entity.Type, entity.At, entity.Body);

    /// <summary>Merchant events sort by sequence within their partition.</summary>
    public static string MerchantEventRowKey(long sequence)
        => RecordRowKey(PaymentRecord.MerchantEvent, sequence.ToString("D12", CultureInfo.InvariantCulture));

    public static IdempotencyEntity ToEntity(IdempotencyEntry entry) => new()
    {
        PartitionKey = IdempotencyPartitionKey(entry.KeyHash),
        RowKey = StorageNames.IdempotencyRowKey,
        KeyHash = entry.KeyHash,
        RequestHash = entry.RequestHash,
        OrderNumber = entry.OrderNumber,
        CreatedAt = entry.CreatedAt,
    };

    public static IdempotencyEntry ToEntry(IdempotencyEntity entity)
        => new(entity.KeyHash, entity.RequestHash, entity.OrderNumber, entity.CreatedAt);

    /// <summary>Order numbers are <c>[A-Za-z0-9_-]{1,50}</c> (<see cref="Payments.Core.Oceanpayment.Signing.FieldShapes.IsOrderNumber"/>), which is always a valid key.</summary>
    public static string PartitionKeyOf(string orderNumber)
    {
        if (!Payments.Core.Oceanpayment.Signing.FieldShapes.IsOrderNumber(orderNumber))
        {
            throw new ArgumentException("The order number must be 1-50 letters, digits, '_' or '-'.", nameof(orderNumber));
        }

        return orderNumber;
    }

    public static string IdempotencyPartitionKey(string keyHash)
    {
        if (keyHash is not { Length: >= 1 and <= 128 } || !keyHash.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("The idempotency key hash must be 1-128 letters or digits (hex).", nameof(keyHash));
        }

        return StorageNames.IdempotencyPartitionPrefix + keyHash;
    }

    /// <summary><c>&lt;kind&gt;|&lt;id&gt;</c>, with the characters keys may not hold percent-escaped.</summary>
    public static string RecordRowKey(string kind, string id)
    {
        if (kind is not { Length: >= 1 and <= 32 } || !kind.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException("A record kind must be 1-32 lowercase letters.", nameof(kind));
        }

        if (string.IsNullOrEmpty(id) || id.Length > 400)
        {
            throw new ArgumentException("A record id must be 1-400 characters.", nameof(id));
        }

        return kind + StorageNames.RecordSeparator + EscapeKey(id);
    }

    /// <summary>The first and last possible row keys of one kind of record: <c>kind|</c> .. <c>kind}</c>.</summary>
    public static (string From, string To) RecordRange(string kind)
    {
        _ = RecordRowKey(kind, "x");
        return (kind + StorageNames.RecordSeparator, kind + (char)(StorageNames.RecordSeparator + 1));
    }

    // Table keys may not contain '/', '\', '#', '?' or control characters; '%' is escaped so the mapping is one-to-one.
    private static string EscapeKey(string id)
    {
        if (!id.Any(NeedsEscape))
        {
            return id;
        }

        var builder = new StringBuilder(id.Length + 16);
        foreach (var c in id)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);

    private static byte[]? NotesToBytes(IReadOnlyDictionary<string, string> notes)
        => notes.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(notes, MetadataJson);

    private static IReadOnlyDictionary<string, string> NotesFromBytes(byte[]? stored, string column)
        => stored is not { Length: > 0 }
            ? ReadOnlyDictionary<string, string>.Empty
            : JsonSerializer.Deserialize<Dictionary<string, string>>(stored, MetadataJson) ?? throw new InvalidDataException($"The stored payment has no {column} object.");

    private static T ParseEnum<T>(string value, string column)
        where T : struct, Enum
        => Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidDataException($"The stored payment has an unknown {column}.");
}
