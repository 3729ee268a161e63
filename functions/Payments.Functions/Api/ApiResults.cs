using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Payments.Core.Oceanpayment.Requests;

namespace Payments.Functions.Api;

/// <summary>The one place that turns outcomes into HTTP answers: JSON bodies and RFC 9457 problem details.</summary>
internal static class ApiResults
{
    // The reflection resolver is set here, not left to the first Serialize call: UnknownFields reads type
    // metadata from these options, and a request checked before any answer was written would find none.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static ContentResult Ok(object body, int status = 200) => new()
    {
        StatusCode = status,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(body, Json),
    };

    /// <summary>A problem of a catalogue kind: its type, code, status and title come from the entry, the detail from the case.</summary>
    public static ContentResult Problem(ErrorCode error, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = new Dictionary<string, object>
        {
            ["type"] = error.Type,
            ["title"] = error.Title,
            ["status"] = error.Status,
            ["detail"] = detail,
            ["code"] = error.Code,
        };
        if (errors is { Count: > 0 })
        {
            problem["errors"] = errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        }

        return new ContentResult
        {
            StatusCode = error.Status,
            ContentType = "application/problem+json; charset=utf-8",
            Content = JsonSerializer.Serialize(problem, Json),
        };
    }

    public static ContentResult Validation(IReadOnlyList<FieldError> errors)
        => Problem(ErrorCode.ValidationFailed, "One or more fields do not meet the rules; see errors.", errors);

    public static ContentResult NotFound() => Problem(ErrorCode.PaymentNotFound, "There is no payment with this id.");

    /// <summary>400 <c>unknown_field</c>: the body names fields the request type does not have, each keyed by its path.</summary>
    public static ContentResult UnknownFields(IReadOnlyList<FieldError> errors)
        => Problem(ErrorCode.UnknownField, "The body has fields this route does not take (a misspelling, or a feature it does not have); nothing was done. See errors.", errors);

    /// <summary>503: a dependency did not answer within the request's budget. Nothing half-done was
    /// acknowledged, so the same request can be sent again.</summary>
    public static ContentResult Unavailable()
        => Problem(ErrorCode.DependencyUnavailable, "A dependency did not answer in time. Nothing was lost; send the same request again.");

    /// <summary>500 for a notice that could not be recorded in time: Oceanpayment sends it again.</summary>
    public static ContentResult NoticeNotRecorded()
        => Problem(ErrorCode.NoticeNotRecorded, "The notice could not be recorded in time; send it again.");

    public static ContentResult Unauthorized() => Problem(ErrorCode.ClientSecretRequired, "Send the payment's client secret in the X-Client-Secret header.");
}
