using Payments.Core.Oceanpayment.Signing;

namespace Oceanpayment.Cli;

/// <summary>The kind names the command line accepts, mapped to the core's signature kinds.</summary>
public sealed record CliKind(string Name, SignatureKind Kind, string FormulaId)
{
    public static readonly IReadOnlyList<CliKind> All =
    [
        new("payment", SignatureKind.Payment, "F1"),
        new("result", SignatureKind.Result, "F3"),
        new("business-notice", SignatureKind.BusinessNotice, "F4"),
        new("query", SignatureKind.Query, "F6"),
        new("refund", SignatureKind.Refund, "F9"),
        new("refund-query", SignatureKind.RefundQuery, "F10"),
        new("capture", SignatureKind.Capture, "F11"),
        new("void", SignatureKind.Void, "F12"),
    ];

    public static CliKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    public static string Names => string.Join(", ", All.Select(k => k.Name));
}
