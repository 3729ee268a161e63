namespace Payments.Core.Payments;

/// <summary>What applying a result did.</summary>
public enum TransitionKind
{
    /// <summary>The payment moved to a new state.</summary>
    Applied,

    /// <summary>The payment is already in that state: nothing to do (duplicates are success).</summary>
    Duplicate,

    /// <summary>The result is stale or would move the payment backwards: recorded and ignored.</summary>
    Ignored,

    /// <summary>The result does not match the payment (amount, currency, account, terminal, order): review.</summary>
    SentToReview,

    /// <summary>The result says nothing final (unknown, 20061): keep the state and reconcile by query.</summary>
    NeedsQuery,
}
