using Oceanpayment.Sandbox;

await SandboxApp.Build(args).RunAsync();
