using System.Text.Json.Nodes;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class InfraPolicyTests(InfraFixture fixture)
{
    private CompiledInfra Infra => fixture.Committed;

    [Fact]
    public void Check_CommittedTemplate_HasNoViolations()
    {
        var violations = InfraPolicy.Check(Infra);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void Storage_CommittedTemplate_AllowsOnlyIdentityAccessOverTls12()
    {
        var storage = Assert.Single(Infra.Resources("Microsoft.Storage/storageAccounts"))["properties"]!;

        Assert.False(Flag(storage["allowSharedKeyAccess"]));
        Assert.False(Flag(storage["allowBlobPublicAccess"]));
        Assert.True(Flag(storage["supportsHttpsTrafficOnly"]));
        Assert.Equal("TLS1_2", Text(storage["minimumTlsVersion"]));
    }

    [Fact]
    public void Vault_CommittedTemplate_UsesRbacWithSoftDeleteAndPurgeProtection()
    {
        var vault = Assert.Single(Infra.Resources("Microsoft.KeyVault/vaults"))["properties"]!;

        Assert.True(Flag(vault["enableRbacAuthorization"]));
        Assert.True(Flag(vault["enableSoftDelete"]));
        Assert.True(Flag(vault["enablePurgeProtection"]));
        Assert.DoesNotContain(Infra.TemplateResources(), r => Text(r["type"]) == "Microsoft.KeyVault/vaults/secrets");
    }

    [Fact]
    public void RoleAssignments_CommittedTemplate_GrantExactlyTheFiveAppRoles()
    {
        var roleIds = Infra.Resources("Microsoft.Authorization/roleAssignments")
            .Select(r => Text(r["properties"]!["roleDefinitionId"])!.Split('/')[^1])
            .Order()
            .ToList();

        Assert.Equal(InfraPolicy.RequiredRoles.Select(r => r.RoleId).Order(), roleIds);
        Assert.DoesNotContain(InfraPolicy.Check(Infra), v => v.Rule == InfraPolicy.RoleAssignments);
    }

    [Fact]
    public void FunctionApp_CommittedTemplate_RunsDotnetIsolated10OnFlexConsumption()
    {
        var plan = Assert.Single(Infra.Resources("Microsoft.Web/serverfarms"));
        var site = Assert.Single(Infra.Resources("Microsoft.Web/sites"));
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("FC1", Text(plan["sku"]!["name"]));
        Assert.Equal("dotnet-isolated", Text(runtime["name"]));
        Assert.Equal("10.0", Text(runtime["version"]));
        Assert.True(Flag(site["properties"]!["httpsOnly"]));
        Assert.Equal("Disabled", Text(site["properties"]!["siteConfig"]!["ftpsState"]));
    }

    [Fact]
    public void AppSettings_CommittedTemplate_CarryTheTeamSchemaAndNoSecrets()
    {
        var settings = Infra.AppSettings;

        Assert.Equal("managedidentity", Text(settings["AzureWebJobsStorage__credential"]));
        Assert.Equal("995149", Text(settings["Oceanpayment__Account"]));
        Assert.Equal("https://secure.oceanpayment.com", Text(settings["Oceanpayment__PaymentBaseUrl"]));
        Assert.Equal("https://query.oceanpayment.com", Text(settings["Oceanpayment__QueryBaseUrl"]));
        Assert.Equal("payment-reconcile", Text(settings["Storage__ReconcileQueue"]));
        Assert.Equal("payments", Text(settings["Storage__PaymentsTable"]));
        Assert.Equal("99514901", Text(settings["Oceanpayment__Terminals__0__Terminal"]));
        Assert.Equal("oceanpayment-995149-99514901", Text(settings["Oceanpayment__Terminals__0__SecureCodeSecretName"]));
        Assert.Equal("card,apple_pay,google_pay", Text(settings["Oceanpayment__Terminals__0__Methods"]));
        Assert.Equal("https://shop.example.com", Text(settings["Payments__AllowedReturnOrigins__0"]));
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"));
        Assert.DoesNotContain(InfraPolicy.Check(Infra), v => v.Rule is InfraPolicy.AppSettingsNoSecrets or InfraPolicy.AppSettingsSchema);
    }

    [Fact]
    public void Queues_CommittedTemplate_HavePoisonQueuesAndShortNames()
    {
        var queues = Infra.Resources("Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(r => Text(r["name"])!.Split('/')[^1])
            .Order()
            .ToList();

        Assert.Equal(["payment-changes", "payment-changes-poison", "payment-reconcile", "payment-reconcile-poison", "webhook-dead-letter", "webhook-deliveries", "webhook-deliveries-poison"], queues);
        Assert.All(queues, q => Assert.True(q.Length <= 63));
        Assert.Equal(56, Infra.Template["parameters"]!["reconcileQueueName"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(56, Infra.Template["parameters"]!["changesQueueName"]!["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public void Outputs_CommittedTemplate_GiveOceanpaymentTheReturnAndNoticeUrls()
    {
        Assert.EndsWith("/api/oceanpayment/return', format('https://{0}', " + DefaultHostReference() + "))]", Text(Infra.Outputs["backUrl"]));
        Assert.EndsWith("/api/oceanpayment/notice', format('https://{0}', " + DefaultHostReference() + "))]", Text(Infra.Outputs["noticeUrl"]));
    }

    private string DefaultHostReference()
    {
        var siteId = Text(Assert.Single(Infra.Resources("Microsoft.Web/sites"))["id"]);
        var apiVersion = Text(Assert.Single(Infra.Resources("Microsoft.Web/sites"))["apiVersion"]);
        return $"reference('{siteId}', '{apiVersion}').defaultHostName";
    }

    [Fact]
    public void TemplateResources_CommittedTemplate_IncludeModuleResources()
    {
        // The role assignments live in a local module: the walker must see into nested deployments.
        Assert.Contains(Infra.TemplateResources(), r => Text(r["type"]) == "Microsoft.Authorization/roleAssignments");
        Assert.IsType<JsonObject>(Infra.Template["resources"]);
    }
}
