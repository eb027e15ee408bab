using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Crises;
using ChatOpsReply.Library.Holding;

namespace ChatOpsReply.Slack;

/// <summary>
/// The holding statement on a declared crisis's alert: "Holding statement" opens a modal choosing a crisis-safe answer
/// (each previewed for one of the crisis's posts); once chosen, the approvers are asked in the alert's channel with
/// Approve and Reject (a modal asking why); approved, it goes to the crisis's posts after the answer, and the person
/// who approved is told how it went.
/// </summary>
public sealed partial class SlackHoldingStatements(
    HoldingStatements statements,
    ICrisisStore crises,
    SpikeAlerts alerts,
    AccountabilityPolicy policy,
    SlackPeople people,
    SlackWebApi slack,
    SlackFollowUps followUps,
    SlackEphemerals ephemerals,
    ILogger<SlackHoldingStatements> logger)
{
    /// <summary>The button on a declared crisis's alert that chooses its holding statement (its value is the crisis's id).</summary>
    public const string ChooseAction = "CrisisHoldingChoose";

    /// <summary>Approve and Reject on a holding statement waiting (their value is the crisis's id and the statement's, '|' between).</summary>
    public const string ApproveAction = "CrisisHoldingApprove";

    public const string RejectAction = "CrisisHoldingReject";

    public const string ChooseCallbackId = "crisis_holding";

    public const string RejectCallbackId = "crisis_holding_reject";

    public const string AnswerBlock = "answer";

    public const string ReasonBlock = "reason";

    /// <summary>The most answers previewed in the modal (each is a block; a modal holds 100).</summary>
    private const int Previewed = 20;

    public static bool IsHoldingView(JsonElement payload) =>
        SlackPayload.String(SlackPayload.Property(payload, "view") ?? default, "callback_id") is ChooseCallbackId or RejectCallbackId;

    public static bool IsHoldingAction(string actionId) => actionId is ChooseAction or ApproveAction or RejectAction;

    public async Task ClickedAsync(string actionId, string value, string userId, string? channel, string? triggerId, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            ephemerals.Tell(channel, userId, SlackInteractions.UnknownPerson(userId));
            return;
        }

        var (crisisId, holdingId) = Split(value);
        switch (actionId)
        {
            case ChooseAction when !alerts.MayAnswer(person):
                ephemerals.Tell(channel, userId, SpikeAlerts.NotYoursText);
                return;
            case ChooseAction when triggerId is not null:
                // Slack: trigger_id expires 3 seconds after the click, so the modal opens right after the acknowledgement, docs.slack.dev/surfaces/modals#opening_modals
                followUps.Enqueue("open holding statement modal", ct => OpenChooserAsync(crisisId, person, userId, channel, triggerId, ct));
                return;
            case ApproveAction:
                // Sending to every post takes longer than Slack waits for its answer.
                followUps.Enqueue("approve holding statement", async ct =>
                    ephemerals.Tell(channel, userId, (await statements.DecideAsync(crisisId, holdingId, approve: true, reason: null, person, ct).ConfigureAwait(false)).Said));
                return;
            case RejectAction when triggerId is not null:
                if (statements.WhyNotDecide(await crises.GetAsync(crisisId, cancellationToken).ConfigureAwait(false), holdingId, person) is { } refused)
                {
                    ephemerals.Tell(channel, userId, refused);
                    return;
                }

                followUps.Enqueue("open holding rejection modal", async ct => await OpenAsync(triggerId, RejectModal(crisisId, holdingId, channel), userId, channel, ct).ConfigureAwait(false));
                return;
            default:
                return;
        }
    }

    /// <summary>The choose or reject modal submitted: a wrong field keeps the modal open with what was typed, naming the field.</summary>
    public async Task<JsonObject?> SubmittedAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var view = SlackPayload.Property(payload, "view") ?? default;
        var metadata = (SlackPayload.String(view, "private_metadata") ?? "").Split('|');
        var userId = SlackPayload.String(payload, "user", "id") ?? "";
        var channel = metadata.Length > 2 && metadata[2].Length > 0 ? metadata[2] : null;
        if (await people.FindAsync(userId, cancellationToken).ConfigureAwait(false) is not { } person)
        {
            ephemerals.Tell(channel, userId, SlackInteractions.UnknownPerson(userId));
            return null;
        }

        var values = SlackViewSubmissions.Values(view);
        if (SlackPayload.String(view, "callback_id") == RejectCallbackId)
        {
            var rejected = await statements.DecideAsync(metadata[0], metadata.ElementAtOrDefault(1), approve: false, values.GetValueOrDefault(ReasonBlock), person, cancellationToken).ConfigureAwait(false);
            if (rejected.Error is { } wrong)
            {
                return SlackViewSubmissions.Errors(ReasonBlock, wrong);
            }

            ephemerals.Tell(channel, userId, rejected.Said);
            return null;
        }

        var chosen = await statements.ProposeAsync(metadata[0], values.GetValueOrDefault(AnswerBlock), person, cancellationToken).ConfigureAwait(false);
        if (chosen.Error is { } error)
        {
            return SlackViewSubmissions.Errors(AnswerBlock, error);
        }

        ephemerals.Tell(channel, userId, chosen.Said);
        if (chosen.Recorded is { Holding: { } holding } crisis && channel is not null)
        {
            followUps.Enqueue("ask for holding statement approval", ct => AskApproversAsync(crisis, holding, person, channel, ct));
        }

        return null;
    }

    private async Task OpenChooserAsync(string crisisId, Person person, string userId, string? channel, string triggerId, CancellationToken cancellationToken)
    {
        if (await crises.GetAsync(crisisId, cancellationToken).ConfigureAwait(false) is not { Status: CrisisStatus.Declared } crisis)
        {
            ephemerals.Tell(channel, userId, HoldingStatements.NotDeclaredText);
            return;
        }

        var choices = await statements.ChoicesAsync(crisis, cancellationToken).ConfigureAwait(false);
        if (choices.Count == 0)
        {
            ephemerals.Tell(channel, userId, $"No approved answer of {policy.Queue(crisis.Queue).DisplayName} is marked crisis-safe: mark one in the library, then choose it here.");
            return;
        }

        var sample = await statements.SampleAsync(crisis, cancellationToken).ConfigureAwait(false);
        var blocks = new JsonArray
        {
            Section($"Choose the answer every post of the crisis for {CrisisDeclarations.Topic(crisis)} gets now, each filled in for its customer. {Mrkdwn.Escape(statements.ApproverRole, 50)} approves it first (someone other than you). As {Mrkdwn.Escape(sample.Author.FirstName, 100)} would get it:"),
        };
        foreach (var answer in choices.Take(Previewed))
        {
            blocks.Add(Section($"*{Mrkdwn.Escape(answer.Title, 200)}*\n{Mrkdwn.Escape(HoldingStatements.Preview(answer, sample, person), 2500)}"));
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = AnswerBlock,
            ["label"] = PlainText("Holding statement"),
            // Slack: a static_select holds at most 100 options, each text at most 75 characters, docs.slack.dev/reference/block-kit/block-elements/select-menu-element
            ["element"] = new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = AnswerBlock,
                ["options"] = new JsonArray([.. choices.Select(a => (JsonNode)new JsonObject { ["text"] = PlainText(Mrkdwn.Truncate(a.Title, 75)), ["value"] = a.Id })]),
            },
        });
        await OpenAsync(triggerId, Modal(ChooseCallbackId, $"{crisis.Id}||{channel}", "Holding statement", "Ask for approval", blocks), userId, channel, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The approval request in the alert's channel, mentioning the approvers (but the one who chose it).</summary>
    private async Task AskApproversAsync(Crisis crisis, HoldingStatement holding, Person chooser, string channel, CancellationToken cancellationToken)
    {
        var approvers = policy.People.WithRole(statements.ApproverRole).Where(p => p.Id != chooser.Id).Select(p => p.Id).ToList();
        var text = $"{people.Mentions(approvers)} {Mrkdwn.Escape(chooser.Name, 100)} chose *{Mrkdwn.Escape(holding.Title, 200)}* as the holding statement for the crisis about {Mrkdwn.Escape(CrisisDeclarations.Topic(crisis), 300)} in {Mrkdwn.Escape(policy.Queue(crisis.Queue).DisplayName, 100)}: approve it and it goes to every post of the crisis.".TrimStart();
        var value = $"{crisis.Id}|{holding.Id}";
        var message = new JsonObject
        {
            ["text"] = Mrkdwn.Notification($"{chooser.Name} asks {statements.ApproverRole} to approve a holding statement.", 3000),
            ["blocks"] = new JsonArray
            {
                Section(text),
                new JsonObject
                {
                    ["type"] = "actions",
                    ["elements"] = new JsonArray { SlackSpikeAlert.Button(ApproveAction, "Approve", value, "primary"), SlackSpikeAlert.Button(RejectAction, "Reject", value, "danger") },
                },
            },
        };
        var posted = await slack.PostMessageAsync(channel, message, null, cancellationToken).ConfigureAwait(false);
        if (!posted.Ok)
        {
            // The alert itself offers Approve and Reject too, so nothing is lost with this message.
            LogRequestFailed(crisis.Id, posted.Error.ToString());
        }
    }

    private async Task OpenAsync(string triggerId, JsonObject modal, string userId, string? channel, CancellationToken cancellationToken)
    {
        var opened = await slack.OpenViewAsync(triggerId, modal, cancellationToken).ConfigureAwait(false);
        if (!opened.Ok)
        {
            LogModalFailed(opened.Error.ToString());
            ephemerals.Tell(channel, userId, $"Slack did not open the form ({opened.Error.Code}). Please click again.");
        }
    }

    private static JsonObject RejectModal(string crisisId, string? holdingId, string? channel) =>
        Modal(RejectCallbackId, $"{crisisId}|{holdingId}|{channel}", "Reject statement", "Reject", new JsonArray
        {
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = ReasonBlock,
                ["label"] = PlainText("Why (the one who chose it reads this)"),
                ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = ReasonBlock, ["multiline"] = true, ["max_length"] = 2000 },
            },
        });

    private static JsonObject Modal(string callbackId, string metadata, string title, string submit, JsonArray blocks) => new()
    {
        // Slack: a modal's title and button texts are plain_text of at most 24 characters, private_metadata at most 3000, docs.slack.dev/reference/views/modal-views
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["private_metadata"] = metadata,
        ["title"] = PlainText(title),
        ["submit"] = PlainText(submit),
        ["close"] = PlainText("Cancel"),
        ["blocks"] = blocks,
    };

    private static (string CrisisId, string? HoldingId) Split(string value)
    {
        var parts = value.Split('|', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn, ["verbatim"] = true } };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not open a holding statement modal: {Error}")]
    private partial void LogModalFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not take the holding statement approval request of crisis {CrisisId}: {Error}")]
    private partial void LogRequestFailed(string crisisId, string error);
}
