using System.Text;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Signing;

namespace Oceanpayment.Cli;

/// <summary>
/// The <c>opay</c> command: signs and verifies Oceanpayment messages with the product's own
/// <see cref="Signer"/> and <see cref="SignedFields"/>, so what it prints is what the product sends
/// and accepts. The secure code is read only from <see cref="SecureCodeVariable"/> and never printed.
/// </summary>
public static class Opay
{
    public const string SecureCodeVariable = "OCEANPAYMENT_SECURE_CODE";

    public const string IncludeBackUrlOption = "--include-backurl";

    /// <summary>Largest message <c>verify</c> reads, the same cap the product applies.</summary>
    public const int MaxInputChars = GatewayXml.DefaultMaxBytes;

    // Signed billing fields the product cleans before sending and signing (protocol §3.1).
    private static readonly string[] CleanedPaymentFields = ["billing_firstName", "billing_lastName", "billing_email"];

    public static string Usage { get; } =
        $"""
        opay: sign and verify Oceanpayment signatures with the product's own signer.

        Usage:
          opay sign <kind> [{IncludeBackUrlOption}] name=value ...
          opay verify <kind> [{IncludeBackUrlOption}] < message
          opay help

        Kinds: {CliKind.Names}
        The secure code is read from the environment variable {SecureCodeVariable} only.
        sign:   every field of the kind is required (an empty value is written name=); the signature
                is printed alone on the last line. payment cleans billing_firstName, billing_lastName
                and billing_email as the product does before sending.
        verify: reads an XML notice or answer, or a form-urlencoded body, on standard input.
                {IncludeBackUrlOption} (payment only) puts backUrl after terminal in the signed string.
        Exit codes: 0 signed / signature valid, 1 signature invalid, 2 usage or input error.

        """;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            stderr.Write(Usage);
            return ExitCodes.UsageOrInput;
        }

        return args[0] switch
        {
            "help" or "--help" or "-h" => Help(stdout),
            "sign" => Sign(args.AsSpan(1), stdout, stderr, getEnv),
            "verify" => Verify(args.AsSpan(1), stdin, stdout, stderr, getEnv),
            _ => Fail(stderr, $"unknown command '{args[0]}'; expected sign, verify or help."),
        };
    }

    private static int Help(TextWriter stdout)
    {
        stdout.Write(Usage);
        return ExitCodes.Ok;
    }

    private static int Sign(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?> getEnv)
    {
        if (!TryParseCommon(args, stderr, out var kind, out var includeBackUrl, out var rest))
        {
            return ExitCodes.UsageOrInput;
        }

        var expected = SignedFields.For(kind.Kind, includeBackUrl);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in rest)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return Fail(stderr, $"'{Printable(arg)}' is not a field: write name=value (name= for an empty value).");
            }

            var name = arg[..equals];
            if (!expected.Contains(name))
            {
                return Fail(stderr, UnknownFieldMessage(kind, includeBackUrl, name));
            }

            if (!values.TryAdd(name, arg[(equals + 1)..]))
            {
                return Fail(stderr, $"the field '{name}' is given more than once.");
            }
        }

        var missing = expected.Where(name => !values.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            return Fail(stderr, $"missing field(s) for {kind.Name}: {string.Join(", ", missing)}. Every field is required; write name= for an empty value.");
        }

        if (!TryReadSecureCode(getEnv, stderr, out var secureCode))
        {
            return ExitCodes.UsageOrInput;
        }

        var notes = new List<string>();
        if (kind.Kind == SignatureKind.Payment)
        {
            foreach (var name in CleanedPaymentFields)
            {
                var cleaned = FieldCleaner.Clean(values[name]);
                if (cleaned != values[name])
                {
                    notes.Add($"cleaned: {name} [{Printable(values[name])}] -> [{Printable(cleaned)}] (protocol §3.1: this is what is sent and signed)");
                    values[name] = cleaned;
                }
            }
        }

        string? ValueOf(string name) => values.GetValueOrDefault(name);
        WriteKind(stdout, kind, includeBackUrl);
        foreach (var note in notes)
        {
            stdout.WriteLine(note);
        }

        WriteSignedString(stdout, kind, includeBackUrl, ValueOf);
        stdout.WriteLine(Signer.Sign(kind.Kind, ValueOf, secureCode, includeBackUrl));
        return ExitCodes.Ok;
    }

    private static int Verify(ReadOnlySpan<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, Func<string, string?> getEnv)
    {
        if (!TryParseCommon(args, stderr, out var kind, out var includeBackUrl, out var rest))
        {
            return ExitCodes.UsageOrInput;
        }

        if (rest.Count > 0)
        {
            return Fail(stderr, $"verify reads the message on standard input; unexpected argument '{Printable(rest[0])}'.");
        }

        if (!TryReadSecureCode(getEnv, stderr, out var secureCode))
        {
            return ExitCodes.UsageOrInput;
        }

        if (!TryReadMessage(stdin, stderr, out var message, out var format))
        {
            return ExitCodes.UsageOrInput;
        }

        if (!message.Contains("signValue"))
        {
            return Fail(stderr, $"the {format} message has no signValue field: there is nothing to verify.");
        }

        string? ValueOf(string name) => message[name];
        WriteKind(stdout, kind, includeBackUrl);
        stdout.WriteLine($"input: {format}");
        stdout.WriteLine("fields (as received; absent fields count as empty):");
        foreach (var name in SignedFields.For(kind.Kind, includeBackUrl))
        {
            var shown = message.Contains(name) ? $"[{Printable(message[name])}]" : "(absent)";
            stdout.WriteLine($"  {name,-20} {shown}");
        }

        WriteSignedString(stdout, kind, includeBackUrl, ValueOf);
        var signature = message.SignValue;
        if (Signer.Verify(kind.Kind, ValueOf, signature, secureCode, includeBackUrl))
        {
            if (SignedFields.IsReceived(kind.Kind) && SignedFields.FirstOffShape(kind.Kind, ValueOf) is { } offShape)
            {
                // The product refuses such a message whatever its signature: characters may have moved between fields.
                stdout.WriteLine($"OFF SHAPE: the signature matches, but {offShape} does not have the shape the product requires (FieldShapes); the product refuses this message.");
                return ExitCodes.InvalidSignature;
            }

            stdout.WriteLine($"valid: signValue matches the {kind.Name} ({kind.FormulaId}) signature of this string.");
            return ExitCodes.Ok;
        }

        stdout.WriteLine($"INVALID: signValue [{Printable(signature)}] does not match the {kind.Name} ({kind.FormulaId}) signature of the string above.");
        foreach (var hint in Hints(kind, includeBackUrl, message, secureCode))
        {
            stdout.WriteLine($"hint: {hint}");
        }

        return ExitCodes.InvalidSignature;
    }

    // Diagnoses the usual causes of 20013: wrong kind, the backUrl switch, a malformed signature.
    private static IEnumerable<string> Hints(CliKind kind, bool includeBackUrl, GatewayMessage message, SecureCode secureCode)
    {
        var signature = message.SignValue;
        if (signature.Length != Signer.HexLength || !signature.All(char.IsAsciiHexDigit))
        {
            yield return $"signValue must be {Signer.HexLength} hexadecimal characters; it has {signature.Length} characters.";
            yield break;
        }

        string? ValueOf(string name) => message[name];
        foreach (var other in CliKind.All)
        {
            foreach (var backUrl in other.Kind == SignatureKind.Payment ? new[] { false, true } : [false])
            {
                if ((other.Kind, backUrl) != (kind.Kind, includeBackUrl) && Signer.Verify(other.Kind, ValueOf, signature, secureCode, backUrl))
                {
                    var option = backUrl ? $" {IncludeBackUrlOption}" : string.Empty;
                    yield return $"the signature matches '{other.Name}{option}' ({other.FormulaId}) with this secure code: the message was signed with another field list.";
                    yield break;
                }
            }
        }

        var noticeType = message["notice_type"];
        if (kind.Kind == SignatureKind.Result && noticeType.Length > 0 && noticeType != "transaction")
        {
            yield return $"notice_type is [{Printable(noticeType)}]: business notices are signed as 'business-notice' (F4).";
        }

        yield return "check that the secure code belongs to this account and terminal, and that no signed value was changed after signing (the gateway signs order_amount with two decimals).";
    }

    private static bool TryParseCommon(ReadOnlySpan<string> args, TextWriter stderr, out CliKind kind, out bool includeBackUrl, out List<string> rest)
    {
        kind = null!;
        includeBackUrl = false;
        rest = [];
        string? kindName = null;
        foreach (var arg in args)
        {
            if (arg == IncludeBackUrlOption)
            {
                includeBackUrl = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                Fail(stderr, $"unknown option '{Printable(arg)}'; the only option is {IncludeBackUrlOption}.");
                return false;
            }
            else if (kindName is null)
            {
                kindName = arg;
            }
            else
            {
                rest.Add(arg);
            }
        }

        if (kindName is null)
        {
            Fail(stderr, $"missing kind; expected one of: {CliKind.Names}.");
            return false;
        }

        var found = CliKind.Find(kindName);
        if (found is null)
        {
            Fail(stderr, $"unknown kind '{Printable(kindName)}'; expected one of: {CliKind.Names}.");
            return false;
        }

        if (includeBackUrl && found.Kind != SignatureKind.Payment)
        {
            Fail(stderr, $"{IncludeBackUrlOption} applies to payment only.");
            return false;
        }

        kind = found;
        return true;
    }

    private static bool TryReadSecureCode(Func<string, string?> getEnv, TextWriter stderr, out SecureCode secureCode)
    {
        secureCode = null!;
        var value = getEnv(SecureCodeVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(stderr, $"the environment variable {SecureCodeVariable} is not set or empty; set it to the terminal's secure code (it is never taken from arguments).");
            return false;
        }

        if (value.Trim().Length != value.Length)
        {
            // A secret pasted with a trailing newline is a classic cause of 20013.
            stderr.WriteLine($"warning: {SecureCodeVariable} starts or ends with whitespace; it is used as is.");
        }

        secureCode = SecureCode.From(value);
        return true;
    }

    private static bool TryReadMessage(TextReader stdin, TextWriter stderr, out GatewayMessage message, out string format)
    {
        message = null!;
        format = string.Empty;
        var buffer = new char[MaxInputChars + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stdin.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > MaxInputChars)
        {
            Fail(stderr, $"the message on standard input is larger than {MaxInputChars} characters.");
            return false;
        }

        var text = new string(buffer, 0, length).Trim().TrimStart('\uFEFF');
        if (text.Length == 0)
        {
            Fail(stderr, "standard input is empty: pipe the XML notice or answer, or the form-urlencoded body, into opay verify.");
            return false;
        }

        GatewayParseResult<GatewayMessage> parsed;
        if (text[0] == '<')
        {
            format = "XML";
            parsed = GatewayXml.ParseMessage(Encoding.UTF8.GetBytes(text));
        }
        else if (text.Contains('='))
        {
            format = "form-urlencoded";
            parsed = GatewayForm.Parse(text);
        }
        else
        {
            Fail(stderr, "standard input is neither XML (starting with '<') nor a form-urlencoded body (name=value&...).");
            return false;
        }

        if (!parsed.Succeeded)
        {
            Fail(stderr, $"cannot parse the {format} message: {parsed.Error}");
            return false;
        }

        message = parsed.Value;
        return true;
    }

    private static void WriteKind(TextWriter stdout, CliKind kind, bool includeBackUrl)
        => stdout.WriteLine($"kind: {kind.Name} ({kind.FormulaId}): {string.Join(" + ", SignedFields.For(kind.Kind, includeBackUrl))} + secureCode");

    private static void WriteSignedString(TextWriter stdout, CliKind kind, bool includeBackUrl, Func<string, string?> valueOf)
    {
        var signed = Signer.SignedString(kind.Kind, valueOf, includeBackUrl);
        stdout.WriteLine($"string: {Printable(Signer.DescribeSignedString(kind.Kind, valueOf, includeBackUrl))}");
        stdout.WriteLine($"        ({Encoding.UTF8.GetByteCount(signed)} UTF-8 bytes before the secure code)");
    }

    private static string UnknownFieldMessage(CliKind kind, bool includeBackUrl, string name)
    {
        var expected = SignedFields.For(kind.Kind, includeBackUrl);
        var message = $"unknown field '{Printable(name)}' for {kind.Name} ({kind.FormulaId}); its fields are: {string.Join(", ", expected)}.";
        var sameLetters = expected.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null)
        {
            return message + $" Field names are case-sensitive: did you mean '{sameLetters}'?";
        }

        return kind.Kind == SignatureKind.Payment && name == "backUrl"
            ? message + $" To sign backUrl after terminal, add {IncludeBackUrlOption}."
            : message;
    }

    // Control characters would break a line or hide in a terminal: show them as escapes.
    private static string Printable(string value)
    {
        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"opay: error: {message}");
        return ExitCodes.UsageOrInput;
    }
}
