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

    public Task<Crisis?> ResolveAsync(string crisisId, string by, DateTimeOffset at, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default) =>
        ChangeAsync(crisisId, refresh, c => c.Status == CrisisStatus.Resolved ? null : c with { Status = CrisisStatus.Resolved, ResolvedBy = by, ResolvedAt = at }, cancellationToken);

    public Task<Crisis?> ProposeHoldingAsync(string crisisId, HoldingStatement proposal, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return ChangeAsync(crisisId, refresh, c => c.Status == CrisisStatus.Declared && c.Holding is null or { Status: HoldingStatus.Rejected } ? c with { Holding = proposal } : null, cancellationToken);
    }

    public Task<Crisis?> DecideHoldingAsync(string crisisId, HoldingStatement decided, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decided);
        return ChangeAsync(crisisId, refresh, c => c.Status == CrisisStatus.Declared && c.Holding is { Status: HoldingStatus.Proposed } waiting && waiting.Id == decided.Id ? c with { Holding = decided } : null, cancellationToken);
    }

    public Task RecordHoldingOutcomesAsync(string crisisId, IReadOnlyList<HoldingOutcome> outcomes, IReadOnlyList<OutboxMessage> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(refresh);
        return database.WriteAsync(async w =>
        {
            foreach (var outcome in outcomes)
            {
                await w.ExecuteAsync(
                    "INSERT INTO crisis_holding (crisis_id, post_id, body) VALUES ($crisis, $post, $body) ON CONFLICT DO NOTHING",
                    cancellationToken,
                    ("$crisis", crisisId),
                    ("$post", outcome.PostId),
                    ("$body", JsonSerializer.Serialize(outcome, StoreJson.Default.HoldingOutcome))).ConfigureAwait(false);
            }

            await SqliteOutbox.AddAsync(w, refresh, cancellationToken).ConfigureAwait(false);
            return outcomes.Count;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<HoldingOutcome>> HoldingOutcomesAsync(string crisisId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<HoldingOutcome>>(async c =>
        {
            var outcomes = new List<HoldingOutcome>();
            await using var read = c.Command("SELECT body FROM crisis_holding WHERE crisis_id = $crisis", null, ("$crisis", crisisId));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                outcomes.Add(JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.HoldingOutcome) ?? throw new InvalidDataException("A stored holding outcome is empty."));
            }

            return outcomes;
        }, cancellationToken);

    /// <summary>Reads the crisis and writes what <paramref name="change"/> makes of it, in the writer's turn; null from it leaves the crisis as it is.</summary>
    private Task<Crisis?> ChangeAsync(string crisisId, IReadOnlyList<OutboxMessage> refresh, Func<Crisis, Crisis?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        return database.WriteAsync(async w =>
        {
            if (await w.ScalarAsync("SELECT body FROM crises WHERE id = $id", cancellationToken, ("$id", crisisId)).ConfigureAwait(false) is not string body)
            {
                return null;
            }

            var crisis = Parse(body);
            if (change(crisis) is not { } changed)
            {
                return crisis;
            }

            await WriteAsync(w, changed, cancellationToken).ConfigureAwait(false);
            await SqliteOutbox.AddAsync(w, refresh, cancellationToken).ConfigureAwait(false);
            return changed;
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
