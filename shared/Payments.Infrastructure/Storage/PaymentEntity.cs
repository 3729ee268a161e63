using Azure;
using Azure.Data.Tables;

namespace Payments.Infrastructure.Storage;

/// <summary>The payment row (RowKey <c>payment</c>) in its order's partition. Flat columns; lists as JSON.</summary>
internal sealed class PaymentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = StorageNames.PaymentRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string PaymentId { get; set; } = string.Empty;

    public string Account { get; set; } = string.Empty;

    public string Terminal { get; set; } = string.Empty;

    public string RoutedBy { get; set; } = string.Empty;

    public string Method { get; set; } = string.Empty;

    public long AmountMinor { get; set; }

    public string Currency { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string BillingFirstName { get; set; } = string.Empty;

    public string BillingLastName { get; set; } = string.Empty;

    public string BillingEmail { get; set; } = string.Empty;

    public string BillingPhone { get; set; } = string.Empty;

    public string BillingCountry { get; set; } = string.Empty;

    public string BillingState { get; set; } = string.Empty;

    public string BillingCity { get; set; } = string.Empty;

    public string BillingAddress { get; set; } = string.Empty;

    public string BillingZip { get; set; } = string.Empty;

    public string BillingIp { get; set; } = string.Empty;

    public string ProductsJson { get; set; } = "[]";

    public string OrderNotes { get; set; } = string.Empty;

    /// <summary>Null when there is no metadata; else a JSON object of strings in UTF-8 (binary: see <see cref="EntityMapper"/>).</summary>
    public byte[]? MetadataJson { get; set; }

    /// <summary>The merchant's private notes, stored like <see cref="MetadataJson"/>.</summary>
    public byte[]? PrivateMetadataJson { get; set; }

    public string CaptureMode { get; set; } = string.Empty;

    public string ReturnUrl { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    public string RequestHash { get; set; } = string.Empty;

    public string GatewayPaymentId { get; set; } = string.Empty;

    public string MaskedCard { get; set; } = string.Empty;

    public string FailureCode { get; set; } = string.Empty;

    public string FailureMessage { get; set; } = string.Empty;

    /// <summary>Empty when there is no next action.</summary>
    public string NextActionJson { get; set; } = string.Empty;

    public string ReviewReason { get; set; } = string.Empty;

    public bool OutcomeUnknown { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? NextCheckAt { get; set; }

    public DateTimeOffset? LastQueriedAt { get; set; }

    /// <summary>Null: the whole amount was captured.</summary>
    public long? CapturedMinor { get; set; }

    public long RefundsReservedMinor { get; set; }

    public long RefundedMinor { get; set; }

    public int OpenRefunds { get; set; }

    /// <summary>The payment's disputes, a JSON array (empty when none). At most
    /// <see cref="Payments.Core.Payments.PaymentStateMachine.MaxDisputes"/> of at most
    /// <see cref="Payments.Core.Payments.DisputeData.MaxNoticeIds"/> ids and a 500-character reason each: well
    /// under the 32K characters a string property holds.</summary>
    public string DisputesJson { get; set; } = string.Empty;

    /// <summary>How many attempts the payment allows; null on rows written before attempts existed (one).</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>The current attempt, from 1; null on rows written before attempts existed (the first).</summary>
    public int? Attempt { get; set; }

    /// <summary>The earlier attempts as a JSON array (<c>AttemptData</c>), or empty when there are none.</summary>
    public string PastAttemptsJson { get; set; } = string.Empty;

    /// <summary>Rows written when a payment had one dispute at most: that dispute as a JSON object. Read
    /// only when <see cref="DisputesJson"/> is empty; written empty.</summary>
    public string DisputeJson { get; set; } = string.Empty;

    /// <summary>Empty when there are no flags; else a comma list of notice types.</summary>
    public string Flags { get; set; } = string.Empty;

    /// <summary>Null on rows written before changes were counted: their state counts as announced.</summary>
    public long? ChangeSequence { get; set; }

    public string AnnouncedStatus { get; set; } = string.Empty;

    /// <summary>Rows written with <see cref="DisputeJson"/>: the status last told of that dispute (empty when
    /// none). Each dispute of <see cref="DisputesJson"/> carries its own; written empty.</summary>
    public string AnnouncedDispute { get; set; } = string.Empty;
}
