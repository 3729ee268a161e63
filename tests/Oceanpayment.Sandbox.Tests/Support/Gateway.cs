using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Oceanpayment.Sandbox.Tests.Support;

/// <summary>Test-side merchant: builds signed requests and checks signed answers with its own field lists.</summary>
internal static class Gateway
{
    public const string Account = "995149";
    public const string CardTerminal = "99514901";
    public const string ThreeDsTerminal = "99514902";
    public const string LocalTerminal = "99514903";
    public const string SecureCode = "12345678";
    public const string DirectPay = "/gateway/direct/pay";
    public const string LocalPay = "/gateway/directservice/pay";

    private static readonly string[] F1 = ["account", "terminal", "order_number", "order_currency", "order_amount", "billing_firstName", "billing_lastName", "billing_email"];
    private static readonly string[] F3 = ["account", "terminal", "order_number", "order_currency", "order_amount", "order_notes", "card_number", "payment_id", "payment_authType", "payment_status", "payment_details", "payment_risk"];

    private static int _orderCounter;

    public static string NewOrderNumber() => $"T{DateTime.UtcNow:HHmmssfff}-{Interlocked.Increment(ref _orderCounter)}";

    public static Dictionary<string, string> Base(string orderNumber, string terminal, string methods) => new()
    {
        ["account"] = Account,
        ["terminal"] = terminal,
        ["backUrl"] = "https://shop.example/back",
        ["order_number"] = orderNumber,
        ["order_currency"] = "USD",
        ["order_amount"] = "0.01",
        ["methods"] = methods,
        ["order_notes"] = "",
        ["billing_firstName"] = "test",
        ["billing_lastName"] = "test",
        ["billing_email"] = "test@gmail.com",
        ["billing_phone"] = "13800138000",
        ["billing_country"] = "US",
        ["billing_state"] = "AL",
        ["billing_city"] = "Washington D.C.",
        ["billing_address"] = "705A big Road",
        ["billing_zip"] = "529012",
        ["billing_ip"] = "127.0.0.1",
    };

    public static Dictionary<string, string> Card(string orderNumber, string cardNumber = "4111111111111111", string terminal = CardTerminal)
    {
        var form = Base(orderNumber, terminal, "Credit Card");
        form["card_number"] = cardNumber;
        form["card_month"] = "12";
        form["card_year"] = (DateTime.UtcNow.Year + 2).ToString(CultureInfo.InvariantCulture);
        form["card_secureCode"] = "123";
        return form;
    }

    public static Dictionary<string, string> Wallet(string orderNumber, string methods = "ApplePay")
    {
        var form = Base(orderNumber, CardTerminal, methods);
        form["pay_accountNumber"] = """{"paymentData":{"data":"abc","version":"EC_v1"},"transactionIdentifier":"8d31"}""";
        return form;
    }

    public static Dictionary<string, string> Local(string orderNumber, string methods) => Base(orderNumber, LocalTerminal, methods);

    /// <summary>Adds signValue computed over F1 (lowercase hex, as merchants often send).</summary>
    public static Dictionary<string, string> Signed(this Dictionary<string, string> form, string secureCode = SecureCode, bool backUrlInF1 = false)
    {
        string[] order = backUrlInF1 ? [F1[0], F1[1], "backUrl", .. F1[2..]] : F1;
        form["signValue"] = Sha256(string.Concat(order.Select(name => form.GetValueOrDefault(name, ""))) + secureCode).ToLowerInvariant();
        return form;
    }

    public static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string F3String(Func<string, string> value, string secureCode = SecureCode) =>
        string.Concat(F3.Select(value)) + secureCode;

    public static bool F3Verifies(XElement root, string secureCode = SecureCode) =>
        root.Value("signValue") == Sha256(F3String(name => root.Value(name), secureCode));

    public static bool F3Verifies(IReadOnlyDictionary<string, string> fields, string secureCode = SecureCode) =>
        fields["signValue"] == Sha256(F3String(name => fields[name], secureCode));

    public static string Value(this XElement root, string name) => root.Element(name)?.Value ?? "";

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> form) =>
        await client.PostAsync(path, new FormUrlEncodedContent(form));

    public static async Task<XElement> PayAsync(this HttpClient client, string path, Dictionary<string, string> form)
    {
        using var response = await client.PostFormAsync(path, form);
        Assert.Equal(200, (int)response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    public static async Task<XElement> QueryAsync(this HttpClient client, string orderNumbers, string terminal = CardTerminal, string secureCode = SecureCode)
    {
        var form = new Dictionary<string, string>
        {
            ["account"] = Account,
            ["terminal"] = terminal,
            ["order_number"] = orderNumbers,
            ["signValue"] = Sha256(Account + terminal + orderNumbers + secureCode),
        };
        using var response = await client.PostFormAsync("/service/check/normal", form);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    public static async Task SetScenarioAsync(this HttpClient client, string orderNumber, string scenario)
    {
        using var response = await client.PutAsJsonAsync($"/sandbox/orders/{orderNumber}/scenario", new { scenario });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<JsonElement> TransactionAsync(this HttpClient client, string orderNumber) =>
        (await client.GetJsonAsync($"/sandbox/transactions?order_number={orderNumber}")).EnumerateArray().Last();

    public static async Task<JsonElement> NoticesAsync(this HttpClient client, string orderNumber) =>
        await client.GetJsonAsync($"/sandbox/notices?order_number={orderNumber}");

    public static async Task<HttpResponseMessage> CompleteAsync(this HttpClient client, string paymentId, string outcome) =>
        await client.PostAsJsonAsync($"/sandbox/payments/{paymentId}/complete", new { outcome });

    /// <summary>Clicks Approve (<c>success</c>) or Fail (<c>fail</c>) on the challenge behind pay_url; returns the backUrl page.</summary>
    public static async Task<string> DecideChallengeAsync(this HttpClient client, XElement answer, string outcome)
    {
        var payUrl = new Uri(answer.Value("pay_url"));
        var payId = System.Web.HttpUtility.ParseQueryString(payUrl.Query)["pay_id"]!;
        using var response = await client.PostFormAsync(payUrl.AbsolutePath, new Dictionary<string, string> { ["pay_id"] = payId, ["outcome"] = outcome });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public static XElement ParseNotice(ReceivedNotice notice) => XDocument.Parse(notice.Body).Root!;
}
