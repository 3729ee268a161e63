using Payments.Core.Oceanpayment.Signing;

namespace Payments.Core.Tests.Signing;

public sealed class SignerTests
{
    private static readonly SecureCode MadeUp = SecureCode.From("Ab12Cd34Ef56");

    // Protocol reference §12: each row is (kind, fields in any order, secure code, expected signature).
    public static TheoryData<string, SignatureKind, string[], string, string> Vectors => new()
    {
        { "S1", SignatureKind.Payment, ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "billing_firstName=test", "billing_lastName=test", "billing_email=test@gmail.com"], "12345678", "1207df556240d2c70c63f89d978a5dbfcaa3c9780c8c6bd36779bf526ca10342" },
        { "S1b", SignatureKind.Payment, ["billing_email=test@gmail.com", "account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "billing_firstName=test", "billing_lastName=test"], "Ab12Cd34Ef56", "a7d0387a3e25eaab2c95a9e05aa76f5bc12a56ac00fa6bfdd96e4bb39e600f17" },
        { "S3", SignatureKind.Result, ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "order_notes=", "card_number=411111****1111", "payment_id=231115103045123010521", "payment_authType=0", "payment_status=1", "payment_details=80000:Transaction Approved", "payment_risk="], "Ab12Cd34Ef56", "70af5d01a1822f0a7fec19c17fcba653e8cfd173aeb3a6ebedba275f210aae4f" },
        { "S3b", SignatureKind.Result, ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "card_number=411111****1111", "payment_id=231115103045123010521", "payment_authType=2", "payment_status=-1"], "Ab12Cd34Ef56", "c2b5fc27d10c050f1a8b9514e6a4a4069f9eab4ebfdf2de3c7cb6d5f827a02cc" },
        { "S4", SignatureKind.Result, ["account=995149", "terminal=99514901", "order_number=NO12345679", "order_currency=EUR", "order_amount=10.50", "order_notes=note 1", "card_number=520000****0008", "payment_id=231115104500987010533", "payment_authType=0", "payment_status=0", "payment_details=80022:Not Sufficient Funds", "payment_risk="], "Ab12Cd34Ef56", "f87e0ae6a1d733fd44d7dcf0793a35b37b7cfe75e903fa17ec334c3475d2e289" },
        { "S5", SignatureKind.Query, ["account=995149", "terminal=99514901", "order_number=NO12345678"], "Ab12Cd34Ef56", "565a17fa70adfd7c9ea3df444833840cbf8712709c7c1c7c61d9aa0124105074" },
        { "S6", SignatureKind.Refund, ["account=995149", "terminal=99514901", "payment_id=231115103045123010521", "refund_type=2", "refund_amount=0.01", "refund_description=Customer request"], "Ab12Cd34Ef56", "e93fd87165d4e24386a5dba07c71271dadb3dcd8020a63d87c278b54fb16032f" },
        { "S7", SignatureKind.BusinessNotice, ["account=995149", "terminal=99514901", "order_number=NO12345678", "payment_id=231115103045123010521", "push_id=231120090000111010511", "push_status=1", "push_details=Refund successful"], "Ab12Cd34Ef56", "e78f44c084da39bf4e11348d4fb90d88b8fbd742f31d4a3c4a75097acdfa5897" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_ReferenceVector_MatchesPinnedSignature(string id, SignatureKind kind, string[] fields, string secureCode, string expected)
    {
        var values = Fields(fields);

        var signature = Signer.Sign(kind, values.GetValueOrDefault, SecureCode.From(secureCode));

        Assert.True(expected == signature, $"vector {id}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_ReferenceVectorInUpperCase_IsAccepted(string id, SignatureKind kind, string[] fields, string secureCode, string expected)
    {
        var values = Fields(fields);

        Assert.True(Signer.Verify(kind, values.GetValueOrDefault, expected.ToUpperInvariant(), SecureCode.From(secureCode)), $"vector {id}");
    }

    [Fact]
    public void SignedString_S3_ConcatenatesValuesInProtocolOrder()
    {
        var values = Fields(["payment_risk=", "payment_details=80000:Transaction Approved", "payment_status=1", "payment_authType=0", "payment_id=231115103045123010521", "card_number=411111****1111", "order_notes=", "order_amount=0.01", "order_currency=USD", "order_number=NO12345678", "terminal=99514901", "account=995149"]);

        var text = Signer.SignedString(SignatureKind.Result, values.GetValueOrDefault);

        Assert.Equal("99514999514901NO12345678USD0.01411111****11112311151030451230105210180000:Transaction Approved", text);
    }

    [Fact]
    public void Sign_PaymentWithBackUrlSwitch_PutsBackUrlAfterTerminal()
    {
        var values = Fields(["account=995149", "terminal=99514901", "backUrl=https://shop.example/return", "order_number=NO1", "order_currency=USD", "order_amount=1.00", "billing_firstName=a", "billing_lastName=b", "billing_email=c@d.ef"]);

        Assert.Equal("99514999514901https://shop.example/returnNO1USD1.00abc@d.ef", Signer.SignedString(SignatureKind.Payment, values.GetValueOrDefault, includeBackUrl: true));
        Assert.Equal("99514999514901NO1USD1.00abc@d.ef", Signer.SignedString(SignatureKind.Payment, values.GetValueOrDefault));
    }

    [Theory]
    [InlineData("order_amount", "0.02")]
    [InlineData("payment_status", "0")]
    [InlineData("card_number", "411111****1112")]
    [InlineData("payment_details", "80000:Transaction approved")]
    [InlineData("account", "995148")]
    public void Verify_TamperedSignedField_IsRejected(string field, string tampered)
    {
        var values = S3Fields();
        var signature = Signer.Sign(SignatureKind.Result, values.GetValueOrDefault, MadeUp);
        values[field] = tampered;

        Assert.False(Signer.Verify(SignatureKind.Result, values.GetValueOrDefault, signature, MadeUp));
    }

    [Fact]
    public void Verify_UnsignedFieldChanged_StillVerifies()
    {
        // Documents the protocol's weakness: response_type, methods, card_type ... are not signed.
        var values = S3Fields();
        var signature = Signer.Sign(SignatureKind.Result, values.GetValueOrDefault, MadeUp);
        values["methods"] = "Anything";

        Assert.True(Signer.Verify(SignatureKind.Result, values.GetValueOrDefault, signature, MadeUp));
    }

    [Theory]
    [InlineData("70AF5D01A1822F0A7FEC19C17FCBA653E8CFD173AEB3A6EBEDBA275F210AAE4F")]
    [InlineData("70af5d01a1822f0a7fec19c17fcba653E8CFD173AEB3A6EBEDBA275F210AAE4F")]
    public void Verify_AnyLetterCase_IsAccepted(string signature)
        => Assert.True(Signer.Verify(SignatureKind.Result, S3Fields().GetValueOrDefault, signature, MadeUp));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("70af5d01a1822f0a7fec19c17fcba653e8cfd173aeb3a6ebedba275f210aae4")]
    [InlineData("70af5d01a1822f0a7fec19c17fcba653e8cfd173aeb3a6ebedba275f210aae4f0")]
    [InlineData("zzaf5d01a1822f0a7fec19c17fcba653e8cfd173aeb3a6ebedba275f210aae4f")]
    [InlineData(" 70af5d01a1822f0a7fec19c17fcba653e8cfd173aeb3a6ebedba275f210aae4")]
    [InlineData("70af5d01a1822f0a7fec19c17fcba653e8cfd173aeb3a6ebedba275f210aae4\u00e9")]
    public void Verify_MalformedSignature_IsRejectedWithoutThrowing(string? signature)
        => Assert.False(Signer.Verify(SignatureKind.Result, S3Fields().GetValueOrDefault, signature, MadeUp));

    [Fact]
    public void Verify_SignedWithoutSecret_IsRejected()
    {
        // A forger who knows the formula but not the secret hashes the values alone.
        var values = S3Fields();
        var forged = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Signer.SignedString(SignatureKind.Result, values.GetValueOrDefault))));

