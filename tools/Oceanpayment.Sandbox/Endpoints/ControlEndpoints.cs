using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Endpoints;

/// <summary>Sandbox-only JSON endpoints under <c>/sandbox</c>: scenarios, simulated customers, state.</summary>
internal static class ControlEndpoints
{
    public static void MapControl(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapPut("/orders/{order_number}/scenario", (string order_number, ScenarioRequest request, SandboxStore store) =>
        {
            if (!SandboxScenarioNames.TryParse(request.Scenario, out var scenario))
            {
                return Results.Problem(
                    title: "Unknown scenario",
                    detail: $"Use one of: {string.Join(", ", SandboxScenarioNames.All)}.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            store.SetScenario(order_number, scenario);
            return Results.Ok(new { order_number, scenario = request.Scenario });
        });
        sandbox.MapDelete("/orders/{order_number}/scenario", (string order_number, SandboxStore store) =>
            store.RemoveScenario(order_number) ? Results.NoContent() : Results.NotFound());
        sandbox.MapGet("/orders/{order_number}", (string order_number, SandboxStore store) => Results.Ok(new
        {
            order_number,
            scenario = SandboxScenarioNames.NameOf(store.ScenarioFor(order_number)),
            payment_requests = store.RequestCount(order_number),
            transactions = store.Transactions(order_number),
        }));
        sandbox.MapPost("/payments/{payment_id}/complete", (string payment_id, CompleteRequest request, PaymentHandler handler) =>
        {
            if (request.Outcome is not ("success" or "fail"))
            {
                return Results.Problem(title: "Unknown outcome", detail: "Use \"success\" or \"fail\".", statusCode: StatusCodes.Status400BadRequest);
            }

            var completion = handler.Complete(payment_id, request.Outcome == "success");
            return completion.Status switch
            {
                CompletionStatus.NotFound => Results.Problem(title: "Unknown payment", statusCode: StatusCodes.Status404NotFound),
                CompletionStatus.NotPending => Results.Problem(
                    title: "Payment is not pending",
                    detail: $"payment_status is already {completion.Result!.Status}.",
                    statusCode: StatusCodes.Status409Conflict),
                _ => Results.Ok(new
                {
                    payment_id,
                    order_number = completion.Result!.OrderNumber,
                    status = completion.Result.Status,
                    details = completion.Result.Details,
                }),
            };
        });
        sandbox.MapPost("/payments/{payment_id}/business-notices", (string payment_id, BusinessNoticeRequest request, SandboxStore store, AfterPaymentHandler handler) =>
        {
            if (request.Type is null || !AfterPaymentHandler.DisputeTypes.TryGetValue(request.Type, out var defaultDetails))
            {
                return Results.Problem(
                    title: "Unknown notice type",
                    detail: $"Use one of: {string.Join(", ", AfterPaymentHandler.DisputeTypes.Keys)}.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (request.Status is not (0 or 1 or 2))
            {
                return Results.Problem(title: "Unknown status", detail: "Use 0, 1 or 2.", statusCode: StatusCodes.Status400BadRequest);
            }

            var payment = store.FindByPaymentId(payment_id);
            if (payment is null)
            {
                return Results.Problem(title: "Unknown payment", statusCode: StatusCodes.Status404NotFound);
            }

            if (payment.NoticeUrl.Length == 0)
            {
                return Results.Problem(title: "Payment has no noticeUrl", statusCode: StatusCodes.Status409Conflict);
            }

            IReadOnlyList<KeyValuePair<string, string>> extra = [];
            if (request.Type == "ARN")
            {
                var refund = request.RefundId is null ? store.LatestRefund(payment_id) : store.FindRefund(request.RefundId);
                if (refund is null || refund.PaymentId != payment_id)
                {
                    return Results.Problem(title: "No refund for this payment", statusCode: StatusCodes.Status409Conflict);
                }

                extra = [new("refund_id", refund.RefundId), new("arn", AfterPaymentHandler.NewArn())];
            }

            var pushId = handler.SendDispute(payment, request.Type, request.Status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Details ?? defaultDetails, extra);
            return Results.Ok(new
            {
                push_id = pushId,
                notice_type = request.Type,
                payment_id,
                order_number = payment.OrderNumber,
                extra = extra.ToDictionary(pair => pair.Key, pair => pair.Value),
            });
        });
        sandbox.MapPost("/refunds/{refund_id}/release", (string refund_id, SandboxStore store, AfterPaymentHandler handler) =>
        {
            var refund = store.FindRefund(refund_id);
            if (refund is null)
            {
                return Results.Problem(title: "Unknown refund", statusCode: StatusCodes.Status404NotFound);
            }

            return handler.SettleRefund(refund_id, success: true)
                ? Results.Ok(store.FindRefund(refund_id))
                : Results.Problem(
                    title: "Refund is not pending",
                    detail: $"refund_status is already {refund.RefundStatus}.",
                    statusCode: StatusCodes.Status409Conflict);
        });
        sandbox.MapGet("/refunds", (string? payment_id, SandboxStore store) => Results.Ok(store.Refunds(payment_id)));
        sandbox.MapGet("/transactions", (string? order_number, SandboxStore store) => Results.Ok(store.Transactions(order_number)));
        sandbox.MapGet("/notices", (string? order_number, SandboxStore store) => Results.Ok(store.Notices(order_number)));
        sandbox.MapPost("/reset", (SandboxStore store) =>
        {
            store.Reset();
            return Results.NoContent();
        });
    }

    internal sealed record ScenarioRequest(string? Scenario);

    internal sealed record CompleteRequest(string? Outcome);

    internal sealed record BusinessNoticeRequest(string? Type, int? Status, string? Details, string? RefundId);
}
