namespace ChatOpsReply.Tests.Storage;

public sealed class SqliteCrisisStoreContractTests : CrisisStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatopsreply-crisis-store-").FullName;

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
}
