namespace Oceanpayment.Sandbox.State;

/// <summary>How a committed payment proceeds after the synchronous answer.</summary>
internal enum PaymentOutcome
{
    Approve,
    Decline,
    Challenge,
    PendingThenApprove,
    PendingThenDecline,
    PendingUntilCompleted,
}
