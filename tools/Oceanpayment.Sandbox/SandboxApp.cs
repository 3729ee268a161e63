using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Endpoints;
using Oceanpayment.Sandbox.Notices;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox;

/// <summary>
/// Builds the Oceanpayment sandbox. In-process use:
/// <code>
/// var app = SandboxApp.Build(["--urls", "http://127.0.0.1:0"], o => o.PendingResolveDelay = TimeSpan.FromMilliseconds(200));
/// await app.StartAsync();
/// var baseAddress = SandboxApp.BaseAddress(app);
/// </code>
/// </summary>
public static class SandboxApp
{
    /// <summary>Creates the web application with all sandbox endpoints mapped; the caller starts it.</summary>
    /// <param name="args">Command-line arguments, for example <c>--urls http://127.0.0.1:0</c>.</param>
    /// <param name="configure">Applied after configuration binding (section <c>Sandbox</c>).</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<SandboxOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SandboxApp).Assembly.GetName().Name,
        });

        // Quiet defaults as the lowest-priority source; no appsettings.json, because a Web SDK project's
        // appsettings.json is copied into the output of every project that references it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });

        var section = builder.Configuration.GetSection(SandboxOptions.SectionName);
        builder.Services.AddOptions<SandboxOptions>()
            .Configure(options =>
            {
                // The binder appends to pre-filled lists, so configured lists replace the defaults instead.
                if (section.GetSection(nameof(SandboxOptions.Terminals)).Exists())
                {
                    options.Terminals.Clear();
                }

                if (section.GetSection(nameof(SandboxOptions.NoticeRetryDelays)).Exists())
                {
                    options.NoticeRetryDelays.Clear();
                }

                section.Bind(options);
                configure?.Invoke(options);
            });
        builder.Services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        builder.Services.AddOptions<SandboxOptions>().ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SandboxStore>();
        builder.Services.AddSingleton<NoticeQueue>();
        builder.Services.AddSingleton<PaymentHandler>();
        builder.Services.AddSingleton<AfterPaymentHandler>();
        builder.Services.AddHostedService<NoticeDeliveryService>();
        builder.Services.AddHttpClient(NoticeDeliveryService.HttpClientName);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        var app = builder.Build();
        app.MapGet("/", () => Results.Text("Oceanpayment sandbox. See tools/Oceanpayment.Sandbox/README.md."));
        app.MapGateway();
        app.MapQuery();
        app.MapAfterPayment();
        app.MapChallenge();
        app.MapControl();
        return app;
    }

    /// <summary>The first address Kestrel bound (the real port when started on port 0). Call after <c>StartAsync</c>.</summary>
    /// <param name="app">A started sandbox application.</param>
    /// <returns>For example <c>http://127.0.0.1:41234/</c>.</returns>
    public static Uri BaseAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The sandbox is not listening yet: call StartAsync first.");
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }
}
