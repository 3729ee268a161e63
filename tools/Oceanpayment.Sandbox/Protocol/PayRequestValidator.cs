using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Protocol;

/// <summary>Checks a payment request the way the gateway does: terminal, then F1, then fields (§5).</summary>
internal static partial class PayRequestValidator
{
    public const string CardMethod = "Credit Card";

    private static readonly Dictionary<string, MethodKind> DirectMethods = new(StringComparer.Ordinal)
    {
        [CardMethod] = MethodKind.Card,
        ["ApplePay"] = MethodKind.Wallet,
        ["GooglePay"] = MethodKind.Wallet,
    };

    private static readonly Dictionary<string, MethodKind> LocalMethods = new(StringComparer.Ordinal)
    {
        ["WeChatPay_Web"] = MethodKind.LocalQr,
        ["Alipay_Web"] = MethodKind.LocalQr,
        ["FPS"] = MethodKind.LocalQr,
        ["WeChatPay_MPro"] = MethodKind.LocalSdk,
        ["WeChatPay_APP"] = MethodKind.LocalSdk,
        ["Alipay_MPro"] = MethodKind.LocalSdk,
        ["Alipay_APP"] = MethodKind.LocalSdk,
    };

    public static PayValidation Validate(IFormCollection form, bool localEndpoint, SandboxOptions options, DateTimeOffset now)
    {
        string Field(string name) => form[name].ToString();

        var account = Field("account");
        var terminalNumber = Field("terminal");
        var digits = Field("card_number");
        var echo = new PaymentResult
        {
            Account = account,
            Terminal = terminalNumber,
            Methods = Field("methods"),
            OrderNumber = Field("order_number"),
            OrderCurrency = Field("order_currency"),
            OrderAmount = TryFormatAmount(Field("order_amount")) ?? Field("order_amount"),
            OrderNotes = Field("order_notes"),
            CardNumber = CardDigits().IsMatch(digits) ? MagicCards.Mask(digits) : "",
            Status = "0",
            Details = "",
            Time = now,
        };

        // No secure code exists for an unknown terminal, so these two failures go out unsigned.
        if (!AccountFormat().IsMatch(account) || !options.Terminals.Any(t => t.Account == account))
        {
            return new PayValidation(null, echo with { Details = ResultCodes.InvalidAccount }, null);
        }

        var terminal = options.Terminals.FirstOrDefault(t => t.Account == account && t.Terminal == terminalNumber);
        if (!TerminalFormat().IsMatch(terminalNumber) || terminal is null)
        {
            return new PayValidation(null, echo with { Details = ResultCodes.InvalidTerminal }, null);
        }

        PayValidation Fail(string details) => new(null, echo with { Details = details }, terminal.SecureCode);

        var order = options.IncludeBackUrlInF1 ? FieldOrder.F1WithBackUrl : FieldOrder.F1;
        if (!SandboxSigner.Verify(FieldOrder.ValuesOf(order, name => form[name]), terminal.SecureCode, Field("signValue")))
        {
            return Fail(ResultCodes.IncorrectSign);
        }

        var methods = Field("methods");
        var known = localEndpoint ? LocalMethods : DirectMethods;
        if (!known.TryGetValue(methods, out var kind) || !TerminalTakes(terminal.Kind, kind))
        {
            return Fail(ResultCodes.InvalidMethods);
        }

        var failure = CheckCommonFields(Field, localEndpoint) ?? (kind switch
        {
            MethodKind.Card => CheckCard(Field, now),
            MethodKind.Wallet => CheckWallet(Field("pay_accountNumber")),
            _ => null,
        });
        if (failure is not null)
        {
            return Fail(failure);
        }

        var cardOutcome = kind == MethodKind.Card && digits.Length > 0 ? MagicCards.OutcomeFor(digits) : PaymentOutcome.Approve;
        return new PayValidation(
            new PayRequest(
                terminal,
                methods,
                kind,
                Field("order_number"),
                Field("order_currency"),
                TryFormatAmount(Field("order_amount"))!,
                Field("order_notes"),
                Field("backUrl"),
                Field("noticeUrl"),
                kind == MethodKind.Card ? echo.CardNumber : "",
                kind == MethodKind.Card && digits.Length > 0 ? MagicCards.TypeOf(digits) : "",
                cardOutcome,
                Field("ET_NOTES") == "pre"),
            null,
            terminal.SecureCode);
    }

