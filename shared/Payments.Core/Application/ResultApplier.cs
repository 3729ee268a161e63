using Microsoft.Extensions.Logging;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The one path by which a verified gateway result changes a payment: read, decide through the
/// transition table, write the payment and the result's record in one conditional batch, and on a
/// version conflict read again and decide again.
/// </summary>
public sealed partial class ResultApplier(
    IPaymentStore store,
    PaymentWriter writer,
    StatusChecks checks,
    PaymentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<ResultApplier> logger)
{
    private const int MaxConflictRetries = 8;

    /// <param name="facts">The verified result.</param>
    /// <param name="record">The record of the message that carried it, written in the same batch.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="read">The payment as the caller just read it, used instead of a first read.</param>
    /// <param name="nextCheckIn">Only for a running status check (source <c>Query</c>): when the
    /// payment still awaits a check after this result, its next check, booked in the same batch.</param>
    public async Task<ApplyResult> ApplyAsync(GatewayFacts facts, PaymentRecord? record, CancellationToken cancellationToken, StoredPayment? read = null, TimeSpan? nextCheckIn = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        using var scope = PaymentLogScope.Begin(logger, facts.OrderNumber);
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var stored = attempt == 0 && read is not null && read.Data.OrderNumber == facts.OrderNumber
                ? read
                : await store.FindAsync(facts.OrderNumber, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            if (stored is null)
            {
                var orphan = new List<PaymentRecord>();
                if (record is not null)
                {
                    orphan.Add(record);
                }

                orphan.Add(PaymentRecords.Event("unknown-payment", now, ("source", facts.Source.ToString()), ("outcome", facts.Outcome.ToString())));
                var written = await store.AddRecordsAsync(facts.OrderNumber, orphan, cancellationToken).ConfigureAwait(false);
                LogUnknownPayment(facts.Source);
                return new ApplyResult(written == SaveOutcome.DuplicateRecord ? ApplyStatus.Duplicate : ApplyStatus.UnknownPayment, null, null);
            }

            var payment = new Payment(stored.Data);
            var transition = payment.Apply(facts, now);
            var check = BookCheck(payment, transition, facts.Source, now, nextCheckIn);
            var records = new List<PaymentRecord>(2);
            if (record is not null)
            {
                records.Add(record);
            }

            records.Add(PaymentRecords.TransitionEvent(transition, facts, now));
            var outcome = await writer.SaveAsync(payment.Data, stored.Version, records, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case SaveOutcome.DuplicateRecord:
                    return new ApplyResult(ApplyStatus.Duplicate, null, stored.Data);
                case SaveOutcome.VersionConflict:
                    continue;
            }

            AfterTransition(transition, payment.Data, facts);
            if (check is { } delay && facts.Source != Oceanpayment.Results.ResultSource.Query)
            {
                await checks.QueueBookedAsync(payment.Data, 0, transition.Kind.ToString(), delay, cancellationToken).ConfigureAwait(false);
            }

            return new ApplyResult(ApplyStatus.Recorded, transition, payment.Data);
        }

        throw new InvalidOperationException($"Order {facts.OrderNumber} kept changing under {MaxConflictRetries} attempts to apply a result.");
    }

    // Anything still awaiting a check after a change, or a result that says "ask again", gets one
    // booked in the same batch (coalesced with a booking ahead). The confirm path books its own first
    // check before it calls the gateway, and a running check books its successor (nextCheckIn).
    private TimeSpan? BookCheck(Payment payment, Transition transition, Oceanpayment.Results.ResultSource source, DateTimeOffset now, TimeSpan? nextCheckIn)
    {
        if (source == Oceanpayment.Results.ResultSource.Query)
        {
            if (nextCheckIn is { } next && payment.AwaitsStatusCheck)
            {
                payment.RebookCheck(now + next);
                return next;
            }

            return null;
        }

        return source != Oceanpayment.Results.ResultSource.PaymentAnswer
            && (transition.Kind == TransitionKind.NeedsQuery || (transition.Changed && payment.AwaitsStatusCheck))
            ? checks.Book(payment, now)
            : null;
    }

    private void AfterTransition(Transition transition, PaymentData payment, GatewayFacts facts)
    {
        LogTransition(transition.Kind, transition.From, transition.To, facts.Source, facts.Details.Code);
        if (!transition.Changed)
        {
            return;
        }

        switch (transition.To)
        {
            case PaymentStatus.Succeeded:
                telemetry.PaymentsSucceeded.Add(1);
                if (transition.From == PaymentStatus.Failed)
                {
                    LogSuccessAfterFailure();
                }

                break;
            case PaymentStatus.Failed:
                telemetry.PaymentsFailed.Add(1);
                break;
            case PaymentStatus.Review:
                telemetry.PaymentsInReview.Add(1);
                LogReview(payment.ReviewReason);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Result {Kind}: {From} -> {To} (source {Source}, details {DetailsCode})")]
    private partial void LogTransition(TransitionKind kind, PaymentStatus from, PaymentStatus to, Oceanpayment.Results.ResultSource source, string detailsCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A verified result from {Source} names an order this app does not know; kept aside")]
    private partial void LogUnknownPayment(Oceanpayment.Results.ResultSource source);

    [LoggerMessage(Level = LogLevel.Error, Message = "A payment recorded as failed has succeeded at the gateway: money was taken")]
    private partial void LogSuccessAfterFailure();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment sent to review: {Reason}")]
    private partial void LogReview(string reason);
}
