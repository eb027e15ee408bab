using ChatOpsReply.Posts;

namespace ChatOpsReply.Tests.Support;

/// <summary>One generated post: its final version, its audit trail, and what the generator knows about it.</summary>
/// <param name="BreachTiers">The tier accountable at each SLA breach, in order (what the trail must be read back as).</param>
public sealed record GeneratedPost(CustomerPost Post, IReadOnlyList<AuditEvent> Trail, IReadOnlyList<int> BreachTiers, bool Heated);

/// <summary>
/// A month of posts with known outcomes, up to <see cref="Now"/>: every queue and source of the
/// test configuration, claimed late and on time (across the office queue's closed hours and
/// weekends), escalated by hand and by missed limits (at the last tier too), waiting for legal,
/// dismissed, and some recent ones nobody has claimed yet. Times are whole minutes.
/// </summary>
public static class GeneratedMonth
{
    /// <summary>Monday 23 November 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset From = Now.AddDays(-30);

    private static readonly string[] Calm =
    [
        "My parcel has not arrived yet, could you check order {0} for me please?",
        "I was charged twice for my subscription this month, please look into it.",
        "Could you send me a corrected invoice for order {0}? The address is wrong.",
        "Does the travel bag come in blue? I would like to order one.",
    ];

    private static readonly string[] Hot =
    [
        "This is unacceptable, order {0} is two weeks late.",
        "WHERE IS MY PARCEL, I PAID FOR EXPRESS DELIVERY",
        "Still nothing for order {0}!!! Answer me",
    ];

    public static IReadOnlyList<GeneratedPost> Build(int count, int seed = 12)
    {
        var random = new Random(seed);
        var posts = new List<GeneratedPost>(count);
        for (var i = 0; i < count; i++)
        {
            var generated = One(random, i);
            // Half the month as stored before posts kept their breaches' tiers: those are read back from the trail.
            posts.Add(i % 2 == 0 ? generated with { Post = generated.Post with { BreachTiers = generated.BreachTiers } } : generated);
        }

        return posts;
    }

