using Microsoft.Extensions.Logging;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Core.Application;

/// <summary>
/// The log scope every handler opens for the payment it works on: <c>PaymentId</c> and
/// <c>OrderNumber</c>, ids only. An order number that is not well formed (it may come from an
/// unverified message) is left out rather than logged.
/// </summary>
public static class PaymentLogScope
{
    public const string PaymentIdKey = "PaymentId";
    public const string OrderNumberKey = "OrderNumber";

    public static IDisposable? Begin(ILogger logger, string? orderNumber, params (string Key, object Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(extra);
        var state = new List<KeyValuePair<string, object?>>(2 + extra.Length);
        if (RequestValidator.IsOrderNumber(orderNumber))
        {
            state.Add(new(PaymentIdKey, PaymentIds.ForOrder(orderNumber!)));
            state.Add(new(OrderNumberKey, orderNumber));
        }

        foreach (var (key, value) in extra)
        {
            state.Add(new(key, value));
        }

        return state.Count == 0 ? null : logger.BeginScope(new Scope(state));
    }

    /// <summary>Key/value pairs that log providers read as structured fields; prints as "PaymentId:..., OrderNumber:...".</summary>
    private sealed class Scope(List<KeyValuePair<string, object?>> pairs) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => pairs.Count;

        public KeyValuePair<string, object?> this[int index] => pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => pairs.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", pairs.Select(p => $"{p.Key}:{p.Value}"));
    }
}
