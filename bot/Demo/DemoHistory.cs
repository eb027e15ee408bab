using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Demo;

/// <summary>
/// The weeks before the demo's morning, so the figures page has something to show on a first run:
/// a few hundred posts, busier in office hours and on weekdays, claimed and answered mostly in
/// time, some late (escalated by a missed limit first), some dismissed, all finished. They are
/// written to the store with the audit trail the workflow would have written, at the times they
/// happened, which the workflow cannot do (its clock is now).
/// </summary>
public sealed class DemoHistory(IPostStore store, AccountabilityPolicy policy, TimeProvider time) : IDemoData
{
    /// <summary>How far back the history goes.</summary>
    public const int Days = 21;

    private static readonly (string Source, string Handle, string Name)[] Customers =
    [
        ("x", "@ana_lopez", "Ana Lopez"), ("x", "@finn_h", "Finn Hansen"), ("x", "@mo_salah_fan", "Mo Haddad"),
        ("facebook", "fb:1029384756", "Marcus Reed"), ("facebook", "fb:5566778899", "Sam Okoro"), ("facebook", "fb:4455667788", "Greta Lind"),
        ("instagram", "@lena.bakes", "Lena Park"), ("instagram", "@kai.travels", "Kai Nakamura"),
        ("sms", "+14155550123", "Tom Becker"), ("sms", "+14155550188", "Rita Gomez"),
        ("email", "j.moreau@example.net", "Julie Moreau"), ("email", "priya.n@example.org", "Priya Natarajan"), ("email", "rosa.m@example.com", "Rosa Martinez"),
    ];

    private static readonly string[] Texts =
    [
        "My parcel for order {0} has not moved in tracking for three days. Can you check?",
        "I was charged twice this month, please refund the second payment for invoice {0}.",
        "Do you ship to Canada? I would like to order the travel bag.",
        "The app logs me out every time I open it since the last update.",
        "My invoice {0} shows the wrong address, could you send a corrected one?",
        "The mixer from order {0} arrived with a cracked bowl. What now?",
        "Is the store on Main St open on Sunday?",
        "Still no refund for order {0} after two weeks. This is unacceptable.",
        "Can I change the delivery address for order {0}? I moved last week.",
        "Thanks for the quick help yesterday, the replacement arrived!",
    ];

    private static readonly System.Text.CompositeFormat Reply = System.Text.CompositeFormat.Parse("Hi {0}, thanks for writing to us. I have looked into it and sorted it out; you will get a confirmation by e-mail today.");

