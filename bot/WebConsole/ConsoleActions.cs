using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Guidelines;
using ChatOpsReply.Posts;
using ChatOpsReply.WebConsole.Drafts;
using ChatOpsReply.WebConsole.Pages;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// What people do on the console's cards: a click (a form, or app.js posting it and swapping in
/// the card it gets back), a lead's bulk action (one command per post), saving a reply as it is
/// typed, and checking it against the house rules as it is typed.
/// </summary>
internal static class ConsoleActions
{
    private const int MaxDraftLength = 2000;

    public static void MapConsoleActions(this RouteGroupBuilder console)
    {
        console.MapPost("/posts/{id}/actions", ActAsync);
        console.MapPost("/posts/{id}/draft", SaveDraftAsync);
        console.MapPost("/posts/{id}/check", CheckAsync);
        console.MapPost("/bulk", BulkAsync);
    }

    private static async Task<IResult> ActAsync(HttpContext http, string id, string? key, IFormCollection form, AccountabilityPolicy policy, PostClicks clicks, IPostStore store, IDraftStore drafts, ConsoleCards cards, TimeProvider time, CancellationToken cancellationToken)
    {
        // Decided before anything is done: a bad return path must not leave a click applied behind an error.
        if (!ConsoleRequests.TryReturnTo(form["returnTo"], out var returnTo))
        {
            return ConsoleRequests.BadReturnTo();
        }

        var viewer = ConsoleViewer.Of(http, policy)!;
        var action = form["action"].ToString();
        var typed = form[CommandInputFields.Text].ToString();
        if (action == nameof(PostTrigger.SubmitDraft) && typed.Length is > 0 and <= MaxDraftLength)
        {
            // Kept before the workflow decides: a refusal, a lost race or a crash cannot lose the words.
            await TrySaveAsync(drafts, Draft(id, viewer, form, time), cancellationToken).ConfigureAwait(false);
        }

        // The key is rendered fresh into each form: the same form submitted twice is applied once.
        var click = new PostClick(id, action, viewer, SurfaceNames.Console, key) { Field = name => form[name].FirstOrDefault() };
        var result = await clicks.HandleAsync(click, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == CommandOutcome.Applied && action == nameof(PostTrigger.SubmitDraft))
        {
            await TryDeleteAsync(drafts, id, viewer.Id, cancellationToken).ConfigureAwait(false);
        }

        var refusal = result.Succeeded ? null : new CardRefusal(PostClicks.Trigger(action) is null ? null : action, result.Message);
        if (!ConsoleRequests.WantsPage(http.Request))
        {
            http.Response.Headers["X-Console-Notice"] = Uri.EscapeDataString(ConsoleRequests.FittedNotice(result.Message));
            var post = result.Post ?? await TryGetAsync(store, id, cancellationToken).ConfigureAwait(false);
            if (post is null)
            {
                return Results.Problem(statusCode: result.Outcome == CommandOutcome.StoreUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status404NotFound, detail: result.Message);
            }

            var context = ConsoleRequests.Context(http, policy);
            var typedDrafts = await TryDraftsAsync(drafts, id, cancellationToken).ConfigureAwait(false);
            var page = form["page"] == "post";
            return ConsoleEndpoints.Fragment(cards.Build(post, viewer, typedDrafts, refusal, returnTo, context.AntiforgeryField, context.AntiforgeryToken, onItsPage: page, selectForm: viewer.IsSupervisor && !page ? ConsoleEndpoints.BulkForm : null, retyped: name => form[name].FirstOrDefault()));
        }

        if (refusal is not null)
        {
            ConsoleEndpoints.RememberRefusal(http, id, refusal.ActionId ?? "", result.Message);
        }

        return ConsoleRequests.Redirect(http, returnTo, result.Message);
    }

