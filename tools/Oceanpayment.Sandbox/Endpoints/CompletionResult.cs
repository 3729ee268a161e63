using Oceanpayment.Sandbox.State;

namespace Oceanpayment.Sandbox.Endpoints;

internal enum CompletionStatus
{
    Completed,
    NotFound,
    NotPending,
}

internal sealed record CompletionResult(CompletionStatus Status, PaymentResult? Result);
