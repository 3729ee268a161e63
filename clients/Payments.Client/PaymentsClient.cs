using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Payments.Client.Api;

namespace Payments.Client;

/// <summary>
/// The entry point for the merchant's server: the generated <see cref="PaymentsApi"/> (from docs/openapi.json)
/// on the function app's base address, every request carrying the function key. Routes that take the
/// payment's client secret instead (confirm, status) take it as the <c>X-Client-Secret</c> header of that call.
/// </summary>
public static class PaymentsClient
{
    /// <summary>The header a function key travels in.</summary>
    public const string FunctionKeyHeader = "x-functions-key";

    /// <summary>The header the payment's client secret travels in.</summary>
    public const string ClientSecretHeader = "X-Client-Secret";

    /// <param name="baseAddress">The function app's address, for example <c>https://func-payments.azurewebsites.net</c> (no <c>/api</c>).</param>
    /// <param name="functionKey">A function key of the app: keep it on the server, never in a page.</param>
    /// <param name="httpClient">The client to send with (its handler, timeouts); one of Kiota's defaults when null.</param>
    public static PaymentsApi Create(Uri baseAddress, string functionKey, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(functionKey);
        var adapter = new HttpClientRequestAdapter(new FunctionKey(functionKey), httpClient: httpClient)
        {
            BaseUrl = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'),
        };
        return new PaymentsApi(adapter);
    }

    /// <summary>Adds the function key to every request.</summary>
    private sealed class FunctionKey(string key) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(request);
            request.Headers.TryAdd(FunctionKeyHeader, key);
            return Task.CompletedTask;
        }
    }
}
