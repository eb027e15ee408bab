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

    protected override Task EditAuditEventByHandAsync(string postId, int index, string detail) =>
        ByHandAsync("DROP TRIGGER audit_no_update; UPDATE audit SET body = json_set(body, '$.Detail', $detail) WHERE seq = (SELECT seq FROM audit WHERE post_id = $post ORDER BY seq LIMIT 1 OFFSET $index)", postId, index, detail);

    protected override Task RemoveAuditEventByHandAsync(string postId, int index) =>
        ByHandAsync("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = (SELECT seq FROM audit WHERE post_id = $post ORDER BY seq LIMIT 1 OFFSET $index)", postId, index, null);

    /// <summary>What someone with the database file and the sqlite3 shell could do: drop the guard, then change a row.</summary>
    private async Task ByHandAsync(string sql, string postId, int index, string? detail)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "store.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$post", postId);
        command.Parameters.AddWithValue("$index", index);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_edited_or_deleted_even_with_SQL()
    {
        await Audit.RecentAsync(1);
        await AssertAppendOnlyAsync("INSERT INTO audit (post_id, at, body) VALUES ('p', 0, '{}')", "UPDATE audit SET body = '{}'", "DELETE FROM audit");
    }

    [Fact]
    public async Task Answer_history_cannot_be_edited_or_deleted_even_with_SQL()
    {
        await Answers.ChangesSinceAsync(0);
        await AssertAppendOnlyAsync("INSERT INTO answer_versions (answer_id, version, body) VALUES ('a', 1, '{}')", "UPDATE answer_versions SET body = '[]'", "DELETE FROM answer_versions");
    }

    /// <summary>A row goes in with <paramref name="insert"/>; each of <paramref name="changes"/> is refused by the table's triggers.</summary>
    private async Task AssertAppendOnlyAsync(string insert, params string[] changes)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "store.db")};Pooling=False");
        await connection.OpenAsync();
        await using var row = connection.CreateCommand();
        row.CommandText = insert;
        await row.ExecuteNonQueryAsync();

        foreach (var sql in changes)
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