    private static async Task<IResult> SaveDraftAsync(HttpContext http, string id, IFormCollection form, AccountabilityPolicy policy, IDraftStore drafts, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = form[CommandInputFields.Text].ToString();
        if (text.Length > MaxDraftLength)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [CommandInputFields.Text] = [$"A reply has at most {MaxDraftLength} characters; this one has {text.Length}."] });
        }

        try
        {
            await drafts.SaveAsync(Draft(id, ConsoleViewer.Of(http, policy)!, form, time), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "Your draft is not saved yet: the store is unavailable. It stays in the box; saving is retried as you type.");
        }

        return Results.NoContent();
    }

    private static async Task<IResult> CheckAsync(HttpContext http, string id, IFormCollection form, IPostStore store, ReplyCheck check, LiveReplyCheck live, CancellationToken cancellationToken)
    {
        var post = await TryGetAsync(store, id, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            return Results.NotFound();
        }

        var text = form[CommandInputFields.Text].ToString();
        // What Send will decide too (consent, caps, quiet hours, the platform's window), not only the words.
        GuidelineReport report;
        try
        {
            report = await live.CheckAsync(post, text, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            report = check.Check(post, text);
        }

        var measure = text.Trim().Length > 0 ? check.RulesOf(post.Source)?.Measure(post, text.Trim()) : null;
        return ConsoleRequests.Page<ReplyCheckPanel>(new { Text = text, Report = report, Measure = measure, Channel = PostLabels.Source(post.Source) });
    }

    private static async Task<IResult> BulkAsync(HttpContext http, string? key, IFormCollection form, AccountabilityPolicy policy, PostClicks clicks, CancellationToken cancellationToken)
    {
        if (!ConsoleRequests.TryReturnTo(form["returnTo"], out var returnTo))
        {
            return ConsoleRequests.BadReturnTo();
        }

        var viewer = ConsoleViewer.Of(http, policy)!;
        var action = form["bulkAction"].ToString();
        var posts = form["posts"].Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!).Distinct(StringComparer.Ordinal).ToList();
        if (!viewer.IsSupervisor)
        {
            return ConsoleRequests.Redirect(http, returnTo, "Only leads and managers can act on several posts at once.");
        }

        if (action is not (nameof(PostTrigger.Dismiss) or nameof(PostTrigger.Reassign) or nameof(PostTrigger.Release)) || posts.Count == 0)
        {
            return ConsoleRequests.Redirect(http, returnTo, posts.Count == 0 ? "Select the posts to act on first." : "Choose what to do with the selected posts.");
        }

        var refused = new List<string>();
        foreach (var postId in posts)
        {
            // One audited command per post; the form's key per post, so a repeated form is applied once.
            var click = new PostClick(postId, action, viewer, SurfaceNames.Console, key is null ? null : $"{key}:{postId}") { Field = name => form[name].FirstOrDefault() };
            var result = await clicks.HandleAsync(click, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                refused.Add(result.Post is { } post ? $"{Cards.DisplayText.Neutralise(post.Author.DisplayName ?? post.Author.Handle)}: {result.Message}" : result.Message);
            }
        }

        var done = posts.Count - refused.Count;
        var summary = refused.Count == 0
            ? $"Done for {done} post{(done == 1 ? "" : "s")}."
            : $"Done for {done} of {posts.Count} posts. Not done: {string.Join(" ", refused)}";
        return ConsoleRequests.Redirect(http, returnTo, summary);
    }

    private static WorkingDraft Draft(string postId, Person viewer, IFormCollection form, TimeProvider time) =>
        new(postId, viewer.Id, form[CommandInputFields.Text].ToString(), time.GetUtcNow())
        {
            AnswerId = string.IsNullOrWhiteSpace(form[CommandInputFields.AnswerId]) ? null : form[CommandInputFields.AnswerId].ToString(),
            AnswerVersion = int.TryParse(form[CommandInputFields.AnswerVersion], System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null,
        };

    private static async Task TrySaveAsync(IDraftStore drafts, WorkingDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            await drafts.SaveAsync(draft, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            // The click that follows fails the same way and says so; the words are still in the person's box.
        }
    }

    private static async Task TryDeleteAsync(IDraftStore drafts, string postId, string personId, CancellationToken cancellationToken)
    {
        try
        {
            await drafts.DeleteAsync(postId, personId, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            // The submitted reply is newer than the draft, so the box starts from it anyway.
        }
    }

    private static async Task<IReadOnlyList<WorkingDraft>> TryDraftsAsync(IDraftStore drafts, string postId, CancellationToken cancellationToken)
    {
        try
        {
            return await drafts.ForPostAsync(postId, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return [];
        }
    }

    private static async Task<CustomerPost?> TryGetAsync(IPostStore store, string postId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(postId, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return null;
        }
    }
}
