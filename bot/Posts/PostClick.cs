using ChatOpsReply.Accountability;

namespace ChatOpsReply.Posts;

/// <summary>
/// A click on a card, as any surface reads it: which button, on which post, by whom, and what
/// the person typed or chose with it. The surface has verified the request and found the person;
/// everything after that is the same for every surface (<see cref="PostClicks"/>).
/// </summary>
/// <param name="ActionId">The button's id as the card rendered it: a trigger's name.</param>
/// <param name="Surface">Where it came from (<see cref="SurfaceNames"/>), for the audit trail.</param>
/// <param name="ClickId">The click's own identity on its surface (a Slack action_ts, a Teams activity id, a console form key): the same click delivered twice is applied once. Null when the surface has none.</param>
public sealed record PostClick(string PostId, string ActionId, Person Person, string Surface, string? ClickId)
{
    /// <summary>The form's fields by name (<see cref="CommandInputFields"/>); a field not sent reads as null.</summary>
    public Func<string, string?> Field { get; init; } = _ => null;
}
