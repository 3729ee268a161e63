using Microsoft.Extensions.Time.Testing;
using Payments.Core.Amounts;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;

namespace Payments.Core.Tests.Application;

/// <summary>The list's filters: what each means, the defaults, and what is refused before anything is read.</summary>
public sealed class PaymentSearchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private readonly InMemoryPaymentStore _store = new();
    private readonly AskedIndex _index = new();
    private readonly PaymentSearch _search;

    public PaymentSearchTests() => _search = new PaymentSearch(_store, _index, new FakeTimeProvider(Now));

    [Fact]
    public async Task SearchAsync_NoFilters_NewestNinetyDaysTwentyFiveAPage()
    {
        await _search.SearchAsync(Query(), default);

        var asked = Assert.Single(_index.Asked);
        Assert.Equal(new PaymentListQuery(null, null, Now - PaymentSearch.DefaultWindow, Now, PaymentSearch.DefaultLimit, null), asked);
    }

    [Fact]
    public async Task SearchAsync_DatesAreWholeUtcDays_DateTimesKeepTheirInstant()
    {
        await _search.SearchAsync(Query(("createdFrom", "2026-11-01"), ("createdTo", "2026-11-03"), ("status", "requires_action"), ("method", "alipay_web"), ("limit", "100")), default);
        await _search.SearchAsync(Query(("createdFrom", "2026-11-01T10:00:00+02:00"), ("createdTo", "2026-11-01T12:00:00Z")), default);

        Assert.Equal(new PaymentListQuery(PaymentStatus.RequiresAction, PaymentMethod.AlipayWeb, new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), 100, null), _index.Asked[0]);
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)), (_index.Asked[1].CreatedFrom, _index.Asked[1].CreatedTo));
    }

    [Theory]
    [InlineData("createdFrom", "2026-11-01T10:00:00", "createdFrom")] // no offset: ambiguous
    [InlineData("createdTo", "yesterday", "createdTo")]
    [InlineData("limit", "0", "limit")]
    [InlineData("limit", "+5", "limit")]
    [InlineData("status", "Succeeded", "status")]
    [InlineData("method", "Card", "method")]
    [InlineData("orderNumber", "ORD 1", "orderNumber")]
    public async Task SearchAsync_BadFilter_NamedAndNothingRead(string name, string value, string field)
    {
        var result = await _search.SearchAsync(Query((name, value)), default);

        Assert.Null(result.Page);
        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.Empty(_index.Asked);
    }

    [Fact]
    public async Task SearchAsync_RangeBackwardsOrWiderThanAYear_Refused()
    {
        var backwards = await _search.SearchAsync(Query(("createdFrom", "2026-11-05"), ("createdTo", "2026-11-01")), default);
        var wide = await _search.SearchAsync(Query(("createdFrom", "2025-01-01"), ("createdTo", "2026-11-01")), default);

        Assert.Contains(backwards.Errors, e => e.Field == "createdFrom");
        Assert.Contains(wide.Errors, e => e.Field == "createdFrom");
        Assert.Empty(_index.Asked);
    }

    [Fact]
    public async Task SearchAsync_OrderNumber_ReadsThePaymentAloneAndAppliesTheOtherFilters()
    {
        var payment = Payment("ORD-77") with { Status = PaymentStatus.Review };
        _store.Seed(payment);

        var found = await _search.SearchAsync(Query(("orderNumber", "ORD-77"), ("status", "review")), default);
        var otherStatus = await _search.SearchAsync(Query(("orderNumber", "ORD-77"), ("status", "failed")), default);
        var missing = await _search.SearchAsync(Query(("orderNumber", "ORD-78")), default);

        Assert.Equal("pay_ORD-77", Assert.Single(found.Page!.Data).PaymentId);
        Assert.Empty(otherStatus.Page!.Data);
        Assert.Empty(missing.Page!.Data);
        Assert.Empty(_index.Asked);
    }

    [Fact]
    public async Task SearchAsync_CursorTheIndexDoesNotKnow_RefusedAsAFilterError()
    {
        _index.Refuse = true;

        var result = await _search.SearchAsync(Query(("after", "abc")), default);

        Assert.Null(result.Page);
        Assert.Contains(result.Errors, e => e.Field == "after");
    }

    private static Func<string, string?> Query(params (string Name, string Value)[] values)
        => name => values.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    private static PaymentData Payment(string order) => new()
    {
        PaymentId = "pay_" + order,
        OrderNumber = order,
        Account = "995149",
        Terminal = "99514901",
        Method = PaymentMethod.Card,
        Amount = new Money(100, Currency.Parse("USD")),
        Status = PaymentStatus.Created,
        Billing = new BillingDetails { FirstName = "A", LastName = "B", Email = "a@example.com", Country = "US" },
        ReturnUrl = "https://shop.example.com/r",
        ClientSecret = "cs",
        CreatedAt = Now.AddHours(-1),
        UpdatedAt = Now.AddHours(-1),
    };

    private sealed class AskedIndex : IPaymentIndex
    {
        public List<PaymentListQuery> Asked { get; } = [];

        public bool Refuse { get; set; }

        public Task ProjectAsync(PaymentData payment, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PaymentListPage?> ListAsync(PaymentListQuery query, CancellationToken cancellationToken)
        {
            Asked.Add(query);
            return Task.FromResult(Refuse ? null : new PaymentListPage([], null));
        }

        public Task<IReadOnlyDictionary<PaymentStatus, int>> CountAsync(DateOnly day, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
