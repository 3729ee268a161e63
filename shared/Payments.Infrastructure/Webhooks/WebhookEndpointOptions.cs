namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// One endpoint, <c>Webhooks:Endpoints:N</c>. The signing secret is a Key Vault secret name
/// (<see cref="SecretName"/>) or, in Development only, the <c>whsec_</c> value itself (<see cref="Secret"/>).
/// While a second secret is set (rotation), every delivery carries both signatures.
/// </summary>
public sealed class WebhookEndpointOptions
{
    public string? Url { get; set; }

    /// <summary>A comma-separated list of event types, or <c>*</c> for all.</summary>
    public string? Events { get; set; }

    /// <summary>The configured secrets, the current one first, each from Key Vault or settings.</summary>
    internal IReadOnlyList<WebhookSecretReference> SecretReferences()
        => [.. new[] { (SecretName, Secret), (SecondSecretName, SecondSecret) }
            .Where(s => !string.IsNullOrEmpty(s.Item1) || !string.IsNullOrEmpty(s.Item2))
            .Select(s => new WebhookSecretReference(s.Item1, s.Item2))];

    public string? SecretName { get; set; }

    public string? Secret { get; set; }

    public string? SecondSecretName { get; set; }

    public string? SecondSecret { get; set; }
}
