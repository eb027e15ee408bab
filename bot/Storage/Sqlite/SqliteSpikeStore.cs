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
    public Task<IReadOnlyList<TermCounts>> CountAsync(IReadOnlyList<TopicArrival> arrivals, CancellationToken cancellationToken = default)
    {
        var tally = TopicTally.Of(arrivals);
        var minutes = Rows(tally.Minutes, m => (m.Key, m.Bucket), (json, m) => json.WriteNumberValue(m.Count));
        var hours = Rows(tally.Hours, h => (h.Key, h.Bucket), (json, h) => json.WriteNumberValue(h.Count));
        var recent = Rows(tally.Recent, r => (r.Key, r.Arrival.AtMs), (json, r) => json.WriteStringValue(r.Arrival.PostId));
        return database.WriteAsync<IReadOnlyList<TermCounts>>(async w =>
        {
            // One statement a table for the whole batch: the arrivals come summed per bucket (TopicTally).
            await w.ExecuteAsync(
                """
                INSERT INTO spike_minutes (queue, term, minute, count)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each($minutes) WHERE true
                ON CONFLICT (queue, term, minute) DO UPDATE SET count = count + excluded.count;
                INSERT INTO spike_hours (queue, term, hour, count)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each($hours) WHERE true
                ON CONFLICT (queue, term, hour) DO UPDATE SET count = count + excluded.count;
                INSERT OR IGNORE INTO spike_recent (queue, term, at, post_id)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each($recent);
                """,
                cancellationToken,
                ("$minutes", minutes),
                ("$hours", hours),
                ("$recent", recent)).ConfigureAwait(false);

            var answers = new Dictionary<QueueTerm, TermCounts>();
            foreach (var (queue, latest) in tally.Latest)
            {
                var terms = tally.Terms.Where(t => t.Queue == queue).ToList();
                var (minute, hour, firstMinute) = (latest.Minute, latest.Hour, latest.FirstMinute);
                (string, object?)[] key = [("$queue", queue), ("$terms", Strings(terms.Select(t => t.Term)))];
                await w.ExecuteAsync(
                    """
                    DELETE FROM spike_minutes WHERE queue = $queue AND term IN (SELECT value FROM json_each($terms)) AND minute < $oldMinute;
                    DELETE FROM spike_hours WHERE queue = $queue AND term IN (SELECT value FROM json_each($terms)) AND hour < $oldHour;
                    DELETE FROM spike_recent AS r WHERE queue = $queue AND term IN (SELECT value FROM json_each($terms))
                        AND (at, post_id) < (SELECT at, post_id FROM spike_recent x WHERE x.queue = r.queue AND x.term = r.term ORDER BY at DESC, post_id DESC LIMIT 1 OFFSET 2);
                    """,
                    cancellationToken,
                    [.. key, ("$oldMinute", firstMinute - (tally.WindowMinutes * TopicArrival.MinuteMs)), ("$oldHour", hour - ((tally.BaselineWeeks + 1) * TopicArrival.WeekMs))]).ConfigureAwait(false);

                var counts = terms.ToDictionary(t => t.Term, _ => (Minutes: new int[tally.WindowMinutes], Weeks: new int[tally.BaselineWeeks], Recent: new List<string>(3)), StringComparer.Ordinal);
                await using (var read = w.Command("SELECT term, minute, count FROM spike_minutes WHERE queue = $queue AND term IN (SELECT value FROM json_each($terms)) AND minute >= $first AND minute <= $minute", [.. key, ("$first", firstMinute), ("$minute", minute)]))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        counts[reader.GetString(0)].Minutes[(reader.GetInt64(1) - firstMinute) / TopicArrival.MinuteMs] = reader.GetInt32(2);
                    }
                }

                await using (var read = w.Command("SELECT term, hour, count FROM spike_hours WHERE queue = $queue AND term IN (SELECT value FROM json_each($terms)) AND hour < $hour AND hour >= $oldest", [.. key, ("$hour", hour), ("$oldest", hour - (tally.BaselineWeeks * TopicArrival.WeekMs))]))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var back = hour - reader.GetInt64(1);
                        if (back % TopicArrival.WeekMs == 0)
                        {
                            counts[reader.GetString(0)].Weeks[(back / TopicArrival.WeekMs) - 1] = reader.GetInt32(2);
                        }
                    }
                }

                // At most three a term are kept (pruned above).
                await using (var read = w.Command("SELECT term, post_id FROM spike_recent WHERE queue = $queue AND term IN (SELECT value FROM json_each($terms)) ORDER BY term, at DESC, post_id DESC", key))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        counts[reader.GetString(0)].Recent.Add(reader.GetString(1));
                    }
                }

                foreach (var term in terms)
                {
                    var (m, weeks, r) = counts[term.Term];
                    answers[term] = new TermCounts(queue, term.Term, m, weeks, r);
                }
            }

            return [.. tally.Terms.Select(t => answers[t])];
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

    private static string Strings(IEnumerable<string> values) => Json(json =>
    {
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
    });

    /// <summary>Rows for json_each: [queue, term, bucket, last] each.</summary>
    private static string Rows<T>(IEnumerable<T> rows, Func<T, (QueueTerm Key, long Bucket)> first, Action<Utf8JsonWriter, T> last)
        => Json(json =>
        {
            foreach (var row in rows)
            {
                var (key, bucket) = first(row);
                json.WriteStartArray();
                json.WriteStringValue(key.Queue);
                json.WriteStringValue(key.Term);
                json.WriteNumberValue(bucket);
                last(json, row);
                json.WriteEndArray();
            }
        });

    /// <summary>A JSON array of what <paramref name="items"/> writes, for json_each.</summary>
    private static string Json(Action<Utf8JsonWriter> items)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            items(json);
            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static DateTimeOffset CoversUntil(Spike spike) => spike.SilencedUntil is { } silenced && silenced > spike.Until ? silenced : spike.Until;
}
