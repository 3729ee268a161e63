using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Payments.Benchmarks.SigningBenchmarks).Assembly).Run(args);
