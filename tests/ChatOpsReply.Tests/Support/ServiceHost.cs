using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Crises;
using ChatOpsReply.Delivery;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using ChatOpsReply.Storage;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The whole service in-process, on its own SQLite file in its own folder, with test
/// configuration and a fake clock. Each test builds its own: nothing is shared.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="configurationJson">The host's appsettings.json; the test configuration when null.</param>
    public ServiceHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? folder = null, FakeTimeProvider? time = null, string? configurationJson = null)
    {
        Folder = folder ?? Directory.CreateTempSubdirectory("chatopsreply-test-").FullName;
        File.WriteAllText(Path.Combine(Folder, "appsettings.json"), configurationJson ?? TestConfig.Json);
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            [$"{StorageOptions.Section}:Sqlite:Path"] = Path.Combine(Folder, "chatopsreply.db"),
        };
        _services = services;
        Time = time ?? new FakeTimeProvider(TestConfig.Start);
    }

    /// <summary>The folder holding the database; a second host on the same folder is a restart.</summary>
    public string Folder { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Errors the service logged, for assertion messages.</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>The URL of the real server, after <see cref="StartOnKestrel"/>.</summary>
    public string BaseUrl => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    /// <summary>
    /// A host on a real Kestrel server on 127.0.0.1, with clients pointed at it.
    /// WebApplicationFactory 10.0.0 now and then fails to set the port of a server that already
    /// started (IServerAddressesFeature.Addresses cannot be modified); a fresh host starts fine.
    /// </summary>
    public static ServiceHost StartOnKestrel(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, FakeTimeProvider? time = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = new ServiceHost(settings, services, time: time);
            try
            {
                host.UseKestrel(0);
                host.StartServer();
                host.ClientOptions.BaseAddress = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                return host;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                host.Dispose();
                host.DeleteFolder();
            }
        }
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });

    /// <summary>A client for /readyz and /metrics as a scraper elsewhere calls them: with the bearer token (an in-process request has no loopback address).</summary>
    public HttpClient ScrapeClient()
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestConfig.ScrapeToken);
        return client;
    }

    /// <summary>Signs and posts a body to <c>POST /api/posts</c> as a source would.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string json, string secret = TestConfig.GenericSecret, DateTimeOffset? signedAt = null) =>
        PostSignedAsync(client, Encoding.UTF8.GetBytes(json), secret, signedAt);

    /// <summary>Signs and posts raw bytes, whatever they hold: the signature passes, so they reach the parser.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(HttpClient client, byte[] body, string secret = TestConfig.GenericSecret, DateTimeOffset? signedAt = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var timestamp = (signedAt ?? Time.GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(GenericWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(GenericWebhookSignature.SignatureHeader, GenericWebhookSignature.Sign(secret, timestamp, body));
        return client.SendAsync(request);
    }

    /// <summary>Posts a customer message and returns the post id the service answered with.</summary>
    public async Task<string> ReceiveAsync(string text, string source = "x", string? externalId = null, string? threadId = null, string handle = "@ana", string displayName = "Ana Lopez")
    {
        using var client = NewClient();
        var json = JsonSerializer.Serialize(new
        {
            source,
            externalId = externalId ?? Guid.NewGuid().ToString("N"),
            threadId,
            author = new { handle, displayName },
            text,
        });
        using var response = await PostSignedAsync(client, json);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Ingest answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public Task<CommandResult> ActAsync(string postId, PostTrigger trigger, string personId, TriggerInput? input = null, string? key = null) =>
        Service<PostCommandHandler>().HandleAsync(new PostCommand(postId, trigger, Service<AccountabilityPolicy>().People.Find(personId) ?? Person.System, "test", key)
        {
            Input = input ?? TriggerInput.None,
        });

    public async Task<CustomerPost> PostAsync(string postId) =>
        await Service<IPostStore>().GetAsync(postId) ?? throw new InvalidOperationException($"No post {postId}.");

    /// <summary>Delivers every due outbox message, as the background dispatcher would.</summary>
    public async Task<int> DeliverAsync()
    {
        // The posts received so far are counted first, as the background counting would have by now.
        await Service<SpikeWatch>().CountAllWaitingAsync();
        var total = 0;
        int handled;
        while ((handled = await Service<OutboxDispatcher>().DispatchDueAsync()) > 0)
        {
            total += handled;
        }

        return total;
    }

    /// <summary>Moves the clock and fires the SLA timers that came due, as the background service would.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        var total = 0;
        int fired;
        while ((fired = await Service<SlaTimerService>().FireDueAsync()) > 0)
        {
            total += fired;
        }

        return total;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(Folder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // The console gets warnings and errors only: a test run's output stays readable.
        builder.ConfigureLogging(logging => logging.AddProvider(Errors).AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });
    }

    /// <summary>Deletes the folder unless another host (a restart) still uses it.</summary>
    public void DeleteFolder()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may hold the file for a moment; the OS temp cleaner takes it later.
        }
    }
}
