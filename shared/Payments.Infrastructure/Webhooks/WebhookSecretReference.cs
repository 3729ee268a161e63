namespace Payments.Infrastructure.Webhooks;

/// <summary>Where one signing secret is: a Key Vault secret name, or (Development only) the value from settings.</summary>
public sealed record WebhookSecretReference(string? SecretName, string? Value)
{
    // The value is a secret: a record's generated ToString would print it.
    public override string ToString() => SecretName is null ? "(secret from settings)" : $"(Key Vault secret {SecretName})";
}
