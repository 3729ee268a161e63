using Payments.DemoShop;

var app = DemoShopApp.Build(args);
await app.RunAsync();
