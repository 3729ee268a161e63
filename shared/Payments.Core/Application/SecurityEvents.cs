using System.Globalization;
using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Application;

/// <summary>
/// Security events beside a payment are counted, not listed: one row per payment per hour, with a
/// count per kind of event (<c>notice-InvalidSignature</c>, <c>return-OffShape:payment_authType</c>, ...),
/// so no number of forged messages can grow storage beyond a row an hour.
/// </summary>
public static class SecurityEvents
{
    /// <summary>The hour's counting row (an event record whose id is the hour).</summary>
    public static PaymentRecord Hourly(DateTimeOffset at)
    {
        var hour = new DateTimeOffset(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        return new PaymentRecord(
            PaymentRecord.Event,
            string.Create(CultureInfo.InvariantCulture, $"{hour.UtcTicks:D19}-security"),
            hour,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["type"] = SecurityCountRecord.Kind });
    }

    /// <summary>The counter name: where the message came from and why it was refused (for an
    /// off-shape message, which field: never its value).</summary>
    public static string What(string source, SignatureKind kind, GatewayMessage message, KnownValues? known, VerificationOutcome verification)
    {
        ArgumentNullException.ThrowIfNull(message);
        var what = source + "-" + verification;
        return verification == VerificationOutcome.OffShape && SignedFields.FirstOffShape(kind, message.ValueOf, known) is { } field
            ? what + ":" + field
            : what;
    }
}
