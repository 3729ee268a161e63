using Payments.Core.Oceanpayment.Messages;
using Payments.Core.Oceanpayment.Signing;
using Payments.Core.Oceanpayment.Terminals;

namespace Payments.Core.Tests.Signing;

public sealed class MessageVerifierTests
{
    private static readonly TerminalKey Key = new("995149", "99514901");

    private static GatewayMessage SignedS3(string secureCode, string terminal = "99514901")
    {
        var values = SignerTests.S3Fields();
        values["terminal"] = terminal;
        values["signValue"] = Signer.Sign(SignatureKind.Result, values.GetValueOrDefault, SecureCode.From(secureCode)).ToUpperInvariant();
        return GatewayMessage.FromFields(values);
    }

    [Fact]
    public async Task Verify_ConfiguredTerminal_Verifies()
    {
        var verifier = new MessageVerifier(new InMemorySecureCodeSource([new(Key, "Ab12Cd34Ef56")]));

        Assert.Equal(VerificationOutcome.Verified, await verifier.VerifyAsync(SignatureKind.Result, SignedS3("Ab12Cd34Ef56"), default));
    }

    [Fact]
    public async Task Verify_UnknownTerminal_IsRejectedEvenWhenSignedWithAnEmptySecret()
    {
        var verifier = new MessageVerifier(new InMemorySecureCodeSource([new(Key, "Ab12Cd34Ef56")]));
        var values = SignerTests.S3Fields();
        values["terminal"] = "99514999";
        // What the official plugins would accept: signed with no secret at all.
        values["signValue"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Signer.SignedString(SignatureKind.Result, values.GetValueOrDefault))));

        Assert.Equal(VerificationOutcome.UnknownTerminal, await verifier.VerifyAsync(SignatureKind.Result, GatewayMessage.FromFields(values), default));
    }

    [Theory]
    [InlineData("", "99514901")]
    [InlineData("99514", "99514901")]
    [InlineData("995149", "9951")]
    [InlineData("995149", "99514901x")]
    public async Task Verify_MalformedAccountOrTerminal_IsUnknown(string account, string terminal)
    {
        var verifier = new MessageVerifier(new InMemorySecureCodeSource([new(Key, "Ab12Cd34Ef56")]));
        var values = SignerTests.S3Fields();
        values["account"] = account;
        values["terminal"] = terminal;

        Assert.Equal(VerificationOutcome.UnknownTerminal, await verifier.VerifyAsync(SignatureKind.Result, GatewayMessage.FromFields(values), default));
    }

    [Fact]
    public async Task Verify_WrongSecret_IsInvalid()
    {
        var verifier = new MessageVerifier(new InMemorySecureCodeSource([new(Key, "Ab12Cd34Ef56")]));

        Assert.Equal(VerificationOutcome.InvalidSignature, await verifier.VerifyAsync(SignatureKind.Result, SignedS3("other"), default));
    }

    [Fact]
    public void InMemorySource_EmptySecureCode_IsRefused()
        => Assert.Throws<ArgumentException>(() => new InMemorySecureCodeSource([new(Key, "")]));

    [Fact]
    public async Task Verify_RotatedSecret_IsReadAgainOnce()
    {
        var source = new RotatingSource("old-secret", "new-secret");
        var verifier = new MessageVerifier(source);

        var outcome = await verifier.VerifyAsync(SignatureKind.Result, SignedS3("new-secret"), default);

        Assert.Equal(VerificationOutcome.Verified, outcome);
        Assert.Equal(1, source.Refreshes);
    }

    [Fact]
    public async Task Verify_ForgedMessage_RefreshesOnceOnly()
    {
        var source = new RotatingSource("old-secret", "old-secret");
        var verifier = new MessageVerifier(source);

        Assert.Equal(VerificationOutcome.InvalidSignature, await verifier.VerifyAsync(SignatureKind.Result, SignedS3("forged"), default));
        Assert.Equal(1, source.Refreshes);
    }

    private sealed class RotatingSource(string cached, string current) : ISecureCodeSource
    {
        public int Refreshes { get; private set; }

        public ValueTask<SecureCode?> FindAsync(TerminalKey key, bool refresh, CancellationToken cancellationToken)
        {
            if (refresh)
            {
                Refreshes++;
            }

            return ValueTask.FromResult<SecureCode?>(SecureCode.From(refresh ? current : cached));
        }
    }
}
