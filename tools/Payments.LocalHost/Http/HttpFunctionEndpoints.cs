using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Payments.LocalHost.Discovery;
using Payments.LocalHost.Hosting;
using Payments.LocalHost.Invocation;
using WorkerFromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace Payments.LocalHost.Http;

/// <summary>Maps every HTTP-triggered function to an endpoint under the route prefix.</summary>
internal static class HttpFunctionEndpoints
{
    // The [HttpResult] property of each result type, looked up once per type instead of per request.
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> HttpResultProperties = new();

    /// <summary>The route template the function is served on, with the prefix, without a leading slash.</summary>
    public static string RouteTemplate(LocalFunction function, HttpTriggerBinding trigger, HostSettings settings)
    {
        var route = (trigger.Route ?? function.Name).Trim('/');
        return settings.RoutePrefix.Length == 0 ? route : $"{settings.RoutePrefix}/{route}";
    }

    public static void Map(WebApplication app, FunctionCatalog catalog, HostSettings settings, Func<LocalFunction, bool> isEnabled)
    {
        foreach (var function in catalog.Functions)
        {
            if (function.Trigger is not HttpTriggerBinding trigger || !isEnabled(function))
            {
                continue;
            }

            var template = "/" + RouteTemplate(function, trigger, settings);
            // Found once here rather than by reflection on every request.
            var fromBody = function.Method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<WorkerFromBodyAttribute>() is not null);
            RequestDelegate handler = context => HandleAsync(context, function, trigger, fromBody);
            var endpoint = trigger.Methods.Count == 0
                ? app.Map(template, handler)
                : app.MapMethods(template, trigger.Methods.Select(m => m.ToUpperInvariant()), handler);
            endpoint.WithDisplayName($"Functions.{function.Name}");
        }
    }

    private static async Task HandleAsync(HttpContext httpContext, LocalFunction function, HttpTriggerBinding trigger, ParameterInfo? fromBody)
    {
        var keys = httpContext.RequestServices.GetRequiredService<FunctionKeys>();
        var presented = httpContext.Request.Headers[FunctionKeys.HeaderName].FirstOrDefault() ?? httpContext.Request.Query[FunctionKeys.QueryName].FirstOrDefault();
        if (!keys.Authorize(trigger.AuthLevel, presented))
        {
            httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var invoker = httpContext.RequestServices.GetRequiredService<FunctionInvoker>();
        string? body = null;
        if (fromBody is not null)
        {
            using var reader = new StreamReader(httpContext.Request.Body, leaveOpen: true);
            body = await reader.ReadToEndAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }

        var bindingData = httpContext.Request.RouteValues.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        object? result;
        try
        {
            result = await invoker.InvokeAsync(
            function,
            httpContext.RequestServices,
            $"This function was programmatically called via the host APIs ({httpContext.Request.Method} {httpContext.Request.Path})",
            bindingData,
            (parameter, _) => BindParameter(parameter, httpContext, trigger, fromBody, body, invoker.JsonOptions),
            context => context.Items[LocalFunctionContext.HttpContextItemKey] = httpContext,
            httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception) when (!httpContext.Response.HasStarted)
        {
            // Logged by the invoker. The host answers an unhandled exception with a bare 500, no details.
            httpContext.Response.Clear();
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        await WriteResultAsync(httpContext, result).ConfigureAwait(false);
    }

    private static ParameterValue BindParameter(ParameterInfo parameter, HttpContext httpContext, HttpTriggerBinding trigger, ParameterInfo? fromBody, string? body, JsonSerializerOptions json)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest))
        {
            return ParameterValue.Of(httpContext.Request);
        }

        if (type == typeof(HttpContext))
        {
            return ParameterValue.Of(httpContext);
        }

        if (parameter.Name == trigger.ParameterName)
        {
            throw new InvalidOperationException($"The local runner binds HTTP triggers as HttpRequest, not {type.Name}.");
        }

        if (parameter == fromBody)
        {
            return ParameterValue.Of(type == typeof(string) ? body : JsonSerializer.Deserialize(body ?? string.Empty, type, json));
        }

        if (parameter.Name is { } name && httpContext.Request.RouteValues.TryGetValue(name, out var routeValue) && routeValue is not null)
        {
            return ParameterValue.Of(Convert(routeValue, type));
        }

        if (parameter.Name is { } queryName && httpContext.Request.Query.TryGetValue(queryName, out var queryValue) && queryValue.Count > 0)
        {
            return ParameterValue.Of(Convert(queryValue.ToString(), type));
        }

        return ParameterValue.Unbound;
    }

    private static object? Convert(object value, Type type)
    {
        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        var text = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
    }

    private static PropertyInfo? FindHttpResultProperty(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => p.GetCustomAttribute<HttpResultAttribute>() is not null);

    private static async Task WriteResultAsync(HttpContext httpContext, object? result)
    {
        var httpResult = result is null ? null : HttpResultProperties.GetOrAdd(result.GetType(), FindHttpResultProperty);
        if (httpResult is not null)
        {
            result = httpResult.GetValue(result);
        }

        switch (result)
        {
            case null:
                return;
            case IActionResult actionResult:
                var actionContext = new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor());
                await actionResult.ExecuteResultAsync(actionContext).ConfigureAwait(false);
                return;
            case IResult minimalResult:
                await minimalResult.ExecuteAsync(httpContext).ConfigureAwait(false);
                return;
            default:
                await httpContext.Response.WriteAsJsonAsync(result, result.GetType(), httpContext.RequestAborted).ConfigureAwait(false);
                return;
        }
    }
}
