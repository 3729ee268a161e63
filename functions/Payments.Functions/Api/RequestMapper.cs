using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Functions.Api;

/// <summary>Turns API bodies into commands, or into field errors named by JSON path.</summary>
internal static class RequestMapper
{
    public static (CreatePaymentCommand? Command, List<FieldError> Errors) ToCommand(CreatePaymentRequest body, string requestHash)
    {
        var errors = new List<FieldError>();
        if (!Currency.TryParse(body.Currency, out var currency))
        {
            errors.Add(new FieldError("currency", "Give an active ISO 4217 currency code in capitals, such as USD; XYZ-like codes outside the standard are refused."));
        }

        Money amount = default;
        if (body.Amount is not null == body.AmountDecimal is not null)
        {
            errors.Add(new FieldError("amount", "Give exactly one of amount (minor units) or amountDecimal."));
        }
        else if (currency.Code is not null)
        {
            if (body.Amount is { } minor)
            {
                amount = new Money(minor, currency);
            }
            else if (!Money.TryParseDecimal(body.AmountDecimal, currency, out amount))
            {
                errors.Add(new FieldError("amountDecimal", $"Give a plain decimal with at most {currency.Exponent} decimals, such as 10.50."));
            }

            if (amount.MinorUnits <= 0 && errors.Count == 0)
            {
                errors.Add(new FieldError("amount", "The amount must be greater than zero."));
            }
        }

        if (!MethodNames.TryParse(body.Method, out var method))
        {
            errors.Add(new FieldError("method", "Use one of: " + string.Join(", ", MethodNames.All) + "."));
        }

        if (body.Billing is null)
        {
            errors.Add(new FieldError("billing", "Billing details are required."));
        }

        if (string.IsNullOrWhiteSpace(body.ReturnUrl))
        {
            errors.Add(new FieldError("returnUrl", "The merchant page to send the shopper to afterwards is required."));
        }

        var capture = body.Capture switch
        {
            null or "sale" => CaptureMode.Sale,
            "pre_authorise" => CaptureMode.PreAuthorise,
            _ => (CaptureMode?)null,
        };
        if (capture is null)
        {
            errors.Add(new FieldError("capture", "Use sale or pre_authorise."));
        }

        if (body.MaxAttempts is < 1 or > Payments.Core.Payments.PaymentAttempts.Max)
        {
            errors.Add(new FieldError("maxAttempts", string.Create(CultureInfo.InvariantCulture, $"Use a whole number from 1 to {Payments.Core.Payments.PaymentAttempts.Max}.")));
        }

        var products = new List<ProductLine>();
        foreach (var (product, index) in (body.Products ?? []).Select((p, i) => (p, i)))
        {
            if (string.IsNullOrWhiteSpace(product?.Name) || product.Quantity < 1
                || (product.Price is not null && !Money.TryParseDecimal(product.Price, currency.Code is null ? Currency.Parse("USD") : currency, out _)))
            {
                errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture, $"products[{index}]"), "Each product needs a name, a quantity of at least 1 and a decimal price."));
                continue;
            }

            products.Add(new ProductLine(product.Name, product.Sku ?? string.Empty, product.Quantity, product.Price ?? string.Empty));
        }

        var metadata = Notes(body.Metadata);
        errors.AddRange(PaymentMetadata.Validate(metadata));
        var privateMetadata = Notes(body.PrivateMetadata);
        errors.AddRange(PaymentMetadata.Validate(privateMetadata, PaymentMetadata.Private));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var billing = body.Billing!;
        return (new CreatePaymentCommand
        {
            Amount = amount,
            Method = method,
            Billing = new BillingDetails
            {
                FirstName = billing.FirstName ?? string.Empty,
                LastName = billing.LastName ?? string.Empty,
                Email = billing.Email ?? string.Empty,
                Phone = billing.Phone ?? string.Empty,
                Country = billing.Country ?? string.Empty,
                State = billing.State ?? string.Empty,
                City = billing.City ?? string.Empty,
                Address = billing.Address ?? string.Empty,
                Zip = billing.Zip ?? string.Empty,
                Ip = billing.Ip ?? string.Empty,
            },
            Products = products,
            Notes = body.Notes ?? string.Empty,
            ReturnUrl = body.ReturnUrl!,
            OrderNumber = string.IsNullOrEmpty(body.OrderNumber) ? null : body.OrderNumber,
            CaptureMode = capture!.Value,
            MaxAttempts = body.MaxAttempts ?? 1,
            Metadata = metadata is { Count: > 0 } ? metadata! : ReadOnlyDictionary<string, string>.Empty,
            PrivateMetadata = privateMetadata is { Count: > 0 } ? privateMetadata! : ReadOnlyDictionary<string, string>.Empty,
            RequestHash = requestHash,
        }, errors);
    }

    // Anything but a string becomes null, which the rules refuse as "Values are strings".
    private static Dictionary<string, string?>? Notes(IReadOnlyDictionary<string, JsonElement>? notes)
        => notes?.ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null, StringComparer.Ordinal);

    /// <summary>The instrument a confirm carries: a card, encrypted card data, a wallet token, or none.</summary>
    public static (PaymentInstrument? Instrument, FieldError? Error) ToInstrument(ConfirmPaymentRequest body)
    {
        var given = (body.Card is not null ? 1 : 0) + (body.CardData is not null ? 1 : 0) + (body.WalletToken is not null ? 1 : 0);
        if (given > 1)
        {
            return (null, new FieldError("card", "Send one of card, cardData or walletToken."));
        }

        if (body.Card is { } card)
        {
            return (new CardInstrument(card.Number ?? string.Empty, card.ExpMonth ?? string.Empty, card.ExpYear ?? string.Empty, card.Cvc ?? string.Empty), null);
        }

        if (body.CardData is { } data)
        {
            return (new EncryptedCardInstrument(data), null);
        }

        if (body.WalletToken is { } token)
        {
            var text = token.ValueKind == JsonValueKind.String ? token.GetString() ?? string.Empty : token.GetRawText();
            return (new WalletTokenInstrument(text), null);
        }

        return (null, null);
    }
}
