using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Signing;

namespace Payments.Benchmarks;

/// <summary>
/// The notice path step by step, measured interleaved in one process so every step sees the same
/// machine: each round runs every step <c>calls</c> times in turn, and the best round of each step
/// is kept. On shared cores this is steadier than BenchmarkDotNet's separate runs per benchmark.
/// </summary>
internal static class NoticeSteps
{
    private static readonly XmlDictionaryReaderQuotas Quotas = new()
    {
        MaxDepth = 4,
        MaxStringContentLength = GatewayXml.DefaultMaxBytes,
        MaxArrayLength = GatewayXml.DefaultMaxBytes,
        MaxBytesPerRead = GatewayXml.DefaultMaxBytes,
        MaxNameTableCharCount = GatewayXml.DefaultMaxBytes,
    };

    public static void Run(string[] args, TextWriter output)
    {
        var rounds = Option(args, "--rounds", 40);
        var calls = Option(args, "--calls", 5000);

        var secureCode = SecureCode.From(NoticeSamples.SecureCode);
        var signedBytes = Encoding.UTF8.GetBytes(NoticeSamples.SignedString + NoticeSamples.SecureCode);
        var notice = NoticeSamples.Notice(Convert.ToHexString(SHA256.HashData(signedBytes)));
        var parsed = GatewayXml.ParseMessage(notice).Value
            ?? throw new InvalidOperationException("The sample notice does not parse.");
        Func<string, string?> valueOf = parsed.ValueOf;
        var reader = XmlDictionaryReader.CreateTextReader(notice, Quotas);
        var sink = 0;

        (string Name, Func<int> Step)[] steps =
        [
            ("Raw SHA-256 of the F3 string (floor)", () => SHA256.HashData(signedBytes)[0]),
            ("Reader alone: walk the notice, no names or values", () => Walk(reader, notice, takeValues: false)),
            ("Reader alone: walk, taking every name and value", () => Walk(reader, notice, takeValues: true)),
            ("GatewayXml.ParseMessage", () => GatewayXml.ParseMessage(notice).Value!.Fields.Count),
            ("SignedFields.FirstOffShape (F3 shapes) on a parsed notice", () => SignedFields.FirstOffShape(SignatureKind.Result, valueOf) is null ? 1 : 0),
            ("Signer.Verify (F3) on a parsed notice", () => Signer.Verify(SignatureKind.Result, valueOf, parsed.SignValue, secureCode) ? 1 : 0),
            ("Parse + verify F3 (the README row)", () => ParseAndVerify(notice, secureCode, shapes: false)),
            ("Parse + shapes + verify F3 (MessageVerifier's CPU work)", () => ParseAndVerify(notice, secureCode, shapes: true)),
        ];

        if (steps.Skip(3).Any(step => step.Step() == 0))
        {
            throw new InvalidOperationException("A step failed on the sample notice: it would measure a failure path.");
        }

        // --only N runs just step N (counted from 1), for a profiler to sample one step.
        var only = Option(args, "--only", 0);
        if (only > 0)
        {
            steps = [steps[0], steps[only - 1]];
        }

        var best = new double[steps.Length];
        var bytes = new double[steps.Length];
        Array.Fill(best, double.MaxValue);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                var step = steps[i].Step;
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var started = ThreadClock.Now();
                for (var call = 0; call < calls; call++)
                {
                    sink += step();
                }

                var elapsed = (ThreadClock.Now() - started).TotalMicroseconds / calls;
                bytes[i] = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls;
                best[i] = Math.Min(best[i], elapsed);
            }
        }

        output.WriteLine($"{rounds} rounds of {calls} calls per step, interleaved, best round kept, {ThreadClock.Kind} (sink {sink % 10})");
        output.WriteLine("| Per notice | Best time | Ratio to hash | Allocated |");
        output.WriteLine("|---|---:|---:|---:|");
        for (var i = 0; i < steps.Length; i++)
        {
            output.WriteLine($"| {steps[i].Name} | {best[i]:0.00} µs | {best[i] / best[0]:0.0} | {bytes[i]:N0} B |");
        }
    }

    private static int ParseAndVerify(byte[] notice, SecureCode secureCode, bool shapes)
    {
        var parsed = GatewayXml.ParseMessage(notice);
        if (!parsed.Succeeded)
        {
            return 0;
        }

        var message = parsed.Value;
        Func<string, string?> valueOf = message.ValueOf;
        if (shapes && SignedFields.FirstOffShape(SignatureKind.Result, valueOf) is not null)
        {
            return 0;
        }

        return Signer.Verify(SignatureKind.Result, valueOf, message.SignValue, secureCode) ? 1 : 0;
    }

    // The cost of the reader itself: what no parser built on it can go below.
    private static int Walk(XmlDictionaryReader reader, byte[] notice, bool takeValues)
    {
        ((IXmlTextReaderInitializer)reader).SetInput(notice, 0, notice.Length, Encoding.UTF8, Quotas, onClose: null);
        var count = 0;
        while (reader.Read())
        {
            if (takeValues && reader.NodeType == XmlNodeType.Element)
            {
                count += reader.LocalName.Length;
            }
            else if (takeValues && reader.NodeType == XmlNodeType.Text)
            {
                count += reader.Value.Length;
            }
            else
            {
                count++;
            }
        }

        return count;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
