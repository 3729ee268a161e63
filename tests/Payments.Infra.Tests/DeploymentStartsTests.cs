using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Moq;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Functions;
using static Payments.Infra.Tests.CompiledInfra;

namespace Payments.Infra.Tests;

/// <summary>
/// A deployment with the merchant's own account and terminals starts (issue 21). main.bicep is compiled with
/// parameters that are not Oceanpayment's demo ones; the app settings it writes go, as Azure would hand them
/// over, to the app's one composition root; the app must pass its start-up validation, route each payment to
/// the terminal the parameters say, and find each terminal's secure code in the vault under its own account.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class DeploymentStartsTests
{
    private const string Account = "310422";
    private const string SecondAccount = "310588";
    private const string ThreeDSecure = "31042201";
    private const string Cards = "31042202";
    private const string Local = "31042203";
    private const string Retired = "31042209";
    private const string Japan = "31058801";
    private const string ReturnOrigin = "https://shop.example.com";
    private const string IdentityClientId = "6b1f0c2e-8d4a-4e7b-9c3d-2a5e7f9b1d04";

    /// <summary>
    /// In routing order. The second account's terminal takes cards billed in Japan ahead of the generic card
    /// terminal; FPS is served by no terminal; the retired terminal takes nothing new but keeps its secret.
    /// </summary>
    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["OCEANPAYMENT_ACCOUNT"] = Account,
        ["OCEANPAYMENT_TERMINALS"] = $$"""
            [{"terminal":"{{ThreeDSecure}}","secretName":"oceanpayment-310422-31042201","methods":"card","currencies":"EUR","minAmount":"100.00"},
             {"terminal":"{{Japan}}","secretName":"oceanpayment-310588-31058801","account":"{{SecondAccount}}","methods":"card","countries":"JP"},
             {"terminal":"{{Cards}}","secretName":"oceanpayment-310422-31042202","methods":"card,apple_pay,google_pay"},
             {"terminal":"{{Local}}","secretName":"oceanpayment-310422-31042203","methods":"wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app"},
             {"terminal":"{{Retired}}","secretName":"oceanpayment-310422-31042209","methods":""}]
            """,
        ["OCEANPAYMENT_METHOD_STRINGS"] = """{"alipay_app":"Alipay_APP"}""",
        ["PAYMENTS_ALLOWED_RETURN_ORIGINS"] = $"[\"{ReturnOrigin}\"]",
    };

    /// <summary>The fake vault: a made-up secure code under each secret name the parameters give.</summary>
    private static readonly Dictionary<string, string> VaultSecrets = new(StringComparer.Ordinal)
    {
        ["oceanpayment-310422-31042201"] = "k3Vq9TzR",
        ["oceanpayment-310588-31058801"] = "Wm4pX8cL",
        ["oceanpayment-310422-31042202"] = "Hs7dN2bF",
        ["oceanpayment-310422-31042203"] = "Qe5yJ1uA",
        ["oceanpayment-310422-31042209"] = "Zr6gT0wK",
    };

    /// <summary>
    /// Settings whose value only exists once Azure has deployed the resources: the expression the template
    /// must have written, and a well-formed stand-in.
    /// </summary>
    private static readonly Dictionary<string, (string Expression, string Value)> DeployedValues = new(StringComparer.Ordinal)
    {
        ["KeyVault__VaultUri"] = ("/Microsoft.KeyVault/vaults/", "https://kv-test.vault.azure.net/"),
        ["Payments__PublicBaseUrl"] = (".defaultHostName", "https://func-test.azurewebsites.net"),
        ["AzureWebJobsStorage__accountName"] = ("/Microsoft.Storage/storageAccounts/", "sttest"),
        ["AzureWebJobsStorage__clientId"] = (".clientId", IdentityClientId),
        ["AZURE_CLIENT_ID"] = (".clientId", IdentityClientId),
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = (".clientId", $"ClientId={IdentityClientId};Authorization=AAD"),
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = (".ConnectionString", "InstrumentationKey=3c9e0a71-5b2d-4f86-a1e4-7d0c2b9f6e58;IngestionEndpoint=https://eastasia-0.in.applicationinsights.azure.com/"),
    };

    private static readonly Lazy<CompiledInfra> Deployment = new(() => InfraCompiler.Compile(RepositoryPaths.InfraDirectory, Parameters));

    public static TheoryData<PaymentMethod, string, string, string, string, string> Routes { get; } = new()
    {
        { PaymentMethod.Card, "EUR", "150.00", "DE", Account, ThreeDSecure },
        { PaymentMethod.Card, "EUR", "100.00", "FR", Account, ThreeDSecure },
        { PaymentMethod.Card, "EUR", "150.00", "JP", Account, ThreeDSecure },
        { PaymentMethod.Card, "EUR", "50.00", "DE", Account, Cards },
        { PaymentMethod.Card, "USD", "150.00", "US", Account, Cards },
        { PaymentMethod.Card, "JPY", "15000", "JP", SecondAccount, Japan },
        { PaymentMethod.ApplePay, "EUR", "150.00", "DE", Account, Cards },
        { PaymentMethod.GooglePay, "JPY", "15000", "JP", Account, Cards },
        { PaymentMethod.WeChatPayWeb, "CNY", "88.00", "CN", Account, Local },
        { PaymentMethod.WeChatPayMiniProgram, "CNY", "88.00", "CN", Account, Local },
        { PaymentMethod.WeChatPayApp, "CNY", "88.00", "CN", Account, Local },
        { PaymentMethod.AlipayWeb, "CNY", "88.00", "CN", Account, Local },
        { PaymentMethod.AlipayMiniProgram, "HKD", "88.00", "HK", Account, Local },
        { PaymentMethod.AlipayApp, "USD", "88.00", "US", Account, Local },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Create_MerchantTerminals_RoutesToTheFirstMatchingTerminal(
        PaymentMethod method, string currency, string amount, string country, string account, string terminal)
    {
        var store = new CreatedPayments();
        using var app = StartApp(store);

        var result = await app.GetRequiredService<CreatePaymentHandler>().HandleAsync(Command(method, currency, amount, country), null, default);

        Assert.True(result.Status == CreatePaymentStatus.Created, $"{result.Status}: {string.Join("; ", result.Errors?.Select(e => $"{e.Field}: {e.Message}") ?? [])}");
        var payment = Assert.Single(store.All);
        Assert.Equal((account, terminal), (payment.Account, payment.Terminal));
    }

    [Fact]
    public async Task Create_MethodNoTerminalServes_IsInvalidNamingMethod()
    {
        var store = new CreatedPayments();
        using var app = StartApp(store);

        var result = await app.GetRequiredService<CreatePaymentHandler>().HandleAsync(Command(PaymentMethod.Fps, "HKD", "88.00", "HK"), null, default);

        Assert.Equal(CreatePaymentStatus.Invalid, result.Status);
        Assert.Contains(result.Errors!, e => e.Field == "method");
        Assert.Empty(store.All);
    }

    [Fact]
    public async Task SecureCodes_MerchantTerminals_FoundUnderTheirOwnAccountOnly()
    {
        using var app = StartApp(new CreatedPayments());
        var source = app.GetRequiredService<ISecureCodeSource>();
        var named = Deployment.Value.AppSettings
            .Where(s => s.Key.EndsWith("__SecureCodeSecretName", StringComparison.Ordinal))
            .Select(s => Text(s.Value)!);

        // The fake vault holds exactly the secrets the settings name, so no lookup can succeed by accident.
        Assert.Equal(VaultSecrets.Keys.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        foreach (var (account, terminal, secret) in new[]
        {
            (Account, ThreeDSecure, "oceanpayment-310422-31042201"),
            (Account, Cards, "oceanpayment-310422-31042202"),
            (Account, Local, "oceanpayment-310422-31042203"),
            (Account, Retired, "oceanpayment-310422-31042209"),
            (SecondAccount, Japan, "oceanpayment-310588-31058801"),
        })
        {
            var code = await source.FindAsync(new TerminalKey(account, terminal), refresh: false, default);
            Assert.True(code?.SameAs(SecureCode.From(VaultSecrets[secret])) == true, $"{account}/{terminal}: no secure code, or not the one in {secret}");
        }

        Assert.Null(await source.FindAsync(new TerminalKey(SecondAccount, ThreeDSecure), refresh: false, default));
        Assert.Null(await source.FindAsync(new TerminalKey(Account, Japan), refresh: false, default));
    }

    /// <summary>
    /// The app as Azure would start it: the compiled settings (deployed values stood in), Production, and the
    /// composition root, with two substitutes only: the vault (a fake answering the secrets above) and the
    /// payment store (storage is not what this test is about). Fails with the app's own start-up message.
    /// </summary>
    private static ServiceProvider StartApp(CreatedPayments store)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AppConfiguration(Deployment.Value.AppSettings)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsApp(configuration, new HostingEnvironment { EnvironmentName = "Production" });
        Substitute(services, FakeVault());
        Substitute<IPaymentStore>(services, store);

        var app = services.BuildServiceProvider();
        try
        {
            // What the host runs before the first function: every options type registered with ValidateOnStart
            // (Oceanpayment, Payments, KeyVault, Storage, Reconcile, Events, Webhooks, Operators, Budgets).
            app.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            app.Dispose();
            var failures = (ex is AggregateException all ? all.InnerExceptions : [ex])
                .SelectMany(e => e is OptionsValidationException invalid ? invalid.Failures : [e.Message]);
            Assert.Fail($"The app refuses to start with the settings main.bicep writes:\n{string.Join('\n', failures)}");
        }

        return app;
    }

    /// <summary>The app settings as configuration keys (<c>__</c> read as <c>:</c>), deployed values stood in.</summary>
    private static Dictionary<string, string?> AppConfiguration(JsonObject settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var unresolved = new List<string>();
        foreach (var (name, node) in settings)
        {
            var value = Text(node) ?? string.Empty;
            if (value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal))
            {
                if (!DeployedValues.TryGetValue(name, out var deployed) || !value.Contains(deployed.Expression, StringComparison.Ordinal))
                {
                    unresolved.Add($"{name} = {value}");
                    continue;
                }

                value = deployed.Value;
            }

            values[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        Assert.True(unresolved.Count == 0, $"Settings whose deployed value this test cannot stand in for:\n{string.Join('\n', unresolved)}");
        return values;
    }

    private static SecretClient FakeVault()
    {
        var vault = new Mock<SecretClient>(MockBehavior.Strict);
        // SecretClient.GetSecretAsync(name) binds to the four-argument overload in Azure.Security.KeyVault.Secrets 4.12.
        vault.Setup(c => c.GetSecretAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<SecretContentType?>(), It.IsAny<CancellationToken>()))
            .Returns((string name, string _, SecretContentType? _, CancellationToken _) => VaultSecrets.TryGetValue(name, out var value)
                ? Task.FromResult(Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties(name), value), Mock.Of<Response>()))
                : Task.FromException<Response<KeyVaultSecret>>(new RequestFailedException(404, $"Secret {name} not found.", "SecretNotFound", null)));
        return vault.Object;
    }

    private static void Substitute<T>(IServiceCollection services, T substitute)
        where T : class
    {
        // Replace the app's own registration, and prove there was one to replace.
        Assert.Contains(services, d => d.ServiceType == typeof(T));
        services.RemoveAll<T>();
        services.AddSingleton(substitute);
    }

    private static CreatePaymentCommand Command(PaymentMethod method, string currency, string amount, string country) => new()
    {
        Amount = Money.TryParseDecimal(amount, Currency.Parse(currency), out var money) ? money : throw new FormatException(amount),
        Method = method,
        Billing = new BillingDetails { FirstName = "Mika", LastName = "Sato", Email = "mika@example.com", Country = country, State = "Region" },
        ReturnUrl = ReturnOrigin + "/checkout/done",
        OrderNumber = $"ORD-{MethodNames.ToApi(method).Replace('_', '-')}-{currency}-{amount.Replace('.', '-')}-{country}",
        RequestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {currency} {amount} {country}"))),
    };
}
