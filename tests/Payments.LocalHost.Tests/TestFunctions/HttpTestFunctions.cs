using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Payments.LocalHost.Tests.TestFunctions;

/// <summary>Test-only HTTP functions, written the way the product's functions are.</summary>
public sealed class HttpTestFunctions(TestRecorder recorder)
{
    [Function("GetItem")]
    public IActionResult GetItem(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{itemId}/parts/{partId}")] HttpRequest request,
        string itemId,
        string partId,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        recorder.Calls.Enqueue($"GetItem:{itemId}");
        return new OkObjectResult(new
        {
            itemId,
            partId,
            function = context.FunctionDefinition.Name,
            sameRequest = ReferenceEquals(context.GetHttpContext()?.Request, request),
            query = request.Query["q"].ToString(),
            canCancel = cancellationToken.CanBeCanceled,
        });
    }

    [Function("AdminPing")]
    public IActionResult AdminPing([HttpTrigger(AuthorizationLevel.Admin, "post", Route = "admin/ping")] HttpRequest request)
        => new OkObjectResult("pong");

    [Function("Open")]
    public async Task<IActionResult> OpenAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post")] HttpRequest request)
    {
        await Task.Yield();
        return new ContentResult { Content = request.Method, StatusCode = StatusCodes.Status202Accepted };
    }

    [Function("Boom")]
    public IActionResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request)
        => throw new InvalidOperationException("secret detail that must not reach the caller");
}
