using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Tests;

public sealed class SandboxSignerTests
{
    private const string VectorSecureCode = "Ab12Cd34Ef56";

    [Theory]
    [InlineData("12345678", "1207DF556240D2C70C63F89D978A5DBFCAA3C9780C8C6BD36779BF526CA10342")]
    [InlineData(VectorSecureCode, "A7D0387A3E25EAAB2C95A9E05AA76F5BC12A56AC00FA6BFDD96E4BB39E600F17")]
    public void Sign_F1VectorsS1AndS1b_MatchUppercase(string secureCode, string expected)
    {
        var fields = new Dictionary<string, string>
        {
            ["account"] = "995149",
            ["terminal"] = "99514901",
            ["order_number"] = "NO12345678",
            ["order_currency"] = "USD",
            ["order_amount"] = "0.01",
            ["billing_firstName"] = "test",
            ["billing_lastName"] = "test",
            ["billing_email"] = "test@gmail.com",
            ["backUrl"] = "https://not-signed.example",
        };

        Assert.Equal(expected, SandboxSigner.Sign(FieldOrder.ValuesOf(FieldOrder.F1, fields), secureCode));
    }

    [Fact]
    public void Sign_F1VectorS9CleanedName_Matches()
    {
        var fields = new Dictionary<string, string>
        {
            ["account"] = "995149",
            ["terminal"] = "99514901",
            ["order_number"] = "NO12345678",
            ["order_currency"] = "USD",
            ["order_amount"] = "0.01",
            ["billing_firstName"] = "OBrien",
            ["billing_lastName"] = "test",
            ["billing_email"] = "test@gmail.com",
        };

        Assert.Equal(
            "897f4330b5578fb333ad6d81933ca7d879cf4df1e96d53e116426f8b18f0ceb6",
            SandboxSigner.Sign(FieldOrder.ValuesOf(FieldOrder.F1, fields), VectorSecureCode).ToLowerInvariant());
    }

    [Fact]
    public void SignF3_VectorS3Success_Matches()
    {
        var result = Result("NO12345678", "USD", "0.01", "", "411111****1111", "231115103045123010521", "0", "1", "80000:Transaction Approved");

        Assert.Equal("70AF5D01A1822F0A7FEC19C17FCBA653E8CFD173AEB3A6EBEDBA275F210AAE4F", ResultXml.SignF3(result, VectorSecureCode));
    }

    [Fact]
    public void SignF3_VectorS3bThreeDsRedirect_Matches()
    {
        var result = Result("NO12345678", "USD", "0.01", "", "411111****1111", "231115103045123010521", "2", "-1", "");

        Assert.Equal("C2B5FC27D10C050F1A8B9514E6A4A4069F9EAB4EBFDF2DE3C7CB6D5F827A02CC", ResultXml.SignF3(result, VectorSecureCode));
    }

    [Fact]
    public void SignF3_VectorS4FailedNotice_Matches()
    {
        var result = Result("NO12345679", "EUR", "10.50", "note 1", "520000****0008", "231115104500987010533", "0", "0", "80022:Not Sufficient Funds");

        Assert.Equal("F87E0AE6A1D733FD44D7DCF0793A35B37B7CFE75E903FA17EC334C3475D2E289", ResultXml.SignF3(result, VectorSecureCode));
    }

    [Fact]
    public void Sign_F6VectorS5_Matches()
    {
        var fields = new Dictionary<string, string> { ["account"] = "995149", ["terminal"] = "99514901", ["order_number"] = "NO12345678" };

        Assert.Equal(
            "565A17FA70ADFD7C9EA3DF444833840CBF8712709C7C1C7C61D9AA0124105074",
            SandboxSigner.Sign(FieldOrder.ValuesOf(FieldOrder.F6, fields), VectorSecureCode));
    }

