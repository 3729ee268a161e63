using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Payments.Infrastructure.Tests.Support;

internal sealed class TestEnvironment(string name) : IHostEnvironment
{
    public static TestEnvironment Development => new(Environments.Development);

    public static TestEnvironment Production => new(Environments.Production);

    public string EnvironmentName { get; set; } = name;

    public string ApplicationName { get; set; } = "Payments.Infrastructure.Tests";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
