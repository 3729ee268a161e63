using System.Numerics;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Tests.Signing;

/// <summary>
/// The signature covers values glued together without separators, so whoever holds one genuinely
/// signed message can move characters across field boundaries and keep <c>signValue</c> valid. These
/// tests take genuine signed messages and enumerate every such re-split of every run of adjacent
/// signed fields: every one must be refused by the verifier.
/// </summary>
public sealed class ResplitTests
{
    private const string Secret = "Ab12Cd34Ef56";
    private const string Account = "995149";
    private const string Terminal = "99514901";

    // Runs with at most this many splits are pushed through the verifier one by one; longer runs are
    // walked depth-first, field by field, and a branch is cut where a part is off its field's shape
    // (the verifier refuses any message with a part off its shape, so nothing refusable is skipped).
    private const int BruteForceLimit = 3_000;

    private static readonly MessageVerifier Verifier = new(new InMemorySecureCodeSource([new(new TerminalKey(Account, Terminal), Secret)]));

    public static TheoryData<string> Results() => ["approve", "decline-with-notes", "3ds-fail", "3ds-pending", "qr-pending", "refused-without-id", "risk-decline"];

    public static TheoryData<string> BusinessNotices() => ["refund-s7", "chargeback-dispute", "refund-failed-digits"];

    [Theory]
    [MemberData(nameof(Results))]
    public async Task Result_EveryResplitOfEveryRunOfAdjacentFields_IsRefused(string name)
    {
        var (values, known) = Result(name);
        var original = Signed(SignatureKind.Result, values);
        Assert.Equal(VerificationOutcome.Verified, await Verifier.VerifyAsync(SignatureKind.Result, original, known, default));

        var checkedCount = await AssertEveryResplitRefusedAsync(SignatureKind.Result, values, known);

        Assert.True(checkedCount > 0);
    }

    [Theory]
    [MemberData(nameof(BusinessNotices))]
    public async Task BusinessNotice_EveryResplitOfEveryRunOfAdjacentFields_IsRefused(string name)
    {
        var (values, known) = BusinessNotice(name);
        var original = Signed(SignatureKind.BusinessNotice, values);
        Assert.Equal(VerificationOutcome.Verified, await Verifier.VerifyAsync(SignatureKind.BusinessNotice, original, known, default));

        var checkedCount = await AssertEveryResplitRefusedAsync(SignatureKind.BusinessNotice, values, known);

        Assert.True(checkedCount > 0);
    }

    [Fact]
    public async Task TheIssuesAttack_IsAmongTheResplitsFoundAndRefused()
    {
        // The 3-D Secure failure a shopper's browser carried, and the re-split that once passed as a success.
        var (values, known) = Result("3ds-fail");
        // payment_id "" + authType "26" + status "1" + details "1202011428010000058" + "2" + "0" + "80091:...".
        var attack = new Dictionary<string, string>(values)
        {
            ["payment_id"] = string.Empty,
            ["payment_authType"] = values["payment_id"][..2],
            ["payment_status"] = values["payment_id"][2..3],
            ["payment_details"] = values["payment_id"][3..] + values["payment_authType"] + values["payment_status"] + values["payment_details"],
        };
        Assert.Equal(("26", "1"), (attack["payment_authType"], attack["payment_status"]));
        Assert.Equal(Concat(SignatureKind.Result, values), Concat(SignatureKind.Result, attack));

        // With every field taken as free text, the walk finds it: the enumeration can see an attack.
        var run = new[] { "payment_id", "payment_authType", "payment_status", "payment_details" };
        var found = Splits(string.Concat(run.Select(f => values[f])), run.Length, (_, _) => true)
            .Any(parts => run.Select((f, i) => parts[i] == attack[f]).All(same => same));
        Assert.True(found);

        var message = GatewayMessage.FromFields(attack.Append(new("signValue", Sign(SignatureKind.Result, values))));
        Assert.Equal(VerificationOutcome.OffShape, await Verifier.VerifyAsync(SignatureKind.Result, message, known, default));
    }

    [Fact]
    public async Task TheSimplerVariant_AuthTypeOfTwoDigits_IsRefused()
    {
        // authType 0 + status 0 + details 10000:... re-split as authType 00 + status 1 + details 0000:...
        var values = ResultValues(card: "411111****1111", paymentId: "231115103045123010521", authType: "0", status: "0", details: "10000:Declined by risk rules");
        var forged = new Dictionary<string, string>(values) { ["payment_authType"] = "00", ["payment_status"] = "1", ["payment_details"] = "0000:Declined by risk rules" };
        Assert.Equal(Concat(SignatureKind.Result, values), Concat(SignatureKind.Result, forged));

        var message = GatewayMessage.FromFields(forged.Append(new("signValue", Sign(SignatureKind.Result, values))));

        Assert.Equal(VerificationOutcome.OffShape, await Verifier.VerifyAsync(SignatureKind.Result, message, new KnownValues(string.Empty, string.Empty), default));
    }

    private static async Task<int> AssertEveryResplitRefusedAsync(SignatureKind kind, Dictionary<string, string> values, KnownValues known)
    {
        var fields = SignedFields.For(kind);
        var signature = Sign(kind, values);
        var examined = 0;
        for (var first = 0; first < fields.Length; first++)
        {
            for (var last = first + 1; last < fields.Length; last++)
            {
                var run = fields[first..(last + 1)];
                var text = string.Concat(run.Select(f => values[f]));
                Func<int, string, bool> accept = Count(text.Length, run.Length) <= BruteForceLimit
                    ? (_, _) => true
                    : (i, part) => SignedFields.HasShape(kind, run[i], part);
                foreach (var parts in Splits(text, run.Length, accept))
                {
                    if (run.Select((f, i) => parts[i] == values[f]).All(same => same))
                    {
                        continue;
                    }

                    var resplit = new Dictionary<string, string>(values);
                    for (var i = 0; i < run.Length; i++)
                    {
                        resplit[run[i]] = parts[i];
                    }

                    Assert.Equal(Concat(kind, values), Concat(kind, resplit));
                    var message = GatewayMessage.FromFields(resplit.Append(new("signValue", signature)));
                    var outcome = await Verifier.VerifyAsync(kind, message, known, default);
                    Assert.True(
                        outcome != VerificationOutcome.Verified,
                        $"A re-split of {string.Join('+', run)} verified: {string.Join(" | ", run.Select((f, i) => $"{f}='{parts[i]}'"))}");
                    examined++;
                }
            }
        }

        return examined;
    }