    [Fact]
    public void Sign_F9VectorS6Refund_Matches()
    {
        var fields = new Dictionary<string, string>
        {
            ["account"] = "995149",
            ["terminal"] = "99514901",
            ["payment_id"] = "231115103045123010521",
            ["refund_type"] = "2",
            ["refund_amount"] = "0.01",
            ["refund_description"] = "Customer request",
            ["order_number"] = "NO12345678",
        };

        Assert.Equal(
            "e93fd87165d4e24386a5dba07c71271dadb3dcd8020a63d87c278b54fb16032f",
            SandboxSigner.Sign(FieldOrder.ValuesOf(FieldOrder.F9, fields), VectorSecureCode).ToLowerInvariant());
    }

    [Fact]
    public void SignF4_VectorS7BusinessNotice_Matches()
    {
        var notice = new BusinessNotice
        {
            NoticeType = "refund",
            Account = "995149",
            Terminal = "99514901",
            OrderNumber = "NO12345678",
            PaymentId = "231115103045123010521",
            PushId = "231120090000111010511",
            PushStatus = "1",
            PushDetails = "Refund successful",
            NoticeUrl = "https://unsigned.example/",
            Time = DateTimeOffset.UnixEpoch,
            Extra = [new("refund_id", "231120000001"), new("refund_amount", "0.01")],
        };

        Assert.Equal("E78F44C084DA39BF4E11348D4FB90D88B8FBD742F31D4A3C4A75097ACDFA5897", BusinessNoticeXml.SignF4(notice, VectorSecureCode));
    }

    // No published vectors for F10, F11 and F12: the strings below are the protocol's field orders (§4) written out by hand.
    [Theory]
    [InlineData("F10", "99514999514901231120000001000001Ab12Cd34Ef56")]
    [InlineData("F11", "995149995149012311151030451230105211" + "4.00Ab12Cd34Ef56")]
    [InlineData("F12", "995149995149012311151030451230105212Ab12Cd34Ef56")]
    public void Sign_F10F11F12_SignTheProtocolOrder(string formula, string concatenated)
    {
        var fields = new Dictionary<string, string>
        {
            ["account"] = "995149",
            ["terminal"] = "99514901",
            ["payment_id"] = "231115103045123010521",
            ["refund_id"] = "231120000001000001",
            ["payment_authType"] = formula == "F11" ? "1" : "2",
            ["order_amount"] = "4.00",
            ["order_number"] = "NO12345678",
        };
        var order = formula switch
        {
            "F10" => FieldOrder.F10,
            "F11" => FieldOrder.F11,
            _ => FieldOrder.F12,
        };

        Assert.Equal(Tests.Support.Gateway.Sha256(concatenated), SandboxSigner.Sign(FieldOrder.ValuesOf(order, fields), VectorSecureCode));
    }

    [Theory]
    [InlineData("1207df556240d2c70c63f89d978a5dbfcaa3c9780c8c6bd36779bf526ca10342", true)]
    [InlineData("1207DF556240D2C70C63F89D978A5DBFCAA3C9780C8C6BD36779BF526CA10342", true)]
    [InlineData("1207df556240d2c70c63f89d978a5dbfcaa3c9780c8c6bd36779bf526ca10343", false)]
    [InlineData("1207df556240d2c70c63f89d978a5dbfcaa3c9780c8c6bd36779bf526ca1034", false)]
    [InlineData("zz07df556240d2c70c63f89d978a5dbfcaa3c9780c8c6bd36779bf526ca10342", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Verify_S1WithVariousSignValues_AcceptsOnlyTheRightHashInAnyCase(string? signValue, bool expected)
    {
        string[] values = ["995149", "99514901", "NO12345678", "USD", "0.01", "test", "test", "test@gmail.com"];

        Assert.Equal(expected, SandboxSigner.Verify(values, "12345678", signValue));
    }

    private static PaymentResult Result(string order, string currency, string amount, string notes, string card, string paymentId, string authType, string status, string details) => new()
    {
        Account = "995149",
        Terminal = "99514901",
        Methods = "Credit Card",
        OrderNumber = order,
        OrderCurrency = currency,
        OrderAmount = amount,
        OrderNotes = notes,
        CardNumber = card,
        CardType = "Visa",
        PaymentId = paymentId,
        AuthType = authType,
        Status = status,
        Details = details,
        PayUrl = "https://unsigned.example/",
        Time = DateTimeOffset.UnixEpoch,
    };
}
