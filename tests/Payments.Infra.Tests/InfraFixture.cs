namespace Payments.Infra.Tests;

/// <summary>
/// Compiles the committed infra-bicep/ once per test run: with the sample azd environment, and once more with
/// every optional parameter switched on.
/// </summary>
public sealed class InfraFixture
{
    public const string OperatorPrincipalId = "5f0c3a52-7d0e-4b8e-9a43-2e6f1b9c7d11";
    public const string OperatorAuthClientId = "0c7b1e7a-3d4f-4a55-9b0e-6f1d2c3b4a59";
    public const string OperatorGroupId = "9a1e2f3b-4c5d-4e6f-8a7b-1c2d3e4f5a6b";
    public const string AlertEmail = "payments-ops@example.com";

    /// <summary>The azd variables behind <see cref="WithEveryOption"/>, on top of the sample environment.</summary>
    public static IReadOnlyDictionary<string, string> EveryOption { get; } = new Dictionary<string, string>
    {
        ["OCEANPAYMENT_PAYMENT_BASE_URL"] = "https://test-secure.oceanpayment.com",
        ["OCEANPAYMENT_TERMINALS"] = """
            [{"terminal":"99514901","secretName":"oceanpayment-995149-99514901","methods":"card","currencies":"EUR,GBP","minAmount":"100.00","maxAmount":"5000.00","countries":"DE,FR"},
             {"terminal":"99514902","secretName":"oceanpayment-995149-99514902","methods":"card,apple_pay,google_pay","currencies":"","countries":" "},
             {"terminal":"31058801","secretName":"oceanpayment-310588-31058801","account":"310588","methods":""}]
            """,
        ["OCEANPAYMENT_METHOD_STRINGS"] = """{"alipay_app":"Alipay_APP","fps":""}""",
        ["PAYMENTS_ALLOWED_RETURN_ORIGINS"] = """["https://shop.example.com","https://m.shop.example.com"]""",
        ["PAYMENTS_CORS_ALLOWED_ORIGINS"] = """["https://checkout.example.com"]""",
        ["OCEANPAYMENT_NOTICE_IPS_ONLY"] = "true",
        ["ENABLE_STATIC_OUTBOUND_IP"] = "true",
        ["AZURE_PRINCIPAL_ID"] = OperatorPrincipalId,
        ["OPERATORS_ENTRA_CLIENT_ID"] = OperatorAuthClientId,
        ["OPERATORS_GROUP_IDS"] = $"[\"{OperatorGroupId}\"]",
        ["OPERATORS_ROLE"] = "Shop.PaymentsOperator",
        ["ALERT_EMAIL"] = AlertEmail,
        ["WEBHOOK_ENDPOINTS"] = """
            [{"url":"https://shop.example.com/hooks","events":"*","secretName":"webhook-shop"},
             {"url":"https://erp.example.com/in?src=pay","events":"refund.succeeded,refund.failed","secretName":"webhook-erp","secondSecretName":"webhook-erp-next"}]
            """,
    };

    private readonly Lazy<CompiledInfra> _committed = new(() => InfraCompiler.Compile(RepositoryPaths.InfraDirectory));
    private readonly Lazy<CompiledInfra> _withEveryOption = new(() => InfraCompiler.Compile(RepositoryPaths.InfraDirectory, EveryOption));

    public CompiledInfra Committed => _committed.Value;

    public CompiledInfra WithEveryOption => _withEveryOption.Value;
}
