using System.Text;
using Microsoft.Extensions.Time.Testing;
using Payments.Client;
using Payments.Core.Webhooks;

namespace Payments.Functions.Tests.Client;

/// <summary>The client's verifier against the app's own signer: what the app sends verifies, nothing else does.</summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_Y2xpZW50LWxpYnJhcnktd2ViaG9vay1zZWNyZXQtMzI=";
    private const string OtherSecret = "whsec_b3RoZXItZW5kcG9pbnQtd2ViaG9vay1zZWNyZXQtMzI=";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_ORDER1.2","type":"payment.succeeded","createdAt":"2026-12-07T12:00:00Z","data":{}}""");

    private static string Signed(long at, byte[] body, params string[] secrets)
        => WebhookSignature.Header("evt_ORDER1.2", at, body, [.. secrets.Select(s => WebhookSecret.TryParse(s, out var k) ? k : throw new ArgumentException(s))]);

    private static WebhookVerifier Verifier(string secret = Secret) => new(secret, time: new FakeTimeProvider(Now));

    [Fact]
    public void WhatTheAppSigns_Verifies()
        => Assert.True(Verifier().Verify("evt_ORDER1.2", Now.ToUnixTimeSeconds().ToString(), Signed(Now.ToUnixTimeSeconds(), Body, Secret), Body));

    [Fact]
    public void DuringARotation_EitherSecretVerifies()
    {
        var header = Signed(Now.ToUnixTimeSeconds(), Body, OtherSecret, Secret);

        Assert.True(Verifier(Secret).Verify("evt_ORDER1.2", Now.ToUnixTimeSeconds().ToString(), header, Body));
        Assert.True(Verifier(OtherSecret).Verify("evt_ORDER1.2", Now.ToUnixTimeSeconds().ToString(), header, Body));
    }

    [Theory]
    [InlineData("body")]
    [InlineData("id")]
    [InlineData("timestamp")]
    [InlineData("secret")]
    [InlineData("old")]
    [InlineData("future")]
    [InlineData("no v1")]
    [InlineData("not base64")]
    [InlineData("empty")]
    public void AnythingElse_DoesNotVerify(string change)
    {
        var at = Now.ToUnixTimeSeconds();
        var body = Body;
        var id = "evt_ORDER1.2";
        var header = Signed(at, Body, Secret);
        var timestamp = at.ToString();
        var verifier = Verifier();
        switch (change)
        {
            case "body": body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("succeeded", "failed", StringComparison.Ordinal)); break;
            case "id": id = "evt_ORDER1.3"; break;
            case "timestamp": timestamp = (at + 1).ToString(); break;
            case "secret": verifier = Verifier(OtherSecret); break;
            case "old": header = Signed(at - 301, Body, Secret); timestamp = (at - 301).ToString(); break;
            case "future": header = Signed(at + 301, Body, Secret); timestamp = (at + 301).ToString(); break;
            case "no v1": header = header.Replace("v1,", "v2,", StringComparison.Ordinal); break;
            case "not base64": header = "v1,@@@@"; break;
            case "empty": header = string.Empty; break;
        }

        Assert.False(verifier.Verify(id, timestamp, header, body));
    }

    [Theory]
    [InlineData("Y2xpZW50LWxpYnJhcnktd2ViaG9vay1zZWNyZXQtMzI=")]
    [InlineData("whsec_not*base64")]
    [InlineData("whsec_c2hvcnQ=")]
    public void ASecretThatIsNotOne_IsRefused(string secret)
        => Assert.Throws<ArgumentException>(() => new WebhookVerifier(secret));
}