    /// <summary>Writes the posts as the workflow would: created with their arrival, then one saved change per later audit event.</summary>
    public static async Task WriteAsync(IPostStore store, IEnumerable<GeneratedPost> posts)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(posts);
        foreach (var generated in posts)
        {
            var final = generated.Post;
            var trail = generated.Trail;
            var current = final with
            {
                State = PostState.Open, Version = 1, Owner = null, Tier = 0, SlaBreaches = 0, BreachTiers = [], FirstClaimedAt = null, FirstReplyAt = null,
                Draft = null, Replies = [], FollowUps = [], ClaimDueAt = null, ReplyDueAt = null, UpdatedAt = final.ReceivedAt,
            };
            await store.CreateAsync(new NewPost(current, trail[0], []));
            for (var n = 1; n < trail.Count; n++)
            {
                var next = n == trail.Count - 1
                    ? final with { Version = current.Version + 1 }
                    : current with { State = trail[n].To, Version = current.Version + 1, UpdatedAt = trail[n].At };
                var outcome = await store.SaveAsync(new PostChange(next, current.Version, trail[n], []));
                if (outcome != SaveOutcome.Saved)
                {
                    throw new InvalidOperationException($"Generated post {final.Id} could not be written: {outcome}.");
                }

                current = next;
            }
        }
    }

    private static GeneratedPost One(Random random, int i)
    {
        var queue = random.Next(10) switch { < 3 => "billing", < 6 => "office", _ => "support" };
        var source = queue == "office" ? "email" : new[] { "x", "facebook", "instagram", "sms" }[random.Next(4)];
        var tiers = queue switch { "billing" => 2, "office" => 3, _ => 4 };
        var frontline = queue == "billing" ? "bob" : random.Next(2) == 0 ? "alice" : "bob";
        // Mostly a month ago to two days ago (their stories end before now); every tenth post in the last two hours, not answered yet.
        var recent = i % 10 == 9;
        var received = recent ? Now.AddMinutes(-random.Next(1, 120)) : From.AddMinutes(random.Next(28 * 24 * 60));
        var hot = random.Next(5) == 0;
        var sensitive = random.Next(6) == 0;
        var words = hot ? Hot[random.Next(Hot.Length)] : Calm[random.Next(Calm.Length)];
        // A shouted post stays shouted when it mentions the lawyer.
        var lawyer = words.StartsWith("WHERE", StringComparison.Ordinal) ? " MY LAWYER IS READING THIS." : " My lawyer is reading this.";
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, words + (sensitive ? lawyer : ""), 4000 + i);
        var post = new CustomerPost
        {
            Id = $"m{i:D5}",
            Source = source,
            ExternalId = $"month-{i}",
            ThreadId = $"month-thread-{i}",
            Author = new PostAuthor($"@customer{i % 37}", $"Customer {i % 37}"),
            Text = text,
            ReceivedAt = received,
            Queue = queue,
            Sensitivity = sensitive ? "legal" : null,
            Version = 1,
            UpdatedAt = received,
        };
        var trail = new List<AuditEvent> { Event(post, received, "system", AuditAction.Received, null, PostState.Open) };
        var breaches = new List<int>();
        var state = PostState.Open;
        var tier = 0;
        var at = received;
        void Step(TimeSpan after, string actor, AuditAction action, PostState to)
        {
            at += after;
            trail.Add(Event(post, at, actor, action, state, to));
            state = to;
        }

        if (recent)
        {
            if (random.Next(3) > 0)
            {
                // Nobody has claimed it yet: within the claim limit or past it.
                return new GeneratedPost(post, trail, breaches, hot);
            }

            Step(TimeSpan.FromMinutes(1), frontline, AuditAction.Claim, PostState.Claimed);
            return new GeneratedPost(post with { State = PostState.Claimed, Owner = frontline, FirstClaimedAt = at, UpdatedAt = at }, trail, breaches, hot);
        }

        var kind = random.Next(17);

        // Late claims miss the first tier's limit; some of them go up twice, or once by hand.
        var claimAfter = TimeSpan.FromMinutes(random.Next(10) < 7 ? random.Next(1, 15) : random.Next(16, 600));
        if (claimAfter > TimeSpan.FromMinutes(15) && random.Next(3) > 0)
        {
            breaches.Add(tier);
            Step(TimeSpan.FromMinutes(15), "system", AuditAction.SlaBreached, PostState.Escalated);
            tier++;
            if (random.Next(3) == 0)
            {
                breaches.Add(tier);
                var moves = tier + 1 < tiers;
                Step(TimeSpan.FromMinutes(10), "system", AuditAction.SlaBreached, PostState.Escalated);
                tier += moves ? 1 : 0;
            }
        }
        else if (random.Next(8) == 0)
        {
            Step(TimeSpan.FromMinutes(1), "carol", AuditAction.Escalate, PostState.Escalated);
            tier++;
        }

        var owner = tier == 0 ? frontline : "carol";
        if (kind == 0)
        {
            var dismissed = post with { State = PostState.Dismissed, Tier = tier, Owner = null, SlaBreaches = breaches.Count, DismissReason = "spam", UpdatedAt = at.AddMinutes(1) };
            Step(TimeSpan.FromMinutes(1), "carol", AuditAction.Dismiss, PostState.Dismissed);
            return new GeneratedPost(dismissed, trail, breaches, hot);
        }

        var claimedAt = received + claimAfter < at ? at.AddMinutes(1) : received + claimAfter;
        Step(claimedAt - at, owner, AuditAction.Claim, PostState.Claimed);
        post = post with { State = PostState.Claimed, Owner = owner, Tier = tier, FirstClaimedAt = claimedAt, UpdatedAt = claimedAt };
        var draftAfter = TimeSpan.FromMinutes(random.Next(10) < 8 ? random.Next(2, 45) : random.Next(46, 900));
        if (sensitive)
        {
            Step(draftAfter, owner, AuditAction.SubmitDraft, PostState.AwaitingApproval);
            post = post with { State = PostState.AwaitingApproval, Draft = new ReplyDraft("Hi, we are on it and will write again today.", owner, at) { NeedsApproval = true }, UpdatedAt = at };
            if (random.Next(3) == 0)
            {
                if (random.Next(2) == 0)
                {
                    // Legal took too long: the SLA is missed with the reply waiting.
                    breaches.Add(tier);
                    Step(TimeSpan.FromMinutes(30), "system", AuditAction.SlaBreached, PostState.AwaitingApproval);
                    post = post with { UpdatedAt = at };
                }

                return new GeneratedPost(post with { SlaBreaches = breaches.Count }, trail, breaches, hot);
            }

            Step(TimeSpan.FromMinutes(random.Next(5, 120)), "lena", AuditAction.Approve, PostState.Approved);
            Step(TimeSpan.FromMinutes(1), owner, AuditAction.Send, PostState.Sent);
        }
        else
        {
            Step(draftAfter, owner, AuditAction.SubmitDraft, PostState.Approved);
            Step(TimeSpan.FromMinutes(random.Next(0, 3)), owner, AuditAction.Send, PostState.Sent);
        }

        var followUps = hot && random.Next(2) == 0 ? new[] { new FollowUp($"month-{i}-f1", "Any news?", at), new FollowUp($"month-{i}-f2", "Hello?", at) } : [];
        var sent = post with
        {
            State = PostState.Sent,
            Draft = null,
            FirstReplyAt = at,
            Replies = [new SentReply("Hi, we are on it and will write again today.", owner, at)],
            FollowUps = followUps,
            SlaBreaches = breaches.Count,
            UpdatedAt = at,
        };
        if (random.Next(3) == 0)
        {
            Step(TimeSpan.FromMinutes(30), owner, AuditAction.Close, PostState.Closed);
            sent = sent with { State = PostState.Closed, UpdatedAt = at };
        }

        return new GeneratedPost(sent, trail, breaches, hot || followUps.Length > 0);
    }

    private static AuditEvent Event(CustomerPost post, DateTimeOffset at, string actor, AuditAction action, PostState? from, PostState to) =>
        new(post.Id, at, actor, actor, action, from, to, "test", null, null);
}
