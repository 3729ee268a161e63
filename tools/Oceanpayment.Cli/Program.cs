using System.Text;
using Oceanpayment.Cli;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
Console.InputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return Opay.Run(args, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
