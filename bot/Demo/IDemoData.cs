namespace ChatOpsReply.Demo;

/// <summary>
/// One kind of demo data that <c>--demo</c> puts in an empty store (the answer library, a team's
/// posts with their history, …). Register another with <c>AddSingleton&lt;IDemoData, …&gt;</c> in
/// <see cref="DemoServiceCollectionExtensions"/>; they run in <see cref="Order"/>.
/// </summary>
public interface IDemoData
{
    /// <summary>Lower runs first: the library (10) before posts that reply from it (20).</summary>
    int Order { get; }

    Task SeedAsync(CancellationToken cancellationToken);
}
