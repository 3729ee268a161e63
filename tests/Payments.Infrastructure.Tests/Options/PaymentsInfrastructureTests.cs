using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Events;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Infrastructure.Options;
using Payments.Infrastructure.Secrets;
using Payments.Infrastructure.Storage;
using Payments.Infrastructure.Tests.Support;

namespace Payments.Infrastructure.Tests.Options;

public sealed class PaymentsInfrastructureTests
{
    /// <summary>A complete production configuration: every method routed to a configured terminal.</summary>
    internal static Dictionary<string, string?> Production() => new()
    {
        ["Oceanpayment:Account"] = "995149",
        ["Oceanpayment:PaymentBaseUrl"] = "https://secure.oceanpayment.com",
        ["Oceanpayment:QueryBaseUrl"] = "https://query.oceanpayment.com",
        // Cards in EUR from 100.00 on the 3-D Secure terminal, cards billed in Japan on a second account's
        // terminal, other cards and wallets on 12345601, local methods on 12345603.
        ["Oceanpayment:Terminals:0:Terminal"] = "12345602",
        ["Oceanpayment:Terminals:0:SecureCodeSecretName"] = "op-terminal-12345602",
        ["Oceanpayment:Terminals:0:Methods"] = "card",
        ["Oceanpayment:Terminals:0:Currencies"] = "EUR",
        ["Oceanpayment:Terminals:0:MinAmount"] = "100.00",
        ["Oceanpayment:Terminals:1:Terminal"] = "65432101",
        ["Oceanpayment:Terminals:1:Account"] = "654321",
        ["Oceanpayment:Terminals:1:SecureCodeSecretName"] = "op-terminal-65432101",
        ["Oceanpayment:Terminals:1:Methods"] = "card",
        ["Oceanpayment:Terminals:1:Countries"] = "JP",
        ["Oceanpayment:Terminals:2:Terminal"] = "12345601",
        ["Oceanpayment:Terminals:2:SecureCodeSecretName"] = "op-terminal-12345601",
        ["Oceanpayment:Terminals:2:Methods"] = "card, apple_pay, google_pay",
        ["Oceanpayment:Terminals:3:Terminal"] = "12345603",
        ["Oceanpayment:Terminals:3:SecureCodeSecretName"] = "op-terminal-12345603",
        ["Oceanpayment:Terminals:3:Methods"] = "wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app,fps",
        ["Oceanpayment:Methods:Card:Methods"] = "Credit Card",
        ["Oceanpayment:Methods:fps:Methods"] = "FPS_HK",
        ["Payments:PublicBaseUrl"] = "https://pay.example.com/base",
        ["Payments:AllowedReturnOrigins:0"] = "https://shop.example.com",
        ["Payments:AllowedReturnOrigins:1"] = "https://shop.example.com:8443/",
        ["KeyVault:VaultUri"] = "https://kv-payments.vault.azure.net/",
        ["KeyVault:ManagedIdentityClientId"] = "6f1e2c1a-0000-4000-8000-000000000001",
        ["AzureWebJobsStorage:accountName"] = "stpayments01",
        ["AzureWebJobsStorage:clientId"] = "6f1e2c1a-0000-4000-8000-000000000001",
    };

    /// <summary>A local configuration: demo terminals with their codes in settings, Azurite, no vault.</summary>
    internal static Dictionary<string, string?> Development() => new()
    {
        ["Oceanpayment:Account"] = "995149",
        ["Oceanpayment:PaymentBaseUrl"] = "http://127.0.0.1:5005",
        ["Oceanpayment:Terminals:0:Terminal"] = "99514901",
        ["Oceanpayment:Terminals:0:SecureCode"] = "dev-card-code",
        ["Oceanpayment:Terminals:0:Methods"] = "card",
        ["Oceanpayment:Terminals:1:Terminal"] = "99514903",
        ["Oceanpayment:Terminals:1:SecureCode"] = "dev-local-code",
        ["Oceanpayment:Terminals:1:Methods"] = "wechat_pay_web",
        ["Payments:PublicBaseUrl"] = "http://localhost:7071",
        ["Payments:AllowedReturnOrigins:0"] = "http://localhost:3000",
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
    };

