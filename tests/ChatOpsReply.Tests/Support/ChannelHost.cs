namespace ChatOpsReply.Tests.Support;

/// <summary>The service with one customer platform on, talking to a fake of that platform's API: what the Twilio, Meta and X hosts share.</summary>
public abstract class ChannelHost : IAsyncDisposable
{
    protected ChannelHost(FakePlatform api, ServiceHost host)
    {
        Api = api;
        Host = host;
        Client = host.CreateClient();
    }

    /// <summary>The fake platform API the service sends replies to.</summary>
    public FakePlatform Api { get; }

    public ServiceHost Host { get; }

    public HttpClient Client { get; }

    /// <summary>The platform's settings pointed at the fake, with a test's own settings over them.</summary>
    protected static Dictionary<string, string?> Settings(IDictionary<string, string?> platform, IDictionary<string, string?>? overrides)
    {
        var all = new Dictionary<string, string?>(platform);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Host.DeleteFolder();
        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
