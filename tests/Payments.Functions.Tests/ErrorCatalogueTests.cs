using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Payments.Core.Application;
using Payments.Core.Oceanpayment.Requests;
using Payments.Functions.Api;

namespace Payments.Functions.Tests;

/// <summary>The error catalogue (<see cref="ErrorCode.All"/>) and docs/errors.md name the same codes, with the same statuses and titles.</summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly Lazy<string> Document = new(() => File.ReadAllText(RepositoryFiles.Find(Path.Combine("docs", "errors.md"))));

    // "### `code`" up to the next heading: one section per problem code.
    private static Dictionary<string, string> Sections()
        => SectionHeading().Matches(Document.Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    [Fact]
    public void Catalogue_CodesAreDistinctSnakeCase_AndTypesPointIntoTheDocs()
    {
        Assert.Equal(ErrorCode.All.Count, ErrorCode.All.Select(e => e.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ErrorCode.All, e =>
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", e.Code);
            Assert.Equal("docs/errors.md#" + e.Code, e.Type);
            Assert.InRange(e.Status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(e.Title));
        });
    }

    [Fact]
    public void Docs_HaveASectionForEveryCode_WithItsStatusAndTitle()
    {
        var sections = Sections();
        Assert.All(ErrorCode.All, e =>
        {
            Assert.True(sections.TryGetValue(e.Code, out var text), $"docs/errors.md has no section for {e.Code}.");
            Assert.Contains($"**HTTP {e.Status}** · {e.Title}", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Docs_NameNoCodeTheCatalogueLacks()
    {
        var documented = Sections().Keys.Order(StringComparer.Ordinal);

        Assert.Equal(ErrorCode.All.Select(e => e.Code).Order(StringComparer.Ordinal), documented);
    }

    [Fact]
    public void Docs_DeclineTable_IsExactlyTheDeclineCodes()
    {
        var table = Document.Value[Document.Value.IndexOf("## Decline codes", StringComparison.Ordinal)..];
        var documented = DeclineRow().Matches(table).Select(m => m.Groups[1].Value);

        Assert.Equal(DeclineCodes.All, documented);
    }

    [Fact]
    public void Problem_TakesTypeCodeStatusAndTitleFromTheEntry()
    {
        var answer = ApiResults.Problem(ErrorCode.AmountExceedsRefundable, "At most 10.", [new FieldError("amount", "m")]);
        var body = JsonNode.Parse(answer.Content!)!;

        Assert.Equal(422, answer.StatusCode);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("amount_exceeds_refundable", body["code"]!.GetValue<string>());
        Assert.Equal("docs/errors.md#amount_exceeds_refundable", body["type"]!.GetValue<string>());
        Assert.Equal(422, body["status"]!.GetValue<int>());
        Assert.Equal(ErrorCode.AmountExceedsRefundable.Title, body["title"]!.GetValue<string>());
        Assert.Equal("At most 10.", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public void Find_KnowsEveryCodeAndNothingElse()
    {
        Assert.All(ErrorCode.All, e => Assert.Same(e, ErrorCode.Find(e.Code)));
        Assert.Null(ErrorCode.Find("not_a_code"));
        Assert.Null(ErrorCode.Find(null));
    }

    [GeneratedRegex(@"^### `([^`]+)`\s*$(.*?)(?=^#|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^\| `([a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DeclineRow();
}
