using System.Text;
using Payments.Core.Oceanpayment.Messages;

namespace Payments.Core.Tests.Messages;

/// <summary>
/// The rules where System.Xml's UTF-8 text reader, which <see cref="GatewayXml"/> uses, could
/// differ from <c>XmlReader</c>: encodings and BOMs, the XML declaration, comments, processing
/// instructions, character references, namespaces, and what may follow the root.
/// </summary>
public sealed class GatewayXmlReaderRulesTests
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static GatewayParseResult<GatewayMessage> Parse(string xml) => GatewayXml.ParseMessage(Utf8(xml));

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?>")]
    [InlineData("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("")]
    public void ParseMessage_Utf8DeclarationVariants_AreAccepted(string declaration)
    {
        var result = Parse($"{declaration}<response><account>995149</account></response>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("995149", result.Value["account"]);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"us-ascii\"?>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-16\"?>")]
    [InlineData("<?xml version=\"1.1\"?>")]
    [InlineData("<?xml encoding=\"UTF-8\"?>")]
    [InlineData("<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>")]
    [InlineData(" <?xml version=\"1.0\"?>")]
    public void ParseMessage_OtherEncodingOrBadDeclaration_IsRejected(string declaration)
        => Assert.False(Parse($"{declaration}<response><account>995149</account></response>").Succeeded);

    [Fact]
    public void ParseMessage_Latin1BytesDeclaredAsLatin1_IsRejected()
    {
        // The gateway sends UTF-8 (protocol §2): another encoding is refused, not transcoded.
        var latin1 = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><response><billing_city>Kraków</billing_city></response>");

        Assert.False(GatewayXml.ParseMessage(latin1).Succeeded);
    }

    [Fact]
    public void ParseMessage_Utf16WithBom_IsRejected()
    {
        byte[] utf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><response><account>1</account></response>")];

        Assert.False(GatewayXml.ParseMessage(utf16).Succeeded);
    }

    [Fact]
    public void ParseMessage_Utf8Bom_IsAcceptedAndNonAsciiTextDecoded()
    {
        var result = GatewayXml.ParseMessage([.. Utf8Bom, .. Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><response><billing_city>Kraków 😀</billing_city></response>")]);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Kraków 😀", result.Value["billing_city"]);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x0A })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x3C })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x0A })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x3C, 0x72, 0x2F, 0x3E })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x3C })]
    public void ParseMessage_ShortOrRepeatedBom_IsAnErrorNotAnException(byte[] document)
        => Assert.False(GatewayXml.ParseMessage(document).Succeeded);

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    public void ParseMessage_InvalidUtf8_IsRejected(byte[] bytes)
        => Assert.False(GatewayXml.ParseMessage([.. Utf8("<response><order_notes>"), .. bytes, .. Utf8("</order_notes></response>")]).Succeeded);

    [Fact]
    public void ParseMessage_Comments_AreIgnoredEverywhere()
    {
        var result = Parse("<!-- a --><response><!-- b --><order_notes>gift<!-- c --> wrap</order_notes>\n<!-- d --><account>995149</account></response><!-- e -->");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["order_notes", "account"], result.Value.Fields.Select(field => field.Key));
        Assert.Equal("gift wrap", result.Value["order_notes"]);
    }

    [Theory]
    [InlineData("<?xml-stylesheet href=\"a.xsl\"?><response><account>1</account></response>")]
    [InlineData("<response><?pi data?><account>1</account></response>")]
    [InlineData("<response><account>1<?pi data?></account></response>")]
    [InlineData("<response><account>1</account></response><?pi data?>")]
    public void ParseMessage_ProcessingInstruction_IsRejected(string xml)
    {
        // The gateway never sends one; refusing it, like a DTD, is stricter than ignoring it.
        var result = Parse(xml);

        Assert.False(result.Succeeded);
        Assert.Contains("Processing instructions", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMessage_CdataMixedWithEscapedText_IsJoinedAndDecoded()
    {
        var result = Parse("<response><payment_details>80000:<![CDATA[<Approved> & ]]>&lt;ok&gt; &#x41;&#66;</payment_details></response>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("80000:<Approved> & <ok> AB", result.Value["payment_details"]);
    }

    [Fact]
    public void ParseMessage_CdataBetweenFields_IsRejected()
        => Assert.False(Parse("<response><account>1</account><![CDATA[x]]><terminal>2</terminal></response>").Succeeded);

    [Theory]
    [InlineData("&#1;")]
    [InlineData("&#0;")]
    [InlineData("&#x1F;")]
    [InlineData("&#xD800;")]
    [InlineData("&#xDC00;x")]
    [InlineData("&#xFFFE;")]
    [InlineData("&#xFFFF;")]
    [InlineData("&#x110000;")]
    [InlineData("&undefined;")]
    public void ParseMessage_ReferenceToAForbiddenCharacter_IsRejected(string reference)
        => Assert.False(Parse($"<response><order_notes>a{reference}b</order_notes></response>").Succeeded);

    [Fact]
    public void ParseMessage_AllowedCharacterReferences_AreDecoded()
    {
        var result = Parse("<response><order_notes>&#9;&#10;&#13;&#x1F600;&#xFFFD;</order_notes></response>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("\t\n\r😀\uFFFD", result.Value["order_notes"]);
    }

    [Fact]
    public void ParseMessage_LineEndings_AreNormalizedInValuesAndSkippedBetweenFields()
    {
        var result = Parse("<response>\r\n<order_notes>a\r\nb\rc</order_notes>\r<account>995149</account>\r\n</response>\r\n");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("a\nb\nc", result.Value["order_notes"]);
        Assert.Equal("995149", result.Value["account"]);
    }

    [Fact]
    public void ParseMessage_WhitespaceOnlyValues_AreKeptAsSent()
    {
        var result = Parse("<response xml:space=\"preserve\"> <order_notes> \t </order_notes> <payment_risk>&#32;</payment_risk> <auth_reason> <![CDATA[ ]]> </auth_reason> </response>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(" \t ", result.Value["order_notes"]);
        Assert.Equal(" ", result.Value["payment_risk"]);
        Assert.Equal("   ", result.Value["auth_reason"]);
    }

    [Fact]
    public void ParseMessage_PrefixedNames_AreReadByLocalName()
    {
        var result = Parse("<op:response xmlns:op=\"urn:op\" xmlns=\"urn:default\"><op:account>995149</op:account><terminal>99514901</terminal></op:response>");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("995149", result.Value["account"]);
        Assert.Equal("99514901", result.Value["terminal"]);
    }

    [Fact]
    public void ParseMessage_SameLocalNameInTwoNamespaces_IsADuplicate()
    {
        var result = Parse("<response xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"><a:payment_status>1</a:payment_status><b:payment_status>0</b:payment_status></response>");

        Assert.False(result.Succeeded);
        Assert.Contains("payment_status", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<response><p:account>1</p:account></response>")]
    [InlineData("<response xmlns:xml=\"urn:not-xml\"><account>1</account></response>")]
    [InlineData("<response xmlns:p=\"\"><account>1</account></response>")]
    public void ParseMessage_BadNamespaceDeclarations_AreRejected(string xml)
        => Assert.False(Parse(xml).Succeeded);

    [Theory]
    [InlineData("<response/><response/>")]
    [InlineData("<response/></p:a>")]
    [InlineData("<response/>text")]
    [InlineData("<response/><!DOCTYPE r>")]
    [InlineData("<response><account>1</account></response><![CDATA[x]]>")]
    [InlineData("<response><account>1</account></response>\0")]
    public void ParseMessage_ContentAfterTheRoot_IsRejected(string xml)
        => Assert.False(Parse(xml).Succeeded);

    [Fact]
    public void ParseMessage_TruncatedUtf8AfterTheRoot_IsRejected()
        => Assert.False(GatewayXml.ParseMessage([.. Utf8("<response><account>1</account></response>"), 0xCC]).Succeeded);

    [Fact]
    public void ParseMessage_WhitespaceAndCommentsAfterTheRoot_AreAccepted()
        => Assert.True(Parse("<response><account>1</account></response>\r\n<!-- end -->\n").Succeeded);

    [Theory]
    [InlineData("<response><account><a><b><c>1</c></b></a></account></response>")]
    [InlineData("<response><paymentInfo><payment_id><x>1</x></payment_id></paymentInfo></response>")]
    public void ParseDocument_DeepNesting_IsAnErrorNotAnException(string xml)
        => Assert.False(GatewayXml.ParseDocument(Utf8(xml), "paymentInfo").Succeeded);

    [Fact]
    public void ParseMessage_AfterFailedAndUnknownNameParses_ReadsTheNextDocumentAfresh()
    {
        // Each thread reuses one reader; a failed parse, or one with names the gateway is not known
        // to send, must leave nothing behind for the next document.
        Assert.False(Parse("<response><account>1</account><!DOCTYPE x></response>").Succeeded);
        var unknown = Parse("<response><sdk_field_1>x</sdk_field_1><account>1</account></response>");
        Assert.False(Parse("<response><account>1").Succeeded);
        var known = Parse("<response><account>2</account><terminal>3</terminal></response>");

        Assert.True(unknown.Succeeded, unknown.Error);
        Assert.Equal(["sdk_field_1", "account"], unknown.Value.Fields.Select(field => field.Key));
        Assert.True(known.Succeeded, known.Error);
        Assert.Equal([new KeyValuePair<string, string>("account", "2"), new KeyValuePair<string, string>("terminal", "3")], known.Value.Fields);
        Assert.Equal("1", unknown.Value["account"]);
    }

    [Fact]
    public void ParseMessage_ManyThreads_EachGetTheirOwnFields()
    {
        var results = new GatewayParseResult<GatewayMessage>[64];

        Parallel.For(0, results.Length, i => results[i] = Parse($"<response><account>{i}</account><extra_{i % 3}>{i}</extra_{i % 3}></response>"));

        for (var i = 0; i < results.Length; i++)
        {
            var result = results[i];
            Assert.True(result.Succeeded, result.Error);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Value["account"]);
            Assert.True(result.Value.Contains($"extra_{i % 3}"));
        }
    }
}