    /// <summary>At most 10 characters, at most two decimals, greater than zero; always answered with two decimals.</summary>
    public static string? TryFormatAmount(string raw)
    {
        if (raw.Length is < 1 or > 10 || !AmountFormat().IsMatch(raw))
        {
            return null;
        }

        var amount = decimal.Parse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return amount <= 0 ? null : amount.ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static bool TerminalTakes(SandboxTerminalKind terminal, MethodKind method) =>
        terminal == SandboxTerminalKind.LocalPayments
            ? method is MethodKind.LocalQr or MethodKind.LocalSdk
            : method is MethodKind.Card or MethodKind.Wallet;

    private static string? CheckCommonFields(Func<string, string> field, bool localEndpoint)
    {
        if (!OrderNumberFormat().IsMatch(field("order_number")))
        {
            return ResultCodes.InvalidOrderNumber;
        }

        if (!CurrencyFormat().IsMatch(field("order_currency")))
        {
            return ResultCodes.InvalidCurrency;
        }

        if (TryFormatAmount(field("order_amount")) is null)
        {
            return ResultCodes.InvalidAmount;
        }

        if (field("order_notes").Length > 500)
        {
            return ResultCodes.InvalidOrderNotes;
        }

        if (!IsCleanName(field("billing_firstName")))
        {
            return ResultCodes.InvalidFirstName;
        }

        if (!IsCleanName(field("billing_lastName")))
        {
            return ResultCodes.InvalidLastName;
        }

        var email = field("billing_email");
        if (!IsCleanName(email) || !EmailFormat().IsMatch(email))
        {
            return ResultCodes.InvalidEmail;
        }

        if (!CountryFormat().IsMatch(field("billing_country")))
        {
            return ResultCodes.InvalidCountry;
        }

        var state = field("billing_state");
        if (state.Length is < 1 or > 50)
        {
            return ResultCodes.InvalidState;
        }

        if (!IsHttpUrl(field("backUrl"), required: true) || !IsHttpUrl(field("noticeUrl"), required: false))
        {
            return ResultCodes.InvalidUrl;
        }

        if (!PhoneFormat().IsMatch(field("billing_phone")))
        {
            return ResultCodes.InvalidPhone;
        }

        var ip = field("billing_ip");
        if (ip.Length > 50 || (ip.Length > 0 && !IPAddress.TryParse(ip, out _)))
        {
            return ResultCodes.InvalidIp;
        }

        foreach (var name in (string[])["billing_city", "billing_address", "billing_zip", "productName", "productSku", "productNum", "productPrice"])
        {
            if (field(name).Length > 500)
            {
                return ResultCodes.InvalidOtherField;
            }
        }

        // Pre-authorisation exists for cards and wallets only; local payments are always sales.
        return field("ET_NOTES") switch
        {
            "" or "sale" => null,
            "pre" when !localEndpoint => null,
            _ => ResultCodes.InvalidEtNotes,
        };
    }

    private static string? CheckCard(Func<string, string> field, DateTimeOffset now)
    {
        var digits = field("card_number");
        if (digits.Length == 0 && field("card_data").Length > 0)
        {
            return null;
        }

        if (!CardDigits().IsMatch(digits) || !MagicCards.IsLuhnValid(digits))
        {
            return ResultCodes.InvalidCardNumber;
        }

        var month = field("card_month");
        var year = field("card_year");
        if (!MonthFormat().IsMatch(month) || !YearFormat().IsMatch(year))
        {
            return ResultCodes.InvalidCardExpiry;
        }

        var expiry = int.Parse(year, CultureInfo.InvariantCulture) * 12 + int.Parse(month, CultureInfo.InvariantCulture);
        var current = now.UtcDateTime.Year * 12 + now.UtcDateTime.Month;
        if (expiry < current || expiry > current + 12 * 30)
        {
            return ResultCodes.InvalidCardExpiry;
        }

        var cvvLength = MagicCards.TypeOf(digits) == "AMEX" ? 4 : 3;
        var cvv = field("card_secureCode");
        return cvv.Length == cvvLength && cvv.All(char.IsAsciiDigit) ? null : ResultCodes.InvalidCardSecureCode;
    }

    private static string? CheckWallet(string token)
    {
        if (token.Length == 0)
        {
            return ResultCodes.InvalidWalletToken;
        }

        try
        {
            using var document = JsonDocument.Parse(token);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : ResultCodes.InvalidWalletToken;
        }
        catch (JsonException)
        {
            return ResultCodes.InvalidWalletToken;
        }
    }

    // The protocol's cleaning rule (§3.1) leaves 1-50 characters, trimmed, without < > ' ".
    private static bool IsCleanName(string value)
    {
        var runes = value.EnumerateRunes().Count();
        return runes is >= 1 and <= 50
            && value.Trim().Length == value.Length
            && value.IndexOfAny(['<', '>', '\'', '"']) < 0;
    }

    private static bool IsHttpUrl(string value, bool required)
    {
        if (value.Length == 0)
        {
            return !required;
        }

        return value.Length <= 500
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }

    [GeneratedRegex(@"^[0-9]{6}$")]
    private static partial Regex AccountFormat();

    [GeneratedRegex(@"^[0-9]{8,12}$")]
    private static partial Regex TerminalFormat();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,50}$")]
    private static partial Regex OrderNumberFormat();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyFormat();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]{1,2})?$")]
    private static partial Regex AmountFormat();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailFormat();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryFormat();

    [GeneratedRegex(@"^[0-9+ ]{0,50}$")]
    private static partial Regex PhoneFormat();

    [GeneratedRegex(@"^[0-9]{13,19}$")]
    private static partial Regex CardDigits();

    [GeneratedRegex("^(0[1-9]|1[0-2])$")]
    private static partial Regex MonthFormat();

    [GeneratedRegex(@"^[0-9]{4}$")]
    private static partial Regex YearFormat();
}
