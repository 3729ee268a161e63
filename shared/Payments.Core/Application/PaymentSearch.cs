using System.Globalization;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Application;

/// <summary>
/// <c>GET /api/payments</c>: reads and checks the filters (status, method, created range, order number,
/// limit, after), then answers from the list index, or, for an order number, from the payment
/// itself (one point read). The rules for the filters live here, once, for the API and the console.
/// </summary>
public sealed class PaymentSearch(IPaymentStore store, IPaymentIndex index, TimeProvider clock)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>Without <c>createdFrom</c>, a list covers this far back from <c>createdTo</c>.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    /// <summary>The widest range one list may cover.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public static readonly IReadOnlyList<string> Parameters = ["status", "method", "createdFrom", "createdTo", "orderNumber", "limit", "after"];

    /// <summary>Errors for a bad filter (nothing was read), or the page.</summary>
    public async Task<PaymentSearchResult> SearchAsync(Func<string, string?> parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var errors = new List<FieldError>();
        var now = clock.GetUtcNow();
        PaymentStatus? status = null;
        if (parameter("status") is { } statusName && !TryParseStatus(statusName, out status))
        {
            errors.Add(new FieldError("status", "Unknown status; one of " + string.Join(", ", Enum.GetValues<PaymentStatus>().Select(PaymentView.StatusName)) + "."));
        }

        PaymentMethod? method = null;
        if (parameter("method") is { } methodName)
        {
            if (MethodNames.TryParse(methodName, out var parsed))
            {
                method = parsed;
            }
            else
            {
                errors.Add(new FieldError("method", "Unknown method; one of " + string.Join(", ", MethodNames.All) + "."));
            }
        }

        var to = ReadTime(parameter, "createdTo", endOfDay: true, errors) ?? now;
        var from = ReadTime(parameter, "createdFrom", endOfDay: false, errors) ?? to - DefaultWindow;
        if (from > to)
        {
            errors.Add(new FieldError("createdFrom", "createdFrom must not be after createdTo."));
        }
        else if (to - from > MaxWindow)
        {
            errors.Add(new FieldError("createdFrom", $"A list covers at most {MaxWindow.TotalDays:0} days."));
        }

        var limit = DefaultLimit;
        if (parameter("limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add(new FieldError("limit", $"limit must be a whole number from 1 to {MaxLimit}."));
        }

        var orderNumber = parameter("orderNumber");
        if (orderNumber is not null && !RequestValidator.IsOrderNumber(orderNumber))
        {
            errors.Add(new FieldError("orderNumber", "An order number is 1-50 letters, digits, '_' or '-'."));
        }

        var after = parameter("after");
        if (after is not null && orderNumber is not null)
        {
            errors.Add(new FieldError("after", "A search by order number has one page."));
        }

        if (parameter("continuation") is not null)
        {
            // The cursor's former name: answering the first page again would make an old client page for ever.
            errors.Add(new FieldError("continuation", "The cursor parameter is after (the page's next); continuation is no longer read."));
        }

        if (errors.Count > 0)
        {
            return PaymentSearchResult.Invalid(errors);
        }

        if (orderNumber is not null)
        {
            // One point read: the order number is the payment's key.
            var stored = await store.FindAsync(orderNumber, cancellationToken).ConfigureAwait(false);
            var match = stored?.Data is { } data
                && (status is null || data.Status == status)
                && (method is null || data.Method == method)
                && data.CreatedAt >= from && data.CreatedAt <= to;
            return PaymentSearchResult.Found(new PaymentListPage(match ? [Summary(stored!.Data)] : [], null));
        }

        var page = await index.ListAsync(new PaymentListQuery(status, method, from, to, limit, after), cancellationToken).ConfigureAwait(false);
        return page is null
            ? PaymentSearchResult.Invalid([new FieldError("after", "Not a cursor of this list; start again without it.")])
            : PaymentSearchResult.Found(page);
    }

    /// <summary>Counts by status of the payments created on a day (UTC), every status named.</summary>
    public async Task<PaymentCounts> CountAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var counts = await index.CountAsync(day, cancellationToken).ConfigureAwait(false);
        var named = Enum.GetValues<PaymentStatus>().ToDictionary(PaymentView.StatusName, s => counts.GetValueOrDefault(s), StringComparer.Ordinal);
        return new PaymentCounts(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), named, named.Values.Sum());
    }

    public static PaymentSummary Summary(PaymentData payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new(payment.PaymentId, payment.OrderNumber, PaymentView.StatusName(payment.Status), MethodNames.ToApi(payment.Method), payment.Amount.MinorUnits, payment.Amount.Currency.Code, payment.CreatedAt, payment.UpdatedAt);
    }

    public static bool TryParseStatus(string name, out PaymentStatus? status)
    {
        status = Enum.GetValues<PaymentStatus>().Where(s => PaymentView.StatusName(s) == name).Select(s => (PaymentStatus?)s).FirstOrDefault();
        return status is not null;
    }

    // An ISO date (a whole day: its start, or its end for createdTo) or a date-time with an offset.
    private static DateTimeOffset? ReadTime(Func<string, string?> parameter, string name, bool endOfDay, List<FieldError> errors)
    {
        if (parameter(name) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }

        if (text.Length <= 40 && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > text.IndexOf('T', StringComparison.Ordinal)))
        {
            return at.ToUniversalTime();
        }

        errors.Add(new FieldError(name, $"{name} must be a date (yyyy-MM-dd) or a date-time with an offset (ISO 8601)."));
        return null;
    }
}

/// <summary>A search's answer: the page, or why the filters were refused.</summary>
public sealed record PaymentSearchResult(PaymentListPage? Page, IReadOnlyList<FieldError> Errors)
{
    public static PaymentSearchResult Found(PaymentListPage page) => new(page, []);

    public static PaymentSearchResult Invalid(IReadOnlyList<FieldError> errors) => new(null, errors);
}

/// <summary>How many payments created on <see cref="Day"/> are in each status.</summary>
public sealed record PaymentCounts(string Day, IReadOnlyDictionary<string, int> Counts, int Total);
