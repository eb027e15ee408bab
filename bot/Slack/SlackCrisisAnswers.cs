using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Slack;

/// <summary>
/// "Declare crisis" and "Resolve crisis" on a spike's alert. Declaring first opens a modal that says how many
/// posts would move; its submission records the crisis before Slack gets its answer, and the moves run
/// after it, the person told how they went. Resolving records, moves back and tells, after the answer.
/// </summary>
public sealed partial class SlackCrisisAnswers(
    CrisisDeclarations declarations,
    ISpikeStore spikes,
    SpikeAlerts alerts,
    SlackPeople people,
    SlackWebApi slack,
    SlackFollowUps followUps,
    SlackEphemerals ephemerals,
    ILogger<SlackCrisisAnswers> logger)
{
    public const string CallbackId = "crisis_declare";

    /// <summary>Whether a submitted view is the declare modal.</summary>
    public static bool IsDeclareView(JsonElement payload) =>
        SlackPayload.String(SlackPayload.Property(payload, "view") ?? default, "callback_id") == CallbackId;

    /// <summary>The "Declare crisis" button (its value is the spike's id): a modal with the preview count, for those who may declare.</summary>
    public async Task AskToDeclareAsync(string spikeId, string userId, string? channel, string? triggerId, CancellationToken cancellationToken)
    {
        if (await AnswererAsync(userId, channel, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return;
        }

        if (triggerId is null)
        {
            return;
        }

        // Slack: trigger_id expires 3 seconds after the click, so the modal opens right after the acknowledgement, docs.slack.dev/surfaces/modals#opening_modals
        followUps.Enqueue("open crisis modal", async ct =>
        {
            if (await spikes.GetAsync(spikeId, ct).ConfigureAwait(false) is not { } spike)
            {
                ephemerals.Tell(channel, userId, SpikeAlerts.UnknownSpikeText);
                return;
            }

            var candidate = declarations.Candidate(spike, person);
            var count = (await declarations.CoveredAsync(candidate, ct).ConfigureAwait(false)).Count;
            var opened = await slack.OpenViewAsync(triggerId, Modal(declarations.Preview(candidate, count), spikeId, channel), ct).ConfigureAwait(false);
            if (!opened.Ok)
            {
                LogModalFailed(spikeId, opened.Error.ToString());
                ephemerals.Tell(channel, userId, $"Slack did not open the form ({opened.Error.Code}). Please click Declare crisis again.");
            }
        });
    }

    /// <summary>The declare modal submitted: the crisis recorded now, its posts moved after the answer.</summary>
    public async Task<JsonObject?> DeclareAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var view = SlackPayload.Property(payload, "view") ?? default;
        var (spikeId, channel) = Metadata(SlackPayload.String(view, "private_metadata"));
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        if (await people.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            ephemerals.Tell(channel, userId, SlackInteractions.UnknownPerson(userId));
            return null;
        }

        if (await spikes.GetAsync(spikeId, cancellationToken).ConfigureAwait(false) is not { } spike)
        {
            ephemerals.Tell(channel, userId, SpikeAlerts.UnknownSpikeText);
            return null;
        }

        var (crisis, refused) = await declarations.DeclareAsync(declarations.Candidate(spike, person), person, cancellationToken).ConfigureAwait(false);
        if (crisis is null)
        {
            ephemerals.Tell(channel, userId, refused);
            return null;
        }

        followUps.Enqueue("move posts into crisis", async ct =>
        {
            var moves = await declarations.MoveInAsync(crisis, person, SurfaceNames.Slack, ct).ConfigureAwait(false);
            ephemerals.Tell(channel, userId, declarations.Declared(crisis, moves));
        });
        return null;
    }

    /// <summary>The "Resolve crisis" button (its value is the crisis's id).</summary>
    public async Task ResolveAsync(string crisisId, string userId, string? channel, CancellationToken cancellationToken)
    {
        if (await AnswererAsync(userId, channel, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            return;
        }

        // Recorded before Slack gets its answer; moving many posts back takes longer than Slack waits for it.
        var (resolved, refused) = await declarations.MarkResolvedAsync(crisisId, person, cancellationToken).ConfigureAwait(false);
        if (resolved is null)
        {
            ephemerals.Tell(channel, userId, refused);
            return;
        }

        followUps.Enqueue("return a resolved crisis's posts", async ct => ephemerals.Tell(channel, userId, await declarations.ReturnPostsAsync(resolved, person, SurfaceNames.Slack, ct).ConfigureAwait(false)));
    }

    /// <summary>The person, when they may answer a spike's alert; else null, and they were told why not.</summary>
    private async Task<Person?> AnswererAsync(string userId, string? channel, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            ephemerals.Tell(channel, userId, SlackInteractions.UnknownPerson(userId));
            return null;
        }

        if (!alerts.MayAnswer(person))
        {
            ephemerals.Tell(channel, userId, SpikeAlerts.NotYoursText);
            return null;
        }

        return person;
    }

    private static JsonObject Modal(string preview, string spikeId, string? channel) => new()
    {
        // Slack: a modal's title and button texts are plain_text of at most 24 characters, private_metadata at most 3000, docs.slack.dev/reference/views/modal-views
        ["type"] = "modal",
        ["callback_id"] = CallbackId,
        ["private_metadata"] = $"{spikeId}|{channel}",
        ["title"] = PlainText("Declare crisis"),
        ["submit"] = PlainText("Declare crisis"),
        ["close"] = PlainText("Cancel"),
        ["blocks"] = new JsonArray { new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Mrkdwn.Escape(preview, 3000), ["verbatim"] = true } } },
    };

    private static (string SpikeId, string? Channel) Metadata(string? metadata)
    {
        var parts = (metadata ?? "").Split('|', 2);
        return (parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not open the crisis modal for spike {SpikeId}: {Error}")]
    private partial void LogModalFailed(string spikeId, string error);
}
