using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary><c>POST /api/payments</c>: the merchant's server creates a payment (function key).</summary>
public sealed class CreatePaymentFunction(CreatePaymentHandler handler, OperationBudgets budgets)
{
    [Function("CreatePayment")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "payments")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunAsync("create", budgets.Api, cancellationToken, token => HandleAsync(request, token), ApiResults.Unavailable);

    private async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken);
        var (parsed, refused) = RequestBody.Parse<CreatePaymentRequest>(body, $"Send a JSON object of at most {RequestBody.MaxBytes} bytes.");
        if (parsed is null)
        {
            return refused!;
        }

        var (key, badKey) = RequestBody.IdempotencyKey(request);
        if (badKey is not null)
        {
            return badKey;
        }

        var (command, errors) = RequestMapper.ToCommand(parsed, RequestBody.Hash(body!));
        if (command is null)
        {
            return ApiResults.Validation(errors);
        }

        var result = await handler.HandleAsync(command, key, cancellationToken);
        return result.Status switch
        {
            CreatePaymentStatus.Created or CreatePaymentStatus.Replayed
                => ApiResults.Ok(CreatePaymentResponse.From(result.Payment!, result.ClientSecret!), StatusCodes.Status201Created),
            CreatePaymentStatus.Invalid => ApiResults.Validation(result.Errors!),
            CreatePaymentStatus.IdempotencyKeyReused => ApiResults.Problem(ErrorCode.IdempotencyKeyReused, "This Idempotency-Key was used with a different request body."),
            CreatePaymentStatus.InProgress => ApiResults.Problem(ErrorCode.IdempotencyInProgress, "A request with this Idempotency-Key is still being processed; retry shortly."),
            _ => ApiResults.Problem(ErrorCode.OrderNumberTaken, "Another payment already uses this order number: one payment attempt, one order number."),
        };
    }
}
