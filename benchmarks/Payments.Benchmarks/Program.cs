using BenchmarkDotNet.Running;
using Payments.Benchmarks;

if (args is ["sweep-once"])
{
    await SweepBenchmarks.RunOnceAsync(Console.Out);
    return;
}

if (args is ["notice-steps", ..])
{
    NoticeSteps.Run(args[1..], Console.Out);
    return;
}

if (args is ["list", ..])
{
    await ListBenchmark.RunAsync(args[1..], Console.Out);
    return;
}

if (args is ["ingest", ..])
{
    await IngestBenchmark.RunAsync(args[1..], Console.Out);
    return;
}

if (args is ["webhook-latency", ..])
{
    await WebhookLatencyBenchmark.RunAsync(args[1..], Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
