using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Tests.Terminals;

public sealed class TerminalRoutingTests
{
    private const string LocalMethods = "wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app";

    /// <summary>A merchant's terminals as the official plugins route them: the 3-D Secure terminal for large EUR
    /// cards, a second account's terminal for cards billed in Japan below 50,000 JPY-equivalent amounts, the
    /// card terminal for the rest, a local-methods terminal. FPS is not taken by any.</summary>
    private static readonly TerminalRouting Routing = Build(
        ("31042201", null, new TerminalRuleText("card", Currencies: "EUR", MinAmount: "100.00")),
        ("31058801", "310588", new TerminalRuleText("card", Countries: "jp", MaxAmount: "50000")),
        ("31042202", null, new TerminalRuleText("card, apple_pay ,google_pay")),
        ("31042203", null, new TerminalRuleText(LocalMethods)),
        ("31042204", null, new TerminalRuleText(string.Empty)));

    public static TheoryData<PaymentMethod, long, string, string?, string?> Payments => new()
    {
        { PaymentMethod.Card, 15000, "EUR", "US", "31042201" },
        { PaymentMethod.Card, 10000, "EUR", "US", "31042201" }, // the minimum is inclusive
        { PaymentMethod.Card, 9999, "EUR", "US", "31042202" },
        { PaymentMethod.Card, 15000, "USD", "US", "31042202" }, // the currency filter
        { PaymentMethod.Card, 15000, "EUR", "JP", "31042201" }, // the first rule that takes it wins
        { PaymentMethod.Card, 49999, "JPY", "JP", "31058801" },
        { PaymentMethod.Card, 50000, "JPY", "JP", "31042202" }, // the maximum is exclusive
        { PaymentMethod.Card, 100, "USD", null, "31042202" }, // a country filter never takes a payment without a country
        { PaymentMethod.GooglePay, 15000, "EUR", "JP", "31042202" },
        { PaymentMethod.AlipayApp, 1, "CNY", "CN", "31042203" },
        { PaymentMethod.Fps, 1000, "HKD", "HK", null },
    };

    [Theory]
    [MemberData(nameof(Payments))]
    public void Choose_APayment_TakesTheFirstTerminalThatTakesIt(PaymentMethod method, long minor, string currency, string? country, string? expected)
    {
        var chosen = Routing.Choose(method, new Money(minor, Currency.Parse(currency)), country);

        Assert.Equal(expected, chosen?.Key.Terminal);
    }

    [Fact]
    public void Choose_SecondAccountTerminal_SignsWithThatAccount()
    {
        var chosen = Routing.Choose(PaymentMethod.Card, new Money(100, Currency.Parse("JPY")), "JP");

        Assert.Equal(new TerminalKey("310588", "31058801"), chosen!.Key);
        Assert.Equal(new TerminalKey("310422", "31042202"), Routing.Choose(PaymentMethod.Card, new Money(100, Currency.Parse("JPY")), "KR")!.Key);
    }

    [Theory]
    [InlineData(PaymentMethod.Card, true)]
    [InlineData(PaymentMethod.AlipayApp, true)]
    [InlineData(PaymentMethod.Fps, false)]
    public void Offers_AMethod_OnlyWhenSomeTerminalListsIt(PaymentMethod method, bool offered)
        => Assert.Equal(offered, Routing.Offers(method));

    [Fact]
    public void Terminals_IncludeOneThatTakesNoNewPayment()
        => Assert.Equal(["31042201", "31058801", "31042202", "31042203", "31042204"], Routing.Terminals.Select(t => t.Terminal));

    [Fact]
    public void Describe_SaysWhatTheRuleTakes()
    {
        Assert.Equal("T:0 (card; EUR; from 100.00)", Routing.Rules[0].Describe());
        Assert.Equal("T:1 (card; below 50000; billed in JP)", Routing.Rules[1].Describe());
        Assert.Equal("T:2 (card, apple_pay, google_pay)", Routing.Rules[2].Describe());
        Assert.Equal("T:4 (no method)", Routing.Rules[4].Describe());
    }

