using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using ChatOpsReply.WebConsole.Drafts;
using ChatOpsReply.WebConsole.Figures;
using ChatOpsReply.WebConsole.Pages;
using ChatOpsReply.WebConsole.SignIn;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole;

/// <summary>
/// The console's posts: the team's page with "Needs you", search and filters; a post's page with
/// its customer's timeline and history; and the fragments app.js swaps in (a card refreshed when
/// someone else acts). Every page needs a signed-in, configured person.
/// </summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        AnnounceWhenStarted(app.ServiceProvider);
        var console = app.MapGroup("/console").RequireAuthorization(ConsoleServiceCollectionExtensions.SignedInPolicy).ExcludeFromDescription();
        console.MapConsoleSignIn();
        console.MapGet("/app.css", () => Asset("app.css", "text/css; charset=utf-8")).AllowAnonymous();
        console.MapGet("/app.js", () => Asset("app.js", "text/javascript; charset=utf-8")).AllowAnonymous();
        console.MapGet("", PostsAsync);
        console.MapGet("/posts/{id}", PostAsync);
        console.MapGet("/posts/{id}/card", CardAsync);
        console.MapGet("/events", EventsAsync);
        console.MapConsoleActions();
        console.MapLibraryConsole();
        console.MapCrisisConsole();
        console.MapReplyFindings();
        console.MapFigures();
        return app;
    }

    /// <summary>Tells whoever ran the service where to go; stops it if demo identities turn out to be reachable from elsewhere.</summary>
    private static void AnnounceWhenStarted(IServiceProvider services)
    {
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var server = services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsReply.WebConsole");
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            var demo = services.GetRequiredService<IOptions<ConsoleOptions>>().Value.DemoIdentities;
            // Configuration was checked at start; this catches endpoints bound in code.
            if (demo && addresses.FirstOrDefault(a => !ListeningAddress.IsLoopback(a)) is { } exposed)
            {
                var problem = ConsoleOptionsValidator.DemoExposed(exposed);
                ConsoleLog.DemoIdentitiesExposed(logger, problem);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }

            foreach (var address in addresses)
            {
                ConsoleLog.Ready(logger, address);
            }
        });
    }

    private static async Task<IResult> PostsAsync(HttpContext http, IPostStore store, IDraftStore drafts, AccountabilityPolicy policy, PostWorkflow workflow, ConsoleCards cards, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        var viewer = page.Viewer!;
        var filters = PostFilters.From(http.Request.Query);
        var active = await store.ListAsync(new PostQuery { States = PostFilters.Active, Limit = 500 }, cancellationToken).ConfigureAwait(false);
        // One more than shown, to know whether "Show more" has anything to show.
        var listed = filters.IsDefault && filters.Sort == "due"
            ? [.. active.OrderBy(p => p.NextSlaDueAt ?? DateTimeOffset.MaxValue).ThenByDescending(p => p.ReceivedAt).Take(filters.Shown + 1)]
            : await store.ListAsync(filters.Query(viewer, policy, time.GetUtcNow(), filters.Shown + 1), cancellationToken).ConfigureAwait(false);
        var more = listed.Count > filters.Shown;
        listed = [.. listed.Take(filters.Shown)];
        var needsYou = active.Where(p => workflow.WaitsOn(p, viewer)).OrderBy(p => p.NextSlaDueAt ?? DateTimeOffset.MaxValue).ToList();
        // Each post once on the page (its card's ids are unique): what needs me is above, not repeated below.
        var waiting = needsYou.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        listed = [.. listed.Where(p => !waiting.Contains(p.Id))];
        var refusal = Refusal(http);
        var bulk = viewer.IsSupervisor && filters.View == "cards" ? BulkForm : null;
        var rendered = new Dictionary<string, ConsoleCards.Rendered>(StringComparer.Ordinal);
        foreach (var post in needsYou.Concat(listed).DistinctBy(p => p.Id))
        {
            var typed = await drafts.ForPostAsync(post.Id, cancellationToken).ConfigureAwait(false);
            rendered[post.Id] = cards.Build(post, viewer, typed, refusal?.PostId == post.Id ? refusal.Value.Refusal : null, page.Path, page.AntiforgeryField, page.AntiforgeryToken, selectForm: bulk);
        }

        return ConsoleRequests.Page<PostsPage>(new
        {
            Page = page,
            Filters = filters,
            Queues = policy.Queues,
            People = policy.People.All,
            NeedsYou = needsYou.Select(p => rendered[p.Id]).ToList(),
            Listed = listed.Select(p => (Post: p, Card: rendered[p.Id])).ToList(),
            AlsoAbove = needsYou.Count,
            More = more,
            OpenCounts = active.GroupBy(p => p.Queue).ToDictionary(g => g.Key, g => g.Count()),
            Bulk = viewer.IsSupervisor,
        });
    }

    private static async Task<IResult> PostAsync(HttpContext http, string id, IPostStore store, IAuditTrail audit, IDraftStore drafts, AccountabilityPolicy policy, ConsoleCards cards, PostWorkflow workflow, CancellationToken cancellationToken)
    {
        var page = ConsoleRequests.Context(http, policy);
        var post = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            return ConsoleRequests.Page<NotFoundPage>(new { Page = page, What = "That post does not exist.", Back = "/console", BackLabel = "Back to all posts" }, StatusCodes.Status404NotFound);
        }

        var trail = await audit.ForPostAsync(id, cancellationToken).ConfigureAwait(false);
        var timeline = await store.ListAsync(new PostQuery { Source = post.Source, Handle = post.Author.Handle, Limit = 50 }, cancellationToken).ConfigureAwait(false);
        var typed = await drafts.ForPostAsync(id, cancellationToken).ConfigureAwait(false);
        var refusal = Refusal(http);
        return ConsoleRequests.Page<PostPage>(new
        {
            Page = page,
            Post = post,
            Card = cards.Build(post, page.Viewer!, typed, refusal?.PostId == id ? refusal.Value.Refusal : null, page.Path, page.AntiforgeryField, page.AntiforgeryToken, onItsPage: true),
            Trail = trail,
            Timeline = timeline,
            People = policy.People,
            // A fresh key per rendered form: the same note submitted twice is recorded once.
            NoteUrl = workflow.MayAddNote(post, page.Viewer!) ? $"/console/posts/{Uri.EscapeDataString(id)}/actions?key={Guid.NewGuid():N}" : null,
        });
    }

    /// <summary>One card as a fragment, for app.js to swap in when the post changed.</summary>
    private static async Task<IResult> CardAsync(HttpContext http, string id, string? returnTo, string? page, IPostStore store, IDraftStore drafts, AccountabilityPolicy policy, ConsoleCards cards, CancellationToken cancellationToken)
    {
        var post = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            return Results.NotFound();
        }

        var context = ConsoleRequests.Context(http, policy);
        var back = ConsoleRequests.TryReturnTo(returnTo, out var path) ? path : "/console";
        var typed = await drafts.ForPostAsync(id, cancellationToken).ConfigureAwait(false);
        var viewer = context.Viewer!;
        return Fragment(cards.Build(post, viewer, typed, null, back, context.AntiforgeryField, context.AntiforgeryToken, onItsPage: page == "post", selectForm: viewer.IsSupervisor && page != "post" ? BulkForm : null));
    }

    internal static IResult Fragment(ConsoleCards.Rendered card, int status = StatusCodes.Status200OK) =>
        ConsoleRequests.Page<CardView>(new { Card = card }, status);

    internal const string BulkForm = "bulk";

    private static async Task EventsAsync(HttpContext http, ConsoleEvents events, CancellationToken cancellationToken)
    {
        // Listening before the headers go out: once the page sees the stream open, it misses nothing.
        using var subscription = events.Subscribe();
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var postId in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await http.Response.WriteAsync($"data: {postId}\n\n", cancellationToken).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    private const string RefusalCookie = "chatopsreply.refusal";

    /// <summary>Remembers, for the page the person goes back to, which card's click was refused and why.</summary>
    internal static void RememberRefusal(HttpContext http, string postId, string actionId, string message) =>
        http.Response.Cookies.Append(RefusalCookie, $"{postId}|{actionId}|{message}", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/console", IsEssential = true, Secure = http.Request.IsHttps });

    private static (string PostId, CardRefusal Refusal)? Refusal(HttpContext http)
    {
        if (http.Request.Cookies[RefusalCookie] is not { } value)
        {
            return null;
        }

        http.Response.Cookies.Delete(RefusalCookie, new CookieOptions { Path = "/console" });
        var parts = value.Split('|', 3);
        return parts.Length == 3 ? (parts[0], new CardRefusal(parts[1], parts[2])) : null;
    }

    private static IResult Asset(string name, string contentType)
    {
        var stream = typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream($"ChatOpsReply.WebConsole.assets.{name}")
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
        return Results.Stream(stream, contentType);
    }
}
