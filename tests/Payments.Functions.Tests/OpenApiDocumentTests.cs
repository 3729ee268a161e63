using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Core.Payments;
using Payments.Functions.Api;
using Payments.Functions.Webhooks;

namespace Payments.Functions.Tests;

/// <summary>
/// docs/openapi.json is kept true: its operations are exactly the app's HTTP functions (route,
/// method, auth), and its schemas name exactly the JSON properties of the request and response types.
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly Lazy<JsonObject> LazyDocument = new(() => JsonNode.Parse(File.ReadAllText(DocumentPath()))!.AsObject());

    // Schema name in the document -> the type that is serialised (camelCase, as ApiResults writes it).
    private static readonly Dictionary<string, Type> SchemaTypes = new(StringComparer.Ordinal)
    {
        ["CreatePaymentRequest"] = typeof(CreatePaymentRequest),
        ["BillingRequest"] = typeof(BillingRequest),
        ["ProductRequest"] = typeof(ProductRequest),
        ["CreatePaymentResponse"] = typeof(CreatePaymentResponse),
        ["ConfirmPaymentRequest"] = typeof(ConfirmPaymentRequest),
        ["CardRequest"] = typeof(CardRequest),
        ["PaymentView"] = typeof(PaymentView),
        ["FailureView"] = typeof(FailureView),
        ["NextActionView"] = typeof(NextActionView),
        ["ResolveReviewRequest"] = typeof(ResolveReviewRequest),
        ["DisputeView"] = typeof(DisputeView),
        ["CreateRefundRequest"] = typeof(CreateRefundRequest),
        ["RefundView"] = typeof(RefundView),
        ["RefundList"] = typeof(RefundList),
        ["CaptureRequest"] = typeof(CaptureRequest),
        ["PaymentTimelineView"] = typeof(PaymentTimelineView),
        ["TimelineEntry"] = typeof(TimelineEntry),
        ["OperatorView"] = typeof(OperatorView),
        ["PaymentSummary"] = typeof(PaymentSummary),
        ["PaymentListPage"] = typeof(PaymentListPage),
        ["PaymentCounts"] = typeof(PaymentCounts),
        ["RedeliveryView"] = typeof(RedeliveryView),
        ["ListIndexBackfillView"] = typeof(ListIndexBackfillView),
    };

    // The app's serialiser settings, with the reflection resolver it gets on first use.
    private static readonly JsonSerializerOptions Json = new(ApiResults.Json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static JsonObject Document => LazyDocument.Value;

    private static JsonObject Paths => Document["paths"]!.AsObject();

    private static JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    private sealed record HttpFunction(string Name, string Method, string Path, AuthorizationLevel Auth, Type Class);

    private static List<HttpFunction> HttpFunctions()
    {
        var functions = new List<HttpFunction>();
        foreach (var method in typeof(PaymentsComposition).Assembly.GetTypes().SelectMany(t => t.GetMethods()))
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null);
            if (function is null || trigger is null)
            {
                continue;
            }

            Assert.False(string.IsNullOrEmpty(trigger.Route), $"{function.Name} has no route.");
            var path = "/api/" + RouteConstraint().Replace(trigger.Route!, "{$1}");
            foreach (var verb in trigger.Methods ?? [])
            {
                functions.Add(new HttpFunction(function.Name, verb.ToLowerInvariant(), path, trigger.AuthLevel, method.DeclaringType!));
            }
        }

        return functions;
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations()
        => Paths.SelectMany(p => p.Value!.AsObject().Select(o => (p.Key, o.Key, o.Value!.AsObject())));

    private static JsonObject Operation(string path, string method) => Paths[path]![method]!.AsObject();

    private static string[] Keys(JsonNode? node) => node is JsonObject o ? [.. o.Select(p => p.Key).Order(StringComparer.Ordinal)] : [];

    private static string[] JsonNames(Type type)
        => [.. Json.GetTypeInfo(type).Properties.Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string DocumentPath() => RepositoryFiles.Find(Path.Combine("docs", "openapi.json"));

    [Fact]
    public void Document_IsOpenApi3()
    {
        Assert.StartsWith("3.", Document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Document["info"]?["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(Document["info"]?["version"]?.GetValue<string>()));
    }

    [Fact]
    public void Operations_AreExactlyTheHttpFunctions()
    {
        var functions = HttpFunctions().Select(f => $"{f.Method} {f.Path} {f.Name}").Order(StringComparer.Ordinal);
        var documented = Operations().Select(o => $"{o.Method} {o.Path} {o.Operation["operationId"]?.GetValue<string>()}").Order(StringComparer.Ordinal);

        Assert.Equal(functions, documented);
    }

    [Fact]
    public void Operations_DeclareEveryRouteParameter()
    {
        foreach (var (path, method, operation) in Operations())
        {
            var inRoute = RouteParameter().Matches(path).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            var declared = (operation["parameters"] as JsonArray ?? []).Where(p => p!["in"]!.GetValue<string>() == "path")
                .Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
            Assert.True(inRoute.SequenceEqual(declared), $"{method} {path}: route parameters and documented path parameters differ.");
            Assert.All(operation["parameters"] as JsonArray ?? [], p => Assert.True(p!["in"]!.GetValue<string>() != "path" || p["required"]!.GetValue<bool>()));
        }
    }

    [Fact]
    public void Security_FunctionKeyOnlyOnFunctionLevel_ClientSecretWherePaymentAccessChecksIt_OperatorSignInWhereOperatorsAreChecked()
    {
        foreach (var function in HttpFunctions())
        {
            var schemes = (Operation(function.Path, function.Method)["security"] as JsonArray
                    ?? throw new Xunit.Sdk.XunitException($"{function.Name} declares no security (use [] for anonymous)."))
                .SelectMany(requirement => Keys(requirement)).ToHashSet(StringComparer.Ordinal);
            var needsSecret = function.Class.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(PaymentAccess)));
            var needsOperator = function.Class.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Payments.Functions.Operators.OperatorAuthorizer)));

            Assert.True(function.Auth is AuthorizationLevel.Function or AuthorizationLevel.Anonymous or AuthorizationLevel.Admin, $"{function.Name}: document the {function.Auth} level.");
            Assert.Equal(function.Auth == AuthorizationLevel.Function, schemes.Contains("functionKey"));
            Assert.Equal(function.Auth == AuthorizationLevel.Admin, schemes.Contains("masterKey"));
            Assert.Equal(needsSecret, schemes.Contains("clientSecret"));
            Assert.True(needsOperator == schemes.Contains("operatorSignIn"), $"{function.Name}: operator sign-in is {(needsOperator ? "checked but not documented" : "documented but not checked")}.");
        }
    }

    [Fact]
    public void SecuritySchemes_NameTheHeadersTheAppReads()
    {
        var schemes = Document["components"]!["securitySchemes"]!;

        Assert.Equal(("header", "x-functions-key"), (schemes["functionKey"]!["in"]!.GetValue<string>(), schemes["functionKey"]!["name"]!.GetValue<string>()));
        Assert.Equal(("query", "code"), (schemes["functionKeyQuery"]!["in"]!.GetValue<string>(), schemes["functionKeyQuery"]!["name"]!.GetValue<string>()));
        Assert.Equal(("header", PaymentAccess.ClientSecretHeader), (schemes["clientSecret"]!["in"]!.GetValue<string>(), schemes["clientSecret"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Schemas_HaveExactlyTheTypesJsonProperties()
    {
        foreach (var (schema, type) in SchemaTypes)
        {
            var node = Schemas[schema] ?? throw new Xunit.Sdk.XunitException($"Schema {schema} is missing.");
            Assert.True(JsonNames(type).SequenceEqual(Keys(node["properties"])), $"{schema}: documented [{string.Join(", ", Keys(node["properties"]))}], type has [{string.Join(", ", JsonNames(type))}].");
            var required = (node["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>());
            Assert.All(required, r => Assert.Contains(r, JsonNames(type)));
        }
    }

    [Fact]
    public void Schemas_ResponseRequiredMembers_AreRequired()
    {
        foreach (var schema in new[] { "PaymentView", "CreatePaymentResponse", "FailureView" })
        {
            var type = SchemaTypes[schema];
            var info = Json.GetTypeInfo(type);
            // Members the serialiser always writes (not nullable or not skipped when null) must be required in the document.
            var always = info.Properties.Where(p => !IsNullable(type, p.AttributeProvider as MemberInfo)).Select(p => p.Name).Order(StringComparer.Ordinal);
            var required = (Schemas[schema]!["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal);
            Assert.Equal(always, required);
        }
    }

    private static bool IsNullable(Type owner, MemberInfo? member)
    {
        var context = new NullabilityInfoContext();
        return member switch
        {
            PropertyInfo property => context.Create(property).ReadState == NullabilityState.Nullable,
            FieldInfo field => context.Create(field).ReadState == NullabilityState.Nullable,
            _ => throw new InvalidOperationException($"{owner.Name}: unexpected member."),
        };
    }

    [Fact]
    public void Enums_MatchTheApiNames()
    {
        var statuses = Enum.GetValues<PaymentStatus>().Select(PaymentView.StatusName).Order(StringComparer.Ordinal);
        var methods = MethodNames.All.Order(StringComparer.Ordinal);
        string[] EnumOf(JsonNode? node) => [.. (node!["enum"] as JsonArray)!.Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal)];

        Assert.Equal(statuses, EnumOf(Schemas["PaymentView"]!["properties"]!["status"]));
        Assert.Equal(statuses, EnumOf(Schemas["CreatePaymentResponse"]!["properties"]!["status"]));
        Assert.Equal(methods, EnumOf(Schemas["PaymentView"]!["properties"]!["method"]));
        Assert.Equal(methods, EnumOf(Schemas["CreatePaymentRequest"]!["properties"]!["method"]));
    }

    [Fact]
    public void ProblemDetails_MatchWhatTheAppWrites()
    {
        var problem = ApiResults.Problem(ErrorCode.ValidationFailed, "d", [new FieldError("amount", "m")]);
        var written = Keys(JsonNode.Parse(problem.Content!));

        Assert.StartsWith("application/problem+json", problem.ContentType, StringComparison.Ordinal);
        Assert.Equal(written, Keys(Schemas["ProblemDetails"]!["properties"]));
    }

    [Fact]
    public void ProblemDetails_CodeEnum_IsTheCatalogue()
    {
        var problem = Schemas["ProblemDetails"]!;
        var documented = (problem["properties"]!["code"]!["enum"] as JsonArray)!.Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(ErrorCode.All.Select(e => e.Code).Order(StringComparer.Ordinal), documented);
        Assert.Contains("code", (problem["required"] as JsonArray)!.Select(r => r!.GetValue<string>()));
        Assert.Contains("type", (problem["required"] as JsonArray)!.Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void FailureView_DeclineCodeEnum_IsTheDeclineCodes()
    {
        var documented = (Schemas["FailureView"]!["properties"]!["declineCode"]!["enum"] as JsonArray)!.Select(v => v!.GetValue<string>());

        Assert.Equal(DeclineCodes.All, documented);
    }

    [Fact]
    public void ProblemResponses_ListTheirCodes_EachOfTheCatalogueWithThatStatus()
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in Operations())
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                var isProblem = response!["content"] is JsonObject content && content.ContainsKey("application/problem+json");
                var codes = (response["x-problem-codes"] as JsonArray)?.Select(c => c!.GetValue<string>()).ToList();
                Assert.True(isProblem == codes is { Count: > 0 }, $"{method} {path} {status}: problem details and x-problem-codes go together.");
                foreach (var code in codes ?? [])
                {
                    var entry = ErrorCode.Find(code) ?? throw new Xunit.Sdk.XunitException($"{method} {path} {status}: {code} is not in the catalogue.");
                    Assert.True(entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) == status, $"{method} {path} {status}: {code} is a {entry.Status}.");
                    listed.Add(code);
                }
            }
        }

        Assert.Equal(ErrorCode.All.Select(e => e.Code).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ErrorResponsesWithABody_AreProblemDetails()
    {
        foreach (var (path, method, operation) in Operations())
        {
            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key is ['4', _, _]))
            {
                if (response!["content"] is JsonObject content)
                {
                    Assert.True(Keys(content).SequenceEqual(["application/problem+json"]), $"{method} {path} {status} is not problem+json.");
                    Assert.Equal("#/components/schemas/ProblemDetails", content["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
                }
            }
        }
    }

    [Fact]
    public void Create_DocumentsItsAnswers()
    {
        var create = Operation("/api/payments", "post");

        Assert.Equal(["201", "400", "401", "409", "422", "503"], Keys(create["responses"]));
        Assert.Equal("#/components/schemas/CreatePaymentResponse", create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/CreatePaymentRequest", create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Contains(create["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
    }

    [Fact]
    public void Return_IsA303WithLocation()
    {
        var responses = Operation("/api/oceanpayment/return", "post")["responses"]!;

        Assert.Equal(["303"], Keys(responses));
        Assert.NotNull(responses["303"]!["headers"]!["Location"]);
    }

    [Fact]
    public void Notice_AnswersReceiveOk()
    {
        var ok = Operation("/api/oceanpayment/notice", "post")["responses"]!["200"]!["content"]!["text/plain"]!["schema"]!;

        Assert.Equal([NoticeHandler.Acknowledgement], (ok["enum"] as JsonArray)!.Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void References_AllResolve()
    {
        var references = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key == "$ref")
                        {
                            references.Add(value!.GetValue<string>());
                        }
                        else
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(Document);

        Assert.NotEmpty(references);
        Assert.All(references, r =>
        {
            Assert.StartsWith("#/components/schemas/", r, StringComparison.Ordinal);
            Assert.NotNull(Schemas[r["#/components/schemas/".Length..]]);
        });
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex RouteParameter();
}
