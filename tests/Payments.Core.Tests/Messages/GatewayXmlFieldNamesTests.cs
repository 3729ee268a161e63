using System.Text;
using Payments.Core.Oceanpayment.Messages;

namespace Payments.Core.Tests.Messages;

/// <summary>
/// <see cref="GatewayXml"/> first compares each root field with the name the last document on the
/// same thread had at that position: whatever came before, every document reads its names exactly
/// as sent.
/// </summary>
public sealed class GatewayXmlFieldNamesTests
{
    private const string Learned = "<response><account>995149</account><terminal>99514901</terminal><order_number>NO1</order_number><payment_status>1</payment_status></response>";

    private static GatewayParseResult<GatewayMessage> Parse(string xml) => GatewayXml.ParseMessage(Encoding.UTF8.GetBytes(xml));

    [Theory]
    [InlineData("<response><terminal>99514901</terminal><account>995149</account></response>", new[] { "terminal", "account" })]
    [InlineData("<response><accountx>1</accountx><account>2</account></response>", new[] { "accountx", "account" })]
    [InlineData("<response><accoun>1</accoun><terminal>2</terminal></response>", new[] { "accoun", "terminal" })]
    [InlineData("<response><Account>1</Account><terminal>2</terminal></response>", new[] { "Account", "terminal" })]
    [InlineData("<response><accoünt>1</accoünt><terminal>2</terminal></response>", new[] { "accoünt", "terminal" })]
    [InlineData("<response><account>1</account><terminal>2</terminal><payment_status>3</payment_status><order_number>4</order_number></response>", new[] { "account", "terminal", "payment_status", "order_number" })]
    [InlineData("<response><account>1</account><terminal>2</terminal><order_number>3</order_number><payment_status>4</payment_status><payment_risk>5</payment_risk></response>", new[] { "account", "terminal", "order_number", "payment_status", "payment_risk" })]
    public void ParseMessage_AfterAnotherLayout_ReadsEveryNameAsSent(string xml, string[] names)
    {
        Assert.True(Parse(Learned).Succeeded);

        var result = Parse(xml);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(names, result.Value.Fields.Select(field => field.Key));
    }

    [Fact]
    public void ParseMessage_ValuesAfterALearnedLayout_StayWithTheirOwnNames()
    {
        Assert.True(Parse(Learned).Succeeded);

        var result = Parse("<response><terminal>T</terminal><account>A</account><order_number>O</order_number></response>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(("A", "T", "O"), (result.Value["account"], result.Value["terminal"], result.Value["order_number"]));
    }

    [Fact]
    public void ParseMessage_RepeatedElementWhereAnotherWasExpected_IsRejected()
    {
        Assert.True(Parse(Learned).Succeeded);

        var result = Parse("<response><account>995149</account><account>995150</account></response>");

        Assert.False(result.Succeeded);
        Assert.Contains("'account' appears more than once", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMessage_UnknownNamesInALayout_AreReadAndTheNextDocumentToo()
    {
        Assert.True(Parse("<response><attacker_1>x</attacker_1><account>995149</account></response>").Succeeded);

        var result = Parse("<response><attacker_2>y</attacker_2><account>995150</account></response>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["attacker_2", "account"], result.Value.Fields.Select(field => field.Key));
        Assert.Equal("995150", result.Value["account"]);
    }
}
