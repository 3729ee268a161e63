using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Reconciles one payment that is not final by asking the gateway (<c>check/normal</c>) and
/// applying the answer through the same path as notices. "Still pending" schedules the next check
/// instead of failing the message; at the horizon the payment goes to review.
/// </summary>
public sealed partial class ReconcileHandler(
    IPaymentStore store,
    IOceanpaymentClient gateway,
    ISecureCodeSource secureCodes,
    ResultApplier applier,
    IReconcileScheduler scheduler,
    ReconcilePolicy policy,
    PaymentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<ReconcileHandler> logger)
{
    public async Task<ReconcileOutcome> HandleAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, request.OrderNumber, ("Attempt", request.Attempt));
        var stored = await store.FindAsync(request.OrderNumber, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ReconcileOutcome.NothingToDo;
        }

        if (!PaymentStateMachine.IsOpen(stored.Data.Status))
        {
            return ReconcileOutcome.NothingToDo;
        }

        var now = clock.GetUtcNow();
        var sentAt = stored.Data.SentAt ?? stored.Data.CreatedAt;
        if (now - sentAt >= policy.Horizon)
        {
            return await GiveUpAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        var secureCode = await secureCodes.FindAsync(new TerminalKey(stored.Data.Account, stored.Data.Terminal), refresh: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No secure code is configured for terminal {stored.Data.Terminal}.");
        var form = GatewayRequests.Query(stored.Data.Account, stored.Data.Terminal, [stored.Data.OrderNumber], secureCode);
        telemetry.ReconcileAttempts.Add(1);
        var call = await gateway.QueryAsync(form, cancellationToken).ConfigureAwait(false);
        var answer = call.Answered ? QueryAnswer.Parse(call.Body!) : default;
        if (!call.Answered || !answer.Succeeded)
        {
            LogQueryFailed(call.Failure ?? answer.Error ?? "unknown");
            return await ScheduleNextAsync(request, "query-failed", cancellationToken).ConfigureAwait(false);
        }

        var info = answer.Value.Pick(stored.Data.OrderNumber, stored.Data.GatewayPaymentId);
        // A block without a payment id is the gateway saying it has no such order, not a failed payment.
        if (info is null || info.PaymentId.Length == 0)
        {
            return await NotFoundAsync(request, stored, now - sentAt, cancellationToken).ConfigureAwait(false);
        }

        var facts = GatewayFacts.From(info, stored.Data.Account, stored.Data.Terminal);
        var applied = await applier.ApplyAsync(facts, PaymentRecords.Event("query", now, ("results", info.RawResults), ("details", info.Details.Code)), cancellationToken).ConfigureAwait(false);
        if (applied.Payment is { } payment && PaymentStateMachine.IsOpen(payment.Status))
        {
            return await ScheduleNextAsync(request, "still-open", cancellationToken).ConfigureAwait(false);
        }

        return ReconcileOutcome.Settled;
    }

    private async Task<ReconcileOutcome> NotFoundAsync(ReconcileRequest request, StoredPayment stored, TimeSpan sinceSent, CancellationToken cancellationToken)
    {
        if (stored.Data.Status != PaymentStatus.Processing || sinceSent < policy.NotFoundGracePeriod)
        {
            return await ScheduleNextAsync(request, "not-found-yet", cancellationToken).ConfigureAwait(false);
        }

        var payment = new Payment(stored.Data);
        var now = clock.GetUtcNow();
        payment.MarkNotFoundAtGateway(now);
        var saved = await store.SaveAsync(payment.Data, stored.Version, [PaymentRecords.Event("not-found", now)], cancellationToken).ConfigureAwait(false);
        if (saved != SaveOutcome.Saved)
        {
            // Something else changed it: look again on the next check.
            return await ScheduleNextAsync(request, "changed", cancellationToken).ConfigureAwait(false);
        }

        telemetry.PaymentsFailed.Add(1);
        LogNotFound();
        return ReconcileOutcome.Settled;
    }

    private async Task<ReconcileOutcome> GiveUpAsync(StoredPayment stored, CancellationToken cancellationToken)
    {
        var payment = new Payment(stored.Data);
        var now = clock.GetUtcNow();
        var transition = payment.MarkForReview("No final result from the gateway by the reconciliation horizon.", now);
        if (transition.Kind != TransitionKind.SentToReview)
        {
            return ReconcileOutcome.NothingToDo;
        }

        var saved = await store.SaveAsync(payment.Data, stored.Version, [PaymentRecords.Event("horizon", now)], cancellationToken).ConfigureAwait(false);
        if (saved != SaveOutcome.Saved)
        {
            return ReconcileOutcome.Rescheduled;
        }

        telemetry.ReconcileGiveUps.Add(1);
        telemetry.PaymentsInReview.Add(1);
        LogGaveUp(stored.Data.PaymentId, stored.Data.OrderNumber, policy.Horizon);
        return ReconcileOutcome.GaveUp;
    }

    private async Task<ReconcileOutcome> ScheduleNextAsync(ReconcileRequest request, string reason, CancellationToken cancellationToken)
    {
        var next = request with { Attempt = request.Attempt + 1, Reason = reason };
        await scheduler.ScheduleAsync(next, policy.DelayFor(next.Attempt), cancellationToken).ConfigureAwait(false);
        return ReconcileOutcome.Rescheduled;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status query failed: {Reason}; will try again")]
    private partial void LogQueryFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway has no record of the payment after the grace period: failed, not charged")]
    private partial void LogNotFound();

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Reconciliation gave up on payment {PaymentId} (order {OrderNumber}) after {Horizon}: sent to review")]
    private partial void LogGaveUp(string paymentId, string orderNumber, TimeSpan horizon);
}

public enum ReconcileOutcome
{
    NothingToDo,
    Settled,
    Rescheduled,
    GaveUp,
}
