using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Core.Events;
using Payments.Core.Webhooks;

namespace Payments.Infrastructure.Webhooks;

/// <summary>
/// Checks the <c>Webhooks</c> section at start. Every message names the key and none repeats a secret's
/// value. Zero endpoints is valid: webhooks are then off.
/// </summary>
internal sealed partial class WebhookOptionsValidator(IHostEnvironment environment, bool vaultConfigured) : IValidateOptions<WebhookOptions>
{
    private const string P = WebhookOptions.Section;

    // A queue message may stay hidden for at most its time-to-live (7 days) less the time to run it.
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(7) - TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        CheckTiming(options, errors);
        CheckQueues(options, errors);
        var urls = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            CheckEndpoint($"{P}:Endpoints:{i}", options.Endpoints[i], urls, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTiming(WebhookOptions options, List<string> errors)
    {
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{P}:Timeout must be between 1 and 60 seconds.");
        }

        if (options.FirstRetryDelay < TimeSpan.FromSeconds(1) || options.MaxRetryDelay < options.FirstRetryDelay || options.MaxRetryDelay > LongestDelay)
        {
            errors.Add($"{P}:FirstRetryDelay must be at least 1 second and {P}:MaxRetryDelay between it and {LongestDelay}.");
        }

        if (options.RetryHorizon < options.FirstRetryDelay || options.RetryHorizon > TimeSpan.FromDays(30))
        {
            errors.Add($"{P}:RetryHorizon must be at least {P}:FirstRetryDelay and at most 30 days.");
        }

        if (double.IsNaN(options.RetryJitter) || options.RetryJitter is < 0 or > 0.5)
        {
            errors.Add($"{P}:RetryJitter must be between 0 and 0.5.");
        }
    }

    private static void CheckQueues(WebhookOptions options, List<string> errors)
    {
        foreach (var (key, value) in new[] { (WebhookNames.QueueKey, options.Queue), (WebhookNames.DeadLetterQueueKey, options.DeadLetterQueue) })
        {
            if (!QueueName().IsMatch(value ?? string.Empty) || value!.Contains("--", StringComparison.Ordinal))
            {
                errors.Add($"{key} must be a queue name (lowercase letters, digits and single dashes, 3-56 characters, so '<name>-poison' fits).");
            }
        }

        if (string.Equals(options.Queue, options.DeadLetterQueue, StringComparison.Ordinal))
        {
            errors.Add($"{WebhookNames.DeadLetterQueueKey} must differ from {WebhookNames.QueueKey}.");
        }
    }

    private void CheckEndpoint(string key, WebhookEndpointOptions endpoint, HashSet<string> urls, List<string> errors)
    {
        var development = environment.IsDevelopment();
        if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add($"{key}:Url must be an absolute http(s) URL without user info or fragment.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !development)
        {
            errors.Add($"{key}:Url must use https outside Development.");
        }
        else if (!urls.Add(uri.AbsoluteUri))
        {
            errors.Add($"{key}:Url repeats the URL of an earlier endpoint; list each endpoint once.");
        }

        var events = (endpoint.Events ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (string.IsNullOrWhiteSpace(endpoint.Events))
        {
            errors.Add($"{key}:Events is required: a comma-separated list of event types, or '*'.");
        }
        else if (!(events is ["*"]) && events.FirstOrDefault(e => !MerchantEventTypes.IsKnown(e)) is { } unknown)
        {
            errors.Add($"{key}:Events names '{unknown}', which is not an event type; use '*' or some of {string.Join(", ", MerchantEventTypes.All)}.");
        }

        CheckSecret(key, "SecretName", "Secret", endpoint.SecretName, endpoint.Secret, required: true, development, errors);
        CheckSecret(key, "SecondSecretName", "SecondSecret", endpoint.SecondSecretName, endpoint.SecondSecret, required: false, development, errors);
    }

    private void CheckSecret(string key, string nameKey, string valueKey, string? secretName, string? value, bool required, bool development, List<string> errors)
    {
        var hasName = !string.IsNullOrEmpty(secretName);
        var hasValue = !string.IsNullOrEmpty(value);
        if (hasName && hasValue)
        {
            errors.Add($"{key}: set {nameKey} or {valueKey}, not both.");
        }
        else if (hasValue && !development)
        {
            // The message must not echo the value: it is a secret.
            errors.Add($"{key}:{valueKey} is allowed only in Development; store the secret in Key Vault and set {key}:{nameKey}.");
        }
        else if (hasValue && !WebhookSecret.TryParse(value, out _))
        {
            errors.Add($"{key}:{valueKey} must be 'whsec_' followed by the base64 of {WebhookSecret.MinKeyBytes} to {WebhookSecret.MaxKeyBytes} random bytes.");
        }
        else if (hasName && !SecretName().IsMatch(secretName!))
        {
            errors.Add($"{key}:{nameKey} must be a Key Vault secret name (1-127 letters, digits and dashes).");
        }
        else if (hasName && !vaultConfigured)
        {
            errors.Add($"{key}:{nameKey} needs KeyVault:VaultUri, the vault that holds the secret.");
        }
        else if (required && !hasName && !hasValue)
        {
            errors.Add($"{key}:{nameKey} is required (the Key Vault secret holding the endpoint's whsec_ signing secret).");
        }
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex SecretName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,54}[a-z0-9]$")]
    private static partial Regex QueueName();
}
