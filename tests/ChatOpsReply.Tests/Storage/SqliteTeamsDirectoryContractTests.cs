namespace ChatOpsReply.Tests.Storage;

public sealed class SqliteTeamsDirectoryContractTests : TeamsDirectoryContract
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("chatopsreply-teams-store-").FullName;

    protected override IDictionary<string, string?> StoreSettings() => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:Sqlite:Path"] = Path.Combine(_folder, "store.db"),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
