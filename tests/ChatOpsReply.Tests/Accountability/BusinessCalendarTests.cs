using ChatOpsReply.Accountability;
using CsCheck;

namespace ChatOpsReply.Tests.Accountability;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Paris = new(new BusinessHoursOptions
    {
        TimeZone = "Europe/Paris",
        Opens = new TimeOnly(9, 0),
        Closes = new TimeOnly(17, 0),
        Holidays = [new DateOnly(2026, 12, 25)],
    });

    private static DateTimeOffset ParisTime(int year, int month, int day, int hour, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")), TimeSpan.Zero);

    [Fact]
    public void Time_within_the_day_counts_straight_through()
    {
        Assert.Equal(ParisTime(2026, 11, 23, 11, 15), Paris.Add(ParisTime(2026, 11, 23, 10, 0), TimeSpan.FromMinutes(75)));
    }

    [Fact]
    public void A_post_before_opening_starts_its_clock_at_opening()
    {
        Assert.Equal(ParisTime(2026, 11, 23, 9, 30), Paris.Add(ParisTime(2026, 11, 23, 6, 0), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Friday_evening_time_carries_over_the_weekend_to_Monday()
    {
        Assert.Equal(ParisTime(2026, 11, 30, 10, 0), Paris.Add(ParisTime(2026, 11, 27, 16, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Holidays_are_skipped()
    {
        Assert.Equal(ParisTime(2026, 12, 28, 9, 30), Paris.Add(ParisTime(2026, 12, 24, 16, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Daylight_saving_changes_do_not_shift_opening_hours()
    {
        // Clocks go back on Sunday 25 October 2026; Monday opens at 09:00 local, which is 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 30, 0, TimeSpan.Zero), Paris.Add(ParisTime(2026, 10, 23, 17, 0), TimeSpan.FromMinutes(30)));
        Assert.Equal(new DateTimeOffset(2026, 10, 23, 7, 30, 0, TimeSpan.Zero), Paris.Add(ParisTime(2026, 10, 23, 9, 0), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Without_business_hours_time_always_runs()
    {
        var start = new DateTimeOffset(2026, 11, 28, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(start.AddHours(3), BusinessCalendar.AlwaysOpen.Add(start, TimeSpan.FromHours(3)));
        Assert.True(BusinessCalendar.AlwaysOpen.IsOpen(start));
    }

    [Fact]
    public void Due_times_are_always_open_moments_no_earlier_than_the_duration()
    {
        var start = Gen.Long[new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()];
        var minutes = Gen.Int[1, 60 * 40];
        Gen.Select(start, minutes).Sample((seconds, duration) =>
        {
            var from = DateTimeOffset.FromUnixTimeSeconds(seconds);
            var due = Paris.Add(from, TimeSpan.FromMinutes(duration));
            Assert.True(due >= from + TimeSpan.FromMinutes(duration));
            Assert.True(Paris.IsOpen(due.AddTicks(-1)), $"{from:O} + {duration} min = {due:O}, which is not in opening hours");
        });
    }
}
