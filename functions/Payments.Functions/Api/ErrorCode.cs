namespace Payments.Functions.Api;

/// <summary>
/// One kind of problem the API answers with: a stable snake_case code, its HTTP status and title.
/// <see cref="All"/> is the whole catalogue; docs/errors.md has a section for each entry (a test keeps
/// the two equal) saying what it means and what the merchant should do.
/// </summary>
public sealed class ErrorCode
{
    /// <summary>What <c>type</c> is made of: a reference into docs/errors.md, the code as its fragment
    /// (docs/errors.md says why it is relative).</summary>
    public const string TypeBase = "docs/errors.md#";

    private ErrorCode(string code, int status, string title)
    {
        Code = code;
        Status = status;
        Title = title;
    }

    public string Code { get; }

    public int Status { get; }

    public string Title { get; }

    public string Type => TypeBase + Code;

    public static readonly ErrorCode ValidationFailed = new("validation_failed", 400, "The request is not valid.");
    public static readonly ErrorCode UnknownField = new("unknown_field", 400, "The body has fields the API does not know.");
    public static readonly ErrorCode BodyUnreadable = new("body_unreadable", 400, "The body is not acceptable.");
    public static readonly ErrorCode IdempotencyKeyInvalid = new("idempotency_key_invalid", 400, "Bad Idempotency-Key.");
    public static readonly ErrorCode ClientSecretRequired = new("client_secret_required", 401, "Client secret required.");
    public static readonly ErrorCode OperatorSignInRequired = new("operator_sign_in_required", 401, "Not signed in.");
    public static readonly ErrorCode OperatorRoleRequired = new("operator_role_required", 403, "Not an operator.");
    public static readonly ErrorCode CrossSiteRequest = new("cross_site_request", 403, "Cross-site request refused.");
    public static readonly ErrorCode PaymentNotFound = new("payment_not_found", 404, "Payment not found.");
    public static readonly ErrorCode EventNotFound = new("event_not_found", 404, "Event not found.");
    public static readonly ErrorCode ConsoleFileNotFound = new("console_file_not_found", 404, "Not found.");
    public static readonly ErrorCode OrderNumberTaken = new("order_number_taken", 409, "Order number taken.");
    public static readonly ErrorCode IdempotencyInProgress = new("idempotency_in_progress", 409, "Request in progress.");
    public static readonly ErrorCode IdempotencyKeyReused = new("idempotency_key_reused", 422, "Idempotency-Key reused.");
    public static readonly ErrorCode PaymentNotRefundable = new("payment_not_refundable", 409, "Not refundable.");
    public static readonly ErrorCode AmountExceedsRefundable = new("amount_exceeds_refundable", 422, "Amount exceeds what is refundable.");
    public static readonly ErrorCode PaymentNotCapturable = new("payment_not_capturable", 409, "Not an authorised pre-authorisation.");
    public static readonly ErrorCode AmountExceedsAuthorised = new("amount_exceeds_authorised", 422, "Amount not capturable.");
    public static readonly ErrorCode AuthorisationInProgress = new("authorisation_in_progress", 409, "Capture or cancel in progress.");
    public static readonly ErrorCode GatewayRefused = new("gateway_refused", 409, "Refused by the gateway.");
    public static readonly ErrorCode PaymentNotInReview = new("payment_not_in_review", 409, "Not in review.");
    public static readonly ErrorCode NothingToCheck = new("nothing_to_check", 409, "Nothing to check.");
    public static readonly ErrorCode NoticeNotRecorded = new("notice_not_recorded", 500, "Notice not recorded.");
    public static readonly ErrorCode DependencyUnavailable = new("dependency_unavailable", 503, "Try again.");

    /// <summary>Every entry, in the order docs/errors.md lists them.</summary>
    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        ValidationFailed, UnknownField, BodyUnreadable, IdempotencyKeyInvalid,
        ClientSecretRequired, OperatorSignInRequired, OperatorRoleRequired, CrossSiteRequest,
        PaymentNotFound, EventNotFound, ConsoleFileNotFound,
        OrderNumberTaken, IdempotencyInProgress, IdempotencyKeyReused,
        PaymentNotRefundable, AmountExceedsRefundable,
        PaymentNotCapturable, AmountExceedsAuthorised, AuthorisationInProgress, GatewayRefused,
        PaymentNotInReview, NothingToCheck,
        NoticeNotRecorded, DependencyUnavailable,
    ];

    /// <summary>The entry of a code; null when the catalogue has none.</summary>
    public static ErrorCode? Find(string? code) => All.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.Ordinal));

    public override string ToString() => Code;
}
