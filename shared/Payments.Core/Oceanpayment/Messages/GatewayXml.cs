using System.Xml;

namespace Payments.Core.Oceanpayment.Messages;

/// <summary>
/// Reads Oceanpayment's XML (synchronous answers, notices, query answers) safely: the root name is
/// ignored (<c>response</c> and <c>respon</c> both occur), DTDs are prohibited, nothing is resolved,
/// the document size is capped, and a repeated field is an error rather than a silent choice.
/// </summary>
public static class GatewayXml
{
    /// <summary>Default cap on a document: far above any real message, far below anything costly.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = DefaultMaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Whitespace between elements is skipped by hand: a field whose value is only spaces is signed as such.
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    /// <summary>Parses a message whose root holds only text fields (payment answers and notices).</summary>
    public static GatewayParseResult<GatewayMessage> ParseMessage(byte[] document)
    {
        var result = Parse(document, blockName: null);
        return result.Succeeded
            ? GatewayParseResult<GatewayMessage>.Ok(result.Value.Fields)
            : GatewayParseResult<GatewayMessage>.Fail(result.Error);
    }

    /// <summary>Parses a document whose root holds text fields and repeated blocks (for example
    /// <c>paymentInfo</c> in a status query answer).</summary>
    public static GatewayParseResult<GatewayDocument> ParseDocument(byte[] document, string blockName)
        => Parse(document, blockName);

    /// <summary>Reads a stream up to <paramref name="maxBytes"/>; more than that is an error.</summary>
    public static async Task<GatewayParseResult<byte[]>> ReadCappedAsync(Stream stream, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return GatewayParseResult<byte[]>.Fail($"The message is larger than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return GatewayParseResult<byte[]>.Ok(buffer.ToArray());
    }

    private static GatewayParseResult<GatewayDocument> Parse(byte[] document, string? blockName)
    {
        if (document.Length > DefaultMaxBytes)
        {
            return GatewayParseResult<GatewayDocument>.Fail($"The message is larger than {DefaultMaxBytes} bytes.");
        }

        if (document.Length == 0)
        {
            return GatewayParseResult<GatewayDocument>.Fail("The message is empty.");
        }

        try
        {
            // A seekable stream lets the reader size its buffers to the document; the per-parse
            // name table shares the gateway's known names and keeps any other name to itself.
            using var stream = new MemoryStream(document, writable: false);
            using var reader = XmlReader.Create(stream, Settings, new XmlParserContext(new GatewayNameTable(), null, null, XmlSpace.None));
            return ReadRoot(reader, blockName);
        }
        catch (XmlException exception)
        {
            // The reader's message names the construct and position; it never echoes field values.
            return GatewayParseResult<GatewayDocument>.Fail($"The XML is not acceptable: {exception.Message}");
        }
    }

    private static GatewayParseResult<GatewayDocument> ReadRoot(XmlReader reader, string? blockName)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            return GatewayParseResult<GatewayDocument>.Fail("The XML has no root element.");
        }

        // A notice has about 30 fields: start there so the usual message never regrows.
        var fields = GatewayMessage.NewFields(32);
        var blocks = new List<GatewayMessage>();
        if (reader.IsEmptyElement)
        {
            return GatewayParseResult<GatewayDocument>.Ok(new GatewayDocument(new GatewayMessage(fields), blocks));
        }

        reader.Read();
        while (SkipWhitespace(reader) != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                return GatewayParseResult<GatewayDocument>.Fail("The root element holds text outside its fields.");
            }

            if (blockName is not null && reader.LocalName == blockName)
            {
                var block = GatewayMessage.NewFields(16);
                var error = ReadBlock(reader, block);
                if (error is not null)
                {
                    return GatewayParseResult<GatewayDocument>.Fail(error);
                }

                blocks.Add(new GatewayMessage(block));
                continue;
            }

            var fieldError = ReadField(reader, fields);
            if (fieldError is not null)
            {
                return GatewayParseResult<GatewayDocument>.Fail(fieldError);
            }
        }

        reader.Read();
        while (reader.Read())
        {
            // Reading to the end makes the reader reject trailing garbage.
        }

        return GatewayParseResult<GatewayDocument>.Ok(new GatewayDocument(new GatewayMessage(fields), blocks));
    }

    // Reads the children of the element the reader is on; leaves the reader after its end tag.
    private static string? ReadBlock(XmlReader reader, OrderedDictionary<string, string> fields)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        var name = reader.LocalName;
        reader.Read();
        while (SkipWhitespace(reader) != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                return $"The element '{name}' holds text outside its fields.";
            }

            var error = ReadField(reader, fields);
            if (error is not null)
            {
                return error;
            }
        }

        reader.Read();
        return null;
    }

    private static XmlNodeType SkipWhitespace(XmlReader reader)
    {
        while (reader.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            reader.Read();
        }

        return reader.NodeType;
    }

    // Reads one text-only element; leaves the reader on the next node.
    private static string? ReadField(XmlReader reader, OrderedDictionary<string, string> fields)
    {
        var name = reader.LocalName;
        if (fields.ContainsKey(name))
        {
            return $"The element '{name}' appears more than once.";
        }

        string value;
        if (reader.IsEmptyElement)
        {
            value = string.Empty;
            reader.Read();
        }
        else
        {
            reader.Read();
            value = string.Empty;
            while (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                value = value.Length == 0 ? reader.Value : value + reader.Value;
                reader.Read();
            }

            if (reader.NodeType != XmlNodeType.EndElement)
            {
                return $"The element '{name}' must hold text only.";
            }

            reader.Read();
        }

        fields.Add(name, value);
        return null;
    }
}
