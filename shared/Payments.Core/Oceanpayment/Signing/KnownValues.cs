namespace Payments.Core.Oceanpayment.Signing;

/// <summary>
/// What this app already knows about the order a received message names (from the stored payment):
/// the notes it sent, which the gateway echoes, and the gateway's payment id once recorded.
/// </summary>
public readonly record struct KnownValues(string OrderNotes, string GatewayPaymentId);