    /// <summary>Before the morning's posts (20), after the library (10): it writes only posts, never through the workflow.</summary>
    public int Order => 15;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var (post, changes) in Stories(policy, time.GetUtcNow(), Days, 18))
        {
            await store.CreateAsync(post, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                await store.SaveAsync(change, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Finished posts for the <paramref name="days"/> days before <paramref name="now"/>'s day,
    /// about <paramref name="perWeekday"/> on a weekday and a third of that on a weekend day, each
    /// as its arrival and its later changes; the same arguments give the same history.
    /// </summary>
    public static IEnumerable<(NewPost Post, IReadOnlyList<PostChange> Changes)> Stories(AccountabilityPolicy policy, DateTimeOffset now, int days, int perWeekday, int seed = 12)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var random = new Random(seed);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var n = 0;
        for (var day = today.AddDays(-days); day < today; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var count = (weekend ? perWeekday / 3 : perWeekday) + random.Next(-2, 3);
            for (var i = 0; i < count; i++)
            {
                // Most posts arrive in working hours, peaking late morning and mid-afternoon.
                var hour = random.Next(10) < 8 ? (random.Next(2) == 0 ? 9 + random.Next(4) : 13 + random.Next(5)) : random.Next(24);
                yield return Story(policy, random, $"h{++n:D6}", day.AddHours(hour).AddMinutes(random.Next(60)));
            }
        }
    }

    private static (NewPost, IReadOnlyList<PostChange>) Story(AccountabilityPolicy policy, Random random, string id, DateTimeOffset received)
    {
        var (source, handle, name) = Customers[random.Next(Customers.Length)];
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts[random.Next(Texts.Length)], 80000 + random.Next(20000));
        var queue = policy.Route(source, text);
        var post = new CustomerPost
        {
            Id = id,
            Source = source,
            ExternalId = "demo-history-" + id,
            ThreadId = "demo-history-" + id,
            Author = new PostAuthor(handle, name),
            Text = text,
            ReceivedAt = received,
            Queue = queue.Name,
            Sensitivity = policy.Classify(text)?.Name,
            Version = 1,
            UpdatedAt = received,
        };
        var arrived = post;
        var changes = new List<PostChange>();
        var first = queue.TierAt(0);
        var agent = policy.People.All.FirstOrDefault(first.Includes) ?? Person.System;
        var lead = policy.People.WithRole(Roles.Lead) is [var l, ..] ? l : agent;
        var at = received;
        void Move(CustomerPost next, Person actor, AuditAction action, string? comment = null, string? detail = null)
        {
            next = next with { Version = post.Version + 1, UpdatedAt = at };
            changes.Add(new PostChange(next, post.Version, new AuditEvent(id, at, actor.Id, actor.Name, action, post.State, next.State, "demo", comment, detail), []));
            post = next;
        }

        if (random.Next(12) == 0)
        {
            at += TimeSpan.FromMinutes(random.Next(2, 14));
            Move(post with { State = PostState.Dismissed, DismissReason = "Spam account" }, lead, AuditAction.Dismiss, "Spam account");
            return (new NewPost(arrived, Arrival(id, received), []), changes);
        }

        var owner = agent;
        if (random.Next(6) == 0 && queue.HasTierAfter(0))
        {
            // Nobody claimed it in time: it moved up to the next tier, whose member took it.
            at = queue.Calendar.Add(received, first.ClaimWithin);
            Move(post with { State = PostState.Escalated, Tier = 1, SlaBreaches = 1, BreachTiers = [0] }, Person.System, AuditAction.SlaBreached);
            owner = policy.MembersOf(queue, 1) is [var next, ..] ? next : lead;
            at += TimeSpan.FromMinutes(random.Next(1, 9));
        }
        else
        {
            at += TimeSpan.FromMinutes(random.Next(1, 14));
        }

        Move(post with { State = PostState.Claimed, Owner = owner.Id, FirstClaimedAt = at }, owner, AuditAction.Claim);
        if (random.Next(8) == 0 && queue.HasTierAfter(post.Tier))
        {
            // The reply took too long: the next tier got it, and one of them finished it.
            at = queue.Calendar.Add(at, queue.TierAt(post.Tier).ReplyWithin);
            Move(post with { State = PostState.Escalated, Tier = post.Tier + 1, Owner = null, SlaBreaches = post.SlaBreaches + 1, BreachTiers = [.. post.BreachTiers, post.Tier] }, Person.System, AuditAction.SlaBreached);
            owner = policy.MembersOf(queue, post.Tier) is [var next, ..] ? next : lead;
            at += TimeSpan.FromMinutes(random.Next(1, 9));
            Move(post with { State = PostState.Claimed, Owner = owner.Id }, owner, AuditAction.Claim);
        }

        at += TimeSpan.FromMinutes(random.Next(4, 40));
        var reply = string.Format(System.Globalization.CultureInfo.InvariantCulture, Reply, name.Split(' ')[0]);
        Move(post with { State = PostState.Approved, Draft = new ReplyDraft(reply, owner.Id, at) }, owner, AuditAction.SubmitDraft, detail: reply);
        at += TimeSpan.FromMinutes(random.Next(0, 3));
        var sent = new SentReply(reply, owner.Id, at) { Delivery = new ReplyDelivery(ReplyDeliveryStatus.Delivered, at.AddSeconds(20)) };
        Move(post with { State = PostState.Sent, Draft = null, Replies = [sent], FirstReplyAt = at }, owner, AuditAction.Send, detail: reply);
        if (random.Next(2) == 0)
        {
            at += TimeSpan.FromHours(random.Next(1, 20));
            Move(post with { State = PostState.Closed }, owner, AuditAction.Close);
        }

        return (new NewPost(arrived, Arrival(id, received), []), changes);
    }

    private static AuditEvent Arrival(string id, DateTimeOffset at) =>
        new(id, at, Person.System.Id, Person.System.Name, AuditAction.Received, null, PostState.Open, "demo", null, null);
}
