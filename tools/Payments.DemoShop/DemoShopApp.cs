using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Payments.DemoShop;

/// <summary>
/// The demo merchant: serves the checkout page, creates payments with the function key (as a
/// merchant's server does), and forwards the page's client-secret calls to the function app so the
/// page stays same-origin (the local runner has no CORS).
/// </summary>
public static partial class DemoShopApp
{
    internal const string FunctionsClient = "functions";
    internal const string SandboxClient = "sandbox";
    private const int MaxProxiedBodyBytes = 64 * 1024;

    /// <summary>The gateway attempts a card payment allows: after a decline the shopper may try one more card.</summary>
    internal const int CardAttempts = 2;

    /// <summary>Methods the demo page offers.</summary>
    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal) { "card", "wechat_pay_web", "alipay_web", "fps" };

    /// <summary>Creates the web application; the caller starts it.</summary>
    public static WebApplication Build(string[] args, Action<DemoShopOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(DemoShopApp).Assembly.GetName().Name,
        });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });

        builder.Services.AddOptions<DemoShopOptions>()
            .Bind(builder.Configuration.GetSection(DemoShopOptions.SectionName))
            .Configure(o => configure?.Invoke(o));
        builder.Services.AddSingleton<DemoOrders>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(FunctionsClient).ConfigureHttpClient((sp, client) =>
        {
            client.BaseAddress = WithSlash(sp.GetRequiredService<IOptions<DemoShopOptions>>().Value.FunctionAppBaseUrl);
            client.Timeout = TimeSpan.FromSeconds(60);
        });
        builder.Services.AddHttpClient(SandboxClient).ConfigureHttpClient((sp, client) =>
        {
            client.BaseAddress = WithSlash(sp.GetRequiredService<IOptions<DemoShopOptions>>().Value.SandboxBaseUrl);
            client.Timeout = TimeSpan.FromSeconds(15);
        });

        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<DemoShopOptions>>().Value;
        var functionsOrigin = options.FunctionAppBaseUrl.GetLeftPart(UriPartial.Authority);
        var policy = $"default-src 'self'; img-src 'self' {functionsOrigin}; script-src 'self'; style-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return next(context);
        });

        var files = new EmbeddedFileProvider(typeof(DemoShopApp).Assembly, "Payments.DemoShop.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

        app.MapPost("/shop/checkout", CheckoutAsync);
        app.MapPost("/shop/payments/{paymentId}/simulate-payment", SimulatePaymentAsync);
        app.MapPost("/shop/webhooks", ShopWebhooks.ReceiveAsync);
        app.MapGet("/shop/orders/{paymentId}", (string paymentId, DemoOrders orders)
            => orders.TryGetOrderNumber(paymentId, out _)
                ? Results.Json(new { paymentId, state = orders.PaidBy(paymentId) is null ? "awaiting_payment" : "paid", paidByWebhook = orders.PaidBy(paymentId) })
                : Message(404, "This shop did not create that payment."));
        app.MapGet("/api/payments/{paymentId}", (HttpContext context, string paymentId, IHttpClientFactory http)
            => ForwardAsync(context, http, HttpMethod.Get, $"api/payments/{Uri.EscapeDataString(paymentId)}"));
        app.MapPost("/api/payments/{paymentId}/confirm", (HttpContext context, string paymentId, IHttpClientFactory http)
            => ForwardAsync(context, http, HttpMethod.Post, $"api/payments/{Uri.EscapeDataString(paymentId)}/confirm"));
        return app;
    }

    /// <summary>The first bound address (the real port when started on port 0). Call after <c>StartAsync</c>.</summary>
    public static Uri BaseAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The demo shop is not listening yet: call StartAsync first.");
        return WithSlash(new Uri(first));
    }

    /// <summary>
    /// The merchant's server step: the page sends a method and an amount; the shop adds its own
    /// order data (billing, return page) and creates the payment with the function key.
    /// </summary>
    private static async Task<IResult> CheckoutAsync(HttpContext context, IHttpClientFactory http, IOptions<DemoShopOptions> options, DemoOrders orders)
    {
        CheckoutRequest? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<CheckoutRequest>(context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?.Method is not { } method || !Methods.Contains(method))
        {
            return Message(400, "Choose a payment method.");
        }

        if (body.Amount is not { } amount || !AmountPattern().IsMatch(amount)
            || decimal.Parse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) <= 0m)
        {
            return Message(400, "Enter an amount greater than zero, such as 10.50.");
        }

        var settings = options.Value;
        var origin = string.IsNullOrEmpty(settings.PublicBaseUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host}"
            : settings.PublicBaseUrl.TrimEnd('/');
        var create = new
        {
            amountDecimal = amount,
            currency = settings.Currency,
            method,
            billing = new
            {
                firstName = "Demo",
                lastName = "Shopper",
                email = "shopper@example.com",
                phone = "+1 408 555 0100",
                country = "US",
                state = "CA",
                city = "San Jose",
                address = "1 Demo Street",
                zip = "95112",
                ip = context.Connection.RemoteIpAddress?.ToString(),
            },
            products = new[] { new { name = "Demo order", sku = "DEMO-1", quantity = 1, price = amount } },
            returnUrl = origin + "/result.html",
            // A declined card may be followed by one more on the same payment (docs/payments.md).
            maxAttempts = method == "card" ? CardAttempts : 1,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/payments") { Content = JsonContent.Create(create) };
        request.Headers.Add("x-functions-key", settings.FunctionKey);

        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(FunctionsClient).SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            return Message(502, "The payment service is not reachable. Is the function app running?");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(context.RequestAborted);
            var json = TryParse(text);
            if (!response.IsSuccessStatusCode || json?["paymentId"]?.GetValue<string>() is not { } paymentId)
            {
                return Message(response.IsSuccessStatusCode ? 502 : (int)response.StatusCode, ProblemText(json) ?? "The payment could not be created.");
            }

            orders.Remember(paymentId, json["orderNumber"]!.GetValue<string>());
            return Results.Json(
                new
                {
                    paymentId,
                    clientSecret = json["clientSecret"]?.GetValue<string>(),
                    method = json["method"]?.GetValue<string>(),
                    amount = json["amount"]?.GetValue<long>(),
                    currency = json["currency"]?.GetValue<string>(),
                },
                statusCode: 201);
        }
    }

    /// <summary>Stands in for the shopper scanning the QR code and paying in the wallet app (sandbox only).</summary>
    private static async Task<IResult> SimulatePaymentAsync(HttpContext context, string paymentId, IHttpClientFactory http, DemoOrders orders)
    {
        if (!orders.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return Message(404, "This shop did not create that payment.");
        }

        var sandbox = http.CreateClient(SandboxClient);
        try
        {
            var transactions = JsonNode.Parse(await sandbox.GetStringAsync($"sandbox/transactions?order_number={Uri.EscapeDataString(orderNumber)}", context.RequestAborted)) as JsonArray;
            var gatewayId = transactions?.LastOrDefault()?["payment_id"]?.GetValue<string>();
            if (string.IsNullOrEmpty(gatewayId))
            {
                return Message(409, "The payment has not reached the sandbox yet.");
            }

            using var completed = await sandbox.PostAsJsonAsync($"sandbox/payments/{Uri.EscapeDataString(gatewayId)}/complete", new { outcome = "success" }, context.RequestAborted);
            return completed.IsSuccessStatusCode
                ? Results.NoContent()
                : Message(409, "The sandbox no longer waits for this payment.");
        }
        catch (HttpRequestException)
        {
            return Message(502, "The Oceanpayment sandbox is not reachable.");
        }
    }

    /// <summary>
    /// Forwards the page's client-secret call unchanged (body, <c>X-Client-Secret</c>) and answers with
    /// the function app's status, type and body. Never adds the function key; never logs the body,
    /// which carries card data on a confirm.
    /// </summary>
    private static async Task ForwardAsync(HttpContext context, IHttpClientFactory http, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxProxiedBodyBytes)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
            }

            request.Content = new ByteArrayContent(buffer.ToArray());
            request.Content.Headers.ContentType = new("application/json");
        }

        if (context.Request.Headers["X-Client-Secret"].ToString() is { Length: > 0 } secret)
        {
            request.Headers.TryAddWithoutValidation("X-Client-Secret", secret);
        }

        try
        {
            using var response = await http.CreateClient(FunctionsClient).SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            await Message(502, "The payment service is not reachable.").ExecuteAsync(context);
        }
    }

    private static IResult Message(int status, string message) => Results.Json(new { message }, statusCode: status);

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A problem+json answer as one line: the field messages, else the detail.</summary>
    private static string? ProblemText(JsonNode? problem)
    {
        if (problem?["errors"] is JsonObject errors && errors.Count > 0)
        {
            return string.Join(" ", errors.SelectMany(e => e.Value is JsonArray list ? list.Select(m => m?.GetValue<string>()) : []).Where(m => !string.IsNullOrEmpty(m)));
        }

        return problem?["detail"]?.GetValue<string>() ?? problem?["message"]?.GetValue<string>();
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    [GeneratedRegex(@"^\d{1,7}(\.\d{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    private sealed record CheckoutRequest(string? Method, string? Amount);
}

/// <summary>The shop's memory of its orders: payment id to order number, and which are paid by which
/// webhook (in memory, demo only).</summary>
internal sealed class DemoOrders
{
    private const int MaxOrders = 10_000;
    private readonly ConcurrentDictionary<string, string> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _paid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deliveries = new(StringComparer.Ordinal);

    public void Remember(string paymentId, string orderNumber)
    {
        if (_orders.Count >= MaxOrders)
        {
            _orders.Clear();
            _paid.Clear();
            _deliveries.Clear();
        }

        _orders[paymentId] = orderNumber;
    }

    /// <summary>False when this webhook-id was received before (a retry or a redelivery of the same event).</summary>
    public bool FirstDelivery(string webhookId) => _deliveries.TryAdd(webhookId, 0);

    /// <summary>Marks one of this shop's orders paid; a payment this shop did not create is ignored.</summary>
    public void MarkPaid(string paymentId, string webhookId)
    {
        if (_orders.ContainsKey(paymentId))
        {
            _paid.TryAdd(paymentId, webhookId);
        }
    }

    /// <summary>The webhook that marked the order paid, or null while it awaits payment.</summary>
    public string? PaidBy(string paymentId) => _paid.TryGetValue(paymentId, out var webhookId) ? webhookId : null;

    public bool TryGetOrderNumber(string paymentId, out string orderNumber)
        => _orders.TryGetValue(paymentId, out orderNumber!);
}
