using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatOpsReply.Sources;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Faults;

/// <summary>
/// Senders posting signed customer messages one after another, each until it is acknowledged, as a
/// webhook sender retries: a refused or dropped request is sent again (to whichever address the
/// service has now). Records what was acknowledged and every answer that was not a 202.
/// </summary>
public sealed class SignedLoad
{
    private readonly Func<string> _baseUrl;
    private readonly int _posts;
    private readonly int _senders;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    /// <param name="baseUrl">Where the service answers now (it changes when the service is started again).</param>
    public SignedLoad(Func<string> baseUrl, int posts, int senders = 4, string prefix = "load")
    {
        _baseUrl = baseUrl;
        _posts = posts;
        _senders = senders;
        Prefix = prefix;
    }

    public string Prefix { get; }

    /// <summary>External id → the post id the service acknowledged it with.</summary>
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers other than 202, with the Retry-After each gave (null when none).</summary>
    public ConcurrentQueue<(HttpStatusCode Status, string? RetryAfter)> Refusals { get; } = new();

    /// <summary>Requests that got no answer (the service was down or killed mid-request).</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    private int _dropped;
    private int _allowed = int.MaxValue;

    /// <summary>Lets the senders go on up to post <paramref name="count"/> (they wait before any later one); never lowers it.</summary>
    public void Allow(int count)
    {
        int current;
        while ((current = Volatile.Read(ref _allowed)) < count && Interlocked.CompareExchange(ref _allowed, count, current) != current)
        {
        }
    }

    /// <summary>Holds the senders before post <paramref name="count"/> until <see cref="Allow"/> lets them on.</summary>
    public void HoldAt(int count) => Volatile.Write(ref _allowed, count);

    public void Start() => _running = Task.WhenAll(Enumerable.Range(0, _senders).Select(sender => Task.Run(() => SendAsync(sender))));

    /// <summary>Waits until every post is acknowledged; fails if that takes longer than <paramref name="timeout"/>.</summary>
    public async Task CompleteAsync(TimeSpan timeout)
    {
        var running = _running ?? throw new InvalidOperationException("Start the load first.");
        if (await Task.WhenAny(running, Task.Delay(timeout)) != running)
        {
            await _stop.CancelAsync();
            Assert.Fail($"Only {Acknowledged.Count} of {_posts} posts were acknowledged within {timeout}.");
        }

        await running;
    }

    public static byte[] Json(string externalId, int i) =>
        JsonSerializer.SerializeToUtf8Bytes(new { source = "x", externalId, author = new { handle = "@ana", displayName = "Ana Lopez" }, text = $"Where is order {i}?" });

    private async Task SendAsync(int sender)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = sender; i < _posts; i += _senders)
        {
            while (i >= Volatile.Read(ref _allowed) && !_stop.IsCancellationRequested)
            {
                await Task.Delay(10);
            }

            var externalId = $"{Prefix}-{i}";
            var body = Json(externalId, i);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var request = SignedRequest(_baseUrl(), body);
                    using var response = await client.SendAsync(request, _stop.Token);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        var postId = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_stop.Token)).RootElement.GetProperty("id").GetString()!;
                        // The same message always gets the same post, however often it was sent.
                        Assert.Equal(postId, Acknowledged.GetOrAdd(externalId, postId));
                        break;
                    }

                    Refusals.Enqueue((response.StatusCode, response.Headers.RetryAfter?.ToString()));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _dropped);
                }

                await Task.Delay(50);
            }
        }
    }

    /// <summary>A signed POST of <paramref name="body"/> to /api/posts, as a sender signs it now.</summary>
    public static HttpRequestMessage SignedRequest(string baseUrl, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/posts") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(GenericWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(GenericWebhookSignature.SignatureHeader, GenericWebhookSignature.Sign(TestConfig.GenericSecret, timestamp, body));
        return request;
    }
}
