namespace Payments.Infra.Tests;

/// <summary>
/// Every test that runs the Bicep CLI shares one collection: one compilation of the committed template, and no
/// parallel bicep processes competing for the machine's two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>
{
    public const string Name = "infra";
}
