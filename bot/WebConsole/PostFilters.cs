using System.Globalization;
using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;

namespace ChatOpsReply.WebConsole;

/// <summary>What the posts page was asked to show, as its search form sends it; echoed back into the form.</summary>
public sealed record PostFilters
{
    public static readonly IReadOnlyList<PostState> Active = PostStates.WaitingOnSomeone;

    public static readonly IReadOnlyList<PostState> Done = [PostState.Sent, PostState.Closed, PostState.Dismissed];

    public string? Text { get; init; }

    public string? Customer { get; init; }

    public string? Source { get; init; }

    public string? Queue { get; init; }

    /// <summary>The tier accountable now, as people count it: 1 for the first tier of the chain.</summary>
    public string? Tier { get; init; }

    /// <summary>Only posts that missed a limit while this tier (as people count it) had them: the figures' breaches by tier.</summary>
    public string? MissedAt { get; init; }

    /// <summary>"active" (the default), "done", "all", or a state's name.</summary>
    public string State { get; init; } = "active";

    /// <summary>A person's id, or "me".</summary>
    public string? Owner { get; init; }

    /// <summary>"yes", "no", or empty for either.</summary>
    public string? Sensitive { get; init; }

    public string? Breached { get; init; }

    /// <summary>"today", "7d", "30d", or empty for any time.</summary>
    public string? Period { get; init; }

    /// <summary>Received at or after this instant (ISO 8601): the figures page's exact period, which its links carry.</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }

    /// <summary>Received before this instant (ISO 8601).</summary>
    public DateTimeOffset? ReceivedBefore { get; init; }

    /// <summary>"due" (the default), "arrival" or "activity".</summary>
    public string Sort { get; init; } = "due";

    /// <summary>"cards" (the default) or "list".</summary>
    public string View { get; init; } = "cards";

    /// <summary>How many posts one page shows at first; "Show more" adds as many again.</summary>
    public const int PageSize = 200;

    /// <summary>The most one page shows: past it, a narrower search finds the rest faster than scrolling.</summary>
    public const int MostShown = 2000;

    /// <summary>How many posts the list shows: <see cref="PageSize"/> at first, more after "Show more".</summary>
    public int Shown { get; init; } = PageSize;

    public static PostFilters From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Value(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();
        return new PostFilters
        {
            Text = Value("q"),
            Customer = Value("customer"),
            Source = Value("source")?.ToLowerInvariant(),
            Queue = Value("queue"),
            Tier = Value("tier"),
            MissedAt = Value("missedAt"),
            // The old "Done" link said closed=1.
            State = Value("state") ?? (Value("closed") is "1" or "true" ? "done" : "active"),
            Owner = Value("owner"),
            Sensitive = Value("sensitive"),
            Breached = Value("breached"),
            Period = Value("period"),
            ReceivedFrom = Instant(Value("from")),
            ReceivedBefore = Instant(Value("before")),
            Sort = Value("sort") ?? "due",
            View = Value("view") == "list" ? "list" : "cards",
            Shown = int.TryParse(Value("shown"), NumberStyles.None, CultureInfo.InvariantCulture, out var shown) ? Math.Clamp(shown, PageSize, MostShown) : PageSize,
        };
    }

    public bool IsDefault => Text is null && Customer is null && Source is null && Queue is null && Tier is null && MissedAt is null && State == "active" && Owner is null && Sensitive is null && Breached is null && Period is null && ReceivedFrom is null && ReceivedBefore is null && Shown == PageSize;

    /// <summary>The store query these filters mean for this viewer, now.</summary>
    public PostQuery Query(Person viewer, AccountabilityPolicy policy, DateTimeOffset now, int limit)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(policy);
        return new PostQuery
        {
            Text = Text,
            Customer = Customer,
            Source = Source,
            Queue = policy.Queues.FirstOrDefault(q => string.Equals(q.Name, Queue, StringComparison.OrdinalIgnoreCase))?.Name ?? (Queue is null ? null : Queue),
            States = States(),
            Owner = Owner == "me" ? viewer.Id : Owner,
            Tier = TierIndex(Tier),
            MissedAtTier = TierIndex(MissedAt),
            Sensitive = YesNo(Sensitive),
            Breached = YesNo(Breached),
            ReceivedFrom = ReceivedFrom ?? Period switch
            {
                "today" => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero),
                "7d" => now.AddDays(-7),
                "30d" => now.AddDays(-30),
                _ => null,
            },
            ReceivedBefore = ReceivedBefore,
            Order = Sort switch { "arrival" => PostOrder.Arrival, "activity" => PostOrder.Activity, _ => PostOrder.Due },
            Limit = limit,
        };
    }

    public IReadOnlyCollection<PostState>? States() => State switch
    {
        "done" => Done,
        "all" => null,
        "active" => Active,
        _ => Enum.TryParse<PostState>(State, ignoreCase: true, out var state) ? [state] : Active,
    };

    /// <summary>This page's query string with one value changed (for links such as the queue tabs).</summary>
    public string With(string name, string? value)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Text, ["customer"] = Customer, ["source"] = Source, ["queue"] = Queue, ["tier"] = Tier, ["missedAt"] = MissedAt,
            ["state"] = State == "active" ? null : State, ["owner"] = Owner, ["sensitive"] = Sensitive, ["breached"] = Breached,
            ["period"] = Period, ["from"] = Format(ReceivedFrom), ["before"] = Format(ReceivedBefore), ["sort"] = Sort == "due" ? null : Sort, ["view"] = View == "cards" ? null : View,
            ["shown"] = Shown == PageSize ? null : Shown.ToString(CultureInfo.InvariantCulture),
        };
        values[name] = value;
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return query.Length == 0 ? "/console" : "/console?" + query;
    }

    /// <summary>An instant as the figures page writes it into its links.</summary>
    public static string? Format(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Instant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>A tier as people count it (1 first) as the index the store keeps, or null when it is no such number.</summary>
    private static int? TierIndex(string? number) =>
        int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var tier) && tier >= 1 ? tier - 1 : null;

    private static bool? YesNo(string? value) => value?.ToLower(CultureInfo.InvariantCulture) switch
    {
        "yes" or "true" or "1" => true,
        "no" or "false" or "0" => false,
        _ => null,
    };
}
