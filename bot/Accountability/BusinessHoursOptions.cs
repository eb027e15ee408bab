namespace ChatOpsReply.Accountability;

public sealed class BusinessHoursOptions
{
    /// <summary>IANA time zone id, e.g. "Europe/Paris".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Open days; Monday to Friday when not configured (null, because binding appends to a list).</summary>
    public List<DayOfWeek>? Days { get; set; }

    public static readonly IReadOnlyList<DayOfWeek> DefaultDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public TimeOnly Opens { get; set; } = new(9, 0);

    public TimeOnly Closes { get; set; } = new(17, 0);

    /// <summary>Whole days off, in the queue's time zone.</summary>
    public List<DateOnly> Holidays { get; set; } = [];
}
