using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Oceanpayment.Terminals;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// Creates a payment for the merchant's server. The amount is fixed here, never by the browser.
/// An Idempotency-Key makes retries safe: same key and body give the same payment; the key is
/// claimed before the payment is written, so concurrent duplicates create one payment.
/// </summary>
public sealed partial class CreatePaymentHandler(
    IPaymentStore store,
    IIdempotencyStore idempotency,
    PaymentWriter writer,
    PaymentsSettings settings,
    PaymentsTelemetry telemetry,
    TimeProvider clock,
    ILogger<CreatePaymentHandler> logger)
{
    public async Task<CreatePaymentResult> HandleAsync(CreatePaymentCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var orderNumber = command.OrderNumber ?? PaymentIds.NewOrderNumber(now);
        using var scope = PaymentLogScope.Begin(logger, orderNumber);
        var errors = Validate(command, orderNumber, out var terminal);
        if (errors.Count > 0 || terminal is null)
        {
            return new CreatePaymentResult(CreatePaymentStatus.Invalid, Errors: errors);
        }

        string? keyHash = null;
        if (idempotencyKey is not null)
        {
            keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
            var claimed = await idempotency.TryClaimAsync(new IdempotencyEntry(keyHash, command.RequestHash, orderNumber, now), cancellationToken).ConfigureAwait(false);
            if (!claimed)
            {
                return await ReplayAsync(keyHash, command.RequestHash, cancellationToken).ConfigureAwait(false);
            }
        }

        var paymentId = PaymentIds.ForOrder(orderNumber);
        var clientSecret = PaymentIds.NewClientSecret(paymentId);
        var payment = new PaymentData
        {
            PaymentId = paymentId,
            OrderNumber = orderNumber,
            Account = terminal.Key.Account,
            Terminal = terminal.Key.Terminal,
            RoutedBy = terminal.Describe(),
            Method = command.Method,
            Amount = command.Amount,
            Status = PaymentStatus.Created,
            Billing = command.Billing,
            Products = command.Products,
            OrderNotes = command.Notes,
            CaptureMode = command.CaptureMode,
            MaxAttempts = command.MaxAttempts,
            Metadata = command.Metadata,
            PrivateMetadata = command.PrivateMetadata,
            ReturnUrl = command.ReturnUrl,
            ClientSecret = clientSecret,
            RequestHash = command.RequestHash,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await writer.TryCreateAsync(payment, cancellationToken).ConfigureAwait(false))
        {
            if (keyHash is not null)
            {
                await idempotency.ReleaseAsync(keyHash, cancellationToken).ConfigureAwait(false);
            }

            return new CreatePaymentResult(CreatePaymentStatus.OrderNumberTaken);
        }

        telemetry.PaymentsCreated.Add(1);
        LogCreated(paymentId, orderNumber, MethodNames.ToApi(command.Method));
        return new CreatePaymentResult(CreatePaymentStatus.Created, PaymentView.From(payment, settings.QrImageUrl(paymentId)), clientSecret);
    }

    private async Task<CreatePaymentResult> ReplayAsync(string keyHash, string requestHash, CancellationToken cancellationToken)
    {
        var entry = await idempotency.FindAsync(keyHash, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            // Claimed and released by a request that failed in between: the caller may retry.
            return new CreatePaymentResult(CreatePaymentStatus.InProgress);
        }

        if (!string.Equals(entry.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return new CreatePaymentResult(CreatePaymentStatus.IdempotencyKeyReused);
        }

        var stored = await store.FindAsync(entry.OrderNumber, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return new CreatePaymentResult(CreatePaymentStatus.Replayed, PaymentView.From(stored.Data, settings.QrImageUrl(stored.Data.PaymentId)), stored.Data.ClientSecret);
        }

        // A claim whose payment never appeared belongs to a request that died in between; once it is
        // older than any request could take, release it so the merchant's retry can create the payment.
        if (clock.GetUtcNow() - entry.CreatedAt > AbandonedClaimAge)
        {
            await idempotency.ReleaseAsync(keyHash, cancellationToken).ConfigureAwait(false);
        }

        return new CreatePaymentResult(CreatePaymentStatus.InProgress);
    }

    private List<FieldError> Validate(CreatePaymentCommand command, string orderNumber, out TerminalRule? terminal)
    {
        terminal = null;
        // The API checks metadata already; checked again here because this handler is what stores it.
        var errors = PaymentMetadata.Validate(command.Metadata!);
        errors.AddRange(PaymentMetadata.Validate(command.PrivateMetadata!, PaymentMetadata.Private));
        errors.AddRange(AttemptRules(command, orderNumber));
        if (!settings.IsAllowedReturnUrl(command.ReturnUrl))
        {
            errors.Add(new FieldError("returnUrl", "The return URL must be an absolute URL on one of the configured return origins."));
        }

        if (!settings.Routing.Offers(command.Method))
        {
            errors.Add(new FieldError("method", "This payment method is not offered: no terminal takes it."));
            return errors;
        }

        terminal = settings.Routing.Choose(command.Method, command.Amount, command.Billing.Country);
        if (terminal is null)
        {
            errors.Add(new FieldError("method", $"No terminal takes {MethodNames.ToApi(command.Method)} payments of {command.Amount} billed in {command.Billing.Country}."));
            return errors;
        }

        // The gateway's own rules, checked now so a payment that could never be sent is not created.
        var probe = new GatewayPaymentRequest
        {
            Account = terminal.Key.Account,
            Route = settings.Routing.RouteOn(command.Method, terminal.Key.Terminal),
            OrderNumber = orderNumber,
            Amount = command.Amount,
            BackUrl = settings.BackUrl,
            NoticeUrl = settings.NoticeUrl,
            OrderNotes = command.Notes,
            Billing = command.Billing,
            Products = command.Products,
        };
        foreach (var error in RequestValidator.Validate(probe))
        {
            if (!InstrumentFields.Contains(error.Field))
            {
                errors.Add(new FieldError(ApiFieldNames.For(error.Field), error.Message));
            }
        }

        return errors;
    }

    // Each attempt is sent under its own order number (PaymentAttempts): the payment's own may not take a
    // later attempt's form, and must leave room for the suffix when there are later attempts.
    private static IEnumerable<FieldError> AttemptRules(CreatePaymentCommand command, string orderNumber)
    {
        if (command.MaxAttempts is < 1 or > PaymentAttempts.Max)
        {
            yield return new FieldError("maxAttempts", $"Use a whole number from 1 to {PaymentAttempts.Max}.");
        }

        if (PaymentAttempts.IsAttemptForm(orderNumber))
        {
            yield return new FieldError("orderNumber", $"Order numbers ending in __2 to __{PaymentAttempts.Max} are kept for the later attempts of payments.");
        }
        else if (command.MaxAttempts > 1 && orderNumber.Length > PaymentAttempts.LongestOrderNumber)
        {
            yield return new FieldError("orderNumber", $"With more than one attempt the order number may have at most {PaymentAttempts.LongestOrderNumber} characters: each later attempt adds __ and its number.");
        }
    }

    private static readonly HashSet<string> InstrumentFields = ["card_number", "card_month", "card_year", "card_secureCode", "card_data", "pay_accountNumber", "methods"];

    /// <summary>Longer than a create request can run (it makes two storage writes and no gateway call).</summary>
    private static readonly TimeSpan AbandonedClaimAge = TimeSpan.FromMinutes(2);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} created for order {OrderNumber} ({Method})")]
    private partial void LogCreated(string paymentId, string orderNumber, string method);
}
