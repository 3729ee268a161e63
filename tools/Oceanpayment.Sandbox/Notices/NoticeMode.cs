namespace Oceanpayment.Sandbox.Notices;

internal enum NoticeMode
{
    Normal,
    Duplicate,
    OutOfOrder,
    None,
}
