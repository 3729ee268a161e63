namespace Payments.LocalHost.Invocation;

/// <summary>The outcome of binding one parameter: a value, or "this binder has nothing for it".</summary>
internal readonly record struct ParameterValue(bool IsBound, object? Value)
{
    public static ParameterValue Unbound => default;

    public static ParameterValue Of(object? value) => new(true, value);
}