    internal static ServiceProvider Build(Dictionary<string, string?> values, IHostEnvironment environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsInfrastructure(configuration, environment);
        return services.BuildServiceProvider();
    }

    internal static OptionsValidationException Invalid<T>(Dictionary<string, string?> values, IHostEnvironment environment)
        where T : class
    {
        using var provider = Build(values, environment);
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<T>>().Value);
    }

    [Fact]
    public void AddPaymentsInfrastructure_ProductionConfiguration_ResolvesEveryService()
    {
        using var provider = Build(Production(), TestEnvironment.Production);

        var settings = provider.GetRequiredService<PaymentsSettings>();
        Assert.Equal("https://pay.example.com/base/api/oceanpayment/return", settings.BackUrl);
        Assert.True(settings.IsAllowedReturnUrl("https://shop.example.com:8443/done"));
        Assert.Equal("FPS_HK", settings.Routing.RouteOn(PaymentMethod.Fps, "12345603").Methods);
        Assert.Equal("GooglePay", settings.Routing.RouteOn(PaymentMethod.GooglePay, "12345601").Methods);
        Assert.Equal("Credit Card", settings.Routing.RouteOn(PaymentMethod.Card, "12345601").Methods);
        Assert.Equal(new TerminalKey("995149", "12345602"), settings.Routing.Choose(PaymentMethod.Card, Eur(15000), "US")?.Key);
        Assert.Equal(new TerminalKey("995149", "12345601"), settings.Routing.Choose(PaymentMethod.Card, Eur(9999), "US")?.Key);
        Assert.Equal(new TerminalKey("654321", "65432101"), settings.Routing.Choose(PaymentMethod.Card, Eur(5000), "JP")?.Key);
        Assert.Equal(new TerminalKey("995149", "12345601"), settings.Routing.Choose(PaymentMethod.GooglePay, Eur(15000), "JP")?.Key);
        Assert.Equal(new TerminalKey("995149", "12345603"), settings.Routing.Choose(PaymentMethod.AlipayApp, Eur(15000), "JP")?.Key);
        Assert.Equal(["12345602", "65432101", "12345601", "12345603"], settings.Routing.Terminals.Select(t => t.Terminal));
        Assert.IsType<KeyVaultSecureCodeSource>(provider.GetRequiredService<ISecureCodeSource>());
        Assert.IsType<TablePaymentStore>(provider.GetRequiredService<IPaymentStore>());
        Assert.Same(provider.GetRequiredService<IOpenPaymentIndex>(), provider.GetRequiredService<IOpenPaymentIndexWriter>());
        Assert.IsType<TableOpenPaymentIndex>(provider.GetRequiredService<IOpenPaymentIndex>());
        Assert.IsType<TableIdempotencyStore>(provider.GetRequiredService<IIdempotencyStore>());
        Assert.IsType<QueueReconcileScheduler>(provider.GetRequiredService<IReconcileScheduler>());
        Assert.NotNull(provider.GetRequiredService<IOceanpaymentClient>());
        Assert.NotNull(provider.GetRequiredService<MessageVerifier>());
        Assert.NotNull(provider.GetRequiredService<PaymentsTelemetry>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(StorageNames.PaymentsTable, provider.GetRequiredService<IOptions<StorageOptions>>().Value.PaymentsTable);
    }

    [Fact]
    public async Task AddPaymentsInfrastructure_DevelopmentWithoutVault_UsesCodesFromSettings()
    {
        using var provider = Build(Development(), TestEnvironment.Development);

        var source = provider.GetRequiredService<ISecureCodeSource>();

        Assert.IsType<ConfiguredSecureCodeSource>(source);
        Assert.NotNull(await source.FindAsync(new TerminalKey("995149", "99514901"), false, default));
        Assert.Null(await source.FindAsync(new TerminalKey("995149", "11111111"), false, default));
        Assert.Null(await source.FindAsync(new TerminalKey("123456", "99514901"), false, default));
        Assert.Equal(OceanpaymentOptions.DefaultQueryBaseUrl, provider.GetRequiredService<IOptions<OceanpaymentOptions>>().Value.QueryBaseUrl);
    }

    [Theory]
    [InlineData("Oceanpayment:Account", null, "Oceanpayment:Account")]
    [InlineData("Oceanpayment:Account", "12345", "Oceanpayment:Account")]
    [InlineData("Oceanpayment:PaymentBaseUrl", "http://secure.oceanpayment.com", "Oceanpayment:PaymentBaseUrl must use https")]
    [InlineData("Oceanpayment:QueryBaseUrl", "not a url", "Oceanpayment:QueryBaseUrl")]
    [InlineData("Oceanpayment:PaymentTimeoutSeconds", "0", "Oceanpayment:PaymentTimeoutSeconds")]
    [InlineData("Oceanpayment:Terminals:0:Terminal", "123", "Oceanpayment:Terminals:0:Terminal")]
    [InlineData("Oceanpayment:Terminals:2:Terminal", "12345602", "Oceanpayment:Terminals:2:Terminal repeats terminal 12345602 of Oceanpayment:Terminals:0")]
    [InlineData("Oceanpayment:Terminals:1:Terminal", "123456012", "no terminal may be a prefix of another")]
    [InlineData("Oceanpayment:Terminals:1:Terminal", "1234560", "Oceanpayment:Terminals:1:Terminal must be an 8-12 digit")]
    [InlineData("Oceanpayment:Terminals:1:Account", "65432", "Oceanpayment:Terminals:1:Account must be a 6-digit")]
    [InlineData("Oceanpayment:Terminals:0:Methods", "card,klarna", "Oceanpayment:Terminals:0:Methods names 'klarna', which is not a payment method")]
    [InlineData("Oceanpayment:Terminals:0:Methods", "Card", "Oceanpayment:Terminals:0:Methods names 'Card'")]
    [InlineData("Oceanpayment:Terminals:0:Methods", "card,card", "Oceanpayment:Terminals:0:Methods names card twice")]
    [InlineData("Oceanpayment:Terminals:0:Currencies", "EUR,XYZ", "Oceanpayment:Terminals:0:Currencies names 'XYZ'")]
    [InlineData("Oceanpayment:Terminals:0:MinAmount", "1,000", "Oceanpayment:Terminals:0:MinAmount is '1,000', which is not an amount")]
    [InlineData("Oceanpayment:Terminals:0:MinAmount", "-5", "Oceanpayment:Terminals:0:MinAmount is '-5', which is not an amount")]
    [InlineData("Oceanpayment:Terminals:0:MinAmount", "100.005", "more decimals than EUR has (2)")]
    [InlineData("Oceanpayment:Terminals:0:MaxAmount", "100", "Oceanpayment:Terminals:0:MaxAmount (100) must be greater than Oceanpayment:Terminals:0:MinAmount (100.00)")]
    [InlineData("Oceanpayment:Terminals:1:Countries", "JPN", "Oceanpayment:Terminals:1:Countries names 'JPN'")]
    [InlineData("Oceanpayment:Terminals:0:SecureCodeSecretName", null, "Oceanpayment:Terminals:0:SecureCodeSecretName is required")]
    [InlineData("Oceanpayment:Terminals:0:SecureCodeSecretName", "bad_name!", "Oceanpayment:Terminals:0:SecureCodeSecretName")]
    [InlineData("Oceanpayment:Terminals:0:SecureCode", "leaked-code", "Oceanpayment:Terminals:0:SecureCode is allowed only in Development")]
    [InlineData("Oceanpayment:Methods:Card:Terminal", "12345601", "Oceanpayment:Methods:Card:Terminal is no longer read: list the method in Oceanpayment:Terminals:N:Methods")]
    [InlineData("Oceanpayment:Methods:WeChatPayWeb:Methods", "WeChatPay_Web", "Oceanpayment:Methods:WeChatPayWeb is not a payment method; use one of card, apple_pay,")]
    [InlineData("Oceanpayment:Methods:klarna:Methods", "Klarna", "Oceanpayment:Methods:klarna is not a payment method")]
    [InlineData("Oceanpayment:Methods:Card:Methods", " ", "Oceanpayment:Methods:Card:Methods cannot be blank")]
    public void Oceanpayment_BadValue_StopsStartWithTheKey(string key, string? value, string expected)
    {
        var values = Production();
        values[key] = value;

        var error = Invalid<OceanpaymentOptions>(values, TestEnvironment.Production);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oceanpayment_NoTerminalServesAnyMethod_StopsStart()
    {
        var values = Production();
        foreach (var i in new[] { 0, 1, 2, 3 })
        {
            values[$"Oceanpayment:Terminals:{i}:Methods"] = string.Empty;
        }

        var error = Invalid<OceanpaymentOptions>(values, TestEnvironment.Production);

        Assert.Contains("No terminal serves any payment method: set Oceanpayment:Terminals:0:Methods", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oceanpayment_EveryTerminalNamesItsAccount_StartsWithoutTheDefaultAccount()
    {
        var values = Production();
        values.Remove("Oceanpayment:Account");
        foreach (var i in new[] { 0, 2, 3 })
        {
            values[$"Oceanpayment:Terminals:{i}:Account"] = "995149";
        }

        using var provider = Build(values, TestEnvironment.Production);

        Assert.Equal(
            [new("995149", "12345602"), new("654321", "65432101"), new("995149", "12345601"), new("995149", "12345603")],
            provider.GetRequiredService<PaymentsSettings>().Routing.Terminals);
        Assert.Null(await provider.GetRequiredService<ISecureCodeSource>().FindAsync(new TerminalKey("995149", "65432101"), false, default));
    }

    [Fact]
    public void Oceanpayment_TerminalWithoutRouting_IsKeptForItsPaymentsButTakesNoNewOne()
    {
        var values = Production();
        values["Oceanpayment:Terminals:3:Methods"] = null;

        using var provider = Build(values, TestEnvironment.Production);
        var routing = provider.GetRequiredService<PaymentsSettings>().Routing;

        Assert.Contains(new TerminalKey("995149", "12345603"), routing.Terminals);
        Assert.False(routing.Offers(PaymentMethod.Fps));
        Assert.Null(routing.Choose(PaymentMethod.Fps, Eur(100), "HK"));
    }

    [Fact]
    public void Oceanpayment_SecureCodeOutsideDevelopment_MessageDoesNotEchoTheSecret()
    {
        var values = Production();
        values["Oceanpayment:Terminals:0:SecureCode"] = "Sup3rS3cret";

        var error = Invalid<OceanpaymentOptions>(values, TestEnvironment.Production);

        Assert.DoesNotContain("Sup3rS3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oceanpayment_DevelopmentTerminalWithoutCodeOrVault_StopsStart()
    {
        var values = Development();
        values.Remove("Oceanpayment:Terminals:1:SecureCode");

        var error = Invalid<OceanpaymentOptions>(values, TestEnvironment.Development);

        Assert.Contains("Oceanpayment:Terminals:1:SecureCode is required in Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oceanpayment_DevelopmentCodeBesideVault_StopsStart()
    {
        var values = Development();
        values["KeyVault:VaultUri"] = "https://kv.vault.azure.net/";
        values["Oceanpayment:Terminals:0:SecureCodeSecretName"] = "card";
        values["Oceanpayment:Terminals:1:SecureCodeSecretName"] = "local";

        var error = Invalid<OceanpaymentOptions>(values, TestEnvironment.Development);

        Assert.Contains("Oceanpayment:Terminals:0:SecureCode is ignored when KeyVault:VaultUri is set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Payments:PublicBaseUrl", null, "Payments:PublicBaseUrl is required")]
    [InlineData("Payments:PublicBaseUrl", "/relative", "Payments:PublicBaseUrl must be an absolute")]
    [InlineData("Payments:PublicBaseUrl", "http://pay.example.com", "Payments:PublicBaseUrl must use https")]
    [InlineData("Payments:AllowedReturnOrigins:0", "https://shop.example.com/path", "Payments:AllowedReturnOrigins:0 must be an origin")]
    [InlineData("Payments:AllowedReturnOrigins:1", "http://shop.example.com", "Payments:AllowedReturnOrigins:1 must use https")]
    [InlineData("Payments:AllowedReturnOrigins:1", "https://shop.example.com?x=1", "Payments:AllowedReturnOrigins:1 must be an absolute")]
    public void Payments_BadValue_StopsStartWithTheKey(string key, string? value, string expected)
    {
        var values = Production();
        values[key] = value;

        var error = Invalid<PaymentsOptions>(values, TestEnvironment.Production);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Payments_NoReturnOrigin_StopsStart()
    {
        var values = Production();
        values.Remove("Payments:AllowedReturnOrigins:0");
        values.Remove("Payments:AllowedReturnOrigins:1");

        var error = Invalid<PaymentsOptions>(values, TestEnvironment.Production);

        Assert.Contains("Payments:AllowedReturnOrigins must list at least one origin", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyVault:VaultUri", null, "KeyVault:VaultUri is required outside Development")]
    [InlineData("KeyVault:VaultUri", "http://kv.vault.azure.net/", "KeyVault:VaultUri must use https")]
    [InlineData("KeyVault:CacheMinutes", "0", "KeyVault:CacheMinutes")]
    [InlineData("KeyVault:ManagedIdentityClientId", "not-a-guid", "KeyVault:ManagedIdentityClientId")]
    public void KeyVault_BadValue_StopsStartWithTheKey(string key, string? value, string expected)
    {
        var values = Production();
        values[key] = value;

        var error = Invalid<KeyVaultOptions>(values, TestEnvironment.Production);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:accountName", null, "AzureWebJobsStorage (a connection string) or AzureWebJobsStorage:accountName")]
    [InlineData("AzureWebJobsStorage:accountName", "Bad_Name", "AzureWebJobsStorage:accountName")]
    [InlineData("Storage:PaymentsTable", "pay-ments", "Storage:PaymentsTable")]
    [InlineData("Storage:ReconcileQueue", "Payment_Reconcile", "Storage:ReconcileQueue")]
    [InlineData("Storage:ReconcileQueue", "a-queue-name-that-is-far-too-long-to-leave-room-for-poison", "Storage:ReconcileQueue")]
    public void Storage_BadValue_StopsStartWithTheKey(string key, string? value, string expected)
    {
        var values = Production();
        values[key] = value;

        var error = Invalid<StorageOptions>(values, TestEnvironment.Production);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_ConnectionString_IsReadFromAzureWebJobsStorage()
    {
        using var provider = Build(Development(), TestEnvironment.Development);

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Equal("payment-reconcile", options.ReconcileQueue);
    }

    [Fact]
    public void Events_LeftoverFeedSettleSetting_IsIgnored()
    {
        // The feed no longer has a settling delay; an old app setting must not stop the app, even a bad one.
        var values = Production();
        values["Events:FeedSettle"] = "00:00:00";

        using var provider = Build(values, TestEnvironment.Production);

        Assert.Equal(TimeSpan.FromDays(30), provider.GetRequiredService<IOptions<EventsOptions>>().Value.FeedStart);
        Assert.IsType<TableEventFeed>(provider.GetRequiredService<IEventFeed>());
    }

    private static Money Eur(long cents) => new(cents, Currency.Parse("EUR"));

    [Fact]
    public void AddPaymentsInfrastructure_BadValue_IsCaughtByStartupValidation()
    {
        var values = Production();
        values["Oceanpayment:Account"] = "abc";
        using var provider = Build(values, TestEnvironment.Production);

        // What the host runs on start when ValidateOnStart() was used.
        var validator = provider.GetRequiredService<IStartupValidator>();

        var error = Assert.Throws<OptionsValidationException>(validator.Validate);
        Assert.Contains("Oceanpayment:Account", error.Message, StringComparison.Ordinal);
    }
}
