using System.Text.Json;
using ChatOpsReply.Crises;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// Crises as JSON beside their status, queue and spike. Declaring and resolving are each one write in
/// the writer's turn, so two instances declaring the same topic at once record one crisis.
/// </summary>
public sealed class SqliteCrisisStore(SqliteDatabase database) : ICrisisStore
{
    public Task<CrisisDeclaring> DeclareAsync(Crisis crisis, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(crisis);
        ArgumentNullException.ThrowIfNull(refresh);
        return database.WriteAsync(async w =>
        {
            await using (var read = w.Command("SELECT body FROM crises WHERE status = $declared ORDER BY declared_at, id", ("$declared", nameof(CrisisStatus.Declared))))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var declared = Parse(reader.GetString(0));
                    if ((crisis.SpikeId is not null && declared.SpikeId == crisis.SpikeId) || declared.Overlaps(crisis))
                    {
                        return new CrisisDeclaring(declared, Declared: false);
                    }
                }
            }

            await WriteAsync(w, crisis, cancellationToken).ConfigureAwait(false);
            await SqliteOutbox.AddAsync(w, refresh, cancellationToken).ConfigureAwait(false);
            return new CrisisDeclaring(crisis, Declared: true);
        }, cancellationToken);
    }

    public Task<Crisis?> GetAsync(string crisisId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => await c.ScalarAsync("SELECT body FROM crises WHERE id = $id", null, cancellationToken, ("$id", crisisId)).ConfigureAwait(false) is string body ? Parse(body) : null, cancellationToken);

    public Task<Crisis?> OfSpikeAsync(string spikeId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => await c.ScalarAsync("SELECT body FROM crises WHERE spike_id = $spike ORDER BY declared_at DESC, id DESC LIMIT 1", null, cancellationToken, ("$spike", spikeId)).ConfigureAwait(false) is string body ? Parse(body) : null, cancellationToken);

    public Task<IReadOnlyList<Crisis>> DeclaredAsync(CancellationToken cancellationToken = default) =>
        ListAsync("SELECT body FROM crises WHERE status = $declared ORDER BY declared_at, id", cancellationToken, ("$declared", nameof(CrisisStatus.Declared)));

    public Task<IReadOnlyList<Crisis>> LatestAsync(int limit, CancellationToken cancellationToken = default) =>
        ListAsync("SELECT body FROM crises ORDER BY declared_at DESC, id DESC LIMIT $limit", cancellationToken, ("$limit", limit));

    public Task<Crisis?> ResolveAsync(string crisisId, string by, DateTimeOffset at, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        return database.WriteAsync(async w =>
        {
            if (await w.ScalarAsync("SELECT body FROM crises WHERE id = $id", cancellationToken, ("$id", crisisId)).ConfigureAwait(false) is not string body)
            {
                return null;
            }

            var crisis = Parse(body);
            if (crisis.Status == CrisisStatus.Resolved)
            {
                return crisis;
            }

            var resolved = crisis with { Status = CrisisStatus.Resolved, ResolvedBy = by, ResolvedAt = at };
            await WriteAsync(w, resolved, cancellationToken).ConfigureAwait(false);
            await SqliteOutbox.AddAsync(w, refresh, cancellationToken).ConfigureAwait(false);
            return resolved;
        }, cancellationToken);
    }

    private Task<IReadOnlyList<Crisis>> ListAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.ReadAsync<IReadOnlyList<Crisis>>(async c =>
        {
            var crises = new List<Crisis>();
            await using var read = c.Command(sql, null, parameters);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                crises.Add(Parse(reader.GetString(0)));
            }

            return crises;
        }, cancellationToken);

    private static Task<int> WriteAsync(SqliteWrite w, Crisis crisis, CancellationToken cancellationToken) =>
        w.ExecuteAsync(
            """
            INSERT INTO crises (id, queue, status, spike_id, declared_at, body) VALUES ($id, $queue, $status, $spike, $at, $body)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body
            """,
            cancellationToken,
            ("$id", crisis.Id),
            ("$queue", crisis.Queue),
            ("$status", crisis.Status.ToString()),
            ("$spike", crisis.SpikeId),
            ("$at", crisis.DeclaredAt.ToUnixMs()),
            ("$body", JsonSerializer.Serialize(crisis, StoreJson.Default.Crisis)));

    private static Crisis Parse(string body) => JsonSerializer.Deserialize(body, StoreJson.Default.Crisis) ?? throw new InvalidDataException("A stored crisis is empty.");
}
