namespace Payments.Core.Oceanpayment.Messages;

/// <summary>A parsed XML document: the root's own fields and its repeated blocks.</summary>
public sealed record GatewayDocument(GatewayMessage Fields, IReadOnlyList<GatewayMessage> Blocks);
