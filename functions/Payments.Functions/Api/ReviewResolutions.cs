using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Functions.Api;

/// <summary>
/// A review resolution as the API takes it (master key or operator sign-in): the body is checked here,
/// the transition is made by <paramref name="resolve"/> (the <see cref="ReviewHandler"/>, directly or
/// through the operator's actions), and its outcome mapped to HTTP.
/// </summary>
internal static class ReviewResolutions
{
    private const string Shape = "Send {\"status\": \"succeeded\" | \"failed\", \"reason\": \"what the operator checked (1-500 characters)\"}.";

    /// <summary>Settles the review: order number, target status, reason.</summary>
    public delegate Task<PaymentUpdate?> Resolve(string orderNumber, PaymentStatus target, string reason, CancellationToken cancellationToken);

    public static async Task<IActionResult> HandleAsync(HttpRequest request, string paymentId, PaymentsSettings settings, Resolve resolve, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var (parsed, refused) = RequestBody.Parse<ResolveReviewRequest>(body, Shape);
        if (parsed is null)
        {
            return refused!;
        }

        var target = parsed.Status switch
        {
            "succeeded" => PaymentStatus.Succeeded,
            "failed" => PaymentStatus.Failed,
            _ => (PaymentStatus?)null,
        };
        if (target is null || string.IsNullOrWhiteSpace(parsed.Reason) || parsed.Reason.Length > 500)
        {
            return ApiResults.Validation([new FieldError("status", Shape)]);
        }

        if (!PaymentIds.TryGetOrderNumber(paymentId, out var orderNumber))
        {
            return ApiResults.NotFound();
        }

        var update = await resolve(orderNumber, target.Value, parsed.Reason, cancellationToken);
        if (update is null)
        {
            return ApiResults.NotFound();
        }

        return update.Written
            ? ApiResults.Ok(PaymentView.From(update.Payment, settings.QrImageUrl(update.Payment.PaymentId)))
            : ApiResults.Problem(ErrorCode.PaymentNotInReview, "Only a payment in review can be settled by an operator.");
    }
}
