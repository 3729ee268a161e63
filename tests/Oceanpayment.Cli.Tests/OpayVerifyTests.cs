namespace Oceanpayment.Cli.Tests;

public sealed class OpayVerifyTests
{
    private const string GooglePayString = "99514999514901NO12345678USD0.01411111***11112312190952470180260213-180093:3D Authorized Service not completed";
    private const string WeChatString = "99514999514901NO12345678USD0.012312191350574950105960-180700:Transaction was not finished";

    // S3 as a browser return: unsigned fields included, absent ones spelled "null", upper-case signature.
    private const string S3Form =
        "response_type=0&account=995149&terminal=99514901&signValue=70AF5D01A1822F0A7FEC19C17FCBA653E8CFD173AEB3A6EBEDBA275F210AAE4F"
        + "&methods=Credit+Card&order_number=NO12345678&order_currency=USD&order_amount=0.01&order_notes=&card_number=411111****1111"
        + "&card_type=null&payment_id=231115103045123010521&payment_authType=0&payment_status=1"
        + "&payment_details=80000%3ATransaction+Approved&payment_risk=&payment_amount=null\n";

    private const string S7Notice = """
        <?xml version="1.0" encoding="UTF-8"?>
        <response>
        <notice_type>refund</notice_type>
        <account>995149</account>
        <terminal>99514901</terminal>
        <signValue>E78F44C084DA39BF4E11348D4FB90D88B8FBD742F31D4A3C4A75097ACDFA5897</signValue>
        <order_number>NO12345678</order_number>
        <payment_id>231115103045123010521</payment_id>
        <push_id>231120090000111010511</push_id>
        <push_status>1</push_status>
        <push_details>Refund successful</push_details>
        </response>
        """;

