using Microsoft.Extensions.Configuration;
using Payments.LocalHost.Hosting;

namespace Payments.LocalHost.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void QueueSettings_Empty_UsesHostDefaults()
    {
        var settings = HostSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(new QueueSettings(16, 8, TimeSpan.Zero, 5, TimeSpan.FromMinutes(1), Base64Encoding: true), settings.Queues);
    }

    [Fact]
    public void QueueSettings_HostJsonValues_AreRead()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:http:routePrefix"] = "",
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "64",
            ["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = "3",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:30",
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "2000",
            ["AzureFunctionsJobHost:extensions:queues:messageEncoding"] = "none",
        }).Build();

        var settings = HostSettings.From(configuration);

        Assert.Equal(string.Empty, settings.RoutePrefix);
        Assert.Equal(new QueueSettings(32, 3, TimeSpan.FromSeconds(30), 2, TimeSpan.FromSeconds(2), Base64Encoding: false), settings.Queues);
    }

    [Fact]
    public void LocalSettingsFile_FlattensValuesWithDoubleUnderscore()
    {
        var path = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              "IsEncrypted": false,
              "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Gateway__BaseUrl": "http://127.0.0.1:5005" },
              "Host": { "LocalHttpPort": 7075 },
              "ConnectionStrings": { "Other": "x" }
            }
            """);
        try
        {
            var settings = LocalSettingsFile.Load(path);

            Assert.Equal("http://127.0.0.1:5005", settings.Values["Gateway:BaseUrl"]);
            Assert.Equal("UseDevelopmentStorage=true", settings.Values["AzureWebJobsStorage"]);
            Assert.Equal("x", settings.Values["ConnectionStrings:Other"]);
            Assert.Equal(7075, settings.LocalHttpPort);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
