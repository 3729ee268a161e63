using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Payments.Functions;
using Payments.LocalHost.Discovery;
using Payments.LocalHost.Hosting;
using Payments.LocalHost.Http;
using Payments.LocalHost.Invocation;
using Payments.LocalHost.Queues;

namespace Payments.LocalHost;

/// <summary>
/// A development-only stand-in for the Functions host: serves the functions of an assembly over
/// ASP.NET Core and runs their queue and timer triggers, with the services of the app's one
/// composition root.
/// </summary>
public static class LocalFunctionsHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>The product app: Payments.Functions wired by <see cref="PaymentsComposition.AddPaymentsApp"/>.</summary>
    public static WebApplication Build(string[] args) => Build(args, typeof(PaymentsComposition).Assembly);

    /// <summary>
    /// Builds (does not start) the runner for <paramref name="functionsAssembly"/>.
    /// Configuration, lowest precedence first: host.json (under <c>AzureFunctionsJobHost</c>),
    /// local.settings.json, environment variables, <paramref name="args"/>, <paramref name="extra"/>.
    /// Services: the runner's, then <paramref name="compositionRoot"/> (default
    /// <see cref="PaymentsComposition.AddPaymentsApp"/>), then <paramref name="overrideServices"/>.
    /// Pass <c>--urls http://127.0.0.1:0</c> (or <c>urls</c> in <paramref name="extra"/>) for a free port
    /// and read the bound address from <c>app.Urls</c> after <c>StartAsync</c>.
    /// </summary>
    public static WebApplication Build(
        string[] args,
        Assembly functionsAssembly,
        Action<IServiceCollection>? overrideServices = null,
        IConfiguration? extra = null,
        Action<IServiceCollection, IConfiguration, IHostEnvironment>? compositionRoot = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(functionsAssembly);
        var functionsDirectory = Path.GetDirectoryName(functionsAssembly.Location) ?? AppContext.BaseDirectory;

        var bootstrap = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args);
        if (extra is not null)
        {
            bootstrap.AddConfiguration(extra);
        }

        var early = bootstrap.Build();
        var localSettings = LocalSettingsFile.Find(early["LocalHost:SettingsFile"]);
        var hostJson = HostJsonFile.Load(early["LocalHost:HostJson"], functionsDirectory);
        // Core Tools runs the app as Development unless told otherwise.
        var environmentName = early["AZURE_FUNCTIONS_ENVIRONMENT"]
            ?? localSettings.Values.GetValueOrDefault("AZURE_FUNCTIONS_ENVIRONMENT")
            ?? early["DOTNET_ENVIRONMENT"]
            ?? early["ASPNETCORE_ENVIRONMENT"]
            ?? Environments.Development;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environmentName,
            ContentRootPath = functionsDirectory,
        });

        var configuration = builder.Configuration;
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(hostJson.Values);
        configuration.AddInMemoryCollection(localSettings.Values);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        if (extra is not null)
        {
            configuration.AddConfiguration(extra);
        }

        var urls = configuration["urls"]
            ?? (localSettings.LocalHttpPort is { } port ? $"http://127.0.0.1:{port}" : DefaultUrl);
        builder.WebHost.UseUrls(urls);

        builder.Logging.AddConfiguration(configuration.GetSection($"{HostJsonFile.ConfigurationPrefix}:logging"));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var catalog = FunctionCatalog.Discover(functionsAssembly);
        var settings = HostSettings.From(configuration);
        var services = builder.Services;
        // The worker's default: System.Text.Json with case-insensitive property names; the app may configure more.
        services.AddOptions<JsonSerializerOptions>().Configure(o => o.PropertyNameCaseInsensitive = true);
        services.AddMvcCore();
        services.AddSingleton(catalog);
        services.AddSingleton(settings);
        services.AddSingleton<FunctionKeys>();
        services.AddSingleton<FunctionSwitch>();
        services.AddSingleton<QueueClientProvider>();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton(sp => new TriggerListenerService(
            sp.GetRequiredService<FunctionCatalog>(),
            sp.GetRequiredService<FunctionSwitch>(),
            sp.GetRequiredService<HostSettings>(),
            sp.GetRequiredService<QueueClientProvider>(),
            sp.GetRequiredService<FunctionInvoker>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<TriggerListenerService>());

        (compositionRoot ?? DefaultCompositionRoot)(services, configuration, builder.Environment);
        overrideServices?.Invoke(services);

        var app = builder.Build();
        var switches = app.Services.GetRequiredService<FunctionSwitch>();
        app.UseMiddleware<MethodMismatchAsNotFound>();
        HttpFunctionEndpoints.Map(app, catalog, settings, switches.IsEnabled);
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, catalog, settings, switches, localSettings.Path, hostJson.Path));
        return app;
    }

    private static void DefaultCompositionRoot(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
        => services.AddPaymentsApp(configuration, environment);

    private static void Announce(WebApplication app, FunctionCatalog catalog, HostSettings settings, FunctionSwitch switches, string? settingsPath, string? hostJsonPath)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.LocalHost");
        if (app.Services.GetRequiredService<FunctionKeys>().UsesDefaults)
        {
            Log.DefaultKeys(logger);
        }

        var baseUrl = app.Urls.FirstOrDefault()?.TrimEnd('/') ?? DefaultUrl;
        var output = Console.Out;
        output.WriteLine($"Payments.LocalHost (development only) - host.json: {hostJsonPath ?? "none"}, local.settings.json: {settingsPath ?? "none"}");
        output.WriteLine();
        output.WriteLine("Functions:");
        output.WriteLine();
        foreach (var function in catalog.Functions)
        {
            var description = function.Trigger switch
            {
                HttpTriggerBinding http => $"[{(http.Methods.Count == 0 ? "ALL" : string.Join(",", http.Methods.Select(m => m.ToUpperInvariant())))}] {baseUrl}/{HttpFunctionEndpoints.RouteTemplate(function, http, settings)} (auth: {http.AuthLevel})",
                QueueTriggerBinding queue => $"queueTrigger ({queue.QueueName}, connection {queue.Connection ?? QueueClientProvider.DefaultConnection})",
                TimerTriggerBinding timer => $"timerTrigger ({timer.Schedule}{(timer.RunOnStartup ? ", runOnStartup" : string.Empty)})",
                _ => function.Trigger.GetType().Name,
            };
            output.WriteLine($"        {function.Name}: {description}{(switches.IsEnabled(function) ? string.Empty : " [disabled]")}");
        }

        output.WriteLine();
    }
}
