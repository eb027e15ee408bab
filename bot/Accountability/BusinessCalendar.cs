namespace ChatOpsReply.Accountability;

/// <summary>
/// Counts SLA time only while a queue is open. Windows are computed as UTC instants
/// from local opening and closing times, so daylight-saving changes are respected.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>A queue without business hours: SLA time always runs.</summary>
    public static readonly BusinessCalendar AlwaysOpen = new();

    private readonly TimeZoneInfo? _zone;
    private readonly HashSet<DayOfWeek> _days = [];
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly TimeOnly _opens;
    private readonly TimeOnly _closes;

    private BusinessCalendar()
    {
    }

    public BusinessCalendar(BusinessHoursOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        _days = [.. options.Days ?? BusinessHoursOptions.DefaultDays];
        _holidays = [.. options.Holidays];
        _opens = options.Opens;
        _closes = options.Closes;
    }

    /// <summary>The instant at which <paramref name="duration"/> of open time has passed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (_zone is null)
        {
            return start + duration;
        }

        var remaining = duration;
        var cursor = start.ToUniversalTime();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cursor, _zone).DateTime).AddDays(-1);
        // A year of closed days in a row means the calendar is unusable; stop rather than loop.
        for (var guard = 0; guard < 800; guard++, day = day.AddDays(1))
        {
            if (!_days.Contains(day.DayOfWeek) || _holidays.Contains(day))
            {
                continue;
            }

            var opens = ToUtc(day, _opens);
            var closes = ToUtc(day, _closes);
            if (closes <= cursor)
            {
                continue;
            }

            var from = cursor > opens ? cursor : opens;
            var available = closes - from;
            if (remaining <= available)
            {
                return from + remaining;
            }

            remaining -= available;
            cursor = closes;
        }

        throw new InvalidOperationException("The business calendar has no open time in the next two years.");
    }

    /// <summary>The time zone the queue keeps its hours in (UTC for a queue without business hours).</summary>
    public TimeZoneInfo TimeZone => _zone ?? TimeZoneInfo.Utc;

    /// <summary>How much open time lies between two instants (zero when <paramref name="end"/> is not after <paramref name="start"/>): what SLA time counted.</summary>
    public TimeSpan OpenTimeBetween(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        if (_zone is null)
        {
            return end - start;
        }

        var open = TimeSpan.Zero;
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, _zone).DateTime);
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, _zone).DateTime); day <= last; day = day.AddDays(1))
        {
            if (!_days.Contains(day.DayOfWeek) || _holidays.Contains(day))
            {
                continue;
            }

            var from = ToUtc(day, _opens) is var opens && opens > start ? opens : start;
            var to = ToUtc(day, _closes) is var closes && closes < end ? closes : end;
            if (to > from)
            {
                open += to - from;
            }
        }

        return open;
    }

    /// <summary>Whether the queue is open at this instant.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        if (_zone is null)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (!_days.Contains(day.DayOfWeek) || _holidays.Contains(day))
        {
            return false;
        }

        return at >= ToUtc(day, _opens) && at < ToUtc(day, _closes);
    }

    private DateTimeOffset ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A local time skipped by a clock change does not exist; the hour after it does.
        while (_zone!.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
    }
}
