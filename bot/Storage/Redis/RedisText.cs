using System.Globalization;
using StackExchange.Redis;

namespace ChatOpsReply.Storage.Redis;

/// <summary>How times and numbers are written to Redis: unix milliseconds as invariant text.</summary>
internal static class RedisText
{
    public static string Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset FromMs(RedisValue ms) => DateTimeOffset.FromUnixTimeMilliseconds((long)ms);

    public static DateTimeOffset FromMs(string ms) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture));

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
