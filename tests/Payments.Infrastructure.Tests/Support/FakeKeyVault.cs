using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Payments.Infrastructure.Tests.Support;

/// <summary>
/// A loopback HTTPS stand-in for Key Vault's secrets API (GET /secrets/{name}/), with a self-signed
/// certificate made here. It challenges unauthenticated requests the way Key Vault does, serves the
/// secrets it holds, and can be told to throttle or to hang (hold every read without answering).
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string Value, string Version)> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly WebApplication _app;
    private int _reads;
    private volatile bool _throttle;
    private volatile TaskCompletionSource? _hang;

    private FakeKeyVault(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Authenticated secret reads answered (with any status).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public static async Task<FakeKeyVault> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(app, certificate);
        app.Run(vault.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.Single();
        vault.VaultUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return vault;
    }

    public void SetSecret(string name, string value) => _secrets[name] = (value, Guid.NewGuid().ToString("N"));

    public void RemoveSecret(string name) => _secrets.TryRemove(name, out _);

    public void Throttle(bool on) => _throttle = on;

    /// <summary>While on, authenticated reads are held open with no answer (a hung vault); off releases them.</summary>
    public void Hang(bool on)
    {
        if (on)
        {
            _hang ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        else
        {
            Interlocked.Exchange(ref _hang, null)?.TrySetResult();
        }
    }

    public Task StopAsync() => _app.StopAsync();

    /// <summary>A real <see cref="SecretClient"/> that trusts only this vault's certificate and retries quickly.</summary>
    public SecretClient CreateClient()
    {
        var thumbprint = Certificate.GetCertHashString();
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint,
        };
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(handler),
        };
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return new SecretClient(VaultUri, new DummyCredential(), options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            response.StatusCode = 401;
            response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001\", resource=\"https://vault.azure.net\"";
            return;
        }

        Interlocked.Increment(ref _reads);
        if (_hang is { } hang)
        {
            try
            {
                await hang.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["secrets", var name, ..])
        {
            response.StatusCode = 400;
            return;
        }

        if (_throttle)
        {
            response.StatusCode = 429;
            response.Headers.RetryAfter = "0";
            await response.WriteAsJsonAsync(new { error = new { code = "Throttled", message = "Too many requests." } });
            return;
        }

        if (!_secrets.TryGetValue(name, out var secret))
        {
            response.StatusCode = 404;
            await response.WriteAsJsonAsync(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } });
            return;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(JsonSerializer.Serialize(new
        {
            value = secret.Value,
            id = new Uri(VaultUri, $"secrets/{name}/{secret.Version}").ToString(),
            attributes = new { enabled = true, created = now, updated = now, recoveryLevel = "Recoverable+Purgeable" },
        }));
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Reload from PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    private sealed class DummyCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => new("dummy-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
