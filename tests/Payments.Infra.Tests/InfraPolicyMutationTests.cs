using System.Text.Json.Nodes;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

/// <summary>
/// Proves each rule can fail: break one property of a copy of the compiled infrastructure and expect the rule that
/// guards it to report it (a neighbouring rule may report it too).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class InfraPolicyMutationTests(InfraFixture fixture)
{
    private const string StorageType = "Microsoft.Storage/storageAccounts";
    private const string VaultType = "Microsoft.KeyVault/vaults";
    private const string SiteType = "Microsoft.Web/sites";
    private const string RoleType = "Microsoft.Authorization/roleAssignments";
    private const string MetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    public static TheoryData<string, string, Action<CompiledInfra>> Mutations { get; } = new()
    {
        { "shared keys on", InfraPolicy.StorageSharedKey, i => Props(i, StorageType)["allowSharedKeyAccess"] = true },
        { "TLS 1.0", InfraPolicy.StorageTls, i => Props(i, StorageType)["minimumTlsVersion"] = "TLS1_0" },
        { "public blobs", InfraPolicy.StoragePublicBlob, i => Props(i, StorageType)["allowBlobPublicAccess"] = true },
        { "public container", InfraPolicy.StoragePublicBlob, i => One(i, "Microsoft.Storage/storageAccounts/blobServices/containers")["properties"]!["publicAccess"] = "Blob" },
        { "http allowed", InfraPolicy.StorageHttpsOnly, i => Props(i, StorageType)["supportsHttpsTrafficOnly"] = false },
        { "no payments table", InfraPolicy.StorageEntities, i => Remove(i, "Microsoft.Storage/storageAccounts/tableServices/tables") },
        { "queue name 57 chars", InfraPolicy.QueueNames, RenameQueues },
        { "no poison queue", InfraPolicy.QueueNames, i => Remove(i, "Microsoft.Storage/storageAccounts/queueServices/queues", r => Text(r["name"])!.EndsWith("-poison", StringComparison.Ordinal)) },
        { "queue parameter unbounded", InfraPolicy.QueueNames, i => i.Template["parameters"]!["reconcileQueueName"]!.AsObject().Remove("maxLength") },
        { "access policies", InfraPolicy.VaultRbac, i => Props(i, VaultType)["enableRbacAuthorization"] = false },
        { "soft delete off", InfraPolicy.VaultSoftDelete, i => Props(i, VaultType)["enableSoftDelete"] = false },
        { "purge protection unset", InfraPolicy.VaultPurgeProtection, i => Props(i, VaultType).Remove("enablePurgeProtection") },
        { "secret in template", InfraPolicy.VaultNoSecrets, AddSecretToTemplate },
        { "secret predicted", InfraPolicy.VaultNoSecrets, AddSecretToSnapshot },
        { "listKeys output", InfraPolicy.NoKeyListing, i => i.Template["outputs"]!["leak"] = new JsonObject { ["type"] = "string", ["value"] = "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2024-01-01').keys[0].value]" } },
        { "secure parameter", InfraPolicy.NoKeyListing, i => i.Template["parameters"]!["secureCode"] = new JsonObject { ["type"] = "securestring" } },
        { "storage connection string", InfraPolicy.AppSettingsNoSecrets, i => i.AppSettings["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0" },
        { "secure code in settings", InfraPolicy.AppSettingsNoSecrets, i => i.AppSettings["Oceanpayment__Terminals__0__SecureCode"] = "12345678" },
        { "secret name with spaces", InfraPolicy.AppSettingsNoSecrets, i => i.AppSettings["Oceanpayment__Terminals__0__SecureCodeSecretName"] = "not a name!" },
        { "shared-key credential", InfraPolicy.AppSettingsIdentityStorage, i => i.AppSettings["AzureWebJobsStorage__credential"] = "connectionstring" },
        { "no client id", InfraPolicy.AppSettingsIdentityStorage, i => i.AppSettings.Remove("AzureWebJobsStorage__clientId") },
        { "other storage account", InfraPolicy.AppSettingsIdentityStorage, i => i.AppSettings["AzureWebJobsStorage__accountName"] = "stsomeoneelse" },
        { "no vault uri", InfraPolicy.AppSettingsSchema, i => i.AppSettings.Remove("KeyVault__VaultUri") },
        { "instrumentation key auth", InfraPolicy.AppSettingsSchema, i => i.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=AAD" },
        { "terminal without secret", InfraPolicy.AppSettingsSchema, i => i.AppSettings.Remove("Oceanpayment__Terminals__0__SecureCodeSecretName") },
        { "terminal without methods", InfraPolicy.AppSettingsSchema, i => i.AppSettings.Remove("Oceanpayment__Terminals__0__Methods") },
        { "http public url", InfraPolicy.AppSettingsSchema, i => i.AppSettings["Payments__PublicBaseUrl"] = "http://example.com" },
        { "no reconcile queue setting", InfraPolicy.AppSettingsSchema, i => i.AppSettings.Remove("Storage__ReconcileQueue") },
        { "reconcile queue setting names no deployed queue", InfraPolicy.AppSettingsSchema, i => i.AppSettings["Storage__ReconcileQueue"] = "other-reconcile" },
        { "no changes queue setting", InfraPolicy.AppSettingsSchema, i => i.AppSettings.Remove("Storage__ChangesQueue") },
        { "changes queue setting names no deployed queue", InfraPolicy.AppSettingsSchema, i => i.AppSettings["Storage__ChangesQueue"] = "other-changes" },
        { "payments table setting names no deployed table", InfraPolicy.AppSettingsSchema, i => i.AppSettings["Storage__PaymentsTable"] = "other" },
        { "no metrics publisher", InfraPolicy.RoleAssignments, i => Remove(i, RoleType, r => Text(r["properties"]!["roleDefinitionId"])!.EndsWith(MetricsPublisher, StringComparison.Ordinal)) },
        { "reader instead of owner", InfraPolicy.RoleAssignments, i => RoleProps(i, "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")["roleDefinitionId"] = "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1" },
        { "fixed name", InfraPolicy.RoleAssignments, i => Role(i, MetricsPublisher)["name"] = "6c2d4c3e-0f1a-4f7b-9a51-1d0e8f7b2a10" },
        { "name without principal", InfraPolicy.RoleAssignments, DropPrincipalFromName },
        { "user principal type", InfraPolicy.RoleAssignments, i => RoleProps(i, "4633458b-17de-408a-b874-0445c86b69e6")["principalType"] = "User" },
        { "wrong scope", InfraPolicy.RoleAssignments, MoveVaultRoleToStorage },
        { "someone else's principal", InfraPolicy.RoleAssignments, i => RoleProps(i, MetricsPublisher)["principalId"] = "11111111-1111-1111-1111-111111111111" },
        { "local auth on", InfraPolicy.AppInsightsLocalAuth, i => Props(i, "Microsoft.Insights/components")["DisableLocalAuth"] = false },
        { "consumption Y1", InfraPolicy.FlexConsumption, i => One(i, "Microsoft.Web/serverfarms")["sku"] = new JsonObject { ["name"] = "Y1", ["tier"] = "Dynamic" } },
        { "dotnet 8", InfraPolicy.FlexConsumption, i => Props(i, SiteType)["functionAppConfig"]!["runtime"]!["version"] = "8.0" },
        { "system identity", InfraPolicy.FlexConsumption, i => One(i, SiteType)["identity"]!["type"] = "SystemAssigned" },
        { "http site", InfraPolicy.AppTransport, i => Props(i, SiteType)["httpsOnly"] = false },
        { "TLS 1.0 site", InfraPolicy.AppTransport, i => Props(i, SiteType)["siteConfig"]!["minTlsVersion"] = "1.0" },
        { "FTPS allowed", InfraPolicy.AppTransport, i => Props(i, SiteType)["siteConfig"]!["ftpsState"] = "FtpsOnly" },
        { "no service tag", InfraPolicy.AzdTags, i => One(i, SiteType)["tags"]!.AsObject().Remove("azd-service-name") },
        { "no env tag", InfraPolicy.AzdTags, i => One(i, VaultType)["tags"]!.AsObject().Remove("azd-env-name") },
        { "no notice url", InfraPolicy.Outputs, i => i.Outputs.Remove("noticeUrl") },
        { "back url on http", InfraPolicy.Outputs, i => i.Outputs["backUrl"] = "[format('http://{0}/api/oceanpayment/return', reference('x').defaultHostName)]" },
        { "no vault uri output", InfraPolicy.Outputs, i => i.Outputs.Remove("keyVaultUri") },
        { "alert without action group", InfraPolicy.AlertsNotify, i => AlertProps(i)["actions"] = new JsonObject { ["actionGroups"] = new JsonArray() } },
        { "alert on another component", InfraPolicy.AlertsNotify, i => AlertProps(i)["scopes"] = new JsonArray("/subscriptions/x/resourceGroups/y/providers/Microsoft.Insights/components/other") },
        { "alert disabled", InfraPolicy.AlertsNotify, i => AlertProps(i)["enabled"] = false },
        { "no action group", InfraPolicy.AlertsNotify, i => Remove(i, "Microsoft.Insights/actionGroups") },
        { "no operator role setting", InfraPolicy.OperatorSignIn, i => i.AppSettings.Remove("Operators__Role") },
        { "auth flag faked", InfraPolicy.OperatorSignIn, i => i.AppSettings["WEBSITE_AUTH_ENABLED"] = "True" },
    };

    /// <summary>Breaks of the operator sign-in, which exists only when an app registration is given.</summary>
    public static TheoryData<string, string, Action<CompiledInfra>> SignInMutations { get; } = new()
    {
        { "authentication optional", InfraPolicy.OperatorSignIn, i => AuthProps(i)["globalValidation"]!["requireAuthentication"] = false },
        { "health behind sign-in", InfraPolicy.OperatorSignIn, i => ExcludedPaths(i).Remove(ExcludedPaths(i).Single(p => Text(p) == "/api/health")) },
        { "notice behind sign-in", InfraPolicy.OperatorSignIn, i => ExcludedPaths(i).Remove(ExcludedPaths(i).Single(p => Text(p) == "/api/oceanpayment/*")) },
        { "operator routes excluded", InfraPolicy.OperatorSignIn, i => ExcludedPaths(i).Add("/api/operator/*") },
        { "everything excluded", InfraPolicy.OperatorSignIn, i => ExcludedPaths(i).Add("/*") },
        { "mid-path wildcard", InfraPolicy.OperatorSignIn, i => ExcludedPaths(i).Add("/api/payments/*/qr.png") },
        { "client secret", InfraPolicy.OperatorSignIn, i => AuthProps(i)["identityProviders"]!["azureActiveDirectory"]!["registration"]!["clientSecretSettingName"] = "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET" },
        { "token store on", InfraPolicy.OperatorSignIn, i => AuthProps(i)["login"]!["tokenStore"]!["enabled"] = true },
        { "entra off", InfraPolicy.OperatorSignIn, i => AuthProps(i)["identityProviders"]!["azureActiveDirectory"]!["enabled"] = false },
    };

    /// <summary>Breaks of the CORS settings, which exist only when origins are given.</summary>
    public static TheoryData<string, string, Action<CompiledInfra>> CorsMutations { get; } = new()
    {
        { "any origin", InfraPolicy.AppCors, i => Cors(i)["allowedOrigins"]!.AsArray().Add("*") },
        { "http origin", InfraPolicy.AppCors, i => Cors(i)["allowedOrigins"] = new JsonArray("http://checkout.example.com") },
        { "origin with a path", InfraPolicy.AppCors, i => Cors(i)["allowedOrigins"] = new JsonArray("https://checkout.example.com/pay") },
        { "no origins", InfraPolicy.AppCors, i => Cors(i)["allowedOrigins"] = new JsonArray() },
        { "credentials", InfraPolicy.AppCors, i => Cors(i)["supportCredentials"] = true },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Check_OnePropertyBroken_ReportsTheGuardingRule(string mutation, string rule, Action<CompiledInfra> breakIt)
        => AssertCaught(fixture.Committed, mutation, rule, breakIt);

    [Theory]
    [MemberData(nameof(SignInMutations))]
    public void Check_SignInPropertyBroken_ReportsTheGuardingRule(string mutation, string rule, Action<CompiledInfra> breakIt)
        => AssertCaught(fixture.WithEveryOption, mutation, rule, breakIt);

    [Theory]
    [MemberData(nameof(CorsMutations))]
    public void Check_CorsPropertyBroken_ReportsTheGuardingRule(string mutation, string rule, Action<CompiledInfra> breakIt)
        => AssertCaught(fixture.WithEveryOption, mutation, rule, breakIt);

    private static void AssertCaught(CompiledInfra compiled, string mutation, string rule, Action<CompiledInfra> breakIt)
    {
        var infra = compiled.DeepClone();
        Assert.DoesNotContain(InfraPolicy.Check(infra), v => v.Rule == rule);

        breakIt(infra);
        var violations = InfraPolicy.Check(infra);

        Assert.True(
            violations.Any(v => v.Rule == rule),
            $"'{mutation}' went unnoticed by {rule}; reported: {string.Join("; ", violations)}");
    }

    [Fact]
    public void Mutations_EveryRule_HasAtLeastOneBreakingCase()
    {
        var covered = Mutations.Concat(SignInMutations).Concat(CorsMutations).Select(row => (string)row[1]).ToHashSet();

        Assert.All(InfraPolicy.Rules, rule => Assert.Contains(rule, covered));
    }

    private static JsonObject One(CompiledInfra infra, string type) => Assert.Single(infra.Resources(type));

    private static JsonObject Props(CompiledInfra infra, string type) => One(infra, type)["properties"]!.AsObject();

    private static JsonObject AlertProps(CompiledInfra infra) =>
        infra.Resources("Microsoft.Insights/scheduledQueryRules").First()["properties"]!.AsObject();

    private static JsonObject AuthProps(CompiledInfra infra) =>
        Assert.Single(infra.Resources("Microsoft.Web/sites/config"), r => Text(r["name"])!.EndsWith("/authsettingsV2", StringComparison.Ordinal))["properties"]!.AsObject();

    private static JsonObject Cors(CompiledInfra infra) => Props(infra, SiteType)["siteConfig"]!["cors"]!.AsObject();

    private static JsonArray ExcludedPaths(CompiledInfra infra) => AuthProps(infra)["globalValidation"]!["excludedPaths"]!.AsArray();

    private static JsonObject Role(CompiledInfra infra, string roleId) =>
        Assert.Single(infra.Resources(RoleType), r => Text(r["properties"]!["roleDefinitionId"])!.EndsWith(roleId, StringComparison.Ordinal));

    private static JsonObject RoleProps(CompiledInfra infra, string roleId) => Role(infra, roleId)["properties"]!.AsObject();

    private static void Remove(CompiledInfra infra, string type, Func<JsonObject, bool>? where = null)
    {
        var resources = infra.Snapshot["predictedResources"]!.AsArray();
        var doomed = infra.Resources(type).Where(where ?? (_ => true)).ToList();
        Assert.NotEmpty(doomed);
        foreach (var resource in doomed)
        {
            resources.Remove(resource);
        }
    }

    private static void RenameQueues(CompiledInfra infra)
    {
        var longName = new string('q', 57);
        foreach (var queue in infra.Resources("Microsoft.Storage/storageAccounts/queueServices/queues"))
        {
            var suffix = Text(queue["name"])!.EndsWith("-poison", StringComparison.Ordinal) ? "-poison" : string.Empty;
            queue["name"] = $"st/default/{longName}{suffix}";
        }
    }

    private static void AddSecretToTemplate(CompiledInfra infra) =>
        infra.Template["resources"]!.AsObject()["secureCode"] = new JsonObject
        {
            ["type"] = "Microsoft.KeyVault/vaults/secrets",
            ["apiVersion"] = "2024-11-01",
            ["name"] = "kv/oceanpayment-995149-99514901",
            ["properties"] = new JsonObject { ["value"] = "placeholder" },
        };

    private static void AddSecretToSnapshot(CompiledInfra infra) =>
        infra.Snapshot["predictedResources"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "Microsoft.KeyVault/vaults/secrets",
            ["name"] = "kv/oceanpayment-995149-99514901",
        });

    private static void DropPrincipalFromName(CompiledInfra infra)
    {
        var role = Role(infra, MetricsPublisher);
        var scope = Text(One(infra, "Microsoft.Insights/components")["id"]);
        role["name"] = $"[guid('{scope}', '{MetricsPublisher}')]";
    }

    private static void MoveVaultRoleToStorage(CompiledInfra infra)
    {
        const string secretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        var role = Role(infra, secretsUser);
        var vaultId = Text(One(infra, VaultType)["id"])!;
        var storageId = Text(One(infra, StorageType)["id"])!;
        role["name"] = Text(role["name"])!.Replace(vaultId, storageId, StringComparison.Ordinal);
    }
}
