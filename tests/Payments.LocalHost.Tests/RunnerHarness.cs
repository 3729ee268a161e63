using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost.Tests.TestFunctions;

namespace Payments.LocalHost.Tests;

/// <summary>Starts the runner in-process on a free loopback port over this assembly's test functions.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key";
    public const string HostKey = "test-host-key";
    public const string MasterKey = "test-master-key";

    private static readonly string[] AllFunctions = ["GetItem", "AdminPing", "Open", "Boom", "TakeOrder", "AlwaysFails", "Tick"];

    private readonly string _settingsFile;

    private RunnerHarness(WebApplication app, TestRecorder recorder, string settingsFile)
    {
        App = app;
        Recorder = recorder;
        _settingsFile = settingsFile;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public TestRecorder Recorder { get; }

    /// <summary>Starts the runner with only <paramref name="enabled"/> functions; keys are the test keys unless <paramref name="withKeys"/> is false.</summary>
    public static async Task<RunnerHarness> StartAsync(string[] enabled, IDictionary<string, string?>? settings = null, bool withKeys = true)
    {
        // An empty local.settings.json keeps a developer's own file out of the tests.
        var settingsFile = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(settingsFile, """{ "IsEncrypted": false, "Values": {} }""");
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["LocalHost:SettingsFile"] = settingsFile,
        };
        if (withKeys)
        {
            values["LocalHost:FunctionKeys:default"] = FunctionKey;
            values["LocalHost:HostKeys:default"] = HostKey;
            values["LocalHost:MasterKey"] = MasterKey;
        }

        foreach (var name in AllFunctions.Except(enabled))
        {
            values[$"AzureWebJobs.{name}.Disabled"] = "true";
        }

        var recorder = new TestRecorder();
        var app = LocalFunctionsHost.Build(
            ["--urls", "http://127.0.0.1:0"],
            typeof(RunnerHarness).Assembly,
            extra: new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            compositionRoot: (services, _, _) => services.AddSingleton(recorder));
        await app.StartAsync();
        return new RunnerHarness(app, recorder, settingsFile);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        File.Delete(_settingsFile);
    }
}
