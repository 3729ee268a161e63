namespace Payments.Core.Oceanpayment.Requests;

/// <summary>One product of an order; the gateway takes several joined with <c>;</c>.</summary>
public sealed record ProductLine(string Name, string Sku, int Quantity, string Price);
