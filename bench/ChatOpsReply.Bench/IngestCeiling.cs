using ChatOpsReply.Http;
using ChatOpsReply.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatOpsReply.Bench;

/// <summary>
/// The ceiling of the ingest benchmark: an endpoint that does only what any ingest must, on the
/// same store with the same durability. It reads the body, verifies the same HMAC, writes those
/// bytes once, and answers 202 only after the write is durable: for SQLite one INSERT in its own
/// transaction (WAL, synchronous=FULL, so one fsync per request) on one connection taken in turn,
/// the way SQLite is fastest with one writer; for Redis one SET, which a server with
/// appendfsync always acknowledges only after its append-only file is fsynced.
/// </summary>
internal sealed class IngestCeiling : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IAsyncDisposable _store;

    private IngestCeiling(WebApplication app, IAsyncDisposable store)
    {
        _app = app;
        _store = store;
    }

    public string Url => _app.Urls.First() + "/ceiling";

    /// <summary>An endpoint writing to a SQLite file of its own in <paramref name="folder"/>.</summary>
    public static async Task<IngestCeiling> OnSqliteAsync(string folder, string secret)
    {
        var store = new SqliteCeilingStore(Path.Combine(folder, "ceiling.db"));
        await store.OpenAsync();
        return await StartAsync(secret, store, store.WriteAsync);
    }

    /// <summary>An endpoint writing to the Redis server at <paramref name="configuration"/>.</summary>
    public static async Task<IngestCeiling> OnRedisAsync(string configuration, string secret)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = redis.GetDatabase();
        long n = 0;
        return await StartAsync(secret, redis, body => db.StringSetAsync($"ceiling:{Interlocked.Increment(ref n)}", body));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static async Task<IngestCeiling> StartAsync(string secret, IAsyncDisposable store, Func<byte[], Task> write)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/ceiling", async (HttpContext http) =>
        {
            var body = await RequestBody.ReadAsync(http.Request, SourcesEndpoints.MaxBodyBytes, http.RequestAborted);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var check = GenericWebhookSignature.Verify(secret, http.Request.Headers[GenericWebhookSignature.TimestampHeader], http.Request.Headers[GenericWebhookSignature.SignatureHeader], body, DateTimeOffset.UtcNow);
            if (check != SignatureCheck.Valid)
            {
                return Results.Unauthorized();
            }

            await write(body);
            return Results.Accepted();
        });
        await app.StartAsync();
        return new IngestCeiling(app, store);
    }

    /// <summary>One connection, one insert per request, one request at a time.</summary>
    private sealed class SqliteCeilingStore(string path) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _turn = new(1, 1);
        private readonly SqliteConnection _connection = new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());

        public async Task OpenAsync()
        {
            await _connection.OpenAsync();
            await using var setup = _connection.CreateCommand();
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE posts (seq INTEGER PRIMARY KEY, body BLOB NOT NULL);";
            await setup.ExecuteNonQueryAsync();
        }

        public async Task WriteAsync(byte[] body)
        {
            await _turn.WaitAsync();
            try
            {
                await using var insert = _connection.CreateCommand();
                insert.CommandText = "INSERT INTO posts (body) VALUES ($body)";
                insert.Parameters.AddWithValue("$body", body);
                await insert.ExecuteNonQueryAsync();
            }
            finally
            {
                _turn.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            _turn.Dispose();
        }
    }
}
