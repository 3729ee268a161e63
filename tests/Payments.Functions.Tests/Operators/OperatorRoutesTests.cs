using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Functions.Operators;

namespace Payments.Functions.Tests.Operators;

/// <summary>
/// The operator console's routes and the console page, called as the host calls them: only an operator
/// gets in, and an unknown payment is a 404 problem. Storage is Azurite (<see cref="TestStorage"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class OperatorRoutesTests
{
    private const string UnknownPayment = "pay_NOSUCHORDER42";

    private static readonly (string Key, string Value)[] Storage =
    [
        ("AzureWebJobsStorage", TestStorage.ConnectionString),
        ("Storage:PaymentsTable", "oproutes" + Guid.NewGuid().ToString("N")[..12]),
    ];

    private static ServiceProvider Build(string environment, params (string Key, string Value)[] settings)
        => CompositionRoot.Build(environment, [.. Storage, .. settings]);

    private static ServiceProvider DevelopmentOperator()
        => Build(Environments.Development, ("Operators:DevelopmentSignIn", "true"), ("Operators:DevelopmentName", "dev-ann"));

    private static HttpRequest Request(string? body = null, string? principal = null)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipal.Header] = principal;
        }

        return context.Request;
    }

    // Every operator payment route with a body it would accept, and the console page.
    private static List<(string Name, Func<HttpRequest, Task<IActionResult>> Call)> Routes(IServiceProvider provider)
    {
        var payments = ActivatorUtilities.CreateInstance<OperatorPaymentFunctions>(provider);
        var console = ActivatorUtilities.CreateInstance<OperatorConsoleFunction>(provider);
        return
        [
            ("view", r => payments.GetAsync(r, UnknownPayment, default)),
            ("timeline", r => payments.TimelineAsync(r, UnknownPayment, default)),
            ("resolve", r => payments.ResolveAsync(r, UnknownPayment, default)),
            ("refund", r => payments.RefundAsync(r, UnknownPayment, default)),
            ("console", r => Task.FromResult(console.Page(r))),
            ("console file", r => Task.FromResult(console.File(r, "console.js"))),
        ];
    }

    // Problem details are ContentResults (MVC's executor is not in the app's services: copied here as the host writes them).
    private static async Task<HttpResponse> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var response = request.HttpContext.Response;
        if (result is ContentResult content)
        {
            response.StatusCode = content.StatusCode ?? 200;
            response.ContentType = content.ContentType;
            await response.WriteAsync(content.Content ?? string.Empty);
        }
        else
        {
            await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        }

        response.Body.Position = 0;
        return response;
    }

    private static async Task<string> BodyAsync(HttpResponse response) => await new StreamReader(response.Body).ReadToEndAsync();

    [Fact]
    public async Task EveryRoute_NobodySignedIn_Answers401()
    {
        using var provider = Build(Environments.Development);
        foreach (var (name, call) in Routes(provider))
        {
            var request = Request("""{"status":"failed","reason":"x"}""");
            var response = await ExecuteAsync(await call(request), request);

            Assert.True(response.StatusCode == 401, $"{name}: {response.StatusCode}");
            Assert.True(name.StartsWith("console", StringComparison.Ordinal) ? response.ContentType!.StartsWith("text/html", StringComparison.Ordinal) : response.ContentType!.StartsWith("application/problem+json", StringComparison.Ordinal), $"{name}: {response.ContentType}");
            Assert.DoesNotContain("console.js", await BodyAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryRoute_SignedInWithoutTheOperatorRole_Answers403()
    {
        using var provider = Build(Environments.Development, (OperatorAuthorizer.PlatformAuthSetting, "True"));
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"bob"},{"typ":"roles","val":"Reader"}]}"""));
        foreach (var (name, call) in Routes(provider))
        {
            var request = Request("{}", principal);
            var response = await ExecuteAsync(await call(request), request);

            Assert.True(response.StatusCode == 403, $"{name}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task PaymentRoutes_UnknownPayment_Answer404ProblemDetails()
    {
        using var provider = DevelopmentOperator();
        foreach (var (name, call) in Routes(provider).Where(r => !r.Name.StartsWith("console", StringComparison.Ordinal)))
        {
            var request = Request(name == "refund" ? """{"amount":100,"reason":"x"}""" : """{"status":"failed","reason":"checked"}""");
            var response = await ExecuteAsync(await call(request), request);

            Assert.True(response.StatusCode == 404, $"{name}: {response.StatusCode} {await BodyAsync(response)}");
            Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cross-site", 403)]
    [InlineData("same-site", 403)]
    [InlineData("same-origin", 404)]
    public async Task Actions_AskedForByAnotherSitesPage_AreRefusedForAnOperatorToo(string fetchSite, int expected)
    {
        using var provider = DevelopmentOperator();
        var payments = ActivatorUtilities.CreateInstance<OperatorPaymentFunctions>(provider);
        var request = Request("""{"status":"succeeded","reason":"forged"}""");
        request.Method = "POST";
        request.Headers["Sec-Fetch-Site"] = fetchSite;

        var response = await ExecuteAsync(await payments.ResolveAsync(request, UnknownPayment, default), request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Console_ForAnOperator_ServesItsFilesWithAStrictPolicy_AndNothingElse()
    {
        using var provider = DevelopmentOperator();
        var console = ActivatorUtilities.CreateInstance<OperatorConsoleFunction>(provider);

        var pageRequest = Request();
        var page = await ExecuteAsync(console.Page(pageRequest), pageRequest);
        var scriptRequest = Request();
        var script = await ExecuteAsync(console.File(scriptRequest, "console.js"), scriptRequest);
        var otherRequest = Request();
        var other = await ExecuteAsync(console.File(otherRequest, "Payments.Functions.dll"), otherRequest);

        Assert.Equal(200, page.StatusCode);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", await BodyAsync(page), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", page.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl.ToString());
        Assert.Equal(200, script.StatusCode);
        Assert.StartsWith("text/javascript", script.ContentType, StringComparison.Ordinal);
        Assert.Equal(404, other.StatusCode);
    }
}
