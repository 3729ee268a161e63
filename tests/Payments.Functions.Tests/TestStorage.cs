namespace Payments.Functions.Tests;

/// <summary>
/// The Azurite the tests use: the one on the default ports unless PAYMENTS_TEST_STORAGE names another
/// (scripts/azurite-connection.sh prints it for an emulator started on other ports).
/// </summary>
internal static class TestStorage
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("PAYMENTS_TEST_STORAGE") is { Length: > 0 } storage ? storage : "UseDevelopmentStorage=true";
}