    /// <summary>Every way to cut <paramref name="text"/> into <paramref name="count"/> parts (empty parts
    /// allowed) whose part i passes <paramref name="accept"/>.</summary>
    private static IEnumerable<string[]> Splits(string text, int count, Func<int, string, bool> accept)
    {
        var parts = new string[count];
        return Walk(0, 0);

        IEnumerable<string[]> Walk(int index, int start)
        {
            if (index == count - 1)
            {
                var rest = text[start..];
                if (accept(index, rest))
                {
                    parts[index] = rest;
                    yield return (string[])parts.Clone();
                }

                yield break;
            }

            for (var end = start; end <= text.Length; end++)
            {
                var part = text[start..end];
                if (!accept(index, part))
                {
                    continue;
                }

                parts[index] = part;
                foreach (var split in Walk(index + 1, end))
                {
                    yield return split;
                }
            }
        }
    }

    // Compositions of n characters into k possibly empty parts: C(n + k - 1, k - 1).
    private static BigInteger Count(int length, int parts)
    {
        BigInteger result = 1;
        for (var i = 1; i < parts; i++)
        {
            result = result * (length + i) / i;
        }

        return result;
    }

    private static (Dictionary<string, string> Values, KnownValues Known) Result(string name) => name switch
    {
        "approve" => (ResultValues("411111****1111", "231115103045123010521", "0", "1", "80000:Transaction Approved"), new KnownValues(string.Empty, string.Empty)),
        "decline-with-notes" => (ResultValues("520000****0008", "231115104500987010533", "0", "0", "80022:Not Sufficient Funds", notes: "note 1", currency: "EUR", amount: "10.50"), new KnownValues("note 1", string.Empty)),
        "3ds-fail" => (ResultValues("400000****3220", "261202011428010000058", "2", "0", "80091:Cardholder failed 3D Secure authentication"), new KnownValues(string.Empty, "261202011428010000058")),
        "3ds-pending" => (ResultValues("411111****1111", "231115103045123010521", "2", "-1", string.Empty), new KnownValues(string.Empty, string.Empty)),
        "qr-pending" => (ResultValues(string.Empty, "231115103045123010522", "0", "-1", "80700:Transaction was not finished", orderNumber: "PF20261202ABCD1234", amount: "615.00", currency: "JPY"), new KnownValues(string.Empty, string.Empty)),
        "refused-without-id" => (ResultValues(string.Empty, string.Empty, "0", "0", "20013:Incorrect sign value", orderNumber: "1234567"), new KnownValues(string.Empty, string.Empty)),
        "risk-decline" => (ResultValues("411111****1111", "231115103045123010521", "0", "0", "10000:Declined 1 by risk rules 2", notes: "Order 12 for 3 items: 4111"), new KnownValues("Order 12 for 3 items: 4111", "231115103045123010521")),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Dictionary<string, string> ResultValues(
        string card, string paymentId, string authType, string status, string details,
        string notes = "", string orderNumber = "NO12345678", string currency = "USD", string amount = "0.01") => new(StringComparer.Ordinal)
        {
            ["notice_type"] = "transaction",
            ["account"] = Account,
            ["terminal"] = Terminal,
            ["order_number"] = orderNumber,
            ["order_currency"] = currency,
            ["order_amount"] = amount,
            ["order_notes"] = notes,
            ["card_number"] = card,
            ["payment_id"] = paymentId,
            ["payment_authType"] = authType,
            ["payment_status"] = status,
            ["payment_details"] = details,
            ["payment_risk"] = string.Empty,
        };

    private static (Dictionary<string, string> Values, KnownValues Known) BusinessNotice(string name)
    {
        var (type, order, paymentId, pushId, status, details) = name switch
        {
            "refund-s7" => ("refund", "NO12345678", "231115103045123010521", "231120090000111010511", "1", "Refund successful"),
            "chargeback-dispute" => ("chargeBack", "7788", "231115103045123010521", "231121090000222010512", "2", "Dispute opened"),
            "refund-failed-digits" => ("partialRefund", "ORD-2024_17", "231115103045123010521", "231122090000333010513", "0", "0:balance 12"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notice_type"] = type,
            ["account"] = Account,
            ["terminal"] = Terminal,
            ["order_number"] = order,
            ["payment_id"] = paymentId,
            ["push_id"] = pushId,
            ["push_status"] = status,
            ["push_details"] = details,
        };
        return (values, new KnownValues(string.Empty, paymentId));
    }

    private static string Concat(SignatureKind kind, Dictionary<string, string> values) => Signer.SignedString(kind, values.GetValueOrDefault);

    private static string Sign(SignatureKind kind, Dictionary<string, string> values)
        => Signer.Sign(kind, values.GetValueOrDefault, SecureCode.From(Secret)).ToUpperInvariant();

    private static GatewayMessage Signed(SignatureKind kind, Dictionary<string, string> values)
        => GatewayMessage.FromFields(values.Append(new("signValue", Sign(kind, values))));
}
