using System.Globalization;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts.Figures;

namespace ChatOpsReply.WebConsole.Figures;

/// <summary>What the figures page was asked for, as its form sends it; echoed back into the form and into the CSV link.</summary>
public sealed record FiguresFilters
{
    /// <summary>The longest custom period: a year and a day, enough for a year-on-year look.</summary>
    public const int LongestDays = 366;

    /// <summary>"today", "7d" (the default), "30d" or "custom".</summary>
    public string Period { get; init; } = "7d";

    /// <summary>A custom period's first day (yyyy-mm-dd), in the queue's time zone.</summary>
    public string? FirstDay { get; init; }

    /// <summary>A custom period's last day, included.</summary>
    public string? LastDay { get; init; }

    public string? Queue { get; init; }

    /// <summary>The tier as people count it: 1 for the first tier of the chain.</summary>
    public string? Tier { get; init; }

    public string? Person { get; init; }

    public string? Source { get; init; }

    public static FiguresFilters From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Value(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();
        return new FiguresFilters
        {
            Period = Value("period") ?? "7d",
            FirstDay = Value("from"),
            LastDay = Value("to"),
            Queue = Value("queue"),
            Tier = Value("tier"),
            Person = Value("person"),
            Source = Value("source")?.ToLowerInvariant(),
        };
    }

    /// <summary>The figures query these filters mean now, or the field that is wrong and a sentence saying why.</summary>
    public (FiguresQuery? Query, string? Field, string? Problem) Query(AccountabilityPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var queue = Queue is null ? null : policy.Queues.FirstOrDefault(q => string.Equals(q.Name, Queue, StringComparison.OrdinalIgnoreCase));
        if (Queue is not null && queue is null)
        {
            return (null, "queue", $"There is no queue called \"{Queue}\"; choose one of {string.Join(", ", policy.Queues.Select(q => q.Name))}.");
        }

        int? tier = null;
        if (Tier is not null)
        {
            var deepest = (queue is null ? policy.Queues : [queue]).Max(q => q.Tiers.Count);
            if (!int.TryParse(Tier, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > deepest)
            {
                return (null, "tier", $"The tier is a number from 1 (the first tier of the chain) to {deepest}.");
            }

            tier = number - 1;
        }

        if (Person is not null && policy.People.Find(Person) is null)
        {
            return (null, "person", $"There is nobody with the id \"{Person}\" among the configured people.");
        }

        var zone = (queue ?? policy.DefaultQueue).Calendar.TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        DateTimeOffset from, before;
        switch (Period)
        {
            case "today":
                (from, before) = (Midnight(today, zone), now);
                break;
            case "7d":
                (from, before) = (now.AddDays(-7), now);
                break;
            case "30d":
                (from, before) = (now.AddDays(-30), now);
                break;
            case "custom":
                if (!DateOnly.TryParseExact(FirstDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                {
                    return (null, "from", "A custom period needs its first day as yyyy-mm-dd.");
                }

                if (!DateOnly.TryParseExact(LastDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
                {
                    return (null, "to", "A custom period needs its last day as yyyy-mm-dd.");
                }

                if (last < first)
                {
                    return (null, "to", "The last day comes before the first day.");
                }

                if (last.DayNumber - first.DayNumber >= LongestDays)
                {
                    return (null, "to", $"A custom period is at most {LongestDays} days long.");
                }

                (from, before) = (Midnight(first, zone), Midnight(last.AddDays(1), zone));
                break;
            default:
                return (null, "period", "The period is today, 7d, 30d or custom.");
        }

        return (new FiguresQuery(from, before, zone) { Queue = queue?.Name, Tier = tier, Person = Person, Source = Source }, null, null);
    }

    /// <summary>This page's query string with one value changed, on <paramref name="path"/> (the page or its CSV).</summary>
    public string With(string name, string? value, string path = "/console/figures")
    {
        var values = new Dictionary<string, string?>
        {
            ["period"] = Period == "7d" ? null : Period, ["from"] = Period == "custom" ? FirstDay : null, ["to"] = Period == "custom" ? LastDay : null,
            ["queue"] = Queue, ["tier"] = Tier, ["person"] = Person, ["source"] = Source,
        };
        values[name] = value;
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return query.Length == 0 ? path : path + "?" + query;
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change does not exist; the first hour after it does.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
