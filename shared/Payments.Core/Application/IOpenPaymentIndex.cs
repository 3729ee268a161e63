namespace Payments.Core.Application;

/// <summary>
/// The open-payment index as its reader (the sweep) sees it: the payments that still wait on the
/// gateway, each with when it is due a check. Its rows are written only by <see cref="PaymentWriter"/>
/// (<see cref="IOpenPaymentIndexWriter"/>).
/// </summary>
public interface IOpenPaymentIndex
{
    /// <summary>
    /// Up to <paramref name="max"/> rows due at or before <paramref name="dueBefore"/>, earliest first,
    /// read from the index alone (never a scan of the payments).
    /// </summary>
    Task<IReadOnlyList<OpenPaymentEntry>> ListDueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken);
}
