using Payments.Core.Application;

namespace Payments.Core.Tests.Application;

/// <summary>
/// Every kind of audit record is a type with its own timeline line; these check that each one is read
/// back from its stored form (type string and values, as old rows hold them) into the same kind, with
/// the same values and the same line.
/// </summary>
public sealed class AuditRecordsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    // One of each kind, with values as the app writes them.
    private static readonly AuditRecord[] Samples =
    [
        new SentRecord("99514901", "Credit Card"),
        new AnswerRecord("-1", "80093:3D not completed"),
        new OutcomeUnknownRecord("no-answer: timeout"),
        new TransitionRecord("Applied", "Processing", "Succeeded", "Notice", "Succeeded", "80000", "231115103045123010521", "Result applied."),
        new QueryRecord("1", "80000"),
        new QueryRecord("0", "80091", "live"),
        new NotFoundRecord(),
        new HorizonRecord(),
        new ReviewRecord("Reconciliation failed on every attempt (poison message)."),
        new OperatorResolvedRecord("Succeeded", "checked in the Oceanpayment console", "ann@example.com"),
        new OperatorResolvedRecord("Failed", "no charge found", string.Empty),
        new OperatorCheckRecord("ann@example.com", "payment"),
        new UnknownPaymentRecord("Notice", "Succeeded"),
        new SecurityCountRecord([("notice-InvalidSignature", "3"), ("return-claims-success", "1")]),
        new BusinessNoticeRecord("chargeBack", "2", "dispute-opened"),
        new RefundRequestedRecord("re_0123456789abcdef01234567", "10.00 USD", "damaged", string.Empty),
        new RefundRequestedRecord("re_0123456789abcdef01234567", "10.00 USD", "damaged", "ann@example.com"),
        new LateChargeRefundRecord("1", "re_0123456789abcdef01234567", "231115103045123010521"),
        new RefundAcceptedRecord("re_0123456789abcdef01234567", "123456789012345678"),
        new RefundSettledRecord("succeeded", "re_0123456789abcdef01234567", "query", "1", "Refund succeeded"),
        new RefundSettledRecord("failed", "re_0123456789abcdef01234567", "refused", "0", "insufficient balance"),
        new RefundNoticeRecord("re_0123456789abcdef01234567", "1", Matched: true),
        new RefundNoticeRecord(string.Empty, "1", Matched: false),
        new RefundArnRecord("re_0123456789abcdef01234567", "74987654321098765432109"),
        new RefundReviewRecord("re_0123456789abcdef01234567", AnswerLost: true),
        new AuthRequestedRecord("capture", "15.00 USD"),
        new AuthRequestedRecord("cancel", string.Empty),
        new AuthAnswerRecord("capture", "1", "80000"),
        new AuthRefusedRecord("cancel", "80050"),
        new WebhookAttemptRecord("evt_ORD1.2", "payment.succeeded", "shop.example.com", "1", "500", "retrying"),
    ];

    public static TheoryData<AuditRecord> Kinds
    {
        get
        {
            var data = new TheoryData<AuditRecord>();
            foreach (var sample in Samples)
            {
                data.Add(sample);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void StoredForm_ReadsBackAsTheSameKind_WithItsValuesAndLine(AuditRecord record)
    {
        var stored = record.ToRecord(At);

        var read = AuditRecords.Read(stored.Values);

        Assert.NotNull(read);
        Assert.Equal(record.GetType(), read.GetType());
        Assert.Equal(record.Type, stored.Values["type"]);
        Assert.Equal(record.Values(), read.Values());
        Assert.Equal(record.Describe(), read.Describe());
        Assert.Equal(record.Describe(), PaymentTimeline.Build(Payments.PaymentTests.NewPayment().Data, [stored]).Single(e => e.Type == record.Type).Summary);
    }

    [Fact]
    public void EveryKindOfAuditRecord_HasASample()
    {
        var kinds = typeof(AuditRecord).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AuditRecord)) && !t.IsAbstract).ToHashSet();

        Assert.Equal(kinds.OrderBy(t => t.Name), Samples.Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
    }
}
