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
}
