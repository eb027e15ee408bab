namespace ChatOpsReply.Tests.Storage;

public sealed class SqliteDigestStoreContractTests : DigestStoreContract
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("chatopsreply-digest-store-").FullName;

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
