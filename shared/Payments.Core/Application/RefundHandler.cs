using Microsoft.Extensions.Logging;
using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Refunds: reserve the amount on the payment (its version decides between concurrent requests), ask
/// the gateway once (<c>applyRefund</c>, F9), and settle from <c>queryRefund</c> (F10). A refund notice
/// only makes a check run now: it is unsigned where it names the refund, so the query proves it. A
/// request whose answer was lost is never sent again: its refund notice names it, the query proves it,
/// and without either a person looks at the horizon.
/// </summary>
public sealed partial class RefundHandler(
    IPaymentStore store,
    PaymentWriter writer,
    IOceanpaymentClient gateway,
    ISecureCodeSource secureCodes,
    IReconcileScheduler scheduler,
    ReconcilePolicy policy,
    PaymentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<RefundHandler> logger)
{
    // Refunds of one payment contend on its version (reservations, answers, checks, notices): a loser
    // reads again after a short random pause, so a burst of concurrent refunds all get their answer.
    private const int MaxConflictRetries = 32;

    /// <summary>The longest refund reason (sent as <c>refund_description</c>).</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Reserves and requests a refund. <paramref name="operatorName"/>, when an operator asked for it, is kept
    /// in the refund's audit record (not in the request hash: a retry by another operator replays it).
    /// </summary>
    public async Task<RefundResult> CreateAsync(string orderNumber, long? amountMinor, string reason, string? idempotencyKey, CancellationToken cancellationToken, string? operatorName = null)
    {
        ArgumentNullException.ThrowIfNull(reason);
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var refundId = RefundRecords.NewId(orderNumber, idempotencyKey);
        var requestHash = RefundRecords.RequestHash(amountMinor, reason);
        RefundData? refund = null;
        PaymentData? payment = null;
        for (var attempt = 0; attempt < MaxConflictRetries && refund is null; attempt++)
        {
            var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return new RefundResult(RefundResultStatus.NotFound, null, null);
            }

            var aggregate = new Payment(stored.Data);
            var now = clock.GetUtcNow();
            var reservation = aggregate.ReserveRefund(amountMinor, now, out var amount);
            if (reservation != RefundReservation.Reserved)
            {
                // A retry of a refund that was made answers with it, even once nothing is left to refund.
                var replay = idempotencyKey is null ? null : await ReplayAsync(orderNumber, refundId, requestHash, stored.Data, cancellationToken).ConfigureAwait(false);
                return replay ?? new RefundResult(reservation == RefundReservation.NotRefundable ? RefundResultStatus.NotRefundable : RefundResultStatus.ExceedsRefundable, null, stored.Data);
            }

            var money = new Money(amount, stored.Data.Amount.Currency);
            if (!money.TryFormatForRefund(out _, out var formatError))
            {
                return new RefundResult(RefundResultStatus.InvalidAmount, null, stored.Data) { Error = formatError };
            }

            var delay = policy.DelayFor(0);
            var candidate = new RefundData
            {
                RefundId = refundId,
                Amount = money,
                Reason = reason,
                Status = RefundStatus.Pending,
                // Until the gateway answers, the refund may or may not exist there.
                AnswerLost = true,
                CreatedAt = now,
                UpdatedAt = now,
                NextCheckAt = now + delay,
                RequestHash = requestHash,
            };

            // The index row first: if anything stops between here and the queued check, the sweep finds the refund.
            await store.UpsertOpenIndexAsync(OpenPaymentEntry.For(aggregate.Data, 0, policy.SweepDueAt(now, delay)), cancellationToken).ConfigureAwait(false);
            var saved = await writer.SaveAsync(
                aggregate.Data,
                stored.Version,
                [RefundRecords.ToRecord(candidate), PaymentRecords.Event("refund-requested", now, [("refundId", refundId), ("amount", money.ToString()), ("reason", reason), .. PaymentRecords.By(operatorName)])],
                [],
                cancellationToken).ConfigureAwait(false);
            switch (saved)
            {
                case SaveOutcome.Saved:
                    refund = candidate;
                    payment = aggregate.Data;
                    break;
                case SaveOutcome.DuplicateRecord:
                    // The same Idempotency-Key made this refund before (or is making it now).
                    return await ReplayAsync(orderNumber, refundId, requestHash, stored.Data, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"Refund {refundId} exists and cannot be read.");
                default:
                    await PauseAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (refund is null || payment is null)
        {
            throw new InvalidOperationException($"Order {orderNumber} kept changing under {MaxConflictRetries} attempts to reserve a refund.");
        }

        // The first check is queued before the gateway is called, so a crash or a cancelled request
        // during the call still has a check coming; the answer then books nothing of its own.
        await scheduler.ScheduleAsync(new ReconcileRequest(orderNumber, 0, "refund-requested") { DueAt = refund.NextCheckAt, RefundId = refund.RefundId }, Until(refund.NextCheckAt, clock.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
        telemetry.RefundsRequested.Add(1);
        var settled = await SendAsync(payment, refund, cancellationToken).ConfigureAwait(false);
        return new RefundResult(RefundResultStatus.Created, settled.Refund, settled.Payment);
    }

    /// <summary>True when the order has a payment (one point read).</summary>
    public async Task<bool> ExistsAsync(string orderNumber, CancellationToken cancellationToken)
        => await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The refunds of a payment, newest first.</summary>
    public async Task<IReadOnlyList<RefundData>> ListAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var records = await store.ListRecordsAsync(orderNumber, RefundRecords.Kind, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(RefundRecords.FromRecord).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RefundId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A queued check of one refund (<see cref="ReconcileRequest.RefundId"/>): one at a time per refund
    /// (a superseded booking is dropped), a refund query, then settle, or book the next check with
    /// backoff, or at the horizon flag it for a person.
    /// </summary>
    public async Task<ReconcileOutcome> CheckAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = PaymentLogScope.Begin(logger, request.OrderNumber, ("RefundId", request.RefundId ?? string.Empty), ("Attempt", request.Attempt));
        var loaded = await LoadAsync(request.OrderNumber, request.RefundId!, cancellationToken).ConfigureAwait(false);
        if (loaded is not { } found || found.Refund.Status != RefundStatus.Pending || found.Refund.NeedsReview)
        {
            return ReconcileOutcome.NothingToDo;
        }

        var (stored, refund) = found;
        var now = clock.GetUtcNow();
        if (Payment.IsStale(request.DueAt, refund.NextCheckAt, now))
        {
            return ReconcileOutcome.NothingToDo;
        }

        var gatewayRefundId = refund.GatewayRefundId.Length > 0 ? refund.GatewayRefundId : refund.NoticedGatewayRefundId;
        // A refund the gateway never named (its answer was lost and no notice came) cannot be queried:
        // it waits for the notice, and goes to a person sooner than one the gateway took.
        var horizon = gatewayRefundId.Length > 0 ? policy.RefundHorizon : policy.Horizon;
        if (now - refund.CreatedAt >= horizon)
        {
            return await GiveUpAsync(stored, refund, cancellationToken).ConfigureAwait(false);
        }

        if (gatewayRefundId.Length == 0)
        {
            return await RescheduleAsync(stored, refund, request.Attempt + 1, "awaiting-gateway-id", null, cancellationToken).ConfigureAwait(false);
        }

        var info = await QueryAsync(stored.Data, gatewayRefundId, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return await RescheduleAsync(stored, refund, request.Attempt + 1, "query-failed", null, cancellationToken).ConfigureAwait(false);
        }

        if (!Describes(info, stored.Data, refund, gatewayRefundId))
        {
            // A notice named an id that is not this refund's (unsigned, so possibly forged): forget it.
            LogMismatch(gatewayRefundId);
            var cleared = refund.GatewayRefundId.Length == 0 ? refund with { NoticedGatewayRefundId = string.Empty } : refund;
            return await RescheduleAsync(stored, cleared, request.Attempt + 1, "query-mismatch", null, cancellationToken).ConfigureAwait(false);
        }

        var named = refund with { GatewayRefundId = gatewayRefundId, AnswerLost = false };
        if (info.Status == RefundStatus.Pending)
        {
            return await RescheduleAsync(stored, named, request.Attempt + 1, "still-pending", info, cancellationToken).ConfigureAwait(false);
        }

        return await SettleAsync(stored, named, info.Status, info.RawStatus, info.Details, "query", cancellationToken).ConfigureAwait(false) is null
            ? ReconcileOutcome.NothingToDo
            : ReconcileOutcome.Settled;
    }

    /// <summary>
    /// The sweep's safety net for a payment with open refunds: checks each pending refund now (a lost
    /// queue message, a crash before the enqueue). Keeps the payment's index row while any stays open.
    /// </summary>
    public async Task<ReconcileOutcome> SweepAsync(StoredPayment stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var refunds = await ListAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
        var open = refunds.Where(r => r.Status == RefundStatus.Pending && !r.NeedsReview).ToList();
        if (open.Count == 0)
        {
            await store.RemoveOpenIndexAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
            return ReconcileOutcome.NothingToDo;
        }

        var outcome = ReconcileOutcome.NothingToDo;
        foreach (var refund in open)
        {
            var checkedOutcome = await CheckAsync(new ReconcileRequest(stored.Data.OrderNumber, refund.CheckAttempt, "sweep") { RefundId = refund.RefundId }, cancellationToken).ConfigureAwait(false);
            outcome = checkedOutcome > outcome ? checkedOutcome : outcome;
        }

        return outcome;
    }

    /// <summary>
    /// A verified <c>refund</c> / <c>partialRefund</c> notice: finds the refund it names (by the
    /// gateway's id, or, for a refund whose answer was lost, the oldest such refund of the same amount)
    /// and books its check for now, in one batch with the notice's record. Null when the notice was
    /// recorded before; otherwise the refund whose check is due now, if any.
    /// </summary>
    public async Task<(SaveOutcome Outcome, RefundData? Due)> OnNoticeAsync(StoredPayment stored, BusinessNotice notice, PaymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(notice);
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var refunds = await ListAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var match = Match(refunds, notice, stored.Data.Amount.Currency);
            var due = match is { Status: RefundStatus.Pending }
                ? match with
                {
                    NoticedGatewayRefundId = match.GatewayRefundId.Length == 0 ? notice.Message["refund_id"] : match.NoticedGatewayRefundId,
                    NextCheckAt = now,
                    UpdatedAt = now,
                }
                : null;
            var payment = stored.Data with { UpdatedAt = now };
            var saved = await writer.SaveAsync(
                payment,
                stored.Version,
                [record, PaymentRecords.Event("refund-notice", now, ("refundId", match?.RefundId ?? string.Empty), ("pushStatus", notice.Message["push_status"]), ("matched", match is null ? "no" : "yes"))],
                due is null ? [] : [RefundRecords.ToRecord(due)],
                cancellationToken).ConfigureAwait(false);
            switch (saved)
            {
                case SaveOutcome.Saved:
                    if (match is null)
                    {
                        LogUnmatchedNotice();
                    }

                    if (due is not null)
                    {
                        await scheduler.ScheduleAsync(new ReconcileRequest(payment.OrderNumber, due.CheckAttempt, "refund-notice") { DueAt = now, RefundId = due.RefundId }, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                    }

                    return (SaveOutcome.Saved, due);
                case SaveOutcome.DuplicateRecord:
                    return (SaveOutcome.DuplicateRecord, null);
            }

            await PauseAsync(cancellationToken).ConfigureAwait(false);
            stored = await store.FindAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The payment disappeared.");
        }

        throw new InvalidOperationException($"Order {stored.Data.OrderNumber} kept changing under {MaxConflictRetries} attempts to record a refund notice.");
    }

    /// <summary>A verified <c>ARN</c> notice: attaches the acquirer reference to the refund it names.</summary>
    public async Task<SaveOutcome> OnArnAsync(StoredPayment stored, BusinessNotice notice, PaymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(notice);
        var gatewayRefundId = notice.Message["refund_id"];
        var arn = notice.Message["arn"];
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var refunds = await ListAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var refund = RefundShapes.IsRefundId(gatewayRefundId) && RefundShapes.IsArn(arn)
                ? refunds.FirstOrDefault(r => r.GatewayRefundId == gatewayRefundId)
                : null;
            var saved = await writer.SaveAsync(
                stored.Data with { UpdatedAt = now },
                stored.Version,
                [record, PaymentRecords.Event("refund-arn", now, ("refundId", refund?.RefundId ?? string.Empty), ("arn", refund is null ? string.Empty : arn))],
                refund is null ? [] : [RefundRecords.ToRecord(refund with { Arn = arn, UpdatedAt = now })],
                cancellationToken).ConfigureAwait(false);
            if (saved != SaveOutcome.VersionConflict)
            {
                return saved;
            }

            await PauseAsync(cancellationToken).ConfigureAwait(false);
            stored = await store.FindAsync(stored.Data.OrderNumber, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The payment disappeared.");
        }

        throw new InvalidOperationException($"Order {stored.Data.OrderNumber} kept changing under {MaxConflictRetries} attempts to record an ARN.");
    }

    private static RefundData? Match(IReadOnlyList<RefundData> refunds, BusinessNotice notice, Currency currency)
    {
        var gatewayRefundId = notice.Message["refund_id"];
        if (!RefundShapes.IsRefundId(gatewayRefundId))
        {
            return null;
        }

        var named = refunds.FirstOrDefault(r => r.GatewayRefundId == gatewayRefundId);
        if (named is not null)
        {
            return named;
        }

        // A refund whose answer was lost has no gateway id yet: the notice's amount picks the oldest one.
        if (!Money.TryParseDecimal(notice.Message["refund_amount"], currency, out var amount))
        {
            return null;
        }

        return refunds
            .Where(r => r.Status == RefundStatus.Pending && r.GatewayRefundId.Length == 0 && r.NoticedGatewayRefundId.Length == 0 && r.Amount == amount)
            .OrderBy(r => r.CreatedAt)
            .FirstOrDefault();
    }

    private static bool Describes(RefundInfo info, PaymentData payment, RefundData refund, string gatewayRefundId)
        => info.GatewayRefundId == gatewayRefundId
            && info.PaymentId == payment.GatewayPaymentId
            && info.OrderNumber == payment.OrderNumber
            && info.Amount == refund.Amount;

    private async Task<RefundInfo?> QueryAsync(PaymentData payment, string gatewayRefundId, CancellationToken cancellationToken)
    {
        var secureCode = await secureCodes.FindAsync(new TerminalKey(payment.Account, payment.Terminal), refresh: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No secure code is configured for terminal {payment.Terminal}.");
        var call = await gateway.RefundQueryAsync(GatewayRequests.RefundQuery(payment.Account, payment.Terminal, gatewayRefundId, secureCode), cancellationToken).ConfigureAwait(false);
        var answer = call.Answered ? RefundQueryAnswer.Parse(call.Body!) : null;
        if (answer?.Refund is null)
        {
            LogQueryFailed(call.Failure ?? (answer is null ? "unreadable answer" : "refused: " + answer.RefusalDetails));
            return null;
        }

        return answer.Refund;
    }

    // applyRefund, once. Accepted: the refund has its gateway id and a check is queued. Refused: it
    // failed and its amount is free again. Anything else: it may exist, so it waits for its notice
    // and checks, never a second request.
    private async Task<(PaymentData Payment, RefundData Refund)> SendAsync(PaymentData payment, RefundData refund, CancellationToken cancellationToken)
    {
        var secureCode = await secureCodes.FindAsync(new TerminalKey(payment.Account, payment.Terminal), refresh: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No secure code is configured for terminal {payment.Terminal}.");
        // Full only when this one refund takes everything captured; any other amount is a partial refund.
        var type = refund.Amount.MinorUnits == new Payment(payment).Captured.MinorUnits ? "1" : "2";
        var form = GatewayRequests.Refund(payment.Account, payment.Terminal, payment.GatewayPaymentId, type, refund.Amount, refund.Reason, secureCode);
        GatewayCall call;
        try
        {
            call = await gateway.RefundAsync(form, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            call = GatewayCall.Failed("timed out");
        }

        var answer = call.Answered ? RefundAnswer.Parse(call.Body!, payment.Account, payment.Terminal, payment.GatewayPaymentId) : null;
        var loaded = await LoadAsync(payment.OrderNumber, refund.RefundId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Refund {refund.RefundId} disappeared.");
        if (answer is null)
        {
            LogAnswerLost(call.Failure ?? "unreadable answer");
            return (loaded.Stored.Data, loaded.Refund);
        }

        if (!answer.IsAccepted)
        {
            var failed = await SettleAsync(loaded.Stored, loaded.Refund, RefundStatus.Failed, answer.Results, answer.Details, "refused", cancellationToken).ConfigureAwait(false);
            return failed ?? (loaded.Stored.Data, loaded.Refund);
        }

        return await UpdateAsync(loaded, answer, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(PaymentData Payment, RefundData Refund)> UpdateAsync(LoadedRefund loaded, RefundAnswer answer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var now = clock.GetUtcNow();
            var refund = loaded.Refund.Status == RefundStatus.Pending
                ? loaded.Refund with { GatewayRefundId = answer.GatewayRefundId, AnswerLost = false, GatewayCode = answer.Results, GatewayDetails = answer.Details, UpdatedAt = now }
                : loaded.Refund;
            var payment = loaded.Stored.Data with { UpdatedAt = now };
            var saved = await writer.SaveAsync(payment, loaded.Stored.Version, [PaymentRecords.Event("refund-accepted", now, ("refundId", refund.RefundId), ("gatewayRefundId", answer.GatewayRefundId))], [RefundRecords.ToRecord(refund)], cancellationToken)
                .ConfigureAwait(false);
            if (saved == SaveOutcome.Saved)
            {
                return (payment, refund);
            }

            await PauseAsync(cancellationToken).ConfigureAwait(false);
            loaded = await LoadAsync(payment.OrderNumber, refund.RefundId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Refund {refund.RefundId} disappeared.");
        }

        throw new InvalidOperationException($"Refund {loaded.Refund.RefundId} kept changing under {MaxConflictRetries} attempts to record its answer.");
    }

    /// <summary>Settles a refund through the transition table; null when it changed under us and was settled elsewhere.</summary>
    private async Task<(PaymentData Payment, RefundData Refund)?> SettleAsync(StoredPayment stored, RefundData refund, RefundStatus target, string code, string details, string source, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var now = clock.GetUtcNow();
            var aggregate = new Payment(stored.Data);
            var (transition, settled) = aggregate.SettleRefund(refund, target, code, details, now);
            if (!transition.Changed)
            {
                return null;
            }

            var saved = await writer.SaveAsync(
                aggregate.Data,
                stored.Version,
                [PaymentRecords.Event("refund-" + RefundView.StatusName(target), now, ("refundId", refund.RefundId), ("source", source), ("code", code), ("details", details))],
                [RefundRecords.ToRecord(settled)],
                cancellationToken).ConfigureAwait(false);
            if (saved == SaveOutcome.Saved)
            {
                (target == RefundStatus.Succeeded ? telemetry.RefundsSucceeded : telemetry.RefundsFailed).Add(1);
                LogSettled(refund.RefundId, target, source, code);
                if (aggregate.Data.OpenRefunds == 0)
                {
                    await store.RemoveOpenIndexAsync(aggregate.Data.OrderNumber, cancellationToken).ConfigureAwait(false);
                }

                return (aggregate.Data, settled);
            }

            await PauseAsync(cancellationToken).ConfigureAwait(false);
            var reloaded = await LoadAsync(stored.Data.OrderNumber, refund.RefundId, cancellationToken).ConfigureAwait(false);
            if (reloaded is null)
            {
                return null;
            }

            // Keep what this path learnt (the gateway's id) on the fresh copy.
            stored = reloaded.Value.Stored;
            refund = reloaded.Value.Refund with
            {
                GatewayRefundId = reloaded.Value.Refund.GatewayRefundId.Length > 0 ? reloaded.Value.Refund.GatewayRefundId : refund.GatewayRefundId,
            };
        }

        throw new InvalidOperationException($"Refund {refund.RefundId} kept changing under {MaxConflictRetries} attempts to settle it.");
    }

    private async Task<ReconcileOutcome> RescheduleAsync(StoredPayment stored, RefundData refund, int attempt, string reason, RefundInfo? info, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var delay = policy.DelayFor(attempt);
        var next = refund with
        {
            NextCheckAt = now + delay,
            CheckAttempt = attempt,
            GatewayCode = info?.RawStatus ?? refund.GatewayCode,
            GatewayDetails = info?.Details ?? refund.GatewayDetails,
            UpdatedAt = now,
        };
        // Conditional on the version read: if the payment changed meanwhile, this check is still
        // queued and reads the new state when it runs.
        // If the write loses, the message still carries the booking it tried: a newer booking ahead makes
        // it stale and it is dropped, so two chains never run for one refund.
        _ = await writer.SaveAsync(stored.Data with { UpdatedAt = now }, stored.Version, [], [RefundRecords.ToRecord(next)], cancellationToken).ConfigureAwait(false);
        await store.UpsertOpenIndexAsync(OpenPaymentEntry.For(stored.Data, attempt, policy.SweepDueAt(now, delay)), cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleAsync(new ReconcileRequest(stored.Data.OrderNumber, attempt, reason) { DueAt = next.NextCheckAt, RefundId = refund.RefundId }, delay, cancellationToken).ConfigureAwait(false);
        return ReconcileOutcome.Rescheduled;
    }

    /// <summary>A refund whose checks failed on every delivery (poison message): flagged for an operator,
    /// its amount kept reserved. False when there is no such pending refund.</summary>
    public async Task<bool> MarkForReviewAsync(string orderNumber, string refundId, CancellationToken cancellationToken)
    {
        using var scope = PaymentLogScope.Begin(logger, orderNumber, ("RefundId", refundId));
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var loaded = await LoadAsync(orderNumber, refundId, cancellationToken).ConfigureAwait(false);
            if (loaded is not { Refund: { Status: RefundStatus.Pending, NeedsReview: false } } found)
            {
                return false;
            }

            if (await GiveUpAsync(found.Stored, found.Refund, cancellationToken, reschedule: false).ConfigureAwait(false) == ReconcileOutcome.GaveUp)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<ReconcileOutcome> GiveUpAsync(StoredPayment stored, RefundData refund, CancellationToken cancellationToken, bool reschedule = true)
    {
        var now = clock.GetUtcNow();
        var flagged = refund with { NeedsReview = true, NextCheckAt = null, UpdatedAt = now };
        var saved = await writer.SaveAsync(
            stored.Data with { UpdatedAt = now },
            stored.Version,
            [PaymentRecords.Event("refund-review", now, ("refundId", refund.RefundId), ("answerLost", refund.AnswerLost ? "true" : "false"))],
            [RefundRecords.ToRecord(flagged)],
            cancellationToken).ConfigureAwait(false);
        if (saved != SaveOutcome.Saved)
        {
            return reschedule
                ? await RescheduleAsync(stored, refund, refund.CheckAttempt + 1, "changed", null, cancellationToken).ConfigureAwait(false)
                : ReconcileOutcome.NothingToDo;
        }

        telemetry.RefundsInReview.Add(1);
        LogReview(refund.RefundId, stored.Data.PaymentId, stored.Data.OrderNumber);
        return ReconcileOutcome.GaveUp;
    }

    private async Task<RefundResult?> ReplayAsync(string orderNumber, string refundId, string requestHash, PaymentData payment, CancellationToken cancellationToken)
    {
        var refunds = await ListAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        var existing = refunds.FirstOrDefault(r => r.RefundId == refundId);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == requestHash
            ? new RefundResult(RefundResultStatus.Replayed, existing, payment)
            : new RefundResult(RefundResultStatus.IdempotencyKeyReused, null, payment);
    }

    private async Task<LoadedRefund?> LoadAsync(string orderNumber, string refundId, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var refunds = await ListAsync(orderNumber, cancellationToken).ConfigureAwait(false);
        var refund = refunds.FirstOrDefault(r => r.RefundId == refundId);
        return refund is null ? null : new LoadedRefund(stored, refund);
    }

    private static Task PauseAsync(CancellationToken cancellationToken)
        => Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40)), cancellationToken);

    private static TimeSpan Until(DateTimeOffset? at, DateTimeOffset now) => at is { } due && due > now ? due - now : TimeSpan.Zero;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund request answer lost ({Reason}): the refund is not sent again; its notice or a refund query will tell")]
    private partial void LogAnswerLost(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund query failed: {Reason}; will try again")]
    private partial void LogQueryFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security: the refund query for gateway refund {GatewayRefundId} does not describe this refund; the id is not trusted")]
    private partial void LogMismatch(string gatewayRefundId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A verified refund notice names no refund of this payment; recorded")]
    private partial void LogUnmatchedNotice();

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} {Status} (source {Source}, code {Code})")]
    private partial void LogSettled(string refundId, RefundStatus status, string source, string code);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Error, Message = "Refund {RefundId} of payment {PaymentId} (order {OrderNumber}) has no final result by its horizon: an operator must look")]
    private partial void LogReview(string refundId, string paymentId, string orderNumber);

    private readonly record struct LoadedRefund(StoredPayment Stored, RefundData Refund);
}

public enum RefundResultStatus
{
    Created,

    /// <summary>The same Idempotency-Key and body made this refund before.</summary>
    Replayed,

    NotFound,

    /// <summary>The payment has not succeeded.</summary>
    NotRefundable,

    /// <summary>More than what remains refundable.</summary>
    ExceedsRefundable,

    /// <summary>The amount cannot be sent to the gateway (say, a third decimal it does not take).</summary>
    InvalidAmount,

    /// <summary>The Idempotency-Key made a different refund.</summary>
    IdempotencyKeyReused,
}

/// <summary>What <see cref="RefundHandler.CreateAsync"/> did.</summary>
public sealed record RefundResult(RefundResultStatus Status, RefundData? Refund, PaymentData? Payment)
{
    public string? Error { get; init; }
}