    [Theory]
    [InlineData("card,klarna", null, null, null, null, "T:Methods names 'klarna', which is not a payment method")]
    [InlineData("card,CARD", null, null, null, null, "T:Methods names 'CARD'")]
    [InlineData("card", "eur,EUR", null, null, null, "T:Currencies names EUR twice")]
    [InlineData("card", "EURO", null, null, null, "T:Currencies names 'EURO', which is not an active ISO 4217")]
    [InlineData("card", "JPY", "1000.5", null, null, "T:MinAmount is 1000.5, which has more decimals than JPY has (0)")]
    [InlineData("card", null, "1e3", null, null, "T:MinAmount is '1e3', which is not an amount")]
    [InlineData("card", null, null, "+5", null, "T:MaxAmount is '+5', which is not an amount")]
    [InlineData("card", "JPY", "100.", null, null, "T:MinAmount is '100.', which is not an amount")]
    [InlineData("card", null, "10", "9.99", null, "T:MaxAmount (9.99) must be greater than T:MinAmount (10)")]
    [InlineData("card", null, null, null, "US,U1", "T:Countries names 'U1'")]
    public void Parse_MalformedFilter_NamesTheSetting(string methods, string? currencies, string? min, string? max, string? countries, string expected)
    {
        var errors = new List<string>();

        var rule = TerminalRule.Parse("T", new TerminalKey("310422", "31042201"), new TerminalRuleText(methods, currencies, min, max, countries), errors);

        Assert.Null(rule);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_JpyBoundWrittenWithZeroDecimals_IsAccepted()
    {
        var errors = new List<string>();

        var rule = TerminalRule.Parse("T", new TerminalKey("310422", "31042201"), new TerminalRuleText("card", "JPY,EUR", "1000.00"), errors);

        Assert.Empty(errors);
        Assert.Equal(1000m, rule!.MinAmount);
    }

    [Theory]
    [InlineData("31042201", "31042201", "T:1:Terminal repeats terminal 31042201 of T:0")]
    [InlineData("31042201", "310422011", "T:1:Terminal and terminal 31042201 of T:0 start alike")]
    [InlineData("310422011", "31042201", "T:1:Terminal and terminal 310422011 of T:0 start alike")]
    public void Create_TerminalTwiceOrAPrefixOfAnother_IsRefused(string first, string second, string expected)
    {
        var errors = new List<string>();

        var routing = TerminalRouting.Create(
            [TerminalRule.Serving("T:0", new("310422", first), PaymentMethod.Card), TerminalRule.Serving("T:1", new("310588", second), PaymentMethod.Fps)],
            MethodCatalogue.Default,
            errors);

        Assert.Null(routing);
        Assert.Equal(expected, Assert.Single(errors)[..expected.Length]);
    }

    [Fact]
    public void Create_NoTerminalServesAnyMethod_IsRefused()
    {
        var errors = new List<string>();

        Assert.Null(TerminalRouting.Create([TerminalRule.Serving("T:0", new("310422", "31042201"))], MethodCatalogue.Default, errors));
        Assert.StartsWith("No terminal serves any payment method: set T:0:Methods", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void RouteOn_OverriddenMethodsString_IsSentOnTheChosenTerminal()
    {
        var routing = TerminalRouting.Create(
            [TerminalRule.Serving("T:0", new("310422", "31042203"), PaymentMethod.Fps)],
            new MethodCatalogue(new Dictionary<PaymentMethod, string> { [PaymentMethod.Fps] = "FPS_HK" }),
            []);

        var route = routing!.RouteOn(PaymentMethod.Fps, "31042203");

        Assert.Equal(("FPS_HK", "31042203", GatewayEndpoint.DirectServicePay), (route.Methods, route.Terminal, route.Endpoint));
        Assert.Equal("Alipay_APP", routing.RouteOn(PaymentMethod.AlipayApp, "31042203").Methods);
    }

    private static TerminalRouting Build(params (string Terminal, string? Account, TerminalRuleText Text)[] terminals)
    {
        var errors = new List<string>();
        var rules = terminals.Select((t, i) => TerminalRule.Parse($"T:{i}", new TerminalKey(t.Account ?? "310422", t.Terminal), t.Text, errors)!).ToList();
        return TerminalRouting.Create(rules, MethodCatalogue.Default, errors) ?? throw new InvalidOperationException(string.Join("\n", errors));
    }
}
