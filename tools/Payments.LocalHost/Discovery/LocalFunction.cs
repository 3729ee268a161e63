using System.Reflection;

namespace Payments.LocalHost.Discovery;

/// <summary>One <c>[Function]</c> method found in the functions assembly, with its trigger.</summary>
public sealed record LocalFunction(string Name, Type DeclaringType, MethodInfo Method, FunctionTrigger Trigger)
{
    /// <summary>The entry point as the Worker SDK writes it into functions.metadata.</summary>
    public string EntryPoint => $"{DeclaringType.FullName}.{Method.Name}";

    /// <summary>Queue output bindings on the method (return value) or on properties of the return type.</summary>
    public IReadOnlyList<QueueOutputBinding> QueueOutputs { get; init; } = [];
}
