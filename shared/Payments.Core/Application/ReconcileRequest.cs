namespace Payments.Core.Application;

/// <summary>The reconcile queue message: which payment, which attempt, why. Never card data.</summary>
public sealed record ReconcileRequest(string OrderNumber, int Attempt, string Reason);
