using Payments.Core.Events;

namespace Payments.Infrastructure.Webhooks;

/// <summary>A first delivery attempt handed to this process: the message (queued as the safety net), its
/// queue handle and the event it delivers (so the attempt does not read it again).</summary>
public sealed record PromptDelivery(WebhookMessage Message, string Handle, MerchantEvent Event);
