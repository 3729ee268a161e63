using System.Net;
using System.Text.Json;

namespace Payments.LocalHost.Tests;

public sealed class HttpTriggerTests
{
    private static readonly string[] HttpFunctions = ["GetItem", "AdminPing", "Open", "Boom"];

    [Fact]
    public async Task FunctionLevel_WithoutKey_Returns401AndDoesNotRun()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);

        var response = await runner.Client.GetAsync("/api/items/42/parts/7");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(runner.Recorder.Calls);
    }

    [Theory]
    [InlineData("x-functions-key", RunnerHarness.FunctionKey)]
    [InlineData("x-functions-key", RunnerHarness.HostKey)]
    [InlineData("x-functions-key", RunnerHarness.MasterKey)]
    [InlineData("code", RunnerHarness.FunctionKey)]
    public async Task FunctionLevel_WithKeyInHeaderOrCode_Returns200(string carrier, string key)
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);
        using var request = new HttpRequestMessage(HttpMethod.Get, carrier == "code" ? $"/api/items/42/parts/7?code={key}" : "/api/items/42/parts/7");
        if (carrier != "code")
        {
            request.Headers.Add(carrier, key);
        }

        var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FunctionLevel_WithWrongKey_Returns401()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);

        var response = await runner.Client.GetAsync($"/api/items/42/parts/7?code={RunnerHarness.FunctionKey}x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RouteParameters_BindByName_WithContextRequestAndCancellation()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/items/abc-1/parts/p9?q=find");
        request.Headers.Add("x-functions-key", RunnerHarness.FunctionKey);

        var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("abc-1", body.RootElement.GetProperty("itemId").GetString());
        Assert.Equal("p9", body.RootElement.GetProperty("partId").GetString());
        Assert.Equal("GetItem", body.RootElement.GetProperty("function").GetString());
        Assert.True(body.RootElement.GetProperty("sameRequest").GetBoolean());
        Assert.Equal("find", body.RootElement.GetProperty("query").GetString());
        Assert.True(body.RootElement.GetProperty("canCancel").GetBoolean());
        Assert.Equal(["GetItem:abc-1"], runner.Recorder.Calls);
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/items/42/parts/7")]
    [InlineData("/api/items/42")]
    public async Task UnknownRoute_Returns404(string path)
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);

        var response = await runner.Client.GetAsync($"{path}?code={RunnerHarness.MasterKey}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WrongMethod_Returns404LikeTheHost()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);

        var response = await runner.Client.PostAsync($"/api/items/42/parts/7?code={RunnerHarness.FunctionKey}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AdminLevel_AcceptsOnlyTheMasterKey()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);

        var withFunctionKey = await runner.Client.PostAsync($"/api/admin/ping?code={RunnerHarness.FunctionKey}", null);
        var withMasterKey = await runner.Client.PostAsync($"/api/admin/ping?code={RunnerHarness.MasterKey}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withMasterKey.StatusCode);
    }

    [Fact]
    public async Task Anonymous_WithoutRoute_IsServedUnderFunctionName_ForEachDeclaredMethod()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);

        var get = await runner.Client.GetAsync("/api/Open");
        var post = await runner.Client.PostAsync("/api/open", null);

        Assert.Equal(HttpStatusCode.Accepted, get.StatusCode);
        Assert.Equal("GET", await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Equal("POST", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DisabledFunction_Returns404()
    {
        await using var runner = await RunnerHarness.StartAsync(["GetItem"]);

        var response = await runner.Client.GetAsync("/api/Open");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NoKeysConfigured_DevelopmentDefaultsApply()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions, withKeys: false);

        var function = await runner.Client.GetAsync("/api/items/1/parts/2?code=local-function-key");
        var admin = await runner.Client.PostAsync("/api/admin/ping?code=local-master-key", null);
        var adminWithFunctionKey = await runner.Client.PostAsync("/api/admin/ping?code=local-function-key", null);

        Assert.Equal(HttpStatusCode.OK, function.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, adminWithFunctionKey.StatusCode);
    }

    [Fact]
    public async Task RoutePrefix_FromHostJsonOverride_IsUsed()
    {
        await using var runner = await RunnerHarness.StartAsync(
            HttpFunctions,
            new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:http:routePrefix"] = "v2" });

        var prefixed = await runner.Client.GetAsync("/v2/Open");
        var old = await runner.Client.GetAsync("/api/Open");

        Assert.Equal(HttpStatusCode.Accepted, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task ThrowingFunction_Returns500WithoutExceptionDetails()
    {
        await using var runner = await RunnerHarness.StartAsync(HttpFunctions);

        var response = await runner.Client.GetAsync("/api/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
