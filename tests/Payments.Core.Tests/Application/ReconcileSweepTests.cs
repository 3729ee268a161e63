using System.Text;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

public sealed class ReconcileSweepTests : IDisposable
{
    private static readonly CardInstrument Card = new("4111111111111111", "12", "2030", "123");

    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>Answers every order number of a query with one block carrying <paramref name="results"/>.</summary>
    private static GatewayCall Answer(Oceanpayment.Messages.GatewayMessage form, Func<string, string> results)
    {
        var xml = new StringBuilder("<response>");
        foreach (var order in form["order_number"].Split(','))
        {
            xml.Append("<paymentInfo><order_number>").Append(order).Append("</order_number><order_currency>USD</order_currency><order_amount>100.00</order_amount>")
                .Append("<payment_id>P").Append(order).Append("</payment_id><payment_results>").Append(results(order)).Append("</payment_results><payment_details>80000:Approved</payment_details></paymentInfo>");
        }

        return GatewayCall.Answer(Encoding.UTF8.GetBytes(xml.Append("</response>").ToString()));
    }

    private void Drain()
    {
        while (_h.Scheduler.Scheduled.TryDequeue(out _))
        {
        }
    }

    /// <summary>Seeds open payments (and their index rows) directly, as many confirms would have left them.</summary>
    private async Task SeedOpenAsync(int count, PaymentStatus status, params string[] terminals)
    {
        var template = (await _h.CreatedAsync(orderNumber: "TEMPLATE")).Data;
        var now = _h.Clock.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var order = $"S{i:D6}";
            var payment = template with { OrderNumber = order, PaymentId = "pay_" + order, Terminal = terminals[i % terminals.Length], Status = status, SentAt = now };
            _h.Store.Seed(payment);
            await _h.Store.KeepAsync(OpenPaymentEntry.For(payment, 3, now), default);
        }
    }

    [Fact]
    public async Task Confirm_WritesTheIndexRowBeforeThePaymentLeavesCreated()
    {
        var stored = await _h.CreatedAsync();
        PaymentStatus? statusWhenIndexed = null;
        _h.Store.BeforeNextIndexWrite = () => statusWhenIndexed = _h.Store.Get("ORD1")!.Status;
        _h.Gateway.OnPay = _ => GatewayCall.Failed("timed out");

        await _h.Confirm.HandleAsync(stored, Card, default);

        Assert.Equal(PaymentStatus.Created, statusWhenIndexed);
        var entry = Assert.Single(_h.Store.OpenIndex());
        Assert.Equal(("ORD1", "995149", "99514901", 0), (entry.OrderNumber, entry.Account, entry.Terminal, entry.Attempt));
        Assert.Equal(_h.Policy.SweepDueAt(_h.Clock.GetUtcNow(), _h.Policy.Schedule[0]), entry.DueAt);
    }

    [Fact]
    public async Task Confirm_IndexWriteFails_NothingIsSentAndThePaymentStaysCreated()
    {
        var stored = await _h.CreatedAsync();
        _h.Store.BeforeNextIndexWrite = () => throw new IOException("storage unreachable");

        await Assert.ThrowsAsync<IOException>(() => _h.Confirm.HandleAsync(stored, Card, default));

        Assert.Equal(PaymentStatus.Created, _h.Store.Get("ORD1")!.Status);
        Assert.Empty(_h.Gateway.Payments);
    }

    [Fact]
    public async Task Sweep_CrashAfterTheAnswerBeforeTheWrite_RecoversTheGatewaysState()
    {
        var stored = await _h.CreatedAsync();
        _h.Gateway.OnPay = form =>
        {
            // The gateway charged the card; our process dies before it records the answer.
            _h.Store.BeforeNextSave = () => throw new IOException("process died");
            return GatewayCall.Answer(GatewayMessages.Xml(GatewayMessages.Result("ORD1", "1", "80000:Approved")));
        };
        await Assert.ThrowsAsync<IOException>(() => _h.Confirm.HandleAsync(stored, Card, default));
        Drain(); // and its queued check is lost with it
        Assert.Equal(PaymentStatus.Processing, _h.Store.Get("ORD1")!.Status);
        _h.Gateway.OnQuery = form => Answer(form, _ => "1");

        var early = await _h.Sweep.SweepAsync(default);
        _h.Clock.Advance(_h.Policy.Schedule[0] + _h.Policy.SweepGrace);
        var result = await _h.Sweep.SweepAsync(default);

        Assert.Equal(0, early.Due);
        Assert.Equal((1, 1), (result.Due, result.Settled));
        var payment = _h.Store.Get("ORD1")!;
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("PORD1", payment.GatewayPaymentId);
        Assert.Single(_h.Gateway.Payments);
        Assert.Empty(_h.Store.OpenIndex());
    }

    [Fact]
    public async Task Sweep_StillPending_MovesTheIndexPastANewQueuedCheck()
    {
        await SeedOpenAsync(1, PaymentStatus.Processing, "99514901");
        _h.Gateway.OnQuery = form => Answer(form, _ => "-1");
        Drain();

        var result = await _h.Sweep.SweepAsync(default);

        Assert.Equal(1, result.Rescheduled);
        Assert.Equal(PaymentStatus.Pending, _h.Store.Get("S000000")!.Status);
        var (request, delay) = Assert.Single(_h.Scheduler.Scheduled);
        Assert.Equal(("S000000", 4), (request.OrderNumber, request.Attempt));
        var entry = Assert.Single(_h.Store.OpenIndex());
        Assert.Equal(_h.Policy.SweepDueAt(_h.Clock.GetUtcNow(), delay), entry.DueAt);
        Assert.Equal(0, (await _h.Sweep.SweepAsync(default)).Due);
    }

    [Fact]
    public async Task Sweep_StaleRowOfASettledPayment_IsRemovedWithoutAQuery()
    {
        await SeedOpenAsync(1, PaymentStatus.Processing, "99514901");
        _h.Store.Seed(_h.Store.Get("S000000")! with { Status = PaymentStatus.Succeeded });

        var result = await _h.Sweep.SweepAsync(default);

        Assert.Equal(1, result.NothingToDo);
        Assert.Empty(_h.Gateway.Queries);
        Assert.Empty(_h.Store.OpenIndex());
    }

    [Fact]
    public async Task Sweep_NotFoundAfterGrace_FailsAndPastHorizon_GoesToReview()
    {
        await SeedOpenAsync(2, PaymentStatus.Processing, "99514901");
        _h.Store.Seed(_h.Store.Get("S000001")! with { SentAt = _h.Clock.GetUtcNow() - _h.Policy.Horizon });
        _h.Clock.Advance(_h.Policy.NotFoundGracePeriod);
        _h.Gateway.OnQuery = _ => GatewayCall.Answer(Encoding.UTF8.GetBytes("<response></response>"));

        var result = await _h.Sweep.SweepAsync(default);

        Assert.Equal((1, 1), (result.Settled, result.GaveUp));
        Assert.Equal(PaymentStatus.Failed, _h.Store.Get("S000000")!.Status);
        Assert.Equal(PaymentStatus.Review, _h.Store.Get("S000001")!.Status);
        Assert.Equal("S000000", _h.Gateway.Queries.Single().Fields.Single(f => f.Key == "order_number").Value);
        Assert.Empty(_h.Store.OpenIndex());
    }

    [Fact]
    public async Task Sweep_TerminalWithoutSecureCode_DoesNotStopTheOthers()
    {
        await SeedOpenAsync(4, PaymentStatus.Pending, "99514901", "99514999");
        _h.Gateway.OnQuery = form => Answer(form, _ => "1");

        var result = await _h.Sweep.SweepAsync(default);

        Assert.Equal((2, 2), (result.Settled, result.Failed));
        Assert.Equal(PaymentStatus.Pending, _h.Store.Get("S000001")!.Status);
        Assert.Equal(2, _h.Store.OpenIndex().Count);
    }

    [Fact]
    public async Task Sweep_TenThousandPending_UsesAtMostOneHundredQueriesOfOneTerminalEach()
    {
        await SeedOpenAsync(10_000, PaymentStatus.Pending, "99514901", "99514903");
        _h.Gateway.OnQuery = form => Answer(form, _ => "1");

        var result = await _h.Sweep.SweepAsync(default);

        Assert.Equal((10_000, 10_000), (result.Due, result.Settled));
        Assert.True(_h.Gateway.Queries.Count <= 100, $"{_h.Gateway.Queries.Count} status queries");
        Assert.All(_h.Gateway.Queries, q =>
        {
            var fields = q.Fields.ToDictionary(f => f.Key, f => f.Value);
            var orders = fields["order_number"].Split(',');
            Assert.InRange(orders.Length, 1, GatewayRequests.MaxOrdersPerQuery);
            Assert.All(orders, o => Assert.Equal(fields["terminal"], _h.Store.Get(o)!.Terminal));
        });
        Assert.Empty(_h.Store.OpenIndex());
        Assert.Empty(_h.Gateway.Payments);
    }
}