        Assert.False(Signer.Verify(SignatureKind.Result, values.GetValueOrDefault, forged, MadeUp));
    }

    [Fact]
    public void Verify_WrongSecureCode_IsRejected()
    {
        var values = S3Fields();
        var signature = Signer.Sign(SignatureKind.Result, values.GetValueOrDefault, MadeUp);

        Assert.False(Signer.Verify(SignatureKind.Result, values.GetValueOrDefault, signature, SecureCode.From("12345678")));
    }

    [Fact]
    public void Sign_BoundaryShiftedFields_GiveTheSameSignature()
    {
        // amount "1" + notes "00.00" and amount "100.00" + notes "" concatenate identically: the
        // signature cannot tell them apart, so results must also be checked against the stored
        // payment (see PaymentResultChecksTests).
        var shifted = S3Fields();
        shifted["order_amount"] = "1";
        shifted["order_notes"] = "00.00";
        var plain = S3Fields();
        plain["order_amount"] = "100.00";

        Assert.Equal(
            Signer.Sign(SignatureKind.Result, plain.GetValueOrDefault, MadeUp),
            Signer.Sign(SignatureKind.Result, shifted.GetValueOrDefault, MadeUp));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(5000)]
    public void Sign_SignedStringLongerThanItsFirstBuffer_HashesEveryByte(int length)
    {
        // Two- and three-byte characters, so the UTF-8 string outgrows the first buffer (and, at
        // 5,000 characters, the first pooled one) part-way through a value.
        var values = Fields(["account=995149", "terminal=99514901", "payment_id=231115103045123010521", "refund_type=2", "refund_amount=0.01"]);
        values["refund_description"] = string.Concat(Enumerable.Repeat("é€x", length / 3));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            Signer.SignedString(SignatureKind.Refund, values.GetValueOrDefault) + "Ab12Cd34Ef56")));

        Assert.Equal(expected, Signer.Sign(SignatureKind.Refund, values.GetValueOrDefault, MadeUp));
        Assert.True(Signer.Verify(SignatureKind.Refund, values.GetValueOrDefault, expected, MadeUp));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void SecureCode_Empty_IsRefused(string? value)
        => Assert.Throws<ArgumentException>(() => SecureCode.From(value));

    [Fact]
    public void SecureCode_ToString_IsMasked()
        => Assert.DoesNotContain("Ab12", MadeUp.ToString(), StringComparison.Ordinal);

    [Fact]
    public void DescribeSignedString_MasksTheSecureCode()
    {
        var text = Signer.DescribeSignedString(SignatureKind.Query, Fields(["account=995149", "terminal=99514901", "order_number=NO1"]).GetValueOrDefault);

        Assert.Equal("99514999514901NO1<secureCode>", text);
    }

    internal static Dictionary<string, string> Fields(string[] pairs)
        => pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    internal static Dictionary<string, string> S3Fields() => Fields(["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "order_notes=", "card_number=411111****1111", "payment_id=231115103045123010521", "payment_authType=0", "payment_status=1", "payment_details=80000:Transaction Approved", "payment_risk=", "methods=Credit Card"]);
}
