using Payments.LocalHost;

var app = LocalFunctionsHost.Build(args);
app.Run();
