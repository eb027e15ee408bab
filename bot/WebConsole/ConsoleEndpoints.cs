using ChatOpsReply.Accountability;
using ChatOpsReply.Cards;
using ChatOpsReply.Posts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.WebConsole;

public static class ConsoleEndpoints
{
    private const string NoticeCookie = "chatopsreply.notice";

    private static readonly PostState[] Active =
        [PostState.Crisis, PostState.Escalated, PostState.Open, PostState.Claimed, PostState.AwaitingApproval, PostState.Approved];

    private static readonly PostState[] Done = [PostState.Sent, PostState.Closed, PostState.Dismissed];

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        AnnounceWhenStarted(app.ServiceProvider);
        var console = app.MapGroup("/console");
        console.MapGet("", DashboardAsync);
        console.MapGet("/posts/{id}", PostAsync);
        console.MapPost("/posts/{id}/actions", ActAsync);
        console.MapPost("/identity", SwitchIdentityAsync);
        console.MapGet("/events", EventsAsync);
        console.MapGet("/app.css", () => Asset("app.css", "text/css; charset=utf-8"));
        console.MapGet("/app.js", () => Asset("app.js", "text/javascript; charset=utf-8"));
        app.MapLibraryConsole();
        app.MapReplyCheck();
        return app;
    }

    /// <summary>Tells whoever ran the service where to go.</summary>
    private static void AnnounceWhenStarted(IServiceProvider services)
    {
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var server = services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsReply.WebConsole");
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            var demo = services.GetRequiredService<IOptions<ConsoleOptions>>().Value.DemoIdentities;
            foreach (var address in addresses)
            {
                ConsoleLog.Ready(logger, address);
                if (demo && !IsLoopback(address))
                {
                    ConsoleLog.DemoIdentitiesExposed(logger, address);
                }
            }
        });
    }

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    private static async Task<IResult> DashboardAsync(HttpContext http, string? queue, string? closed, IPostStore store, AccountabilityPolicy policy, PostWorkflow workflow, PostCardBuilder cards, CancellationToken cancellationToken)
    {
        var page = Context(http, policy);
        var viewer = page.Viewer;
        var showClosed = closed is "1" or "true";
        var selected = queue is null ? null : policy.Queues.FirstOrDefault(q => string.Equals(q.Name, queue, StringComparison.OrdinalIgnoreCase))?.Name;
        var active = await store.ListAsync(new PostQuery { States = Active, Limit = 500 }, cancellationToken).ConfigureAwait(false);
        var listed = showClosed
            ? await store.ListAsync(new PostQuery { States = Done, Queue = selected, Limit = 200 }, cancellationToken).ConfigureAwait(false)
            : [.. active.Where(p => selected is null || p.Queue == selected).OrderBy(p => Array.IndexOf(Active, p.State)).ThenBy(p => p.NextSlaDueAt ?? DateTimeOffset.MaxValue)];
        var needsYou = viewer is null ? [] : active.Where(p => workflow.WaitsOn(p, viewer)).ToList();
        var counts = active.GroupBy(p => p.Queue).ToDictionary(g => g.Key, g => g.Count());
        return Html(http, ConsolePages.Dashboard(
            page,
            policy.Queues,
            selected,
            showClosed,
            [.. needsYou.Select(p => Card(cards, p, viewer))],
            [.. listed.Select(p => Card(cards, p, viewer))],
            counts));
    }

    private static async Task<IResult> PostAsync(HttpContext http, string id, IPostStore store, IAuditTrail audit, AccountabilityPolicy policy, PostCardBuilder cards, CancellationToken cancellationToken)
    {
        var page = Context(http, policy);
        var post = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (post is null)
        {
            return Html(http, ConsolePages.NotFound(page), StatusCodes.Status404NotFound);
        }

        var trail = await audit.ForPostAsync(id, cancellationToken).ConfigureAwait(false);
        // Whole messages only for someone signed in: the quoted history may hold more about the customer.
        IReadOnlyList<(DateTimeOffset, string)> whole = page.Viewer is null ? [] :
        [
            .. post.FullText is { } full ? [(post.ReceivedAt, full)] : Array.Empty<(DateTimeOffset, string)>(),
            .. post.FollowUps.Where(f => f.FullText is not null).Select(f => (f.At, f.FullText!)),
        ];
        return Html(http, ConsolePages.Post(page, Card(cards, post, page.Viewer), trail, policy.People, post.Replies, whole));
    }

    /// <summary>Someone who has not said who they are browses read-only: no buttons.</summary>
    private static CardModel Card(PostCardBuilder cards, CustomerPost post, Person? viewer) =>
        viewer is null ? cards.Build(post, null) with { Actions = [] } : cards.Build(post, viewer);

    private static async Task<IResult> ActAsync(HttpContext http, string id, string? key, IFormCollection form, AccountabilityPolicy policy, PostClicks clicks, CancellationToken cancellationToken)
    {
        var returnTo = LocalPath(form["returnTo"]);
        var viewer = ConsoleViewer.Of(http, policy);
        if (viewer is null)
        {
            return Redirect(http, returnTo, "Choose who you are first (top right).");
        }

        // The key is rendered fresh into each form: the same form submitted twice is applied once.
        var click = new PostClick(id, form["action"].ToString(), viewer, SurfaceNames.Console, key) { Field = name => form[name].FirstOrDefault() };
        var result = await clicks.HandleAsync(click, cancellationToken).ConfigureAwait(false);
        return Redirect(http, returnTo, result.Message);
    }

    private static async Task<IResult> SwitchIdentityAsync(HttpContext http, IFormCollection form, AccountabilityPolicy policy, IOptions<ConsoleOptions> options)
    {
        var returnTo = LocalPath(form["returnTo"]);
        if (!options.Value.DemoIdentities)
        {
            return Redirect(http, returnTo, "Demo identities are turned off (Console:DemoIdentities).");
        }

        var person = policy.People.Find(form["person"].FirstOrDefault());
        if (person is null)
        {
            await http.SignOutAsync(ConsoleViewer.Scheme).ConfigureAwait(false);
            return Redirect(http, returnTo, "You are browsing read-only.");
        }

        await http.SignInAsync(ConsoleViewer.Scheme, ConsoleViewer.Principal(person)).ConfigureAwait(false);
        return Redirect(http, returnTo, $"You are acting as {person.Name}.");
    }

    private static async Task EventsAsync(HttpContext http, ConsoleEvents events, CancellationToken cancellationToken)
    {
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var postId in events.SubscribeAsync(cancellationToken).ConfigureAwait(false))
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

    internal static ConsolePages.PageContext Context(HttpContext http, AccountabilityPolicy policy)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var notice = http.Request.Cookies[NoticeCookie];
        if (notice is not null)
        {
            http.Response.Cookies.Delete(NoticeCookie);
        }

        return new ConsolePages.PageContext(
            ConsoleViewer.Of(http, policy),
            policy.People.All,
            options.DemoIdentities,
            tokens.FormFieldName,
            tokens.RequestToken!,
            http.Request.Path + http.Request.QueryString,
            notice);
    }

    /// <summary>Back to where the person was, with a one-time message (a cookie, so a link cannot put words on our page).</summary>
    internal static IResult Redirect(HttpContext http, string returnTo, string notice)
    {
        http.Response.Cookies.Append(NoticeCookie, notice, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/console", IsEssential = true });
        return Results.Redirect(returnTo, permanent: false, preserveMethod: false);
    }

    /// <summary>Only console paths, so the form cannot redirect anywhere else.</summary>
    internal static string LocalPath(string? path) =>
        path is { Length: > 0 } && path.StartsWith("/console", StringComparison.Ordinal) && !path.StartsWith("//", StringComparison.Ordinal) ? path : "/console";

    internal static IResult Html(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "same-origin";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult Asset(string name, string contentType)
    {
        var stream = typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream($"ChatOpsReply.WebConsole.assets.{name}")
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
        return Results.Stream(stream, contentType);
    }
}
