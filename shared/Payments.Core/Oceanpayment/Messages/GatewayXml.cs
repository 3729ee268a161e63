using System.Buffers;
using System.Text;
using System.Xml;

namespace Payments.Core.Oceanpayment.Messages;

/// <summary>
/// Reads Oceanpayment's XML (synchronous answers, notices, query answers) safely: the root name is
/// ignored (<c>response</c> and <c>respon</c> both occur), the document must be UTF-8, DTDs and
/// processing instructions are refused, nothing is resolved, the document size is capped, and a
/// repeated field is an error rather than a silent choice.
/// </summary>
public static class GatewayXml
{
    /// <summary>Default cap on a document: far above any real message, far below anything costly.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    // Root, block and field are three levels; a fourth lets ReadField name a nested element itself.
    private static readonly XmlDictionaryReaderQuotas Quotas = new()
    {
        MaxDepth = 4,
        MaxStringContentLength = DefaultMaxBytes,
        MaxArrayLength = DefaultMaxBytes,
        MaxBytesPerRead = DefaultMaxBytes,
        MaxNameTableCharCount = DefaultMaxBytes,
    };

    // The gateway sends UTF-8 (protocol §2); with the encoding fixed the reader refuses a UTF-16 BOM
    // and a declaration naming any other encoding instead of transcoding.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Characters XML 1.0 forbids even as a reference, plus surrogates (checked for pairing). The
    // UTF-8 reader refuses them as raw bytes but lets a character reference such as &#1; through.
    private static readonly SearchValues<char> NotPlainText = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\uFFFE\uFFFF"
        + string.Create(0x800, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)(0xD800 + i);
            }
        }));

    private static readonly SearchValues<char> XmlWhitespace = SearchValues.Create(" \t\r\n");

    private static readonly byte[] IdleDocument = "<idle/>"u8.ToArray();

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // One reader per thread, reset for each parse: a new one costs about 3 KB by the end of a notice.
    // Its name table keeps only the gateway's known names between parses (see Return).
    [ThreadStatic]
    private static XmlDictionaryReader? t_reader;

    // The root's field names in the last document this thread parsed whose names were all known
    // (only the shared known instances, never a string taken from input). See FieldNames.
    [ThreadStatic]
    private static string[]? t_expectedNames;

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

        // The UTF-8 BOM is skipped here, never handed to the reader: its BOM check throws
        // IndexOutOfRangeException on a BOM followed by one byte (seen on .NET 10.0).
        var start = document.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        if (document.AsSpan(start).StartsWith(Utf8Bom))
        {
            return GatewayParseResult<GatewayDocument>.Fail("The XML is not acceptable: it starts with two byte order marks.");
        }

        XmlDictionaryReader? reader = null;
        var names = new FieldNames(t_expectedNames);
        GatewayParseResult<GatewayDocument> result;
        try
        {
            // The reader checks the BOM and the XML declaration as soon as it is given the bytes.
            reader = Rent(document, start);
            result = ReadRoot(reader, blockName, ref names);
        }
        catch (XmlException exception)
        {
            // The reader's message names the construct and position; it never echoes field values.
            result = GatewayParseResult<GatewayDocument>.Fail($"The XML is not acceptable: {exception.Message}");
        }

        if (reader is not null && result.Succeeded)
        {
            Return(reader, names.SawUnknown);
            if (names.Missed && !names.SawUnknown)
            {
                t_expectedNames = [.. result.Value.Fields.Fields.Select(field => field.Key)];
            }
        }

        return result;
    }

    private static XmlDictionaryReader Rent(byte[] document, int start)
    {
        var reader = t_reader;
        t_reader = null;
        if (reader is IXmlTextReaderInitializer initializer)
        {
            initializer.SetInput(document, start, document.Length - start, Utf8, Quotas, onClose: null);
            return reader;
        }

        return XmlDictionaryReader.CreateTextReader(document, start, document.Length - start, Utf8, Quotas, onClose: null);
    }

    // Only a reader that finished a parse cleanly is kept; one that failed is left to the collector.
    // The reader atomizes every element name it is asked for into its own name table: after a name
    // the gateway is not known to send, closing the reader drops that table, so input cannot grow it.
    // Either way the kept reader stops referencing the document.
    private static void Return(XmlDictionaryReader reader, bool sawUnknownName)
    {
        if (sawUnknownName)
        {
            reader.Close();
        }
        else
        {
            ((IXmlTextReaderInitializer)reader).SetInput(IdleDocument, 0, IdleDocument.Length, Utf8, Quotas, onClose: null);
        }

        t_reader = reader;
    }

    private static GatewayParseResult<GatewayDocument> ReadRoot(XmlDictionaryReader reader, string? blockName, ref FieldNames names)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            return GatewayParseResult<GatewayDocument>.Fail("The XML has no root element.");
        }

        // A notice has about 30 fields: start there so the usual message never regrows.
        var fields = GatewayMessage.NewFields(32);
        var blocks = new List<GatewayMessage>();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (SkipIgnorable(reader) != XmlNodeType.EndElement)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    return GatewayParseResult<GatewayDocument>.Fail("The root element holds text outside its fields.");
                }

                if (blockName is not null && reader.IsLocalName(blockName))
                {
                    var block = GatewayMessage.NewFields(16);
                    var error = ReadBlock(reader, blockName, block, ref names);
                    if (error is not null)
                    {
                        return GatewayParseResult<GatewayDocument>.Fail(error);
                    }

                    blocks.Add(new GatewayMessage(block));
                    continue;
                }

                var fieldError = ReadField(reader, names.AtRoot(reader, fields.Count), fields);
                if (fieldError is not null)
                {
                    return GatewayParseResult<GatewayDocument>.Fail(fieldError);
                }
            }
        }

        while (reader.Read())
        {
            // Reading to the end makes the reader reject a second root, text or a DOCTYPE after the root.
        }

        return GatewayParseResult<GatewayDocument>.Ok(new GatewayDocument(new GatewayMessage(fields), blocks));
    }

    // Reads the children of the element the reader is on; leaves the reader after its end tag.
    private static string? ReadBlock(XmlDictionaryReader reader, string name, OrderedDictionary<string, string> fields, ref FieldNames names)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        reader.Read();
        while (SkipIgnorable(reader) != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                return $"The element '{name}' holds text outside its fields.";
            }

            var error = ReadField(reader, names.InBlock(reader), fields);
            if (error is not null)
            {
                return error;
            }
        }

        reader.Read();
        return null;
    }

    // Between fields: layout whitespace and comments (the reader reports comments; they carry nothing).
    // The reader reports a lone carriage return, normalized to a line feed, as text rather than whitespace.
    private static XmlNodeType SkipIgnorable(XmlReader reader)
    {
        while (reader.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.Comment
            || (reader.NodeType == XmlNodeType.Text && IsXmlWhitespace(reader.Value)))
        {
            reader.Read();
        }

        return reader.NodeType;
    }

    // Reads one text-only element, named by the caller; leaves the reader on the next node.
    private static string? ReadField(XmlReader reader, string name, OrderedDictionary<string, string> fields)
    {
        // One lookup both rejects a repeat and reserves the slot the value goes into.
        if (!fields.TryAdd(name, string.Empty, out var index))
        {
            return $"The element '{name}' appears more than once.";
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.Read();

            // Joins text, CDATA and whitespace (kept as sent) and skips comments, stopping at any tag.
            var value = reader.ReadContentAsString();
            if (reader.NodeType != XmlNodeType.EndElement)
            {
                return $"The element '{name}' must hold text only.";
            }

            if (!IsXmlText(value))
            {
                return $"The element '{name}' holds a character XML does not allow.";
            }

            fields.SetAt(index, value);
            reader.Read();
        }

        return null;
    }

    private static bool IsXmlWhitespace(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(XmlWhitespace);

    private static bool IsXmlText(ReadOnlySpan<char> text)
    {
        int index;
        while ((index = text.IndexOfAny(NotPlainText)) >= 0)
        {
            // Only a well-formed surrogate pair (two chars) is allowed through.
            if (Rune.DecodeFromUtf16(text[index..], out _, out var used) != OperationStatus.Done || used != 2)
            {
                return false;
            }

            text = text[(index + used)..];
        }

        return true;
    }

    /// <summary>
    /// Names the fields of one parse. The gateway sends each kind of message in a fixed layout, so
    /// the root's field at a position is usually the one the last document had there: that name is
    /// compared with the element's UTF-8 bytes (an exact, ordinal comparison), which costs less than
    /// the reader decoding and atomizing it. Any other name is taken from the reader and resolved to
    /// the shared instance when the gateway is known to send it; a name that is not known is noted,
    /// so the reader and the name table it was added to are dropped after the parse.
    /// </summary>
    private struct FieldNames(string[]? expected)
    {
        /// <summary>A name outside the known set was read.</summary>
        public bool SawUnknown { get; private set; }

        /// <summary>A root field was not the one expected at its position.</summary>
        public bool Missed { get; private set; }

        public string AtRoot(XmlDictionaryReader reader, int position)
        {
            if (expected is not null && position < expected.Length && reader.IsLocalName(expected[position]))
            {
                return expected[position];
            }

            Missed = true;
            return FromReader(reader);
        }

        public string InBlock(XmlDictionaryReader reader) => FromReader(reader);

        private string FromReader(XmlReader reader)
        {
            var name = reader.LocalName;
            if (GatewayNameTable.TryGetKnown(name, out var known))
            {
                return known;
            }

            SawUnknown = true;
            return name;
        }
    }
}
