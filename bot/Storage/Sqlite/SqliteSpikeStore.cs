using System.Text.Json;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// Spike counts in three small tables (minutes, hours, the latest posts of each term) and spikes as
/// JSON with the time they cover until. Every call is one write in the writer's turn, so counting
/// and opening a spike are never interleaved with another instance's.
/// </summary>
public sealed class SqliteSpikeStore(SqliteDatabase database) : ISpikeStore
{
    public Task<IReadOnlyList<TermCounts>> CountAsync(TopicArrival arrival, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        var (at, minute, hour, firstMinute) = (arrival.AtMs, arrival.Minute, arrival.Hour, arrival.FirstMinute);
        return database.WriteAsync<IReadOnlyList<TermCounts>>(async w =>
        {
            var answers = new List<TermCounts>(arrival.Terms.Count);
            foreach (var term in arrival.Terms)
            {
                (string, object?)[] key = [("$queue", arrival.Queue), ("$term", term)];
                await w.ExecuteAsync(
                    """
                    INSERT INTO spike_minutes (queue, term, minute, count) VALUES ($queue, $term, $minute, 1)
                    ON CONFLICT (queue, term, minute) DO UPDATE SET count = count + 1;
                    INSERT INTO spike_hours (queue, term, hour, count) VALUES ($queue, $term, $hour, 1)
                    ON CONFLICT (queue, term, hour) DO UPDATE SET count = count + 1;
                    INSERT OR IGNORE INTO spike_recent (queue, term, at, post_id) VALUES ($queue, $term, $at, $post);
                    DELETE FROM spike_minutes WHERE queue = $queue AND term = $term AND minute < $oldMinute;
                    DELETE FROM spike_hours WHERE queue = $queue AND term = $term AND hour < $oldHour;
                    DELETE FROM spike_recent WHERE queue = $queue AND term = $term AND at < $oldMinute;
                    """,
                    cancellationToken,
                    [.. key, ("$minute", minute), ("$hour", hour), ("$at", at), ("$post", arrival.PostId),
                        ("$oldMinute", firstMinute - (arrival.WindowMinutes * TopicArrival.MinuteMs)), ("$oldHour", hour - ((arrival.BaselineWeeks + 1) * TopicArrival.WeekMs))]).ConfigureAwait(false);

                var minutes = new int[arrival.WindowMinutes];
                await using (var read = w.Command("SELECT minute, count FROM spike_minutes WHERE queue = $queue AND term = $term AND minute >= $first AND minute <= $minute", [.. key, ("$first", firstMinute), ("$minute", minute)]))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        minutes[(reader.GetInt64(0) - firstMinute) / TopicArrival.MinuteMs] = reader.GetInt32(1);
                    }
                }

                var weeks = new int[arrival.BaselineWeeks];
                await using (var read = w.Command("SELECT hour, count FROM spike_hours WHERE queue = $queue AND term = $term AND hour < $hour AND hour >= $oldest", [.. key, ("$hour", hour), ("$oldest", hour - (arrival.BaselineWeeks * TopicArrival.WeekMs))]))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var back = hour - reader.GetInt64(0);
                        if (back % TopicArrival.WeekMs == 0)
                        {
                            weeks[(back / TopicArrival.WeekMs) - 1] = reader.GetInt32(1);
                        }
                    }
                }

                var recent = new List<string>(3);
                await using (var read = w.Command("SELECT post_id FROM spike_recent WHERE queue = $queue AND term = $term ORDER BY at DESC, post_id DESC LIMIT 3", key))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        recent.Add(reader.GetString(0));
                    }
                }

                answers.Add(new TermCounts(term, minutes, weeks, recent));
            }

            return answers;
        }, cancellationToken);
    }

    public Task<SpikeOpening> OpenAsync(Spike spike, IReadOnlyList<string> related, IReadOnlyList<OutboxMessage> alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spike);
        ArgumentNullException.ThrowIfNull(related);
        ArgumentNullException.ThrowIfNull(alert);
        return database.WriteAsync(async w =>
        {
            foreach (var live in await LiveAsync(w, spike.Queue, spike.FoundAt, cancellationToken).ConfigureAwait(false))
            {
                if (Spike.WordsOf(live.Terms).Intersect(Spike.WordsOf(related.Concat(spike.Terms)), StringComparer.Ordinal).Any())
                {
                    var extended = live.Until >= spike.Until ? live : live with { Until = spike.Until };
                    if (extended != live)
                    {
                        await WriteSpikeAsync(w, extended, cancellationToken).ConfigureAwait(false);
                    }

                    return new SpikeOpening(extended, Opened: false);
                }
            }

            await WriteSpikeAsync(w, spike, cancellationToken).ConfigureAwait(false);
            await SqliteOutbox.AddAsync(w, alert, cancellationToken).ConfigureAwait(false);
            return new SpikeOpening(spike, Opened: true);
        }, cancellationToken);
    }

    public Task<Spike?> GetAsync(string spikeId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => await c.ScalarAsync("SELECT body FROM spikes WHERE id = $id", null, cancellationToken, ("$id", spikeId)).ConfigureAwait(false) is string body
            ? JsonSerializer.Deserialize(body, StoreJson.Default.Spike)
            : null, cancellationToken);

    public Task<Spike?> SilenceAsync(string spikeId, string by, DateTimeOffset until, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        return database.WriteAsync(async w =>
        {
            if (await w.ScalarAsync("SELECT body FROM spikes WHERE id = $id", cancellationToken, ("$id", spikeId)).ConfigureAwait(false) is not string body)
            {
                return null;
            }

            var spike = JsonSerializer.Deserialize(body, StoreJson.Default.Spike)!;
            if (spike.Status != SpikeStatus.Alerted)
            {
                return spike;
            }

            var silenced = spike with { Status = SpikeStatus.NotACrisis, SilencedBy = by, SilencedUntil = until };
            await WriteSpikeAsync(w, silenced, cancellationToken).ConfigureAwait(false);
            await SqliteOutbox.AddAsync(w, refresh, cancellationToken).ConfigureAwait(false);
            return silenced;
        }, cancellationToken);
    }

    private static async Task<List<Spike>> LiveAsync(SqliteWrite w, string queue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var live = new List<Spike>();
        await using var read = w.Command("SELECT body FROM spikes WHERE queue = $queue AND covers_until > $now ORDER BY id", ("$queue", queue), ("$now", now.ToUnixMs()));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            live.Add(JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.Spike)!);
        }

        return live;
    }

    private static Task<int> WriteSpikeAsync(SqliteWrite w, Spike spike, CancellationToken cancellationToken) =>
        w.ExecuteAsync(
            """
            INSERT INTO spikes (id, queue, covers_until, body) VALUES ($id, $queue, $covers, $body)
            ON CONFLICT (id) DO UPDATE SET covers_until = excluded.covers_until, body = excluded.body
            """,
            cancellationToken,
            ("$id", spike.Id),
            ("$queue", spike.Queue),
            ("$covers", CoversUntil(spike).ToUnixMs()),
            ("$body", JsonSerializer.Serialize(spike, StoreJson.Default.Spike)));

    private static DateTimeOffset CoversUntil(Spike spike) => spike.SilencedUntil is { } silenced && silenced > spike.Until ? silenced : spike.Until;
}
