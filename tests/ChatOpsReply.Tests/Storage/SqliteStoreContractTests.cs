using ChatOpsReply.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatopsreply-store-").FullName;

    protected override IDictionary<string, string?> StoreSettings() => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:Sqlite:Path"] = Path.Combine(_folder, "store.db"),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_edited_or_deleted_even_with_SQL()
    {
        await Audit.RecentAsync(1);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "store.db")};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO audit (post_id, at, body) VALUES ('p', 0, '{}')";
        await insert.ExecuteNonQueryAsync();

        foreach (var sql in new[] { "UPDATE audit SET body = '{}'", "DELETE FROM audit" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_database_runs_in_WAL_mode_with_the_latest_schema()
    {
        await Audit.RecentAsync(1);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "store.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SqliteSchema.Migrations.Count, await command.ExecuteScalarAsync());
    }
}
