using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

/// <summary>
/// The security and shape rules the infrastructure must keep. Each rule returns what it found wrong, so a test
/// can prove a rule fires by breaking exactly the property it guards.
/// </summary>
public static partial class InfraPolicy
{
    public const string StorageSharedKey = "storage-shared-key";
    public const string StorageTls = "storage-tls";
    public const string StoragePublicBlob = "storage-public-blob";
    public const string StorageHttpsOnly = "storage-https-only";
    public const string StorageEntities = "storage-entities";
    public const string QueueNames = "queue-names";
    public const string VaultRbac = "vault-rbac";
    public const string VaultSoftDelete = "vault-soft-delete";
    public const string VaultPurgeProtection = "vault-purge-protection";
    public const string VaultNoSecrets = "vault-no-secrets";
    public const string NoKeyListing = "no-key-listing";
    public const string AppSettingsNoSecrets = "app-settings-no-secrets";
    public const string AppSettingsIdentityStorage = "app-settings-identity-storage";
    public const string AppSettingsSchema = "app-settings-schema";
    public const string RoleAssignments = "role-assignments";
    public const string AppInsightsLocalAuth = "app-insights-local-auth";
    public const string FlexConsumption = "flex-consumption";
    public const string AppTransport = "app-transport";
    public const string AppCors = "app-cors";
    public const string AzdTags = "azd-tags";
    public const string Outputs = "outputs";
    public const string AlertsNotify = "alerts-notify";
    public const string OperatorSignIn = "operator-sign-in";

    /// <summary>The app setting that lets the platform sign in to Entra with the app's managed identity instead of a secret.</summary>
    public const string ManagedIdentityAssertionSetting = "OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID";

    /// <summary>Role definition id, the resource type it is scoped to, and its display name.</summary>
    public static IReadOnlyList<(string RoleId, string ScopeType, string Name)> RequiredRoles { get; } =
    [
        ("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts", "Storage Blob Data Owner"),
        ("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts", "Storage Queue Data Contributor"),
        ("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts", "Storage Table Data Contributor"),
        ("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults", "Key Vault Secrets User"),
        ("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components", "Monitoring Metrics Publisher"),
    ];

    private const string StorageType = "Microsoft.Storage/storageAccounts";
    private const string VaultType = "Microsoft.KeyVault/vaults";
    private const string QueueType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string SiteType = "Microsoft.Web/sites";

    private static readonly Dictionary<string, Func<CompiledInfra, IEnumerable<string>>> Checks = new()
    {
        [StorageSharedKey] = i => EachRequired(i, StorageType, r => Flag(r["properties"]?["allowSharedKeyAccess"]) == false, "allowSharedKeyAccess must be false"),
        [StorageTls] = i => EachRequired(i, StorageType, r => Text(r["properties"]?["minimumTlsVersion"]) == "TLS1_2", "minimumTlsVersion must be TLS1_2"),
        [StoragePublicBlob] = CheckPublicBlob,
        [StorageHttpsOnly] = i => EachRequired(i, StorageType, r => Flag(r["properties"]?["supportsHttpsTrafficOnly"]) == true, "supportsHttpsTrafficOnly must be true"),
        [StorageEntities] = CheckStorageEntities,
        [QueueNames] = CheckQueueNames,
        [VaultRbac] = i => EachRequired(i, VaultType, r => Flag(r["properties"]?["enableRbacAuthorization"]) == true, "enableRbacAuthorization must be true"),
        [VaultSoftDelete] = i => EachRequired(i, VaultType, r => Flag(r["properties"]?["enableSoftDelete"]) == true, "enableSoftDelete must be true"),
        [VaultPurgeProtection] = i => EachRequired(i, VaultType, r => Flag(r["properties"]?["enablePurgeProtection"]) == true, "enablePurgeProtection must be true"),
        [VaultNoSecrets] = CheckNoVaultSecrets,
        [NoKeyListing] = CheckNoKeyListing,
        [AppSettingsNoSecrets] = CheckAppSettingsNoSecrets,
        [AppSettingsIdentityStorage] = CheckIdentityStorage,
        [AppSettingsSchema] = CheckAppSettingsSchema,
        [RoleAssignments] = CheckRoleAssignments,
        [AppInsightsLocalAuth] = i => EachRequired(i, "Microsoft.Insights/components", r => Flag(r["properties"]?["DisableLocalAuth"]) == true, "DisableLocalAuth must be true"),
        [FlexConsumption] = CheckFlexConsumption,
        [AppTransport] = CheckTransport,
        [AppCors] = CheckCors,
        [AzdTags] = CheckAzdTags,
        [Outputs] = CheckOutputs,
        [AlertsNotify] = CheckAlertsNotify,
        [OperatorSignIn] = CheckOperatorSignIn,
    };

