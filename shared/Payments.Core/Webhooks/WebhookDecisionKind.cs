namespace Payments.Core.Webhooks;

public enum WebhookDecisionKind
{
    Delivered,
    Retry,
    DeadLetter,
}
