using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The list index: one row per payment in partitions by creation day (sharded), kept up to date by the
/// change projector, so that a list reads a few partitions, never the whole table. It trails the
/// payment by the projector's delay (normally about a second).
/// </summary>
public interface IPaymentIndex
{
    /// <summary>Brings the payment's index rows to its state; older states never overwrite newer ones.</summary>
    Task ProjectAsync(PaymentData payment, CancellationToken cancellationToken);

    /// <summary>Newest first. Null when <see cref="PaymentListQuery.After"/> is not a cursor this index gave.</summary>
    Task<PaymentListPage?> ListAsync(PaymentListQuery query, CancellationToken cancellationToken);

    /// <summary>How many payments created on <paramref name="day"/> (UTC) are in each status.</summary>
    Task<IReadOnlyDictionary<PaymentStatus, int>> CountAsync(DateOnly day, CancellationToken cancellationToken);
}

/// <summary>A list request, already validated: created within [<see cref="CreatedFrom"/>, <see cref="CreatedTo"/>].</summary>
public sealed record PaymentListQuery(
    PaymentStatus? Status,
    PaymentMethod? Method,
    DateTimeOffset CreatedFrom,
    DateTimeOffset CreatedTo,
    int Limit,
    string? After);

/// <summary>What a list shows of a payment.</summary>
public sealed record PaymentSummary(
    string PaymentId,
    string OrderNumber,
    string Status,
    string Method,
    long Amount,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A page of a list, in the API's one paging convention (<c>{"data", "next", "hasMore"}</c>): <see cref="Next"/>
/// is the cursor to pass as <c>after</c> for the next page, null on the last.
/// </summary>
public sealed record PaymentListPage(IReadOnlyList<PaymentSummary> Data, string? Next)
{
    public bool HasMore => Next is not null;
}
