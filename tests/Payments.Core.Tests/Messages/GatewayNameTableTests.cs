using Payments.Core.Oceanpayment.Messages;

namespace Payments.Core.Tests.Messages;

public sealed class GatewayNameTableTests
{
    [Fact]
    public void Add_KnownName_ReturnsTheSharedInstance()
    {
        var first = new GatewayNameTable().Add("payment_status".ToCharArray(), 0, "payment_status".Length);
        var second = new GatewayNameTable().Add("xpayment_statusx".ToCharArray(), 1, "payment_status".Length);

        Assert.Equal("payment_status", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Add_UnknownNameTwice_AtomizesWithinOneTable()
    {
        var table = new GatewayNameTable();

        var first = table.Add("sdk_param".ToCharArray(), 0, 9);
        var second = table.Add(new string("sdk_param".ToCharArray()));

        Assert.Same(first, second);
        Assert.Same(first, table.Get("sdk_param"));
    }

    [Fact]
    public void Add_UnknownName_IsNotSharedWithOtherTables()
    {
        new GatewayNameTable().Add("attacker_name_1");

        Assert.Null(new GatewayNameTable().Get("attacker_name_1"));
        Assert.False(GatewayNameTable.IsKnown("attacker_name_1"));
    }

    [Fact]
    public void Add_EmptyName_IsTheEmptyString()
        => Assert.Same(string.Empty, new GatewayNameTable().Add([], 0, 0));

    [Fact]
    public void ParseMessage_UnknownElementNames_AreStillReadAndDuplicatesRejected()
    {
        var ok = GatewayXml.ParseMessage("<response><sdk_a>1</sdk_a><account>995149</account><sdk_b /></response>"u8.ToArray());
        var duplicate = GatewayXml.ParseMessage("<response><sdk_a>1</sdk_a><sdk_a>2</sdk_a></response>"u8.ToArray());

        Assert.True(ok.Succeeded, ok.Error);
        Assert.Equal(["sdk_a", "account", "sdk_b"], ok.Value.Fields.Select(f => f.Key));
        Assert.Equal("1", ok.Value["sdk_a"]);
        Assert.False(duplicate.Succeeded);
        Assert.Contains("sdk_a", duplicate.Error, StringComparison.Ordinal);
    }
}
