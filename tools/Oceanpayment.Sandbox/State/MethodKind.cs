namespace Oceanpayment.Sandbox.State;

internal enum MethodKind
{
    Card,
    Wallet,
    LocalQr,
    LocalSdk,
}