    [Fact]
    public void Verify_ResplitWithTheSameSignature_ExitsOneNamingTheFieldOffItsShape()
    {
        // The same signed string, its characters moved: payment_id "" + authType "23" + status "1" + ...
        var resplit = S3Form
            .Replace("payment_id=231115103045123010521&payment_authType=0&payment_status=1&payment_details=80000",
                "payment_id=&payment_authType=23&payment_status=1&payment_details=1151030451230105210180000", StringComparison.Ordinal);

        var run = OpayRunner.Run(["verify", "result"], resplit);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("OFF SHAPE: the signature matches, but payment_authType", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed-googlepay-3ds-notice.xml", GooglePayString)]
    [InlineData("seed-wechat-qr-answer.xml", WeChatString)]
    public void Verify_SeedDocumentWithUnknownSecureCode_ExitsOneShowingHashedString(string fixture, string signedString)
    {
        var run = OpayRunner.Run(["verify", "result"], OpayRunner.Fixture(fixture));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(signedString + "<secureCode>", run.SignedStringLine);
        Assert.Contains("input: XML", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("INVALID", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
        run.AssertNoSecret(OpayRunner.MadeUpCode);
    }

    [Theory]
    [InlineData("seed-googlepay-3ds-notice.xml", GooglePayString)]
    [InlineData("seed-wechat-qr-answer.xml", WeChatString)]
    public void Verify_SeedDocumentResignedWithKnownCode_ExitsZero(string fixture, string signedString)
    {
        var signature = OpayRunner.ExpectedSignature(signedString).ToUpperInvariant();
        var xml = OpayRunner.ReplaceElement(OpayRunner.Fixture(fixture), "signValue", signature);

        var run = OpayRunner.Run(["verify", "result"], xml);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(signedString + "<secureCode>", run.SignedStringLine);
        Assert.StartsWith("valid: ", run.LastLine, StringComparison.Ordinal);
        run.AssertNoSecret(OpayRunner.MadeUpCode);
    }

    [Theory]
    [InlineData("order_amount", "0.02")]
    [InlineData("payment_status", "1")]
    [InlineData("order_notes", " ")]
    [InlineData("card_number", "411111***1112")]
    public void Verify_ResignedSeedDocumentTampered_ExitsOne(string element, string tampered)
    {
        var signature = OpayRunner.ExpectedSignature(GooglePayString);
        var xml = OpayRunner.ReplaceElement(OpayRunner.Fixture("seed-googlepay-3ds-notice.xml"), "signValue", signature);
        xml = OpayRunner.ReplaceElement(xml, element, tampered);

        var run = OpayRunner.Run(["verify", "result"], xml);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ResignedSeedDocumentWithUnsignedFieldChanged_StillExitsZero()
    {
        // Documents the protocol's weakness (§3.7): methods, card_type, pay_url are not signed.
        var signature = OpayRunner.ExpectedSignature(GooglePayString);
        var xml = OpayRunner.ReplaceElement(OpayRunner.Fixture("seed-googlepay-3ds-notice.xml"), "signValue", signature);
        xml = OpayRunner.ReplaceElement(xml, "pay_url", "https://attacker.example/");

        Assert.Equal(0, OpayRunner.Run(["verify", "result"], xml).ExitCode);
    }

    [Fact]
    public void Verify_FormUrlEncodedBrowserReturn_ExitsZero()
    {
        var run = OpayRunner.Run(["verify", "result"], S3Form);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("input: form-urlencoded", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("99514999514901NO12345678USD0.01411111****11112311151030451230105210180000:Transaction Approved<secureCode>", run.SignedStringLine);
    }

    [Theory]
    [InlineData("order_amount=0.01", "order_amount=0.010")]
    [InlineData("payment_status=1", "payment_status=0")]
    [InlineData("payment_details=80000%3ATransaction+Approved", "payment_details=80000%3ATransaction+approved")]
    [InlineData("&order_notes=", "")]
    public void Verify_FormUrlEncodedTampered_ExitsOne(string original, string tampered)
    {
        var run = OpayRunner.Run(["verify", "result"], S3Form.Replace(original, tampered, StringComparison.Ordinal));

        // Removing the empty order_notes does not change the signed string: absent reads as empty.
        var expected = original == "&order_notes=" ? 0 : 1;
        Assert.Equal(expected, run.ExitCode);
    }

    [Fact]
    public void Verify_FieldsTable_ShowsAbsentFieldsAndValuesInBrackets()
    {
        var run = OpayRunner.Run(["verify", "result"], S3Form.Replace("&order_notes=", string.Empty, StringComparison.Ordinal));

        Assert.Contains("order_notes          (absent)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("payment_details      [80000:Transaction Approved]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BusinessNoticeXml_ExitsZero()
    {
        var run = OpayRunner.Run(["verify", "business-notice"], S7Notice);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("99514999514901NO123456782311151030451230105212311200900001110105111Refund successful<secureCode>", run.SignedStringLine);
    }

    [Fact]
    public void Verify_BusinessNoticeCheckedAsResult_ExitsOnePointingToTheRightKind()
    {
        var run = OpayRunner.Run(["verify", "result"], S7Notice);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hint: the signature matches 'business-notice' (F4)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PaymentSignedWithBackUrl_HintsAtTheSwitch()
    {
        var signed = OpayRunner.Run(["sign", "payment", "--include-backurl", "account=995149", "terminal=99514901", "backUrl=https://shop.example/r", "order_number=NO1", "order_currency=USD", "order_amount=1.00", "billing_firstName=a", "billing_lastName=b", "billing_email=c@d.ef"]);
        var body = $"account=995149&terminal=99514901&signValue={signed.LastLine}&backUrl=https%3A%2F%2Fshop.example%2Fr&order_number=NO1&order_currency=USD&order_amount=1.00&billing_firstName=a&billing_lastName=b&billing_email=c%40d.ef";

        var without = OpayRunner.Run(["verify", "payment"], body);
        var with = OpayRunner.Run(["verify", "payment", "--include-backurl"], body);

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("matches 'payment --include-backurl' (F1)", without.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, with.ExitCode);
    }

    [Fact]
    public void Verify_SignatureNotHex_ExitsOneSayingSo()
    {
        var run = OpayRunner.Run(["verify", "result"], S3Form.Replace("signValue=70AF5D01", "signValue=70AF5D0", StringComparison.Ordinal));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("64 hexadecimal characters; it has 63", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("hello")]
    [InlineData("{\"account\":\"995149\"}")]
    [InlineData("<response><account>995149</account>")]
    [InlineData("<response><account>1</account><account>2</account><signValue>00</signValue></response>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]><response><signValue>&x;</signValue></response>")]
    [InlineData("<response><account>995149</account></response>")]
    [InlineData("account=995149&account=995148&signValue=00")]
    [InlineData("account=995149&terminal=99514901")]
    public void Verify_UnparseableOrUnsignedInput_ExitsTwo(string stdin)
    {
        var run = OpayRunner.Run(["verify", "result"], stdin);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("opay: error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_InputOverTheCap_ExitsTwo()
    {
        var run = OpayRunner.Run(["verify", "result"], "account=" + new string('9', Opay.MaxInputChars));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("larger than", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_SecureCodeVariableUnsetOrEmpty_ExitsTwo(string? secureCode)
    {
        var run = OpayRunner.Run(["verify", "result"], S3Form, secureCode);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("OCEANPAYMENT_SECURE_CODE", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("verify", "notice")]
    [InlineData("verify", "result", "account=995149")]
    [InlineData("verify", "refund", "--include-backurl")]
    public void Verify_MalformedArguments_ExitTwo(params string[] args)
    {
        var run = OpayRunner.Run(args, S3Form);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
    }

    public static TheoryData<string, string[], string?, int> EveryOutcome => new()
    {
        { "sign ok", ["sign", "query", "account=995149", "terminal=99514901", "order_number=NO1"], null, 0 },
        { "sign unknown field", ["sign", "query", "account=995149", "x=1"], null, 2 },
        { "sign missing field", ["sign", "query", "account=995149"], null, 2 },
        { "verify ok", ["verify", "result"], "RESIGN", 0 },
        { "verify invalid", ["verify", "result"], S3Form, 1 },
        { "verify wrong kind", ["verify", "business-notice"], "RESIGN", 1 },
        { "verify parse error", ["verify", "result"], "<response>", 2 },
        { "help", ["help"], null, 0 },
    };

    [Theory]
    [MemberData(nameof(EveryOutcome))]
    public void Run_AnyOutcome_NeverPrintsSecureCode(string scenario, string[] args, string? stdin, int exitCode)
    {
        // Trailing space: the whitespace warning path runs too.
        const string Secret = "Qz7Vw3Kp9Lm2 ";
        if (stdin == "RESIGN")
        {
            var signature = OpayRunner.ExpectedSignature(GooglePayString, Secret);
            stdin = OpayRunner.ReplaceElement(OpayRunner.Fixture("seed-googlepay-3ds-notice.xml"), "signValue", signature);
        }

        var run = OpayRunner.Run(args, stdin, Secret);

        Assert.True(exitCode == run.ExitCode, scenario);
        run.AssertNoSecret(Secret);
    }
}
