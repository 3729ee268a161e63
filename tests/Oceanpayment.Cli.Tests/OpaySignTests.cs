namespace Oceanpayment.Cli.Tests;

public sealed class OpaySignTests
{
    private static readonly string[] S1bFields =
        ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "billing_firstName=test", "billing_lastName=test", "billing_email=test@gmail.com"];

    // Protocol reference §12, row by row: (id, kind, fields, secure code, concatenated string, signature).
    public static TheoryData<string, string, string[], string, string, string> Vectors => new()
    {
        { "S1", "payment", ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "billing_firstName=test", "billing_lastName=test", "billing_email=test@gmail.com"], "12345678", "99514999514901NO12345678USD0.01testtesttest@gmail.com", "1207df556240d2c70c63f89d978a5dbfcaa3c9780c8c6bd36779bf526ca10342" },
        { "S1b", "payment", S1bFields, OpayRunner.MadeUpCode, "99514999514901NO12345678USD0.01testtesttest@gmail.com", "a7d0387a3e25eaab2c95a9e05aa76f5bc12a56ac00fa6bfdd96e4bb39e600f17" },
        { "S3", "result", ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "order_notes=", "card_number=411111****1111", "payment_id=231115103045123010521", "payment_authType=0", "payment_status=1", "payment_details=80000:Transaction Approved", "payment_risk="], OpayRunner.MadeUpCode, "99514999514901NO12345678USD0.01411111****11112311151030451230105210180000:Transaction Approved", "70af5d01a1822f0a7fec19c17fcba653e8cfd173aeb3a6ebedba275f210aae4f" },
        { "S3b", "result", ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "order_notes=", "card_number=411111****1111", "payment_id=231115103045123010521", "payment_authType=2", "payment_status=-1", "payment_details=", "payment_risk="], OpayRunner.MadeUpCode, "99514999514901NO12345678USD0.01411111****11112311151030451230105212-1", "c2b5fc27d10c050f1a8b9514e6a4a4069f9eab4ebfdf2de3c7cb6d5f827a02cc" },
        { "S4", "result", ["account=995149", "terminal=99514901", "order_number=NO12345679", "order_currency=EUR", "order_amount=10.50", "order_notes=note 1", "card_number=520000****0008", "payment_id=231115104500987010533", "payment_authType=0", "payment_status=0", "payment_details=80022:Not Sufficient Funds", "payment_risk="], OpayRunner.MadeUpCode, "99514999514901NO12345679EUR10.50note 1520000****00082311151045009870105330080022:Not Sufficient Funds", "f87e0ae6a1d733fd44d7dcf0793a35b37b7cfe75e903fa17ec334c3475d2e289" },
        { "S5", "query", ["account=995149", "terminal=99514901", "order_number=NO12345678"], OpayRunner.MadeUpCode, "99514999514901NO12345678", "565a17fa70adfd7c9ea3df444833840cbf8712709c7c1c7c61d9aa0124105074" },
        { "S6", "refund", ["account=995149", "terminal=99514901", "payment_id=231115103045123010521", "refund_type=2", "refund_amount=0.01", "refund_description=Customer request"], OpayRunner.MadeUpCode, "9951499951490123111510304512301052120.01Customer request", "e93fd87165d4e24386a5dba07c71271dadb3dcd8020a63d87c278b54fb16032f" },
        { "S7", "business-notice", ["account=995149", "terminal=99514901", "order_number=NO12345678", "payment_id=231115103045123010521", "push_id=231120090000111010511", "push_status=1", "push_details=Refund successful"], OpayRunner.MadeUpCode, "99514999514901NO123456782311151030451230105212311200900001110105111Refund successful", "e78f44c084da39bf4e11348d4fb90d88b8fbd742f31d4a3c4a75097acdfa5897" },
        { "S9", "payment", ["account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "billing_firstName=  O'Brien ", "billing_lastName=test", "billing_email=test@gmail.com"], OpayRunner.MadeUpCode, "99514999514901NO12345678USD0.01OBrientesttest@gmail.com", "897f4330b5578fb333ad6d81933ca7d879cf4df1e96d53e116426f8b18f0ceb6" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_ReferenceVector_PrintsMaskedStringThenSignatureOnLastLine(string id, string kind, string[] fields, string secureCode, string signedString, string signature)
    {
        var run = OpayRunner.Run(["sign", kind, .. fields], secureCode: secureCode);

        Assert.True(run.ExitCode == 0, $"{id}: {run.Stderr}");
        Assert.Equal(signature, run.LastLine);
        Assert.Equal(signedString + "<secureCode>", run.SignedStringLine);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_ReferenceVector_NeverPrintsSecureCode(string id, string kind, string[] fields, string secureCode, string signedString, string signature)
    {
        var run = OpayRunner.Run(["sign", kind, .. fields], secureCode: secureCode);

        Assert.True(signature.Length == 64, id);
        // S1's made-up code 12345678 is also part of its order number NO12345678; that value is
        // the merchant's own input, so only the rest of the output must be free of the code.
        var output = (run.Stdout + run.Stderr).Replace("NO12345678", "NO-order", StringComparison.Ordinal);
        Assert.DoesNotContain(secureCode, output, StringComparison.Ordinal);
        Assert.DoesNotContain(secureCode, signedString.Replace("NO12345678", "NO-order", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_PaymentWithDirtyBillingName_SaysWhatWasCleaned()
    {
        var run = OpayRunner.Run(["sign", "payment", "account=995149", "terminal=99514901", "order_number=NO12345678", "order_currency=USD", "order_amount=0.01", "billing_firstName=  O'Brien ", "billing_lastName=<b>test</b>", "billing_email=\"test@gmail.com\""]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cleaned: billing_firstName [  O'Brien ] -> [OBrien]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cleaned: billing_lastName [<b>test</b>] -> [btest/b]", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("99514999514901NO12345678USD0.01OBrienbtest/btest@gmail.com<secureCode>", run.SignedStringLine);
        Assert.Equal(OpayRunner.ExpectedSignature("99514999514901NO12345678USD0.01OBrienbtest/btest@gmail.com"), run.LastLine);
    }

    [Fact]
    public void Sign_ResultWithQuoteInValue_SignsItUncleaned()
    {
        // Only the payment request is cleaned: results are signed by the gateway as they are.
        var run = OpayRunner.Run(["sign", "result", "account=995149", "terminal=99514901", "order_number=NO1", "order_currency=USD", "order_amount=0.01", "order_notes=it's", "card_number=", "payment_id=1", "payment_authType=0", "payment_status=1", "payment_details=", "payment_risk="]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(OpayRunner.ExpectedSignature("99514999514901NO1USD0.01it's101"), run.LastLine);
    }

    [Fact]
    public void Sign_PaymentWithIncludeBackUrl_PutsBackUrlAfterTerminal()
    {
        var run = OpayRunner.Run(["sign", "payment", "--include-backurl", "backUrl=https://shop.example/return", .. S1bFields]);

        Assert.Equal(0, run.ExitCode);
        const string Expected = "99514999514901https://shop.example/returnNO12345678USD0.01testtesttest@gmail.com";
        Assert.Equal(Expected + "<secureCode>", run.SignedStringLine);
        Assert.Equal(OpayRunner.ExpectedSignature(Expected), run.LastLine);
        Assert.Contains("account + terminal + backUrl + order_number", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refund-query", new[] { "account=995149", "terminal=99514901", "refund_id=R123" }, "99514999514901R123")]
    [InlineData("capture", new[] { "account=995149", "terminal=99514901", "payment_id=231115103045123010521", "payment_authType=1", "order_amount=0.01" }, "9951499951490123111510304512301052110.01")]
    [InlineData("void", new[] { "payment_authType=2", "payment_id=231115103045123010521", "terminal=99514901", "account=995149" }, "995149995149012311151030451230105212")]
    public void Sign_KindsWithoutPublishedVector_MatchIndependentHash(string kind, string[] fields, string signedString)
    {
        var run = OpayRunner.Run(["sign", kind, .. fields]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(signedString + "<secureCode>", run.SignedStringLine);
        Assert.Equal(OpayRunner.ExpectedSignature(signedString), run.LastLine);
    }

    [Fact]
    public void Sign_UnknownFieldName_ExitsTwoNamingIt()
    {
        var run = OpayRunner.Run(["sign", "query", "account=995149", "terminal=99514901", "order_number=NO1", "order_no=NO1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown field 'order_no'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("account, terminal, order_number", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Sign_FieldNameInWrongCase_ExitsTwoSuggestingTheRightName()
    {
        var run = OpayRunner.Run(["sign", "payment", .. S1bFields.Where(f => !f.StartsWith("billing_firstName", StringComparison.Ordinal)), "billing_firstname=test"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean 'billing_firstName'?", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_BackUrlWithoutSwitch_ExitsTwoPointingToTheSwitch()
    {
        var run = OpayRunner.Run(["sign", "payment", "backUrl=https://shop.example/return", .. S1bFields]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--include-backurl", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_MissingField_ExitsTwoListingWhatIsMissing()
    {
        var run = OpayRunner.Run(["sign", "result", "account=995149", "terminal=99514901", "order_number=NO1", "order_currency=USD", "order_amount=0.01", "card_number=", "payment_id=1", "payment_authType=0", "payment_status=1", "payment_details="]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing field(s) for result: order_notes, payment_risk.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Sign_SecureCodeVariableUnsetOrEmpty_ExitsTwo(string? secureCode)
    {
        var run = OpayRunner.Run(["sign", "payment", .. S1bFields], secureCode: secureCode);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("OCEANPAYMENT_SECURE_CODE", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Sign_SecureCodeWithTrailingNewline_WarnsAndUsesItAsIs()
    {
        var run = OpayRunner.Run(["sign", "query", "account=995149", "terminal=99514901", "order_number=NO12345678"], secureCode: OpayRunner.MadeUpCode + "\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("whitespace", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(OpayRunner.ExpectedSignature("99514999514901NO12345678", OpayRunner.MadeUpCode + "\n"), run.LastLine);
        run.AssertNoSecret(OpayRunner.MadeUpCode);
    }

    [Theory]
    [InlineData("sign", "payment", "account")]
    [InlineData("sign", "payment", "account=1", "account=2")]
    [InlineData("sign", "refund-kind", "account=1")]
    [InlineData("sign")]
    [InlineData("sign", "query", "--backurl")]
    [InlineData("sign", "query", "--include-backurl", "account=995149", "terminal=99514901", "order_number=NO1")]
    [InlineData("sigm", "query")]
    public void Sign_MalformedArguments_ExitTwoWithoutOutput(params string[] args)
    {
        var run = OpayRunner.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("opay: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Run_NoArguments_PrintsUsageAndExitsTwo()
    {
        var run = OpayRunner.Run([]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("opay sign <kind>", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_PrintsUsageAndExitsZero()
    {
        var run = OpayRunner.Run(["help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("business-notice", run.Stdout, StringComparison.Ordinal);
    }
}
