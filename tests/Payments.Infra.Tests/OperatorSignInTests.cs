using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class OperatorSignInTests(InfraFixture fixture)
{
    private static JsonObject? AuthSettings(CompiledInfra infra) =>
        infra.Resources("Microsoft.Web/sites/config")
            .SingleOrDefault(r => Text(r["name"])!.EndsWith("/authsettingsV2", StringComparison.Ordinal))?["properties"]?.AsObject();

    [Fact]
    public void AuthSettings_NoClientId_PlatformSignInStaysOff()
    {
        Assert.Null(AuthSettings(fixture.Committed));
        Assert.False(fixture.Committed.AppSettings.ContainsKey(InfraPolicy.ManagedIdentityAssertionSetting));
        Assert.Equal("Payments.Operator", Text(fixture.Committed.AppSettings["Operators__Role"]));
        Assert.Equal(string.Empty, Text(fixture.Committed.Outputs["operatorSignInRedirectUri"]));
    }

    [Fact]
    public void AuthSettings_ClientIdGiven_EntraSignInForTheAppRegistrationWithoutASecret()
    {
        var infra = fixture.WithEveryOption;
        var auth = AuthSettings(infra)!;
        var entra = auth["identityProviders"]!["azureActiveDirectory"]!;

        Assert.True(Flag(auth["globalValidation"]!["requireAuthentication"]));
        Assert.Equal("RedirectToLoginPage", Text(auth["globalValidation"]!["unauthenticatedClientAction"]));
        Assert.Equal(InfraFixture.OperatorAuthClientId, Text(entra["registration"]!["clientId"]));
        Assert.Contains($"'{InfraCompiler.TenantId}'", Text(entra["registration"]!["openIdIssuer"]));
        Assert.Equal([$"api://{InfraFixture.OperatorAuthClientId}"], entra["validation"]!["allowedAudiences"]!.AsArray().Select(Text));
        Assert.Equal([InfraFixture.OperatorGroupId], entra["validation"]!["defaultAuthorizationPolicy"]!["allowedPrincipals"]!["groups"]!.AsArray().Select(Text));
        Assert.Equal(InfraPolicy.ManagedIdentityAssertionSetting, Text(entra["registration"]!["clientSecretSettingName"]));
        Assert.EndsWith(".clientId]", Text(infra.AppSettings[InfraPolicy.ManagedIdentityAssertionSetting]));
        Assert.Equal("Shop.PaymentsOperator", Text(infra.AppSettings["Operators__Role"]));
        Assert.StartsWith("[format('{0}/.auth/login/aad/callback', format('https://{0}', reference(", Text(infra.Outputs["operatorSignInRedirectUri"]));
    }

    [Fact]
    public void ExcludedPaths_EveryPublicRouteOpen_EveryOperatorRouteBehindSignIn()
    {
        var excluded = AuthSettings(fixture.WithEveryOption)!["globalValidation"]!["excludedPaths"]!.AsArray().Select(p => Text(p)!).ToList();

        Assert.All(FunctionRoutes.All.Where(r => !r.ForOperators), r => Assert.True(FunctionRoutes.IsExcluded(excluded, r.SamplePath), $"{r.Function} {r.Template} needs a sign-in"));
        Assert.All(FunctionRoutes.All.Where(r => r.ForOperators), r => Assert.False(FunctionRoutes.IsExcluded(excluded, r.SamplePath), $"{r.Function} {r.Template} is open"));
    }

    [Fact]
    public void FunctionRoutes_ReadFromTheAttributes_IncludeThePublicAndOperatorRoutes()
    {
        var routes = FunctionRoutes.All.ToDictionary(r => r.Function);

        // Guards the discovery itself: an empty or wrong list would make the checks above pass vacuously.
        Assert.Equal(("/api/payments/x1/qr.png", AuthorizationLevel.Anonymous, false), (routes["PaymentQrCode"].SamplePath, routes["PaymentQrCode"].Level, routes["PaymentQrCode"].ForOperators));
        Assert.Equal(("/api/payments", AuthorizationLevel.Function), (routes["CreatePayment"].SamplePath, routes["CreatePayment"].Level));
        Assert.Equal("/api/oceanpayment/notice", routes["OceanpaymentNotice"].SamplePath);
        Assert.Equal("/api/health", routes["Health"].SamplePath);
        Assert.True(routes["OperatorWhoAmI"].ForOperators);
        Assert.Equal("/api/operator/whoami", routes["OperatorWhoAmI"].SamplePath);
    }

    [Theory]
    [InlineData("/api/payments/*", "/api/payments/x1/confirm", true)]
    [InlineData("/api/payments/*", "/api/payments", false)]
    [InlineData("/api/payments", "/api/payments/x1", false)]
    [InlineData("/api/health", "/api/HEALTH", true)]
    [InlineData("/api/health", "/api/healthz", false)]
    [InlineData("/api/oceanpayment/*", "/api/oceanpaymentx/notice", false)]
    public void IsExcluded_MatchesLikeThePlatform(string excluded, string path, bool expected)
    {
        Assert.Equal(expected, FunctionRoutes.IsExcluded([excluded], path));
    }

    [Fact]
    public void Check_PublicPathDroppedFromTheBicep_NamesTheFunctionsNowBehindSignIn()
    {
        var infra = InfraCompiler.Compile(
            RepositoryPaths.InfraDirectory,
            new Dictionary<string, string> { ["OPERATORS_ENTRA_CLIENT_ID"] = InfraFixture.OperatorAuthClientId },
            editCopy: dir =>
            {
                var path = Path.Combine(dir, "main.bicep");
                var source = File.ReadAllText(path);
                const string line = "  '/api/oceanpayment/*'\n";
                Assert.Contains(line, source, StringComparison.Ordinal);
                File.WriteAllText(path, source.Replace(line, string.Empty, StringComparison.Ordinal));
            });

        var messages = InfraPolicy.Check(infra).Where(v => v.Rule == InfraPolicy.OperatorSignIn).Select(v => v.Message).ToList();

        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("OceanpaymentNotice (/api/oceanpayment/notice, Anonymous)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("OceanpaymentReturn ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("OceanpaymentConfirming ", StringComparison.Ordinal));
    }
}
