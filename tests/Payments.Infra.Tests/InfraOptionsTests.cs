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
    public void AppSettings_TwoTerminalsAndOrigins_MapEachToAnIndexedSetting()
    {
        var settings = fixture.WithEveryOption.AppSettings;
        var indexed = settings
            .Where(s => s.Key.StartsWith("Oceanpayment__Terminals__", StringComparison.Ordinal) || s.Key.StartsWith("Payments__AllowedReturnOrigins__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => Text(s.Value));

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Oceanpayment__Terminals__0__Terminal"] = "99514901",
                ["Oceanpayment__Terminals__0__SecureCodeSecretName"] = "oceanpayment-995149-99514901",
                ["Oceanpayment__Terminals__1__Terminal"] = "99514902",
                ["Oceanpayment__Terminals__1__SecureCodeSecretName"] = "oceanpayment-995149-99514902",
                ["Payments__AllowedReturnOrigins__0"] = "https://shop.example.com",
                ["Payments__AllowedReturnOrigins__1"] = "https://m.shop.example.com",
            },
            indexed);
        Assert.Equal("https://test-secure.oceanpayment.com", Text(settings["Oceanpayment__PaymentBaseUrl"]));
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
        foreach (var name in new[] { "oceanpaymentPaymentBaseUrl", "oceanpaymentQueryBaseUrl", "allowedReturnOrigins", "restrictToOceanpaymentNoticeIps", "enableStaticOutboundIp", "operatorPrincipalId", "operatorAuthClientId", "operatorAuthTenantId", "operatorRole", "operatorGroupIds", "alertEmail" })
        {
            Assert.True(
                JsonNode.DeepEquals(declared[name]!["defaultValue"], parameters[name]!["value"]),
                $"{name}: main.bicepparam gives {parameters[name]!["value"]}, main.bicep defaults to {declared[name]!["defaultValue"]}");
        }
    }

    [Fact]
    public void BuildParams_TerminalsUnset_FailsInsteadOfDeployingWithout()
    {
        var environment = InfraCompiler.SampleEnvironment.Where(e => e.Key != "OCEANPAYMENT_TERMINALS").ToDictionary();

        var error = Assert.Throws<InvalidOperationException>(() => InfraCompiler.BuildParameters(environment));

        Assert.Contains("OCEANPAYMENT_TERMINALS", error.Message);
    }
}
