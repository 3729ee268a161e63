using Microsoft.Extensions.Logging;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// How a verified gateway result changes a payment: decided through the transition table and written,
/// with the result's record, by <see cref="PaymentWriter"/> (read, decide, write, and on a version
/// conflict read and decide again). Every source of results (answer, notice, return, query) comes here.
/// </summary>
public sealed partial class ResultApplier(
    IPaymentStore store,
    PaymentWriter writer,
    RefundHandler refunds,
    PaymentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<ResultApplier> logger)
{
    /// <param name="facts">The verified result.</param>
    /// <param name="record">The record of the message that carried it, written in the same batch.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="read">The payment as the caller just read it, used instead of a first read.</param>
    /// <param name="next">Only for a running status check (source <c>Query</c>): when the payment still
    /// awaits a check after this result, its next check (booked in the same batch, its index row moved past
    /// it, and queued); otherwise the index row is removed.</param>
    public async Task<ApplyResult> ApplyAsync(GatewayFacts facts, PaymentRecord? record, CancellationToken cancellationToken, StoredPayment? read = null, ReconcileRequest? next = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        using var scope = PaymentLogScope.Begin(logger, facts.OrderNumber);
        IReadOnlyList<RefundData> automatic = [];
        // A later attempt's order number leads to its payment (PaymentAttempts).
        var written = await writer.ChangeAsync(
            PaymentAttempts.PaymentOrderOf(facts.OrderNumber),
            change =>
            {
                var transition = change.Payment.Apply(facts, change.Now, change.FirstCheckAt);
                BookCheck(change, transition, facts.Source, next);
                automatic = change.BookAutomaticRefunds();
                if (record is not null)
                {
                    change.Record(record);
                }

                change.Record(new TransitionRecord(transition.Kind.ToString(), transition.From.ToString(), transition.To.ToString(), facts.Source.ToString(), facts.Outcome.ToString(), facts.Details.Code, facts.GatewayPaymentId, transition.Reason));
                return transition;
            },
            cancellationToken,
            read).ConfigureAwait(false);
        switch (written.Status)
        {
            case WriteStatus.Missing:
                return await KeepAsideAsync(facts, record, cancellationToken).ConfigureAwait(false);
            case WriteStatus.Duplicate:
                return new ApplyResult(ApplyStatus.Duplicate, null, written.Payment);
        }

        AfterTransition(written.Decision!, written.Payment!, facts);
        if (written.Written)
        {
            foreach (var refund in automatic)
            {
                LogLateCharge(refund.ChargeAttempt, refund.RefundId);
                await refunds.SendAutomaticAsync(written.Payment!, refund, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ApplyResult(ApplyStatus.Recorded, written.Decision, written.Payment);
    }

    // A verified result for an order this app does not know: its records are kept in the order's partition.
    private async Task<ApplyResult> KeepAsideAsync(GatewayFacts facts, PaymentRecord? record, CancellationToken cancellationToken)
    {
        var orphan = new List<PaymentRecord>();
        if (record is not null)
        {
            orphan.Add(record);
        }

        orphan.Add(new UnknownPaymentRecord(facts.Source.ToString(), facts.Outcome.ToString()).ToRecord(clock.GetUtcNow()));
        var written = await store.AddRecordsAsync(facts.OrderNumber, orphan, cancellationToken).ConfigureAwait(false);
        LogUnknownPayment(facts.Source);
        return new ApplyResult(written == SaveOutcome.DuplicateRecord ? ApplyStatus.Duplicate : ApplyStatus.UnknownPayment, null, null);
    }

    // Anything still awaiting a check after a change, or a result that says "ask again", gets one
    // booked in the same batch (coalesced with a booking ahead). The confirm path books its own first
    // check before it calls the gateway, and a running check books its successor (next).
    private static void BookCheck(PaymentChange change, Transition transition, Oceanpayment.Results.ResultSource source, ReconcileRequest? next)
    {
        var payment = change.Payment;
        if (source == Oceanpayment.Results.ResultSource.Query)
        {
            if (next is null)
            {
                return;
            }

            if (payment.AwaitsStatusCheck)
            {
                change.BookNext(next);
            }
            else
            {
                change.CloseIndex();
            }

            return;
        }

        if (source != Oceanpayment.Results.ResultSource.PaymentAnswer
            && (transition.Kind == TransitionKind.NeedsQuery || (transition.Changed && payment.AwaitsStatusCheck)))
        {
            change.BookFirstCheck(transition.Kind.ToString());
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} took money after the payment had moved on: refund {RefundId} gives it back")]
    private partial void LogLateCharge(int attempt, string refundId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A verified result from {Source} names an order this app does not know; kept aside")]
    private partial void LogUnknownPayment(Oceanpayment.Results.ResultSource source);

    [LoggerMessage(Level = LogLevel.Error, Message = "A payment recorded as failed has succeeded at the gateway: money was taken")]
    private partial void LogSuccessAfterFailure();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment sent to review: {Reason}")]
    private partial void LogReview(string reason);
}
