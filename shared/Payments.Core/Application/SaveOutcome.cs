namespace Payments.Core.Application;

/// <summary>The result of a conditional write.</summary>
public enum SaveOutcome
{
    Saved,

    /// <summary>The payment changed since it was read (HTTP 412): read again and re-apply.</summary>
    VersionConflict,

    /// <summary>An insert-only record already exists (HTTP 409): the same notice was recorded before.</summary>
    DuplicateRecord,
}
