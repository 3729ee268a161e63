using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Payments.LocalHost.Discovery;

/// <summary>The functions of one assembly, discovered by reflection the way the Worker SDK finds them.</summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<LocalFunction> functions) => Functions = functions;

    public IReadOnlyList<LocalFunction> Functions { get; }

    public LocalFunction? Find(string name)
        => Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Finds every public method with <c>[Function]</c> in the assembly's exported types. A function
    /// without a supported trigger, or with two triggers, stops discovery: the host would refuse it too.
    /// </summary>
    public static FunctionCatalog Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<LocalFunction>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsClass).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is null)
                {
                    continue;
                }

                if (type.IsAbstract && !method.IsStatic)
                {
                    throw new InvalidOperationException($"Function '{function.Name}' is an instance method of abstract type '{type.FullName}'.");
                }

                var trigger = FindTrigger(function.Name, method);
                functions.Add(new LocalFunction(function.Name, type, method, trigger) { QueueOutputs = FindQueueOutputs(method) });
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Function name '{duplicate.Key}' is used by more than one method.");
        }

        return new FunctionCatalog(functions);
    }

    private static FunctionTrigger FindTrigger(string functionName, MethodInfo method)
    {
        var triggers = new List<FunctionTrigger>();
        foreach (var parameter in method.GetParameters())
        {
            var name = parameter.Name ?? throw new InvalidOperationException($"Function '{functionName}' has an unnamed parameter.");
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = (http.Methods ?? []).Select(m => m.ToLowerInvariant()).ToArray();
                triggers.Add(new HttpTriggerBinding(name, string.IsNullOrEmpty(http.Route) ? null : http.Route, methods, http.AuthLevel));
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                triggers.Add(new QueueTriggerBinding(name, queue.QueueName, queue.Connection));
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                triggers.Add(new TimerTriggerBinding(name, timer.Schedule, timer.RunOnStartup));
            }
        }

        return triggers.Count switch
        {
            1 => triggers[0],
            0 => throw new InvalidOperationException($"Function '{functionName}' has no HTTP, queue or timer trigger; the local runner supports only those."),
            _ => throw new InvalidOperationException($"Function '{functionName}' has more than one trigger."),
        };
    }

    private static List<QueueOutputBinding> FindQueueOutputs(MethodInfo method)
    {
        var outputs = new List<QueueOutputBinding>();
        if (method.GetCustomAttribute<QueueOutputAttribute>() is { } onMethod)
        {
            outputs.Add(new QueueOutputBinding(onMethod.QueueName, onMethod.Connection, null));
        }

        var returnType = UnwrapTask(method.ReturnType);
        if (returnType is not null && returnType.IsClass && returnType != typeof(string))
        {
            foreach (var property in returnType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<QueueOutputAttribute>() is { } onProperty)
                {
                    outputs.Add(new QueueOutputBinding(onProperty.QueueName, onProperty.Connection, property));
                }
            }
        }

        return outputs;
    }

    internal static Type? UnwrapTask(Type type)
    {
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask))
        {
            return null;
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return type.GetGenericArguments()[0];
        }

        return type;
    }
}
