using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Payments.Functions.Operators;

namespace Payments.Functions.Tests.Operators;

public sealed class OperatorAuthorizerTests
{
    private const string RoleUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    private static readonly (string Key, string Value) PlatformAuthOn = (OperatorAuthorizer.PlatformAuthSetting, "True");

    private static ServiceProvider Build(string environment, params (string Key, string Value)[] extra)
        => CompositionRoot.Build(environment, extra);

    private static OperatorCheck Check(string? header, params (string Key, string Value)[] settings)
    {
        using var provider = Build(Environments.Production, settings);
        return provider.GetRequiredService<OperatorAuthorizer>().Check(Request(header));
    }

    private static HttpRequest Request(string? principalHeader)
    {
        var request = new DefaultHttpContext().Request;
        if (principalHeader is not null)
        {
            request.Headers["X-MS-CLIENT-PRINCIPAL"] = principalHeader;
        }

        return request;
    }

    /// <summary>A client principal shaped as App Service Authentication writes it for Microsoft Entra ID.</summary>
    private static string Principal(string name, params (string Type, string Value)[] claims)
    {
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["name_typ"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            ["role_typ"] = RoleUri,
            ["claims"] = new JsonArray([
                new JsonObject { ["typ"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", ["val"] = name },
                .. claims.Select(c => (JsonNode)new JsonObject { ["typ"] = c.Type, ["val"] = c.Value }),
            ]),
        };
        return Base64(principal.ToJsonString());
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Check_PlatformAuthOnAndOperatorRole_IsAuthorisedWithNameAndRoles()
    {
        var check = Check(Principal("ann@example.com", ("roles", "Payments.Operator"), ("roles", "Reader")), PlatformAuthOn);

        Assert.Equal(OperatorOutcome.Authorised, check.Outcome);
        Assert.Equal("ann@example.com", check.Identity!.Name);
        Assert.Equal(["Payments.Operator", "Reader"], check.Identity.Roles);
        Assert.Equal(OperatorSignIn.Platform, check.Identity.SignIn);
        Assert.Null(check.Refusal());
    }

    [Fact]
    public void Check_RoleUnderThePrincipalsRoleType_Counts()
    {
        var check = Check(Principal("ann@example.com", (RoleUri, "Payments.Operator")), PlatformAuthOn);

        Assert.Equal(OperatorOutcome.Authorised, check.Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("true-ish")]
    public void Check_PlatformAuthOff_IgnoresTheHeaderAnyoneCanSend(string? authEnabled)
    {
        var settings = authEnabled is null ? [] : new[] { (OperatorAuthorizer.PlatformAuthSetting, authEnabled) };

        var check = Check(Principal("mallory", ("roles", "Payments.Operator")), settings);

        Assert.Equal(OperatorOutcome.NotSignedIn, check.Outcome);
        Assert.Null(check.Identity);
    }

    [Fact]
    public void Check_PlatformAuthOnLowerCaseTrue_ReadsTheHeader()
    {
        var check = Check(Principal("ann", ("roles", "Payments.Operator")), (OperatorAuthorizer.PlatformAuthSetting, "true"));

        Assert.Equal(OperatorOutcome.Authorised, check.Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("W10=")] // []
    [InlineData("e30=")] // {}
    [InlineData("eyJjbGFpbXMiOiJyb2xlcyJ9")] // {"claims":"roles"}
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6InJvbGVzIiwidmFsIjoxfV19")] // {"claims":[{"typ":"roles","val":1}]}
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6InJvbGVzIiwidmFsIjoiUGF5bWVudHMuT3BlcmF0b3IifV0=")] // {"claims":[{"typ":"roles","val":"Payments.Operator"}] (closing brace missing)
    public void Check_MalformedHeader_IsNotSignedIn(string header)
    {
        var check = Check(header, PlatformAuthOn);

        Assert.Equal(OperatorOutcome.NotSignedIn, check.Outcome);
    }

    [Fact]
    public void Check_WellFormedHeaderRow_IsTheControlForTheMalformedRows()
    {
        // The last malformed row made whole: proves those rows fail on their defect, not for want of the role.
        var check = Check("eyJjbGFpbXMiOlt7InR5cCI6InJvbGVzIiwidmFsIjoiUGF5bWVudHMuT3BlcmF0b3IifV19", PlatformAuthOn);

        Assert.Equal(OperatorOutcome.Authorised, check.Outcome);
        Assert.Equal("(no name)", check.Identity!.Name);
    }

    [Fact]
    public void Check_OversizedHeader_IsNotSignedIn()
    {
        var padding = Enumerable.Range(0, 2000).Select(i => ("groups", Guid.NewGuid().ToString())).ToArray();

        var check = Check(Principal("ann", [("roles", "Payments.Operator"), .. padding]), PlatformAuthOn);

        Assert.Equal(OperatorOutcome.NotSignedIn, check.Outcome);
    }

    [Fact]
    public void Check_NoHeaderWhilePlatformAuthOn_IsNotSignedIn()
    {
        var check = Check(null, PlatformAuthOn);

        Assert.Equal(OperatorOutcome.NotSignedIn, check.Outcome);
        Assert.Equal(401, Status(check.Refusal()));
    }

    [Theory]
    [InlineData("Reader")]
    [InlineData("payments.operator")]
    [InlineData("Payments.Operator.Extra")]
    public void Check_SignedInWithoutTheRole_IsMissingRole(string role)
    {
        var check = Check(Principal("bob", ("roles", role), ("groups", "Payments.Operator")), PlatformAuthOn);

        Assert.Equal(OperatorOutcome.MissingRole, check.Outcome);
        Assert.Equal("bob", check.Identity!.Name);
        Assert.Equal(403, Status(check.Refusal()));
    }

    [Fact]
    public void Check_ConfiguredRole_ReplacesTheDefault()
    {
        var header = Principal("ann", ("roles", "Payments.Operator"));

        var withDefaultRole = Check(header, PlatformAuthOn, ("Operators:Role", "Shop.Payments"));
        var withConfiguredRole = Check(Principal("ann", ("roles", "Shop.Payments")), PlatformAuthOn, ("Operators:Role", "Shop.Payments"));

        Assert.Equal(OperatorOutcome.MissingRole, withDefaultRole.Outcome);
        Assert.Equal(OperatorOutcome.Authorised, withConfiguredRole.Outcome);
    }

    [Fact]
    public void Check_DevelopmentSignInInDevelopment_SignsInTheDeveloperWithTheRole()
    {
        using var provider = Build(Environments.Development, ("Operators:DevelopmentSignIn", "true"), ("Operators:DevelopmentName", "dev-ann"));
        provider.GetRequiredService<IStartupValidator>().Validate();

        var check = provider.GetRequiredService<OperatorAuthorizer>().Check(Request(null));

        Assert.Equal(OperatorOutcome.Authorised, check.Outcome);
        Assert.Equal(("dev-ann", OperatorSignIn.Development), (check.Identity!.Name, check.Identity.SignIn));
        Assert.Equal(["Payments.Operator"], check.Identity.Roles);
    }

    [Fact]
    public void Check_DevelopmentWithoutDevelopmentSignIn_IsNotSignedIn()
    {
        using var provider = Build(Environments.Development);

        var check = provider.GetRequiredService<OperatorAuthorizer>().Check(Request(Principal("ann", ("roles", "Payments.Operator"))));

        Assert.Equal(OperatorOutcome.NotSignedIn, check.Outcome);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_DevelopmentSignInOutsideDevelopment_FailsNamingTheSetting(string environment)
    {
        using var provider = Build(environment, ("Operators:DevelopmentSignIn", "true"));

        // Only the operator options: the rest of this development configuration is refused outside Development anyway.
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OperatorOptions>>().Value);

        Assert.Contains($"Operators:DevelopmentSignIn is allowed only in the Development environment; this host runs as '{environment}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID", "0123abcd")]
    [InlineData("WEBSITE_SKU", "FlexConsumption")]
    [InlineData("WEBSITE_AUTH_ENABLED", "True")]
    public void Start_DevelopmentSignInOnAppService_FailsEvenInDevelopment(string marker, string value)
    {
        using var provider = Build(Environments.Development, ("Operators:DevelopmentSignIn", "true"), (marker, value));

        // What the host runs on start for options registered with ValidateOnStart().
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"Operators:DevelopmentSignIn is refused on App Service ({marker} is set)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_EmptyRole_FailsNamingTheSetting()
    {
        using var provider = Build(Environments.Development, ("Operators:Role", " "));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Operators:Role must name the app role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_Defaults_Pass()
    {
        using var provider = Build(Environments.Development);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("Payments.Operator", provider.GetRequiredService<IOptions<OperatorOptions>>().Value.Role);
    }

    [Fact]
    public void WhoAmI_Operator_AnswersNameRolesAndSignIn()
    {
        using var provider = Build(Environments.Production, PlatformAuthOn);
        var function = new OperatorWhoAmIFunction(provider.GetRequiredService<OperatorAuthorizer>());

        var answer = Assert.IsType<ContentResult>(function.Run(Request(Principal("ann@example.com", ("roles", "Payments.Operator")))));
        var body = JsonNode.Parse(answer.Content!)!;

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("ann@example.com", body["name"]!.GetValue<string>());
        Assert.Equal(["Payments.Operator"], body["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("entra", body["signIn"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, 401, "Not signed in.")]
    [InlineData("Reader", 403, "Not an operator.")]
    public void WhoAmI_NotAnOperator_AnswersProblemDetails(string? role, int status, string title)
    {
        using var provider = Build(Environments.Production, PlatformAuthOn);
        var function = new OperatorWhoAmIFunction(provider.GetRequiredService<OperatorAuthorizer>());
        var header = role is null ? null : Principal("bob", ("roles", role));

        var answer = Assert.IsType<ContentResult>(function.Run(Request(header)));
        var problem = JsonDocument.Parse(answer.Content!).RootElement;

        Assert.Equal(status, answer.StatusCode);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.DoesNotContain("bob", answer.Content, StringComparison.Ordinal);
    }

    private static int? Status(IActionResult? result) => (result as ContentResult)?.StatusCode;
}
