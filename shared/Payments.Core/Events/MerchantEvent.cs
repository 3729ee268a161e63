namespace Payments.Core.Events;

/// <summary>
/// One change told to the merchant's systems (webhook and events feed). <paramref name="Body"/> holds
/// the exact UTF-8 JSON <c>{"id","type","createdAt","data"}</c> frozen when the transition was written,
/// so every delivery and every redelivery sends (and signs) the same bytes.
/// </summary>
/// <param name="Id">See <see cref="EventIds"/>; also the <c>webhook-id</c>.</param>
/// <param name="OrderNumber">The payment's order number (its storage partition).</param>
/// <param name="Sequence">The payment's change sequence number this event was written at.</param>
/// <param name="Type">One of <see cref="MerchantEventTypes"/>.</param>
/// <param name="CreatedAt">When the transition was written.</param>
/// <param name="Body">The JSON body.</param>
public sealed record MerchantEvent(string Id, string OrderNumber, long Sequence, string Type, DateTimeOffset CreatedAt, ReadOnlyMemory<byte> Body);