    public static IReadOnlyCollection<string> Rules => Checks.Keys;

    public static IReadOnlyList<PolicyViolation> Check(CompiledInfra infra) =>
        Checks.SelectMany(c => c.Value(infra).Select(message => new PolicyViolation(c.Key, message))).ToList();

    private static IEnumerable<string> EachRequired(CompiledInfra infra, string type, Func<JsonObject, bool> holds, string requirement)
    {
        var resources = infra.Resources(type).ToList();
        if (resources.Count == 0)
        {
            yield return $"no {type} resource";
        }

        foreach (var resource in resources.Where(r => !holds(r)))
        {
            yield return $"{Text(resource["name"])}: {requirement}";
        }
    }

    private static IEnumerable<string> CheckPublicBlob(CompiledInfra infra)
    {
        foreach (var message in EachRequired(infra, StorageType, r => Flag(r["properties"]?["allowBlobPublicAccess"]) == false, "allowBlobPublicAccess must be false"))
        {
            yield return message;
        }

        foreach (var container in infra.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            var access = Text(container["properties"]?["publicAccess"]) ?? "None";
            if (access != "None")
            {
                yield return $"{Text(container["name"])}: container publicAccess is {access}";
            }
        }
    }

    private static IEnumerable<string> CheckStorageEntities(CompiledInfra infra)
    {
        var tables = infra.Resources(TableType).Select(r => LastSegment(r["name"])).ToHashSet();
        var queues = infra.Resources(QueueType).Select(r => LastSegment(r["name"])).ToHashSet();
        if (!tables.Contains("payments"))
        {
            yield return "table 'payments' missing";
        }

        foreach (var queue in new[] { "payment-reconcile", "payment-reconcile-poison" }.Where(q => !queues.Contains(q)))
        {
            yield return $"queue '{queue}' missing";
        }
    }

