using System.Text.Json.Nodes;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class InfraOptionsTests(InfraFixture fixture)
{
    private static readonly string[] NoticeIps =
    [
        "153.254.110.82", "218.213.69.2", "52.77.42.94", "52.220.14.99", "183.47.51.150", "47.76.241.251", "203.131.246.62",
    ];

    [Fact]
    public void Check_EveryOptionOn_HasNoViolations()
    {
        var violations = InfraPolicy.Check(fixture.WithEveryOption);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void AppSettings_RoutedTerminalsAndOrigins_MapEachToAnIndexedSetting()
    {
        var settings = fixture.WithEveryOption.AppSettings;
        var indexed = settings
            .Where(s => s.Key.StartsWith("Oceanpayment__Terminals__", StringComparison.Ordinal)
                || s.Key.StartsWith("Oceanpayment__Methods__", StringComparison.Ordinal)
                || s.Key.StartsWith("Payments__AllowedReturnOrigins__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => Text(s.Value));

        // Blank optional fields (currencies "", countries " ") and a blank methods string write nothing; an
        // empty Methods is written, since it means "no new payments"; Account only where a terminal names one.
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Oceanpayment__Terminals__0__Terminal"] = "99514901",
                ["Oceanpayment__Terminals__0__SecureCodeSecretName"] = "oceanpayment-995149-99514901",
                ["Oceanpayment__Terminals__0__Methods"] = "card",
                ["Oceanpayment__Terminals__0__Currencies"] = "EUR,GBP",
                ["Oceanpayment__Terminals__0__MinAmount"] = "100.00",
                ["Oceanpayment__Terminals__0__MaxAmount"] = "5000.00",
                ["Oceanpayment__Terminals__0__Countries"] = "DE,FR",
                ["Oceanpayment__Terminals__1__Terminal"] = "99514902",
                ["Oceanpayment__Terminals__1__SecureCodeSecretName"] = "oceanpayment-995149-99514902",
                ["Oceanpayment__Terminals__1__Methods"] = "card,apple_pay,google_pay",
                ["Oceanpayment__Terminals__2__Terminal"] = "31058801",
                ["Oceanpayment__Terminals__2__SecureCodeSecretName"] = "oceanpayment-310588-31058801",
                ["Oceanpayment__Terminals__2__Account"] = "310588",
                ["Oceanpayment__Terminals__2__Methods"] = string.Empty,
                ["Oceanpayment__Methods__alipay_app__Methods"] = "Alipay_APP",
                ["Payments__AllowedReturnOrigins__0"] = "https://shop.example.com",
                ["Payments__AllowedReturnOrigins__1"] = "https://m.shop.example.com",
            },
            indexed);
        Assert.Equal("995149", Text(settings["Oceanpayment__Account"]));
        Assert.Equal("https://test-secure.oceanpayment.com", Text(settings["Oceanpayment__PaymentBaseUrl"]));
    }

    [Fact]
    public void AppSettings_Default_NoRoutingFiltersAndNoMethodStrings()
    {
        var settings = fixture.Committed.AppSettings;

        Assert.Equal(
            ["Oceanpayment__Terminals__0__Methods", "Oceanpayment__Terminals__0__SecureCodeSecretName", "Oceanpayment__Terminals__0__Terminal"],
            settings.Select(s => s.Key).Where(k => k.StartsWith("Oceanpayment__Terminals__", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(settings, s => s.Key.StartsWith("Oceanpayment__Methods__", StringComparison.Ordinal));
    }

    [Fact]
    public void SiteConfig_CorsOrigins_AllowThoseOriginsWithoutCredentials()
    {
        var cors = Assert.Single(fixture.WithEveryOption.Resources("Microsoft.Web/sites"))["properties"]!["siteConfig"]!["cors"]!;

        Assert.Equal(["https://checkout.example.com"], cors["allowedOrigins"]!.AsArray().Select(o => Text(o)));
        Assert.False(Flag(cors["supportCredentials"]));
    }

    [Fact]
    public void SiteConfig_Default_HasNoCors()
    {
        var siteConfig = Assert.Single(fixture.Committed.Resources("Microsoft.Web/sites"))["properties"]!["siteConfig"]!.AsObject();

        Assert.Null(siteConfig["cors"]);
    }

    [Fact]
    public void SiteConfig_Default_LeavesInboundOpenAndUsesNoVnet()
    {
        var site = Assert.Single(fixture.Committed.Resources("Microsoft.Web/sites"))["properties"]!;

        Assert.Equal("Allow", Text(site["siteConfig"]!["ipSecurityRestrictionsDefaultAction"]));
        Assert.Empty(site["siteConfig"]!["ipSecurityRestrictions"]!.AsArray());
        Assert.Null(site["virtualNetworkSubnetId"]);
        Assert.DoesNotContain(fixture.Committed.AllResources(), r => Text(r["type"])!.StartsWith("Microsoft.Network/", StringComparison.Ordinal));
    }

    [Fact]
    public void SiteConfig_NoticeIpsOnly_DeniesEverythingButOceanpaymentNoticeIps()
    {
        var siteConfig = Assert.Single(fixture.WithEveryOption.Resources("Microsoft.Web/sites"))["properties"]!["siteConfig"]!;
        var rules = siteConfig["ipSecurityRestrictions"]!.AsArray().Select(r => r!.AsObject()).ToList();

        Assert.Equal("Deny", Text(siteConfig["ipSecurityRestrictionsDefaultAction"]));
        Assert.Equal(NoticeIps.Select(ip => $"{ip}/32"), rules.Select(r => Text(r["ipAddress"])));
        Assert.All(rules, r => Assert.Equal("Allow", Text(r["action"])));
        Assert.False(Flag(siteConfig["scmIpSecurityRestrictionsUseMain"]));
    }

    [Fact]
    public void Network_StaticOutboundIp_SendsAppTrafficThroughNatGateway()
    {
        var infra = fixture.WithEveryOption;
        var site = Assert.Single(infra.Resources("Microsoft.Web/sites"))["properties"]!;
        var vnet = Assert.Single(infra.Resources("Microsoft.Network/virtualNetworks"));
        var nat = Assert.Single(infra.Resources("Microsoft.Network/natGateways"));
        var ip = Assert.Single(infra.Resources("Microsoft.Network/publicIPAddresses"));
        var subnet = Assert.Single(vnet["properties"]!["subnets"]!.AsArray())!["properties"]!;

        Assert.Contains($"'{Text(vnet["id"])}'", Text(site["virtualNetworkSubnetId"]));
        Assert.Equal(Text(nat["id"]), Text(subnet["natGateway"]!["id"]));
        Assert.Equal("Microsoft.App/environments", Text(subnet["delegations"]![0]!["properties"]!["serviceName"]));
        Assert.Equal(Text(ip["id"]), Text(nat["properties"]!["publicIpAddresses"]![0]!["id"]));
        Assert.Equal("Static", Text(ip["properties"]!["publicIPAllocationMethod"]));
        Assert.Contains($"'{Text(ip["id"])}'", Text(infra.Outputs["outboundIpAddress"]));
        Assert.Equal(string.Empty, Text(fixture.Committed.Outputs["outboundIpAddress"]));
    }

    [Fact]
    public void RoleAssignments_OperatorPrincipal_GetsSecretsOfficerOnTheVaultOnly()
    {
        var infra = fixture.WithEveryOption;
        var vaultId = Text(Assert.Single(infra.Resources("Microsoft.KeyVault/vaults"))["id"])!;

        var officer = Assert.Single(
            infra.Resources("Microsoft.Authorization/roleAssignments"),
            r => Text(r["properties"]!["principalId"]) == InfraFixture.OperatorPrincipalId);

        Assert.EndsWith("/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7", Text(officer["properties"]!["roleDefinitionId"]));
        Assert.StartsWith($"{vaultId}/providers/Microsoft.Authorization/roleAssignments/", Text(officer["id"]));
    }

    [Fact]
    public void BuildParams_OptionalVariablesUnset_MatchTemplateDefaults()
    {
        var parameters = InfraCompiler.BuildParameters(InfraCompiler.SampleEnvironment);
        var declared = fixture.Committed.Template["parameters"]!;

        // main.bicepparam repeats these defaults for azd; drift would make azd and az deployments differ.
        foreach (var name in new[] { "oceanpaymentPaymentBaseUrl", "oceanpaymentQueryBaseUrl", "oceanpaymentMethodStrings", "corsAllowedOrigins", "webhookEndpoints", "restrictToOceanpaymentNoticeIps", "enableStaticOutboundIp", "operatorPrincipalId", "operatorAuthClientId", "operatorAuthTenantId", "operatorRole", "operatorGroupIds", "alertEmail" })
        {
            Assert.True(
                JsonNode.DeepEquals(declared[name]!["defaultValue"], parameters[name]!["value"]),
                $"{name}: main.bicepparam gives {parameters[name]!["value"]}, main.bicep defaults to {declared[name]!["defaultValue"]}");
        }
    }

    [Theory]
    [InlineData("OCEANPAYMENT_TERMINALS", "oceanpaymentTerminals")]
    [InlineData("PAYMENTS_ALLOWED_RETURN_ORIGINS", "allowedReturnOrigins")]
    public void BuildParams_RequiredVariableUnset_FailsInsteadOfDeployingWithout(string variable, string parameter)
    {
        var environment = InfraCompiler.SampleEnvironment.Where(e => e.Key != variable).ToDictionary();
        var declared = fixture.Committed.Template["parameters"]![parameter]!;

        var error = Assert.Throws<InvalidOperationException>(() => InfraCompiler.BuildParameters(environment));

        Assert.Contains(variable, error.Message);
        // The template refuses an empty list too: the app would not start with one.
        Assert.Null(declared["defaultValue"]);
        Assert.Equal(1, declared["minLength"]!.GetValue<int>());
    }
}
