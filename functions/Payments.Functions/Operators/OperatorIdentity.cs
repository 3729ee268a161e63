namespace Payments.Functions.Operators;

/// <summary>A signed-in person as the app sees them: a display name and the app roles they hold.</summary>
public sealed record OperatorIdentity(string Name, IReadOnlyList<string> Roles, OperatorSignIn SignIn);
