using System.Text.Json.Nodes;
using System.Text.Json;
using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Library.Model;
using ChatOpsReply.Library.Search;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Teams;

/// <summary>
/// The search messaging extension over the approved-answer library: as someone types in the
/// compose box, the best approved answers (for the channel's queue, when it is a queue's
/// channel), each as a card to insert. With no post at hand, an answer is filled in for the
/// person (<c>{agent.name}</c>) and from its defaults; what is still missing stays marked.
/// </summary>
public sealed partial class TeamsAnswerSearch(AnswerLibrary library, ICannedAnswerStore store, AccountabilityPolicy policy, ConsoleLinks links, TimeProvider time, ILogger<TeamsAnswerSearch> logger)
{
    /// <summary>The command's id in manifests/teams/manifest.json.</summary>
    public const string CommandId = "searchAnswers";

    /// <summary>The name of the command's one parameter, the search box, in the manifest.</summary>
    public const string QueryParameter = "query";

    public const string LibraryUnavailable = "The answer library cannot be read right now. Try again in a moment.";

    // Teams: the service has 5 seconds to answer a query, msteams-docs messaging-extensions/how-to/search-commands/respond-to-search#respond-to-user-requests.
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

    public async Task<JsonObject> AnswerAsync(JsonElement? value, Person? person, string? conversationId, CancellationToken cancellationToken)
    {
        var query = ComposeExtensionQuery.Read(value, QueryParameter);
        if (query?.CommandId != CommandId)
        {
            return ComposeExtensionResponse.Message(query?.CommandId is { Length: > 0 } unknown
                ? $"ChatOpsReply has no search called \"{Shorten(unknown)}\". Ask an administrator to update the ChatOpsReply app in Teams."
                : "This search names no command. Ask an administrator to update the ChatOpsReply app in Teams.");
        }

        if (person is null)
        {
            return ComposeExtensionResponse.Message(TeamsPeople.Unknown);
        }

        var queue = conversationId is null ? null : policy.QueueInChannel(SurfaceNames.Teams, TeamsProtocol.ThreadKey(conversationId));
        var filters = new AnswerFilters { Queue = queue?.Name, Statuses = AnswerFilters.ApprovedOnly };
        IReadOnlyList<CannedAnswer> found;
        try
        {
            found = await FindAsync(query, filters, cancellationToken).WaitAsync(Budget, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreUnavailableException or TimeoutException)
        {
            LogUnavailable(e.Message);
            return ComposeExtensionResponse.Message(LibraryUnavailable);
        }

        var page = found.Skip(query.Skip).Take(query.Count).ToList();
        if (page.Count == 0 && query.Skip == 0)
        {
            var scope = queue is null ? "" : $" for {queue.DisplayName}";
            return ComposeExtensionResponse.Message(query.Text.Length == 0
                ? $"There are no approved answers{scope} yet: managers add them in the library of the ChatOpsReply console."
                : $"No approved answer{scope} matches \"{Shorten(query.Text)}\". Try fewer or other words.");
        }

        return ComposeExtensionResponse.Results(page.Select(answer => Attachment(answer, person)));
    }

    /// <summary>
    /// With words, the library's ranking for them. With none (the extension just opened, or the box
    /// cleared), the answers people send most, then the rest by title: a start that needs no typing.
    /// </summary>
    private async Task<IReadOnlyList<CannedAnswer>> FindAsync(ComposeExtensionQuery query, AnswerFilters filters, CancellationToken cancellationToken)
    {
        var wanted = query.Skip + query.Count;
        if (query.Text.Length > 0)
        {
            return await library.FindAsync(query.Text, filters, wanted, cancellationToken).ConfigureAwait(false);
        }

        var byTitle = await library.FindAsync(null, filters, wanted, cancellationToken).ConfigureAwait(false);
        var usage = await UsageOrNoneAsync(cancellationToken).ConfigureAwait(false);
        var used = new List<CannedAnswer>();
        foreach (var id in usage.Where(u => u.Value.Count > 0).OrderByDescending(u => u.Value.Count).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => u.Key))
        {
            if (await library.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } answer && filters.Accepts(answer))
            {
                used.Add(answer);
            }
        }

        return [.. used.Concat(byTitle.Where(a => !used.Any(u => u.Id == a.Id))).Take(wanted)];
    }

    /// <summary>How often answers were sent; when the store cannot say, nothing (the list falls back to titles).</summary>
    private async Task<IReadOnlyDictionary<string, AnswerUsage>> UsageOrNoneAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await store.UsageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            LogUnavailable(e.Message);
            return new Dictionary<string, AnswerUsage>();
        }
    }

    private JsonObject Attachment(CannedAnswer answer, Person person)
    {
        var rendering = AnswerLibrary.RenderForAgent(answer, person);
        var status = answer.IsLegalApproved ? "Approved answer · approved by legal" : "Approved answer";
        var card = AdaptiveCardRenderer.RenderAnswer(new AnswerCardModel
        {
            AnswerId = answer.Id,
            Title = answer.Title,
            Text = rendering.Draft,
            Unfilled = [.. rendering.Missing.Select(AnswerTemplate.Token)],
            FillInNote = rendering.Message,
            StatusLine = status,
            LibraryUrl = links.Answer(answer.Id),
        });
        var preview = AnswerSuggestion.Preview(rendering.Draft);
        return ComposeExtensionResponse.Attachment(card, answer.Title, answer.IsLegalApproved ? "Approved by legal · " + preview : preview);
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams answer search not answered, the library cannot be read: {Reason}")]
    private partial void LogUnavailable(string reason);
}
