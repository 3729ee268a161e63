namespace Oceanpayment.Sandbox.State;

/// <summary>Outcome preset for an order number with <c>PUT /sandbox/orders/{order_number}/scenario</c>.</summary>
internal enum SandboxScenario
{
    None,
    Success,
    Decline,
    ThreeDSecure,
    PendingThenSuccess,
    PendingThenFail,
    PendingForever,
    TimeoutAfterCommit,
    ServerError,
    MalformedXml,
    BadSignature,
    DuplicateNotices,
    NoticeOutOfOrder,
    NoNotice,
    RefundReview,
    RefundFails,
    RefundAnswerLost,
}

internal static class SandboxScenarioNames
{
    private static readonly Dictionary<string, SandboxScenario> ByName = new(StringComparer.Ordinal)
    {
        ["success"] = SandboxScenario.Success,
        ["decline"] = SandboxScenario.Decline,
        ["3ds"] = SandboxScenario.ThreeDSecure,
        ["pending-then-success"] = SandboxScenario.PendingThenSuccess,
        ["pending-then-fail"] = SandboxScenario.PendingThenFail,
        ["pending-forever"] = SandboxScenario.PendingForever,
        ["timeout-after-commit"] = SandboxScenario.TimeoutAfterCommit,
        ["server-error"] = SandboxScenario.ServerError,
        ["malformed-xml"] = SandboxScenario.MalformedXml,
        ["bad-signature"] = SandboxScenario.BadSignature,
        ["duplicate-notices"] = SandboxScenario.DuplicateNotices,
        ["notice-out-of-order"] = SandboxScenario.NoticeOutOfOrder,
        ["no-notice"] = SandboxScenario.NoNotice,
        ["refund-review"] = SandboxScenario.RefundReview,
        ["refund-fails"] = SandboxScenario.RefundFails,
        ["refund-answer-lost"] = SandboxScenario.RefundAnswerLost,
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string? name, out SandboxScenario scenario) =>
        ByName.TryGetValue(name ?? "", out scenario);

    public static string NameOf(SandboxScenario scenario) =>
        ByName.FirstOrDefault(pair => pair.Value == scenario).Key ?? "";
}
