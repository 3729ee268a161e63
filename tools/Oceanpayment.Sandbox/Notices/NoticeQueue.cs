using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Oceanpayment.Sandbox.Protocol;
using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Notices;

/// <summary>Records notices and hands them to <see cref="NoticeDeliveryService"/>; one job = messages sent in order.</summary>
internal sealed class NoticeQueue(SandboxStore store, IOptions<SandboxOptions> options)
{
    // The duplicate-notices scenario sends each notice this many times.
    private const int DuplicateCopies = 3;

    private readonly Channel<IReadOnlyList<NoticeRecord>> _jobs = Channel.CreateUnbounded<IReadOnlyList<NoticeRecord>>();

    public ChannelReader<IReadOnlyList<NoticeRecord>> Reader => _jobs.Reader;

    public void Enqueue(PaymentResult result, NoticeMode mode)
    {
        if (mode == NoticeMode.None || result.NoticeUrl.Length == 0)
        {
            return;
        }

        var secureCode = options.Value.Terminals.First(t => t.Account == result.Account && t.Terminal == result.Terminal).SecureCode;
        var records = new List<NoticeRecord>();
        var copies = mode == NoticeMode.Duplicate ? DuplicateCopies : 1;
        for (var copy = 1; copy <= copies; copy++)
        {
            records.Add(store.AddNotice(result, copies == 1 ? "result" : $"result (copy {copy} of {copies})", Body(result, secureCode)));
        }

        if (mode == NoticeMode.OutOfOrder)
        {
            var stale = result with { Status = "-1", Details = ResultCodes.NotFinished, PayUrl = "" };
            records.Add(store.AddNotice(stale, "stale pending (after the final result)", Body(stale, secureCode)));
        }

        _jobs.Writer.TryWrite(records);
    }

    /// <summary>Records a business notice (and its copies) without sending it; pass the records to <see cref="Send"/>.</summary>
    public IReadOnlyList<NoticeRecord> RecordBusiness(BusinessNotice notice, NoticeMode mode)
    {
        if (mode == NoticeMode.None || notice.NoticeUrl.Length == 0)
        {
            return [];
        }

        var secureCode = options.Value.Terminals.First(t => t.Account == notice.Account && t.Terminal == notice.Terminal).SecureCode;
        var body = BusinessNoticeXml.Write(notice, secureCode);
        var copies = mode == NoticeMode.Duplicate ? DuplicateCopies : 1;
        return Enumerable.Range(1, copies)
            .Select(copy => store.AddNotice(notice, copies == 1 ? notice.NoticeType : $"{notice.NoticeType} (copy {copy} of {copies})", body))
            .ToList();
    }

    public void Send(IReadOnlyList<NoticeRecord> records)
    {
        if (records.Count > 0)
        {
            _jobs.Writer.TryWrite(records);
        }
    }

    private static byte[] Body(PaymentResult result, string secureCode) =>
        ResultXml.Write(result, ResultXml.NoticeRoot, ResultXml.SignF3(result, secureCode), responseType: "1");
}
