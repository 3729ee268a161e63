namespace Payments.Infrastructure.Storage;

/// <summary>
/// A merchant event in its payment's partition (RowKey <c>merchantevent|&lt;sequence, 12 digits&gt;</c>),
/// added in the batch of the change it tells. It is a record too (the timeline shows it); the body and
/// the publish flag are its own.
/// </summary>
internal sealed class MerchantEventEntity : RecordEntity
{
    public long Sequence { get; set; }

    public string Type { get; set; } = string.Empty;

    /// <summary>The exact JSON sent to webhooks and shown by the feed, in UTF-8 (binary: it may exceed a string column).</summary>
    public byte[] Body { get; set; } = [];

    /// <summary>True once the projector put it in the feed and handed it to webhook delivery.</summary>
    public bool Published { get; set; }
}
