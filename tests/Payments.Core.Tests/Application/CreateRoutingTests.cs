using Microsoft.Extensions.Logging.Abstractions;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Tests.Application;

public sealed class CreateRoutingTests : IDisposable
{
    private readonly Harness _h = new();
    private readonly CreatePaymentHandler _create;

    public CreateRoutingTests()
    {
        var errors = new List<string>();
        var threeDs = TerminalRule.Parse("Oceanpayment:Terminals:0", new TerminalKey("995149", "99514902"), new TerminalRuleText("card", "EUR", "100.00"), errors)!;
        var routing = TerminalRouting.Create(
            [
                threeDs,
                TerminalRule.Serving("Oceanpayment:Terminals:1", new TerminalKey("995150", "99515001"), PaymentMethod.Card, PaymentMethod.ApplePay),
            ],
            MethodCatalogue.Default,
            errors)!;
        _create = new CreatePaymentHandler(_h.Store, _h.Idempotency, _h.Writer, _h.Settings with { Routing = routing }, _h.Telemetry, _h.Clock, NullLogger<CreatePaymentHandler>.Instance);
    }

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(15000, "995149", "99514902", "Oceanpayment:Terminals:0 (card; EUR; from 100.00)")]
    [InlineData(5000, "995150", "99515001", "Oceanpayment:Terminals:1 (card, apple_pay)")]
    public async Task Create_CardInEur_StoresTheChosenTerminalAndTheRuleThatChoseIt(long cents, string account, string terminal, string rule)
    {
        var result = await _create.HandleAsync(Harness.Command(amount: cents) with { Amount = new Money(cents, Currency.Parse("EUR")) }, null, default);

        Assert.Equal(CreatePaymentStatus.Created, result.Status);
        var stored = _h.Store.Get("ORD1")!;
        Assert.Equal((account, terminal, rule), (stored.Account, stored.Terminal, stored.RoutedBy));
        var created = Assert.Single(PaymentTimeline.Build(stored, _h.Store.Records("ORD1")), e => e.Type == "created");
        Assert.EndsWith($"Routed to terminal {terminal} of account {account} by {rule}.", created.Summary, StringComparison.Ordinal);
        Assert.Equal(terminal, created.Details["terminal"]);
    }

    [Fact]
    public async Task Create_MethodNoTerminalServes_IsInvalidNamingMethodAndStoresNothing()
    {
        var result = await _create.HandleAsync(Harness.Command(PaymentMethod.Fps), "key-1", default);

        Assert.Equal(CreatePaymentStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(("method", "This payment method is not offered: no terminal takes it."), (error.Field, error.Message));
        Assert.Null(_h.Store.Get("ORD1"));
        Assert.Equal(CreatePaymentStatus.Created, (await _create.HandleAsync(Harness.Command(), "key-1", default)).Status);
    }

    [Fact]
    public async Task Create_MethodServedButNotForThisPayment_IsInvalidNamingMethod()
    {
        var strict = TerminalRouting.Of(TerminalRule.Parse("T:0", new TerminalKey("995149", "99514901"), new TerminalRuleText("card", Countries: "DE"), [])!);
        var create = new CreatePaymentHandler(_h.Store, _h.Idempotency, _h.Writer, _h.Settings with { Routing = strict }, _h.Telemetry, _h.Clock, NullLogger<CreatePaymentHandler>.Instance);

        var result = await create.HandleAsync(Harness.Command(), null, default);

        Assert.Equal(CreatePaymentStatus.Invalid, result.Status);
        Assert.Equal("method", Assert.Single(result.Errors!).Field);
        Assert.Contains("billed in US", result.Errors![0].Message, StringComparison.Ordinal);
        Assert.Null(_h.Store.Get("ORD1"));
    }
}
