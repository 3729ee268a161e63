using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// The events feed's cursor: <c>base64url("f2|&lt;feed tag&gt;|&lt;p0&gt;,&lt;p1&gt;,…")</c>, the last position
/// read in each shard's log. <c>f2</c> is the format's version; the feed tag names the table the positions
/// belong to, so a cursor of another feed (another table or account) is refused instead of skipping
/// positions it never gave. The earlier, time-keyed cursor (<c>base64url("yyyyMMdd|&lt;ticks&gt;|&lt;id&gt;")</c>)
/// is recognised apart, for its day only.
/// </summary>
internal static class FeedCursor
{
    private const string Version = "f2";
    private const int MaxLength = 400;

    /// <summary>A short, stable name of the feed in <paramref name="tableName"/> of <paramref name="accountName"/>.</summary>
    public static string TagOf(string accountName, string tableName)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountName + "/" + tableName)))[..8];

    public static string Write(string feedTag, IReadOnlyList<long> positions)
        => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            Version + "|" + feedTag + "|" + string.Join(',', positions.Select(p => p.ToString(CultureInfo.InvariantCulture)))));

    /// <summary>False unless <paramref name="cursor"/> is exactly one this feed writes, with <paramref name="shards"/> positions.</summary>
    public static bool TryRead(string cursor, string feedTag, uint shards, [NotNullWhen(true)] out long[]? positions)
    {
        positions = null;
        if (!TryDecode(cursor, out var text))
        {
            return false;
        }

        var parts = text.Split('|');
        if (parts.Length != 3 || parts[0] != Version || parts[1] != feedTag)
        {
            return false;
        }

        var numbers = parts[2].Split(',');
        if (numbers.Length != shards)
        {
            return false;
        }

        var read = new long[shards];
        for (var i = 0; i < numbers.Length; i++)
        {
            // One spelling per position: no sign, no leading zero, no blank.
            var n = numbers[i];
            if (n.Length is 0 or > 19 || (n.Length > 1 && n[0] == '0') || !n.All(char.IsAsciiDigit)
                || !long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out read[i]))
            {
                return false;
            }
        }

        positions = read;
        return true;
    }

    /// <summary>The day of a cursor the time-keyed feed gave (<c>yyyyMMdd|</c> and a row key of that feed).</summary>
    public static bool TryReadLegacy(string cursor, out DateOnly day)
        => DayShards.TryReadPosition(cursor, c => char.IsAsciiLetterOrDigit(c) || c is '|' or '_' or '-' or '.', out day, out _);

    private static bool TryDecode(string cursor, out string text)
    {
        text = string.Empty;
        if (cursor.Length is 0 or > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
