using Microsoft.AspNetCore.Http;

namespace Payments.LocalHost.Http;

/// <summary>
/// ASP.NET Core answers a known route with the wrong method with 405; the Functions host answers 404
/// because the method is part of the function's route. Runs after routing has picked the endpoint.
/// </summary>
internal sealed class MethodMismatchAsNotFound(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Routing's own endpoint for a method mismatch is named "405 HTTP Method Not Supported".
        if (context.GetEndpoint()?.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
