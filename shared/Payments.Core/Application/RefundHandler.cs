using Microsoft.Extensions.Logging;
using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Results;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// The refund command: reserve the amount on the payment (its version decides between concurrent
/// requests) and ask the gateway once (<c>applyRefund</c>, F9). A request whose answer was lost is
/// never sent again: its refund notice names it, a refund query proves it (<see cref="RefundReconciler"/>),
/// and without either a person looks at the horizon.
/// </summary>
public sealed partial class RefundHandler(
    PaymentWriter writer,
    IOceanpaymentClient gateway,
    ISecureCodeSource secureCodes,
    ReconcilePolicy policy,
    PaymentsTelemetry telemetry,
    ILogger<RefundHandler> logger)
{
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
        var reserved = await writer.ChangeAsync(
            orderNumber,
            change =>
            {
                var payment = change.Payment;
                var reservation = payment.CanRefund(amountMinor, out var amount);
                if (reservation != RefundReservation.Reserved)
                {
                    return new RefundResult(reservation == RefundReservation.NotRefundable ? RefundResultStatus.NotRefundable : RefundResultStatus.ExceedsRefundable, null, null);
                }

                var money = new Money(amount, change.Read.Amount.Currency);
                if (!money.TryFormatForRefund(out _, out var formatError))
                {
                    return new RefundResult(RefundResultStatus.InvalidAmount, null, null) { Error = formatError };
                }

                // The index row first: if anything stops between here and the queued check, the sweep finds the refund.
                // The first check is queued before the gateway is called, so a crash or a cancelled request
                // during the call still has a check coming; the answer then books nothing of its own.
                var delay = policy.DelayFor(0);
                var refund = payment.RequestRefund(refundId, money, reason, requestHash, change.Now, change.Now + delay);
                change.KeepInIndex(0, delay);
                change.Record(new RefundRequestedRecord(refundId, money.ToString(), reason, operatorName ?? string.Empty));
                change.Schedule(new ReconcileRequest(orderNumber, 0, "refund-requested") { DueAt = refund.NextCheckAt, RefundId = refundId }, delay);
                return new RefundResult(RefundResultStatus.Created, refund, null);
            },
            cancellationToken).ConfigureAwait(false);
        switch (reserved.Status)
        {
            case WriteStatus.Missing:
                return new RefundResult(RefundResultStatus.NotFound, null, null);
            case WriteStatus.Duplicate:
                // The same Idempotency-Key made this refund before (or is making it now).
                return await ReplayAsync(orderNumber, refundId, requestHash, reserved.Payment!, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Refund {refundId} exists and cannot be read.");
            case WriteStatus.Unchanged:
                // A retry of a refund that was made answers with it, even once nothing is left to refund.
                var replay = idempotencyKey is null || reserved.Decision!.Status == RefundResultStatus.InvalidAmount
                    ? null
                    : await ReplayAsync(orderNumber, refundId, requestHash, reserved.Payment!, cancellationToken).ConfigureAwait(false);
                return replay ?? reserved.Decision! with { Payment = reserved.Payment };
        }

        telemetry.RefundsRequested.Add(1);
        var (payment, sent) = await SendAsync(reserved.Payment!, reserved.Decision!.Refund!, cancellationToken).ConfigureAwait(false);
        return new RefundResult(RefundResultStatus.Created, sent, payment);
    }

    /// <summary>True when the order has a payment (one point read).</summary>
    public async Task<bool> ExistsAsync(string orderNumber, CancellationToken cancellationToken)
        => await writer.ReadAsync(orderNumber, withRefunds: false, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The refunds of a payment, newest first.</summary>
    public Task<IReadOnlyList<RefundData>> ListAsync(string orderNumber, CancellationToken cancellationToken)
        => writer.ListRefundsAsync(orderNumber, cancellationToken);

    /// <summary>
    /// Sends a refund the payment made by itself (the automatic refund of an earlier attempt's late charge,
    /// written by <see cref="ResultApplier"/>), once, like any other.
    /// </summary>
    public async Task SendAutomaticAsync(PaymentData payment, RefundData refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        using var scope = PaymentLogScope.Begin(logger, payment.OrderNumber, ("RefundId", refund.RefundId));
        telemetry.RefundsRequested.Add(1);
        await SendAsync(payment, refund, cancellationToken).ConfigureAwait(false);
    }

    // applyRefund, once. Accepted: the refund has its gateway id. Refused: it failed and its amount is free
    // again. Anything else: it may exist, so it waits for its notice and checks, never a second request.
    private async Task<(PaymentData Payment, RefundData Refund)> SendAsync(PaymentData payment, RefundData refund, CancellationToken cancellationToken)
    {
        var secureCode = await secureCodes.RequireAsync(new TerminalKey(payment.Account, payment.Terminal), cancellationToken).ConfigureAwait(false);
        // Full only when this one refund takes everything captured (or all of a late charge); any other amount is a partial refund.
        var type = refund.ChargeAttempt > 0 || refund.Amount.MinorUnits == new Payment(payment).Captured.MinorUnits ? "1" : "2";
        var chargeId = payment.ChargePaymentIdOf(refund);
        var form = GatewayRequests.Refund(payment.Account, payment.Terminal, chargeId, type, refund.Amount, refund.Reason, secureCode);
        GatewayCall call;
        try
        {
            call = await gateway.RefundAsync(form, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            call = GatewayCall.Failed("timed out");
        }

        var answer = call.Answered ? RefundAnswer.Parse(call.Body!, payment.Account, payment.Terminal, chargeId) : null;
        if (answer is null)
        {
            LogAnswerLost(call.Failure ?? "unreadable answer");
        }

        var refundId = refund.RefundId;
        var written = await writer.ChangeAsync(
            payment.OrderNumber,
            change =>
            {
                var aggregate = change.Payment;
                if (answer is null)
                {
                    return (Settled: false, Refund: aggregate.FindRefund(refundId));
                }

                if (answer.IsAccepted)
                {
                    aggregate.AcceptRefund(refundId, answer.GatewayRefundId, answer.Results, answer.Details, change.Now);
                    change.Record(new RefundAcceptedRecord(refundId, answer.GatewayRefundId));
                    return (Settled: false, Refund: aggregate.FindRefund(refundId));
                }

                return (Settled: RefundReconciler.Settle(change, refundId, RefundStatus.Failed, answer.Results, answer.Details, "refused"), Refund: aggregate.FindRefund(refundId));
            },
            cancellationToken,
            withRefunds: true).ConfigureAwait(false);
        var now = written.Decision.Refund ?? throw new InvalidOperationException($"Refund {refundId} disappeared.");
        if (written.Decision.Settled && written.Written)
        {
            telemetry.RefundsFailed.Add(1);
            LogSettled(refundId, RefundStatus.Failed, "refused", answer!.Results);
        }

        return (written.Payment!, now);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund request answer lost ({Reason}): the refund is not sent again; its notice or a refund query will tell")]
    private partial void LogAnswerLost(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundId} {Status} (source {Source}, code {Code})")]
    private partial void LogSettled(string refundId, RefundStatus status, string source, string code);
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
