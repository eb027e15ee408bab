using Microsoft.Data.Sqlite;

namespace ChatOpsReply.Tests.Storage;

public sealed class SqliteAnswerStoreContractTests : AnswerStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatopsreply-answers-").FullName;

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
    public async Task Answer_history_cannot_be_edited_or_deleted_even_with_SQL()
    {
        await Answers.ChangesSinceAsync(0);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "store.db")};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO answer_versions (answer_id, version, body) VALUES ('a', 1, '{}')";
        await insert.ExecuteNonQueryAsync();

        foreach (var sql in new[] { "UPDATE answer_versions SET body = '[]'", "DELETE FROM answer_versions" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
    }
}
