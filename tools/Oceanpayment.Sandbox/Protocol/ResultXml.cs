using System.Text;
using System.Xml;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>Writes payment results as XML with XmlWriter: root <c>respon</c> for pay answers, <c>response</c> for notices.</summary>
internal static class ResultXml
{
    public const string PayRoot = "respon";
    public const string NoticeRoot = "response";

    /// <summary>F3 over the result's fields, exactly as they are written.</summary>
    public static string SignF3(PaymentResult result, string secureCode)
    {
        var fields = result.Fields("").ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return SandboxSigner.Sign(FieldOrder.ValuesOf(FieldOrder.F3, fields), secureCode);
    }

    /// <summary>
    /// The synchronous answer or notice. <paramref name="signValue"/> is written as given (empty for
    /// unsigned answers); <paramref name="responseType"/> null leaves the element out (synchronous answers).
    /// </summary>
    public static byte[] Write(PaymentResult result, string root, string signValue, string? responseType)
    {
        return Document(root, writer =>
        {
            foreach (var (name, value) in result.Fields(responseType ?? ""))
            {
                if (name == "response_type" && responseType is null)
                {
                    continue;
                }

                writer.WriteElementString(name, value);
                if (name == "terminal")
                {
                    writer.WriteElementString("signValue", signValue);
                }
            }

            foreach (var (name, value) in result.Extra)
            {
                writer.WriteElementString(name, value);
            }
        });
    }

    public static byte[] Document(string root, Action<XmlWriter> body)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            NewLineChars = "\n",
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }
}
