namespace Payments.Core.Oceanpayment.Requests;

/// <summary>Sale, or pre-authorisation to capture later (<c>ET_NOTES</c>).</summary>
public enum CaptureMode
{
    Sale,
    PreAuthorise,
}
