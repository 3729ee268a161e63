using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Functions.Api;

namespace Payments.Functions;

/// <summary>
/// <c>POST /api/oceanpayment/notice</c>: the <c>noticeUrl</c>. Answers <c>receive-ok</c> only after
/// the notice is durably recorded; a storage failure throws, the host answers 500,
/// and Oceanpayment sends the notice again.
/// </summary>
public sealed class OceanpaymentNoticeFunction(NoticeHandler handler)
{
    [Function("OceanpaymentNotice")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "oceanpayment/notice")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, cancellationToken) ?? [];
        await handler.HandleAsync(body, cancellationToken);
        // Rejected notices are answered receive-ok too, as Oceanpayment's docs ask: they changed nothing.
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/plain", Content = NoticeHandler.Acknowledgement };
    }
}
