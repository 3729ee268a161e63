using Azure.Data.Tables;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Payments;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// Brings payments written before the list index existed into it. A step reads the next payment rows in
/// partition-key (order number) order after <c>after</c> and adds the index rows of those not yet listed;
/// a payment already listed is left as the projector keeps it (an older state never replaces a newer one).
/// Steps can be repeated and interleaved with live traffic; the whole table is scanned once, so it is run
/// once after an upgrade, not on a schedule.
/// </summary>
public sealed class ListIndexBackfill(PaymentsTable table, TablePaymentIndex index)
{
    /// <summary>Payments per step: a step of 100 spread over 100 days is 100 small batches, well inside the API budget.</summary>
    public const int DefaultStepSize = 100;

    /// <summary>Whether <paramref name="after"/> can start a step: absent (from the start) or an order number, as <c>next</c> is.</summary>
    public static bool IsPosition(string? after) => after is null || FieldShapes.IsOrderNumber(after);

    /// <summary>
    /// The step after <paramref name="after"/> (an order number, or null from the start), at most
    /// <paramref name="stepSize"/> payments. Throws <see cref="ArgumentException"/> when <paramref name="after"/> is not an order number.
    /// </summary>
    public async Task<BackfillStep> StepAsync(string? after, int stepSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepSize, 1000);
        if (!IsPosition(after))
        {
            throw new ArgumentException("The position must be an order number: 1-50 letters, digits, '_' or '-'.", nameof(after));
        }

        var client = await table.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"RowKey eq {StorageNames.PaymentRowKey}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {after} and RowKey eq {StorageNames.PaymentRowKey}");

        // The service may answer a scan with empty pages and a continuation; the enumerator follows them.
        var payments = new List<PaymentData>(stepSize);
        await foreach (var row in client.QueryAsync<PaymentEntity>(filter, maxPerPage: stepSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            payments.Add(EntityMapper.ToPayment(row));
            if (payments.Count == stepSize)
            {
                break;
            }
        }

        await index.AddNewAsync(payments, cancellationToken).ConfigureAwait(false);
        var last = payments.Count > 0 ? payments[^1].OrderNumber : after;
        return new BackfillStep(payments.Count, payments.Count == stepSize ? last : null);
    }
}

/// <summary>One backfill step: how many payments it read, and where the next step starts (null: the scan is complete).</summary>
public sealed record BackfillStep(int Read, string? Next);