    private static IEnumerable<string> CheckQueueNames(CompiledInfra infra)
    {
        var queues = infra.Resources(QueueType).Select(r => LastSegment(r["name"])).ToList();
        // No trigger reads the webhook dead-letter queue (operators do), so it has no poison queue.
        var deadLetter = infra.AppSettings.TryGetPropertyValue("Storage__WebhookDeadLetterQueue", out var value) ? CompiledInfra.Text(value) : null;
        foreach (var queue in queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal) && q != deadLetter))
        {
            // The host names the poison queue "<queue>-poison" and has none when that passes 63 characters.
            if (queue.Length > 56)
            {
                yield return $"queue '{queue}' is {queue.Length} characters; at most 56 leaves room for '-poison'";
            }

            if (!queues.Contains($"{queue}-poison"))
            {
                yield return $"queue '{queue}' has no '{queue}-poison' queue";
            }
        }

        var declared = infra.Template["parameters"]?["reconcileQueueName"]?["maxLength"]?.GetValue<int>();
        if (declared is null or > 56)
        {
            yield return "parameter reconcileQueueName must declare maxLength <= 56";
        }
    }

    private static IEnumerable<string> CheckNoVaultSecrets(CompiledInfra infra)
    {
        const string secretType = "Microsoft.KeyVault/vaults/secrets";
        var inTemplate = infra.TemplateResources().Count(r => string.Equals(Text(r["type"]), secretType, StringComparison.OrdinalIgnoreCase));
        var predicted = infra.Resources(secretType).Count();
        if (inTemplate + predicted > 0)
        {
            yield return $"{inTemplate + predicted} {secretType} resource(s): a redeploy would overwrite a secure code";
        }
    }

    private static IEnumerable<string> CheckNoKeyListing(CompiledInfra infra)
    {
        // list*() hands out account keys or secrets; identity-based access never needs them.
        foreach (var expression in Strings(infra.Template).Concat(Strings(infra.Snapshot)).Where(s => s.StartsWith('[')).Distinct())
        {
            var match = ListFunction().Match(expression);
            if (match.Success)
            {
                yield return $"expression calls {match.Value}...: {Shorten(expression)}";
            }
        }

        foreach (var parameter in (infra.Template["parameters"]?.AsObject() ?? []).Where(p => Text(p.Value?["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true))
        {
            yield return $"parameter {parameter.Key} is secure: secrets never pass through this template";
        }
    }

    private static IEnumerable<string> CheckAppSettingsNoSecrets(CompiledInfra infra)
    {
        foreach (var (name, node) in infra.AppSettings)
        {
            var value = Text(node) ?? string.Empty;
            if (SecretLookingName().IsMatch(name))
            {
                yield return $"setting {name} looks like it carries a secret";
            }

            if (SecretLookingValue().IsMatch(value))
            {
                yield return $"setting {name} has a secret-looking value";
            }

            if (name.EndsWith("__SecureCodeSecretName", StringComparison.Ordinal) && !SecretName().IsMatch(value))
            {
                yield return $"setting {name} is not a Key Vault secret name";
            }
        }
    }

    private static IEnumerable<string> CheckIdentityStorage(CompiledInfra infra)
    {
        var settings = infra.AppSettings;
        var storageNames = infra.Resources(StorageType).Select(r => Text(r["name"])).ToHashSet();
        if (!storageNames.Contains(Text(settings["AzureWebJobsStorage__accountName"])))
        {
            yield return "AzureWebJobsStorage__accountName must name the deployed storage account";
        }

        if (Text(settings["AzureWebJobsStorage__credential"]) != "managedidentity")
        {
            yield return "AzureWebJobsStorage__credential must be managedidentity";
        }

        if (!IsIdentityClientId(Text(settings["AzureWebJobsStorage__clientId"])))
        {
            yield return "AzureWebJobsStorage__clientId must be the user-assigned identity's client id";
        }

        if (settings.ContainsKey("AzureWebJobsStorage"))
        {
            yield return "AzureWebJobsStorage (a connection string) must not be set";
        }
    }

    private static IEnumerable<string> CheckAppSettingsSchema(CompiledInfra infra)
    {
        var settings = infra.AppSettings;
        string? Get(string name) => Text(settings[name]);

        if (Get("KeyVault__VaultUri")?.Contains(".vaultUri", StringComparison.Ordinal) != true)
        {
            yield return "KeyVault__VaultUri must be the vault's URI";
        }

        foreach (var name in new[] { "Oceanpayment__Account", "Oceanpayment__PaymentBaseUrl", "Oceanpayment__QueryBaseUrl", "APPLICATIONINSIGHTS_CONNECTION_STRING" }.Where(n => string.IsNullOrEmpty(Get(n))))
        {
            yield return $"{name} missing";
        }

        if (Get("Payments__PublicBaseUrl") is not { } publicUrl || !publicUrl.Contains("https://", StringComparison.Ordinal) || !publicUrl.Contains("defaultHostName", StringComparison.Ordinal))
        {
            yield return "Payments__PublicBaseUrl must be https://<app default host>";
        }

        var tables = infra.Resources(TableType).Select(r => LastSegment(r["name"])).ToHashSet();
        if (Get("Storage__PaymentsTable") is not { } table || !tables.Contains(table))
        {
            yield return "Storage__PaymentsTable must name the deployed payments table";
        }

        // The queue triggers listen on %Storage:ReconcileQueue%, %Storage:ChangesQueue% and their "-poison" queues.
        var queues = infra.Resources(QueueType).Select(r => LastSegment(r["name"])).ToHashSet();
        foreach (var setting in new[] { "Storage__ReconcileQueue", "Storage__ChangesQueue" })
        {
            if (Get(setting) is not { } queue || !queues.Contains(queue) || !queues.Contains(queue + "-poison"))
            {
                yield return $"{setting} must name a deployed queue that has a '-poison' queue";
            }
        }

        var authentication = AuthenticationString().Match(Get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") ?? string.Empty);
        if (!authentication.Success || !IsIdentityClientId($"[{authentication.Groups[1].Value}]"))
        {
            yield return "APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be ClientId=<identity client id>;Authorization=AAD";
        }

        var terminalKeys = settings.Select(s => TerminalSetting().Match(s.Key)).Where(m => m.Success).ToList();
        var indexes = terminalKeys.Select(m => m.Groups[1].Value).Distinct().ToList();
        if (indexes.Count == 0)
        {
            yield return "no Oceanpayment__Terminals__<i>__Terminal / __SecureCodeSecretName / __Methods settings";
        }

        foreach (var index in indexes)
        {
            foreach (var field in new[] { "Terminal", "SecureCodeSecretName" }.Where(f => string.IsNullOrEmpty(Get($"Oceanpayment__Terminals__{index}__{f}"))))
            {
                yield return $"Oceanpayment__Terminals__{index}__{field} missing";
            }

            // Empty is allowed (a terminal kept for payments already taken on it), absent is not.
            if (!settings.ContainsKey($"Oceanpayment__Terminals__{index}__Methods"))
            {
                yield return $"Oceanpayment__Terminals__{index}__Methods missing";
            }
        }
    }

    private static IEnumerable<string> CheckRoleAssignments(CompiledInfra infra)
    {
        var assignments = infra.Resources("Microsoft.Authorization/roleAssignments").ToList();
        var identityIds = infra.Resources(SiteType)
            .SelectMany(s => (s["identity"]?["userAssignedIdentities"]?.AsObject() ?? []).Select(p => p.Key))
            .ToList();

        foreach (var (roleId, scopeType, roleName) in RequiredRoles)
        {
            var matching = assignments
                .Where(a => Text(a["properties"]?["roleDefinitionId"])?.EndsWith($"/roleDefinitions/{roleId}", StringComparison.OrdinalIgnoreCase) == true)
                .Where(a => Text(a["properties"]?["principalType"]) == "ServicePrincipal")
                .ToList();
            if (matching.Count != 1)
            {
                yield return $"{roleName}: expected one assignment to a ServicePrincipal, found {matching.Count}";
                continue;
            }

            var assignment = matching[0];
            var name = GuidName().Match(Text(assignment["name"]) ?? string.Empty);
            if (!name.Success)
            {
                yield return $"{roleName}: name must be guid(scope id, principal id, role id), was {Text(assignment["name"])}";
                continue;
            }

            if (!name.Groups["scope"].Value.Contains($"/providers/{scopeType}/", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{roleName}: must be scoped to a {scopeType}, was {name.Groups["scope"].Value}";
            }

            if (!string.Equals(name.Groups["role"].Value, roleId, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{roleName}: name seeded with role {name.Groups["role"].Value}";
            }

            var principal = name.Groups["principal"].Value;
            if (Text(assignment["properties"]?["principalId"]) != $"[{principal}]"
                || !principal.EndsWith(".principalId", StringComparison.Ordinal)
                || !identityIds.Any(id => principal.Contains($"'{id}'", StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{roleName}: must be granted to (and named by) the function app's user-assigned identity";
            }
        }
    }

    private static IEnumerable<string> CheckFlexConsumption(CompiledInfra infra)
    {
        var plans = infra.Resources("Microsoft.Web/serverfarms").ToList();
        var flexPlanIds = plans
            .Where(p => Text(p["sku"]?["name"]) == "FC1" && Text(p["sku"]?["tier"]) == "FlexConsumption" && Flag(p["properties"]?["reserved"]) == true)
            .Select(p => Text(p["id"]))
            .ToHashSet();
        var sites = infra.Resources(SiteType).ToList();
        if (sites.Count == 0)
        {
            yield return "no function app";
        }

        foreach (var site in sites)
        {
            var name = Text(site["name"]);
            var properties = site["properties"];
            if (!flexPlanIds.Contains(Text(properties?["serverFarmId"])))
            {
                yield return $"{name}: must run on a Linux FC1 (FlexConsumption) plan";
            }

            if (Text(site["kind"]) is not { } kind || !kind.Contains("functionapp", StringComparison.Ordinal) || !kind.Contains("linux", StringComparison.Ordinal))
            {
                yield return $"{name}: kind must be functionapp,linux";
            }

            var runtime = properties?["functionAppConfig"]?["runtime"];
            if (Text(runtime?["name"]) != "dotnet-isolated" || Text(runtime?["version"]) != "10.0")
            {
                yield return $"{name}: runtime must be dotnet-isolated 10.0";
            }

            var deployment = properties?["functionAppConfig"]?["deployment"]?["storage"];
            if (Text(deployment?["type"]) != "blobContainer" || Text(deployment?["authentication"]?["type"]) != "UserAssignedIdentity")
            {
                yield return $"{name}: deployment package must come from a blob container read with the user-assigned identity";
            }

            if (Text(site["identity"]?["type"]) != "UserAssigned")
            {
                yield return $"{name}: identity must be UserAssigned";
            }
        }
    }

    private static IEnumerable<string> CheckTransport(CompiledInfra infra)
    {
        foreach (var site in infra.Resources(SiteType))
        {
            var name = Text(site["name"]);
            var properties = site["properties"];
            if (Flag(properties?["httpsOnly"]) != true)
            {
                yield return $"{name}: httpsOnly must be true";
            }

            if (Text(properties?["siteConfig"]?["minTlsVersion"]) != "1.2")
            {
                yield return $"{name}: minTlsVersion must be 1.2";
            }

            if (Text(properties?["siteConfig"]?["ftpsState"]) != "Disabled")
            {
                yield return $"{name}: ftpsState must be Disabled";
            }
        }
    }

    /// <summary>
    /// CORS, when on, names https origins and sends no credentials: a shopper's page calls confirm and status
    /// with the client secret in a header, and a wildcard would let any site's script do the same.
    /// </summary>
    private static IEnumerable<string> CheckCors(CompiledInfra infra)
    {
        foreach (var site in infra.Resources(SiteType))
        {
            if (site["properties"]?["siteConfig"]?["cors"] is not JsonObject cors)
            {
                continue;
            }

            var name = Text(site["name"]);
            var origins = (cors["allowedOrigins"] as JsonArray ?? []).Select(o => Text(o) ?? string.Empty).ToList();
            if (origins.Count == 0)
            {
                yield return $"{name}: cors without allowedOrigins; leave cors out instead";
            }

            foreach (var origin in origins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.GetLeftPart(UriPartial.Authority) != o))
            {
                yield return $"{name}: CORS origin '{origin}' is not an https origin (scheme://host[:port])";
            }

            if (Flag(cors["supportCredentials"]) != false)
            {
                yield return $"{name}: cors.supportCredentials must be false";
            }
        }
    }

    private static IEnumerable<string> CheckAzdTags(CompiledInfra infra)
    {
        var sites = infra.Resources(SiteType).ToList();
        if (sites.Count(s => Text(s["tags"]?["azd-service-name"]) == "api") != 1)
        {
            yield return "exactly one function app must carry azd-service-name: api";
        }

        // Top-level resources (Namespace/type) that take tags; role assignments take none.
        foreach (var resource in infra.AllResources().Where(r => Text(r["type"])?.Count(c => c == '/') == 1 && Text(r["type"]) != "Microsoft.Authorization/roleAssignments"))
        {
            if (Text(resource["tags"]?["azd-env-name"]) != infra.EnvironmentName)
            {
                yield return $"{Text(resource["name"])}: tag azd-env-name must be the environment name";
            }
        }
    }

    private static IEnumerable<string> CheckOutputs(CompiledInfra infra)
    {
        var required = new Dictionary<string, string>
        {
            ["backUrl"] = "/api/oceanpayment/return",
            ["noticeUrl"] = "/api/oceanpayment/notice",
        };
        foreach (var (output, path) in required)
        {
            var value = Text(infra.Outputs[output]);
            if (value is null || !value.Contains("https://", StringComparison.Ordinal) || !value.Contains("defaultHostName", StringComparison.Ordinal) || !value.Contains($"{path}'", StringComparison.Ordinal))
            {
                yield return $"output {output} must be https://<app default host>{path}";
            }
        }

        foreach (var output in new[] { "functionAppUrl", "keyVaultUri", "AZURE_FUNCTION_APP_NAME", "AZURE_KEY_VAULT_NAME" }.Where(o => infra.Outputs[o] is null))
        {
            yield return $"output {output} missing";
        }
    }

    private static IEnumerable<string> CheckAlertsNotify(CompiledInfra infra)
    {
        var groups = infra.Resources("Microsoft.Insights/actionGroups").Select(g => Text(g["id"])).ToHashSet();
        var components = infra.Resources("Microsoft.Insights/components").Select(c => Text(c["id"])).ToHashSet();
        var rules = infra.Resources("Microsoft.Insights/scheduledQueryRules").ToList();
        if (groups.Count == 0)
        {
            yield return "no action group";
        }

        if (rules.Count == 0)
        {
            yield return "no alert rules";
        }

        foreach (var rule in rules)
        {
            var name = Text(rule["name"]);
            var properties = rule["properties"];
            var targets = (properties?["actions"]?["actionGroups"] as JsonArray ?? []).Select(Text).ToList();
            if (!targets.Any(groups.Contains))
            {
                yield return $"{name}: must notify the deployed action group";
            }

            if (Flag(properties?["enabled"]) != true)
            {
                yield return $"{name}: must be enabled";
            }

            if (!(properties?["scopes"] as JsonArray ?? []).Select(Text).Any(components.Contains))
            {
                yield return $"{name}: must query the deployed Application Insights component";
            }
        }
    }

    private static IEnumerable<string> CheckOperatorSignIn(CompiledInfra infra)
    {
        if (string.IsNullOrEmpty(Text(infra.AppSettings["Operators__Role"])))
        {
            yield return "Operators__Role app setting missing";
        }

        // The app trusts X-MS-CLIENT-PRINCIPAL only while the platform says its authentication is on; a template
        // that set the flag itself would make a forgeable header trusted.
        if (infra.AppSettings.Any(s => string.Equals(s.Key, "WEBSITE_AUTH_ENABLED", StringComparison.OrdinalIgnoreCase)))
        {
            yield return "WEBSITE_AUTH_ENABLED must be left to the platform, never set as an app setting";
        }

        var configs = infra.Resources("Microsoft.Web/sites/config")
            .Where(r => Text(r["name"])?.EndsWith("/authsettingsV2", StringComparison.OrdinalIgnoreCase) == true);
        foreach (var auth in configs)
        {
            var properties = auth["properties"];
            var validation = properties?["globalValidation"];
            var entra = properties?["identityProviders"]?["azureActiveDirectory"];
            if (Flag(properties?["platform"]?["enabled"]) != true || Flag(validation?["requireAuthentication"]) != true)
            {
                yield return "authsettingsV2: the platform must be enabled and require authentication outside the excluded paths";
            }

            if (Flag(entra?["enabled"]) != true || string.IsNullOrEmpty(Text(entra?["registration"]?["clientId"])))
            {
                yield return "authsettingsV2: Microsoft Entra ID must be enabled with the app registration's client id";
            }

            // A token store needs storage the instances share; Flex Consumption has none without a SAS URL (a secret).
            if (Flag(properties?["login"]?["tokenStore"]?["enabled"]) != false)
            {
                yield return "authsettingsV2: tokenStore must be disabled";
            }

            var secretSetting = Text(entra?["registration"]?["clientSecretSettingName"]);
            if (secretSetting != ManagedIdentityAssertionSetting || !IsIdentityClientId(Text(infra.AppSettings[ManagedIdentityAssertionSetting])))
            {
                yield return $"authsettingsV2: sign in with the app's identity ({ManagedIdentityAssertionSetting} = the user-assigned identity's client id), not a client secret";
            }

            var excluded = (validation?["excludedPaths"] as JsonArray ?? []).Select(p => Text(p) ?? string.Empty).ToList();
            foreach (var path in excluded.Where(p => !p.StartsWith('/') || p.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != p.Length - 1))
            {
                yield return $"authsettingsV2: excluded path '{path}' must start with / and may only end in /*";
            }

            foreach (var route in FunctionRoutes.All)
            {
                var isExcluded = FunctionRoutes.IsExcluded(excluded, route.SamplePath);
                if (!route.ForOperators && !isExcluded)
                {
                    yield return $"{route.Function} ({route.Template}, {route.Level}) is public but would demand a sign-in: add it to publicPaths in main.bicep";
                }

                if (route.ForOperators && isExcluded)
                {
                    yield return $"{route.Function} ({route.Template}) is an operator route but excluded from sign-in";
                }
            }
        }
    }

    private static bool IsIdentityClientId(string? value) =>
        value is not null
        && value.Contains("Microsoft.ManagedIdentity/userAssignedIdentities/", StringComparison.Ordinal)
        && value.EndsWith(".clientId]", StringComparison.Ordinal);

    private static string LastSegment(JsonNode? name) => (Text(name) ?? string.Empty).Split('/')[^1];

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120];

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"(?<![A-Za-z])list[A-Za-z]*\(")]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"(?i)(password|securecode$|secret$|accountkey|connectionstring$|^AzureWebJobsStorage$)")]
    private static partial Regex SecretLookingName();

    [GeneratedRegex(@"(?i)(AccountKey=|SharedAccessSignature=|[?&;]sig=|Password=|ClientSecret=)")]
    private static partial Regex SecretLookingValue();

    [GeneratedRegex(@"^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^\[format\('ClientId=\{0\};Authorization=AAD', (.+)\)\]$")]
    private static partial Regex AuthenticationString();

    [GeneratedRegex(@"^Oceanpayment__Terminals__(\d+)__")]
    private static partial Regex TerminalSetting();

    [GeneratedRegex(@"^\[guid\('(?<scope>/subscriptions/[^']+)', (?<principal>.+), '(?<role>[0-9a-fA-F-]{36})'\)\]$")]
    private static partial Regex GuidName();
}
