using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Payments.Core.Amounts;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Benchmarks;

/// <summary>
/// The signing hot paths: building and F1-signing a payment request, and parsing plus F3-verifying
/// a notice, against the floor of one SHA-256 over the same signed string.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SigningBenchmarks
{
    private readonly SecureCode _secureCode = SecureCode.From(NoticeSamples.SecureCode);
    private readonly Dictionary<string, string> _paymentFields = new(StringComparer.Ordinal)
    {
        ["account"] = "995149",
        ["terminal"] = "99514901",
        ["order_number"] = "NO20251219-000123",
        ["order_currency"] = "USD",
        ["order_amount"] = "128.50",
        ["billing_firstName"] = "Anna",
        ["billing_lastName"] = "Kowalska",
        ["billing_email"] = "anna.kowalska@example.com",
    };

    private GatewayPaymentRequest _request = null!;
    private byte[] _notice = [];
    private byte[] _signedBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _request = new GatewayPaymentRequest
        {
            Account = "995149",
            Route = new MethodRoute(PaymentMethod.Card, "Credit Card", "99514901", GatewayEndpoint.DirectPay),
            OrderNumber = "NO20251219-000123",
            Amount = new Money(12850, Currency.Parse("USD")),
            BackUrl = "https://shop.example/payments/return",
            NoticeUrl = "https://shop.example/api/oceanpayment/notice",
            OrderNotes = "Gift wrap, leave at door",
            Billing = new BillingDetails
            {
                FirstName = "Anna",
                LastName = "Kowalska",
                Email = "anna.kowalska@example.com",
                Phone = "+48 600 000 000",
                Country = "PL",
                State = "Mazowieckie",
                City = "Warszawa",
                Address = "ul. Przykladowa 1",
                Zip = "00-001",
                Ip = "203.0.113.42",
            },
            Products = [new ProductLine("Red Dress", "#001", 1, "128.50")],
            Instrument = new CardInstrument("4111111111111111", "12", "2030", "123"),
        };

        _signedBytes = Encoding.UTF8.GetBytes(NoticeSamples.SignedString + NoticeSamples.SecureCode);
        var signature = Convert.ToHexString(SHA256.HashData(_signedBytes));
        _notice = NoticeSamples.Notice(signature);
        if (!ParseAndVerifyNotice())
        {
            throw new InvalidOperationException("The sample notice does not verify: the benchmark would measure a failure path.");
        }
    }

    [Benchmark(Baseline = true, Description = "Raw SHA-256 of the F3 string (floor)")]
    public byte[] RawSha256() => SHA256.HashData(_signedBytes);

    [Benchmark(Description = "Sign F1 (Signer.Sign)")]
    public string SignPaymentF1() => Signer.Sign(SignatureKind.Payment, _paymentFields.GetValueOrDefault, _secureCode);

    [Benchmark(Description = "Build + sign payment request (GatewayRequests.Payment)")]
    public GatewayForm BuildAndSignPaymentRequest() => GatewayRequests.Payment(_request, _secureCode);

    [Benchmark(Description = "Parse notice XML + verify F3")]
    public bool ParseAndVerifyNotice()
    {
        var parsed = GatewayXml.ParseMessage(_notice);
        if (!parsed.Succeeded)
        {
            return false;
        }

        var message = parsed.Value;
        return Signer.Verify(SignatureKind.Result, name => message[name], message.SignValue, _secureCode);
    }

    [Benchmark(Description = "Parse notice XML only")]
    public GatewayMessage? ParseNotice() => GatewayXml.ParseMessage(_notice).Value;
}
