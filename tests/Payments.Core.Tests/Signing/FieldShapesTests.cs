using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Tests.Signing;

public sealed class FieldShapesTests
{
    [Theory]
    [InlineData("0.01", true)]
    [InlineData("205.00", true)]
    [InlineData("615.00", true)]
    [InlineData("9999999.99", true)]
    [InlineData("0.00", false)] // never zero
    [InlineData("10.5", false)] // the gateway always writes two decimals
    [InlineData("10.500", false)]
    [InlineData("010.50", false)] // leading zero
    [InlineData("615", false)]
    [InlineData(".50", false)]
    [InlineData("1,000.00", false)]
    [InlineData("-1.00", false)]
    [InlineData("99999999.99", false)] // 11 characters
    [InlineData("", false)]
    public void IsGatewayAmount(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsGatewayAmount(value));

    [Theory]
    [InlineData("", true)]
    [InlineData("411111****1111", true)]
    [InlineData("400000******3220", true)]
    [InlineData("4111111111111111", false)] // never a full number
    [InlineData("411111****111", false)]
    [InlineData("41111****1111", false)]
    [InlineData("411111**x*1111", false)]
    [InlineData("411111**********1111", false)]
    [InlineData("null", false)]
    public void IsMaskedCardOrEmpty(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsMaskedCardOrEmpty(value));

    [Theory]
    [InlineData("0", true)]
    [InlineData("3", true)]
    [InlineData("4", false)]
    [InlineData("00", false)]
    [InlineData("26", false)]
    [InlineData("", false)]
    public void IsAuthType(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsAuthType(value));

    [Theory]
    [InlineData("-1", true)]
    [InlineData("0", true)]
    [InlineData("1", true)]
    [InlineData("01", false)]
    [InlineData("-", false)]
    [InlineData("2", false)]
    [InlineData("", false)]
    public void IsPaymentStatus(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsPaymentStatus(value));

    [Theory]
    [InlineData("", true)]
    [InlineData("80000:Transaction Approved", true)]
    [InlineData("89999:Contact Customer Service", true)]
    [InlineData("20061:", true)]
    [InlineData("0000:Transaction Approved", false)]
    [InlineData("800000:Approved", false)]
    [InlineData("80000 Approved", false)]
    [InlineData("80000", false)]
    [InlineData("80000:line\nbreak", false)]
    public void IsPaymentDetailsOrEmpty(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsPaymentDetailsOrEmpty(value));

    [Theory]
    [InlineData("231115103045123010521", true)]
    [InlineData("23111510304512301052", false)]
    [InlineData("2311151030451230105211", false)]
    [InlineData("23111510304512301052a", false)]
    [InlineData("", false)]
    public void IsGatewayId(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsGatewayId(value));

    [Theory]
    [InlineData("PF20261202ABCDEFGHJKLMNPQR", true)]
    [InlineData("1234", true)]
    [InlineData("ORD-2024_17", true)]
    [InlineData("NO.12", false)] // no dot: the first dot of a result is the amount's
    [InlineData("", false)]
    [InlineData("ORD 1", false)]
    public void IsOrderNumber(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsOrderNumber(value));

    [Theory]
    [InlineData("USD", true)]
    [InlineData("JPY", true)]
    [InlineData("XYZ", false)]
    [InlineData("usd", false)]
    [InlineData("BGN", false)] // withdrawn when Bulgaria took the euro
    public void IsCurrency(string value, bool expected) => Assert.Equal(expected, FieldShapes.IsCurrency(value));

    [Fact]
    public void IsRisk_OnlyEmpty()
    {
        Assert.True(FieldShapes.IsRisk(string.Empty));
        Assert.False(FieldShapes.IsRisk("0"));
    }

    [Fact]
    public void FirstOffShape_NamesTheFieldAndChecksTheEchoedNotes()
    {
        var values = SignerTests.S3Fields();

        Assert.Null(SignedFields.FirstOffShape(SignatureKind.Result, values.GetValueOrDefault));
        Assert.Null(SignedFields.FirstOffShape(SignatureKind.Result, values.GetValueOrDefault, new KnownValues(string.Empty, string.Empty)));
        Assert.Equal("order_notes", SignedFields.FirstOffShape(SignatureKind.Result, values.GetValueOrDefault, new KnownValues("sent notes", string.Empty)));
        values["payment_authType"] = "00";
        Assert.Equal("payment_authType", SignedFields.FirstOffShape(SignatureKind.Result, values.GetValueOrDefault));
    }

    [Fact]
    public void FirstOffShape_BusinessNoticeMustNameTheRecordedPaymentId()
    {
        var values = new Dictionary<string, string>
        {
            ["account"] = "995149",
            ["terminal"] = "99514901",
            ["order_number"] = "NO12345678",
            ["payment_id"] = "231115103045123010521",
            ["push_id"] = "231120090000111010511",
            ["push_status"] = "1",
            ["push_details"] = "Refund successful",
        };

        Assert.Null(SignedFields.FirstOffShape(SignatureKind.BusinessNotice, values.GetValueOrDefault, new KnownValues(string.Empty, "231115103045123010521")));
        Assert.Equal("payment_id", SignedFields.FirstOffShape(SignatureKind.BusinessNotice, values.GetValueOrDefault, new KnownValues(string.Empty, "231115103045123010599")));
        values["push_status"] = "3";
        Assert.Equal("push_status", SignedFields.FirstOffShape(SignatureKind.BusinessNotice, values.GetValueOrDefault));
    }

    [Fact]
    public void FirstOffShape_SentKinds_HaveNoShapesToCheck()
        => Assert.Throws<ArgumentOutOfRangeException>(() => SignedFields.FirstOffShape(SignatureKind.Payment, _ => string.Empty));
}
