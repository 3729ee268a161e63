using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Payments.Functions.Tests;

/// <summary>
/// The app's services built through the one composition root with a development configuration (three
/// sandbox terminals, secure codes inline), for tests that check options and their start-up validation.
/// </summary>
internal static class CompositionRoot
{
    public static ServiceProvider Build(string environment, params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Oceanpayment:Account"] = "995149",
            ["Oceanpayment:PaymentTimeoutSeconds"] = "30",
            ["Oceanpayment:QueryTimeoutSeconds"] = "15",
            ["Oceanpayment:Terminals:0:Terminal"] = "99514901",
            ["Oceanpayment:Terminals:0:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:0:Methods"] = "card,apple_pay,google_pay",
            ["Oceanpayment:Terminals:1:Terminal"] = "99514902",
            ["Oceanpayment:Terminals:1:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:2:Terminal"] = "99514903",
            ["Oceanpayment:Terminals:2:SecureCode"] = "12345678",
            ["Oceanpayment:Terminals:2:Methods"] = "wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app,fps",
            ["Payments:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Payments:AllowedReturnOrigins:0"] = "http://127.0.0.1:7073",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentsApp(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new HostingEnvironment { EnvironmentName = environment });
        return services.BuildServiceProvider();
    }
}
