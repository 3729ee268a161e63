using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Oceanpayment.Requests;

/// <summary>
/// Checks a payment request against the field rules of protocol §5 before it is signed and sent.
/// Messages name the field and the rule, never the value (card data must not reach a log).
/// Lengths the protocol does not publish are marked [inferred] and kept generous.
/// </summary>
public static class RequestValidator
{
    public static IReadOnlyList<FieldError> Validate(GatewayPaymentRequest request)
    {
        var errors = new List<FieldError>();
        void Fail(string field, string message) => errors.Add(new FieldError(field, message));

        if (!new TerminalKey(request.Account, request.Route.Terminal).IsWellFormed)
        {
            Fail("account", "The account must be 6 digits and the terminal 8 to 12 digits.");
        }

        if (!IsOrderNumber(request.OrderNumber))
        {
            Fail("order_number", "The order number must be 1 to 50 characters: letters, digits, '-' or '_'.");
        }

        if (!request.Amount.TryFormatForGateway(out _, out var amountError))
        {
            Fail("order_amount", amountError!);
        }

        CheckUrl(errors, "backUrl", request.BackUrl);
        CheckUrl(errors, "noticeUrl", request.NoticeUrl);
        CheckLength(errors, "methods", request.Route.Methods, 1, 50);
        CheckLength(errors, "order_notes", request.OrderNotes, 0, 200);

        var billing = request.Billing;
        CheckLength(errors, "billing_firstName", FieldCleaner.Clean(billing.FirstName), 1, 50);
        CheckLength(errors, "billing_lastName", FieldCleaner.Clean(billing.LastName), 1, 50);
        var email = FieldCleaner.Clean(billing.Email);
        if (!IsEmail(email))
        {
            Fail("billing_email", "The email must be an address of at most 50 characters, such as name@example.com.");
        }

        if (billing.Phone.Length > 50 || !billing.Phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' '))
        {
            Fail("billing_phone", "The phone number may hold only digits, '+' and spaces, at most 50 characters.");
        }

        if (billing.Country is not { Length: 2 } || !billing.Country.All(char.IsAsciiLetterUpper))
        {
            Fail("billing_country", "The country must be an ISO 3166-1 alpha-2 code in capitals, such as US.");
        }

        // The integration docs mark the state as required.
        CheckLength(errors, "billing_state", billing.State, 1, 100);
        CheckLength(errors, "billing_city", billing.City, 0, 100);
        CheckLength(errors, "billing_address", billing.Address, 0, 200);
        CheckLength(errors, "billing_zip", billing.Zip, 0, 20);
        CheckLength(errors, "billing_ip", billing.Ip, 0, 50);
        if (request.Products.Count > 100)
        {
            Fail("productName", "At most 100 products can be sent.");
        }

        CheckInstrument(errors, request.Route, request.Instrument);
        return errors;
    }

    /// <summary>1 to 50 characters from <c>A-Z a-z 0-9 - _</c> (<see cref="Signing.FieldShapes.IsOrderNumber"/>).</summary>
    public static bool IsOrderNumber(string? value) => Signing.FieldShapes.IsOrderNumber(value);

    private static bool IsEmail(string email)
    {
        if (email.Length is < 3 or > 50 || email.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.');
    }

    private static void CheckInstrument(List<FieldError> errors, MethodRoute route, PaymentInstrument? instrument)
    {
        switch (route.Method, instrument)
        {
            case (PaymentMethod.Card, CardInstrument card):
                if (!CardNumbers.IsValid(card.Number))
                {
                    errors.Add(new FieldError("card_number", "The card number must be 12 to 19 digits and pass the Luhn check."));
                }

                if (card.ExpiryMonth is not { Length: 2 } || !int.TryParse(card.ExpiryMonth, out var month) || month is < 1 or > 12
                    || !card.ExpiryMonth.All(char.IsAsciiDigit))
                {
                    errors.Add(new FieldError("card_month", "The expiry month must be two digits, 01 to 12."));
                }

                if (card.ExpiryYear is not { Length: 4 } || !card.ExpiryYear.All(char.IsAsciiDigit))
                {
                    errors.Add(new FieldError("card_year", "The expiry year must be four digits."));
                }

                if (card.SecurityCode is not { Length: 3 or 4 } || !card.SecurityCode.All(char.IsAsciiDigit))
                {
                    errors.Add(new FieldError("card_secureCode", "The security code must be 3 or 4 digits."));
                }

                break;
            case (PaymentMethod.Card, EncryptedCardInstrument encrypted):
                CheckLength(errors, "card_data", encrypted.CardData, 1, 8192);
                break;
            case (PaymentMethod.ApplePay or PaymentMethod.GooglePay, WalletTokenInstrument wallet):
                CheckLength(errors, "pay_accountNumber", wallet.Token, 1, 32 * 1024);
                break;
            case (PaymentMethod.Card, _):
                errors.Add(new FieldError("card_number", "A card payment needs card details or encrypted card data."));
                break;
            case (PaymentMethod.ApplePay or PaymentMethod.GooglePay, _):
                errors.Add(new FieldError("pay_accountNumber", "A wallet payment needs the wallet's payment token."));
                break;
            case (_, not null):
                errors.Add(new FieldError("methods", "Local payment methods take no card or wallet data."));
                break;
        }
    }

    private static void CheckUrl(List<FieldError> errors, string field, string value)
    {
        if (value.Length is < 1 or > 500
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add(new FieldError(field, "The URL must be an absolute http(s) URL of at most 500 characters."));
        }
    }

    private static void CheckLength(List<FieldError> errors, string field, string? value, int min, int max)
    {
        var length = value?.Length ?? 0;
        if (length < min || length > max)
        {
            errors.Add(new FieldError(field, min == 0
                ? $"At most {max} characters."
                : $"Must be {min} to {max} characters."));
        }
    }
}
