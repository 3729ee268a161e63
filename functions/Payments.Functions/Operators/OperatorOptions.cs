namespace Payments.Functions.Operators;

/// <summary>
/// The <c>Operators</c> section: who may use the operator endpoints. In Azure the platform's
/// authentication (App Service Authentication with Microsoft Entra ID) signs operators in and the app
/// checks <see cref="Role"/>; on a developer's machine <see cref="DevelopmentSignIn"/> stands in for it.
/// </summary>
public sealed class OperatorOptions
{
    public const string Section = "Operators";

    public const string DefaultRole = "Payments.Operator";

    /// <summary>The Entra app role (the <c>roles</c> claim) an operator must hold.</summary>
    public string Role { get; set; } = DefaultRole;

    /// <summary>
    /// Signs every request in as <see cref="DevelopmentName"/> holding <see cref="Role"/>. Accepted only
    /// when the host environment is Development and the app is not hosted on App Service.
    /// </summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>The name the development sign-in gives the operator.</summary>
    public string DevelopmentName { get; set; } = "developer";
}
