using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>Writes business notices: root <c>response</c>, <c>signValue</c> (F4) after <c>terminal</c>, extras last.</summary>
internal static class BusinessNoticeXml
{
    public static string SignF4(BusinessNotice notice, string secureCode)
    {
        var fields = notice.Fields().ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return SandboxSigner.Sign(FieldOrder.ValuesOf(FieldOrder.F4, fields), secureCode);
    }

    public static byte[] Write(BusinessNotice notice, string secureCode) =>
        ResultXml.Document(ResultXml.NoticeRoot, writer =>
        {
            foreach (var (name, value) in notice.Fields())
            {
                writer.WriteElementString(name, value);
                if (name == "terminal")
                {
                    writer.WriteElementString("signValue", SignF4(notice, secureCode));
                }
            }

            foreach (var (name, value) in notice.Extra)
            {
                writer.WriteElementString(name, value);
            }
        });
}
