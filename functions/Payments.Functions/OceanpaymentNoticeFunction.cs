using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;
using Payments.Functions.Budgets;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/oceanpayment/notice</c>: the <c>noticeUrl</c>. Answers <c>receive-ok</c> only after
/// the notice is durably recorded; a storage failure throws, the host answers 500,
/// and Oceanpayment sends the notice again. Storage that hangs is given up after
/// <c>Budgets:Notice</c>, with a 500 as well.
/// </summary>
public sealed class OceanpaymentNoticeFunction(NoticeHandler handler, OperationBudgets budgets)
{
    [Function("OceanpaymentNotice")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "oceanpayment/notice")] HttpRequest request,
        CancellationToken cancellationToken)
        => budgets.RunAsync("notice", budgets.Notice, cancellationToken, token => HandleAsync(request, token), ApiResults.NoticeNotRecorded);

    private async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken) ?? [];
        await handler.HandleAsync(body, cancellationToken);
        // Rejected notices are answered receive-ok too, as Oceanpayment's docs ask: they changed nothing.
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/plain", Content = NoticeHandler.Acknowledgement };
    }
}
