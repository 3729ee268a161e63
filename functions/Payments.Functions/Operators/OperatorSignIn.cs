namespace Payments.Functions.Operators;

/// <summary>Who vouched for an operator.</summary>
public enum OperatorSignIn
{
    /// <summary>App Service Authentication (Microsoft Entra ID), through the client-principal header.</summary>
    Platform,

    /// <summary>The development-only sign-in (<c>Operators:DevelopmentSignIn</c>).</summary>
    Development,
}
