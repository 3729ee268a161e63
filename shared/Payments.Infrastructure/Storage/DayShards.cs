using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Payments.Infrastructure.Storage;

/// <summary>
/// The list index's layout: partitions by day, each split in shards, read a day at a time (the day's
/// shards in parallel, merged in row-key order), and positions written as opaque tokens
/// <c>base64url("yyyyMMdd|&lt;last row key&gt;")</c>. The events feed used it too before it became a log
/// per shard; it still reads its old cursors with <see cref="TryReadPosition"/> (see <see cref="FeedCursor"/>).
/// </summary>
internal static class DayShards
{
    /// <summary>Up to <paramref name="need"/> rows of the day, the shards' answers merged by row key.</summary>
    public static async Task<IReadOnlyList<T>> ReadDayAsync<T>(TableClient client, uint shards, Func<uint, string> partition, Func<string, string> filter, int need, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, (int)shards).Select(async shard =>
        {
            var rows = new List<T>(need);
            await foreach (var row in client.QueryAsync<T>(filter(partition((uint)shard)), maxPerPage: Math.Min(need, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
                if (rows.Count == need)
                {
                    break;
                }
            }

            return rows;
        })).ConfigureAwait(false);
        return [.. answers.SelectMany(a => a).OrderBy(r => r.RowKey, StringComparer.Ordinal).Take(need)];
    }

    /// <summary>A position: after <paramref name="rowKey"/> on <paramref name="day"/>, or (null) from the day's start.</summary>
    public static string Position(DateOnly day, string? rowKey)
        => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "|" + rowKey));

    /// <summary>False for anything but a position this app wrote with row keys made of <paramref name="keyCharacter"/>.</summary>
    public static bool TryReadPosition(string token, Func<char, bool> keyCharacter, out DateOnly day, out string? rowKey)
    {
        day = default;
        rowKey = null;
        if (token.Length is 0 or > 400 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        if (text.Length < 9 || text[8] != '|'
            || !DateOnly.TryParseExact(text.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            || !text.AsSpan(9).ToString().All(keyCharacter))
        {
            return false;
        }

        rowKey = text.Length == 9 ? null : text[9..];
        return true;
    }
}
