using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using Payments.LocalHost.Discovery;

namespace Payments.LocalHost.Invocation;

/// <summary>
/// Name, id, entry point, assembly path and parameters of a function. Binding metadata is not
/// modelled: <see cref="InputBindings"/> and <see cref="OutputBindings"/> throw, because nothing in
/// this code base reads them (the worker's own binding pipeline, which does, is not used here).
/// </summary>
internal sealed class LocalFunctionDefinition(LocalFunction function) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters { get; } =
        [.. function.Method.GetParameters().Select(p => new FunctionParameter(p.Name ?? string.Empty, p.ParameterType))];

    public override string PathToAssembly => function.DeclaringType.Assembly.Location;

    public override string EntryPoint => function.EntryPoint;

    public override string Id => function.Name;

    public override string Name => function.Name;

    public override IImmutableDictionary<string, BindingMetadata> InputBindings
        => throw new NotSupportedException("The local runner does not model binding metadata.");

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings
        => throw new NotSupportedException("The local runner does not model binding metadata.");
}
