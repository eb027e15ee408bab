using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A fake Slack on 127.0.0.1: the Web API methods ChatOpsReply calls (recorded, answered the way
/// Slack documents, or failed on demand with 429 + Retry-After, 500 or an ok:false error) and a
/// Socket Mode WebSocket the test talks through.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpResponse, Task>>> _scripted = new(StringComparer.Ordinal);
    private readonly Channel<string> _fromApp = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _toApp = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, int> _lostAnswers = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _messages = [];
    private int _ts;
    private int _views;

    private FakeSlack(WebApplication app) => _app = app;

    /// <summary>The Web API base URL (ends with '/').</summary>
    public string Url { get; private set; } = "";

    public ConcurrentQueue<SlackCall> Calls { get; } = new();

    /// <summary>users.info answers: Slack user id → e-mail address.</summary>
    public ConcurrentDictionary<string, string> Emails { get; } = new(StringComparer.Ordinal);

    /// <summary>usergroups.users.list answers: user group id → member ids.</summary>
    public ConcurrentDictionary<string, string[]> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Socket Mode connections the app opened.</summary>
    public int SocketConnections => _socketConnections;

    private int _socketConnections;

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.UseWebSockets();
        app.Map("/socket", fake.SocketAsync);
        app.MapPost("/api/{method}", fake.MethodAsync);
        await app.StartAsync();
        fake.Url = app.Urls.First() + "/api/";
        return fake;
    }

    public IEnumerable<SlackCall> Of(string method) => Calls.Where(c => c.Method == method);

    /// <summary>The clock message timestamps are taken from (Slack's ts is the time it took the message); the real one when null.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    /// <summary>How long chat.postMessage holds its answer after the message is in the channel: a crash then leaves it there unanswered.</summary>
    public TimeSpan PostAnswerDelay { get; set; }

    /// <summary>Messages in the channels whose chat.postMessage has not been answered yet (while <see cref="PostAnswerDelay"/> holds the answer).</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    private int _unanswered;

    /// <summary>Top-level messages in the channels, oldest first, as conversations.history would list them.</summary>
    public IReadOnlyList<JsonObject> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>How many messages in the channels are cards of the post (tagged with its id and the card key).</summary>
    public int CardsOf(string postId) => Messages.Count(m => (string?)m["metadata"]?["event_payload"]?["post_id"] == postId && (string?)m["metadata"]?["event_payload"]?["key"] == "slack:card");

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> are carried out, then the connection is dropped before the answer.</summary>
    public void LoseAnswers(string method, int times = 1) => _lostAnswers.AddOrUpdate(method, times, (_, n) => n + times);

    /// <summary>
    /// When set, chat.postMessage takes one message per this interval per channel (by <see cref="Clock"/>),
    /// threads included, and answers 429 with Retry-After beyond that: Slack's pace without its bursts.
    /// </summary>
    public TimeSpan? ChannelInterval { get; set; }

    private readonly Dictionary<string, DateTimeOffset> _lastPosted = new(StringComparer.Ordinal);

    /// <summary>While it lasts, every call gets the storm's answer and does nothing.</summary>
    public PlatformStorm? Storm { get; set; }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> get HTTP 429 with this Retry-After.</summary>
    public void RateLimit(string method, int seconds, int times = 1) => Script(method, times, async response =>
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsync("");
    });

    /// <summary>The next <paramref name="times"/> calls get HTTP 500.</summary>
    public void Fail(string method, int times = 1) => Script(method, times, async response =>
    {
        response.StatusCode = StatusCodes.Status500InternalServerError;
        await response.WriteAsync("oops");
    });

    /// <summary>The next <paramref name="times"/> calls get <c>{"ok":false,"error":code}</c>.</summary>
    public void Error(string method, string code, int times = 1) => Script(method, times, response =>
        response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = code }));

    /// <summary>Waits until a call matches, for work done after an acknowledgement.</summary>
    public async Task<SlackCall> WaitForAsync(string method, Func<SlackCall, bool>? match = null, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (Of(method).FirstOrDefault(c => match?.Invoke(c) ?? true) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {method} call matched in {timeoutMs} ms. Calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    /// <summary>Sends a frame to the connected app over the socket.</summary>
    public ValueTask SendToAppAsync(JsonObject frame) => _toApp.Writer.WriteAsync(frame.ToJsonString());

    /// <summary>The next frame the app sent over the socket (an acknowledgement).</summary>
    public async Task<JsonObject> ReceiveFromAppAsync(int timeoutMs = 5000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        return JsonNode.Parse(await _fromApp.Reader.ReadAsync(timeout.Token))!.AsObject();
    }

    private void Script(string method, int times, Func<HttpResponse, Task> answer)
    {
        var queue = _scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpResponse, Task>>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(answer);
        }
    }

    private async Task MethodAsync(HttpContext http, string method)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        JsonObject args;
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            args = JsonNode.Parse(body)!.AsObject();
        }
        else
        {
            args = [];
            foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body))
            {
                args[key] = value.ToString();
            }
        }

        var call = new SlackCall(method, args, http.Request.Headers.Authorization.ToString(), http.Request.ContentType ?? "");
        if (Storm?.Now() is { } storm)
        {
            Calls.Enqueue(call with { Failed = true });
            http.Response.StatusCode = storm.Status;
            if (storm.RetryAfter is { } after)
            {
                http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            await http.Response.WriteAsync("storm");
            return;
        }

        if (method == "chat.postMessage" && TooSoon(call.Arg("channel")) is { } retryAfter)
        {
            Calls.Enqueue(call with { Failed = true });
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await http.Response.WriteAsync("");
            return;
        }

        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            Calls.Enqueue(call with { Failed = true });
            await scripted(http.Response);
            return;
        }

        var answer = Answer(method, args);
        Calls.Enqueue(call with { Answer = answer });
        if (_lostAnswers.TryGetValue(method, out var lose) && lose > 0 && _lostAnswers.TryUpdate(method, lose - 1, lose))
        {
            http.Abort();
            return;
        }

        if (method == "chat.postMessage" && PostAnswerDelay > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _unanswered);
            await Task.Delay(PostAnswerDelay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            Interlocked.Decrement(ref _unanswered);
        }

        await http.Response.WriteAsJsonAsync(answer);
    }

    /// <summary>Seconds to wait when the channel took a message less than <see cref="ChannelInterval"/> ago; else null, and the channel's clock restarts.</summary>
    private int? TooSoon(string channel)
    {
        if (ChannelInterval is not { } interval)
        {
            return null;
        }

        var now = Clock?.Invoke() ?? DateTimeOffset.UtcNow;
        lock (_lastPosted)
        {
            if (_lastPosted.TryGetValue(channel, out var last) && now - last < interval)
            {
                return Math.Max(1, (int)Math.Ceiling((last + interval - now).TotalSeconds));
            }

            _lastPosted[channel] = now;
            return null;
        }
    }

    /// <summary>Keeps a posted message (top level, not thread replies) and applies updates to it.</summary>
    private void Keep(string method, JsonObject args, string ts)
    {
        lock (_messages)
        {
            if (method == "chat.postMessage" && args["thread_ts"] is null)
            {
                _messages.Add(new JsonObject { ["channel"] = args["channel"]?.DeepClone(), ["ts"] = ts, ["text"] = args["text"]?.DeepClone(), ["metadata"] = args["metadata"]?.DeepClone(), ["blocks"] = args["blocks"]?.DeepClone() });
            }
            else if (method == "chat.update" && _messages.FindLast(m => (string?)m["ts"] == ts && (string?)m["channel"] == (string?)args["channel"]) is { } message)
            {
                message["text"] = args["text"]?.DeepClone();
                message["blocks"] = args["blocks"]?.DeepClone();
                message["metadata"] = args["metadata"]?.DeepClone() ?? message["metadata"]?.DeepClone();
            }
        }
    }

    // Slack: conversations.history lists a channel's messages newest first, metadata only with include_all_metadata, docs.slack.dev/reference/methods/conversations.history
    private JsonObject History(JsonObject args)
    {
        string Arg(string name) => args[name]?.GetValue<string>() ?? "";
        var oldest = double.TryParse(Arg("oldest"), NumberStyles.Float, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var limit = int.TryParse(Arg("limit"), out var l) ? l : 100;
        var skip = int.TryParse(Arg("cursor"), out var c) ? c : 0;
        var withMetadata = Arg("include_all_metadata") == "true";
        var listed = Messages.Where(m => (string?)m["channel"] == Arg("channel") && double.Parse((string)m["ts"]!, CultureInfo.InvariantCulture) >= oldest).Reverse().ToList();
        var page = listed.Skip(skip).Take(limit).Select(m => (JsonNode)new JsonObject
        {
            ["type"] = "message",
            ["ts"] = m["ts"]!.DeepClone(),
            ["text"] = m["text"]?.DeepClone(),
            ["metadata"] = withMetadata ? m["metadata"]?.DeepClone() : null,
        });
        var more = skip + limit < listed.Count;
        return new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray([.. page]),
            ["has_more"] = more,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = more ? (skip + limit).ToString(CultureInfo.InvariantCulture) : "" },
        };
    }

    // Slack: answers shaped like the method pages' examples, docs.slack.dev/reference/methods
    private JsonObject Answer(string method, JsonObject args)
    {
        string Arg(string name) => args[name]?.GetValue<string>() ?? "";
        switch (method)
        {
            case "chat.postMessage":
                var ts = $"{(Clock?.Invoke() ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds()}.{Interlocked.Increment(ref _ts):000000}";
                Keep(method, args, ts);
                return new JsonObject { ["ok"] = true, ["channel"] = Arg("channel"), ["ts"] = ts, ["message"] = new JsonObject { ["ts"] = ts, ["text"] = Arg("text") } };
            case "chat.update":
                Keep(method, args, Arg("ts"));
                return new JsonObject { ["ok"] = true, ["channel"] = Arg("channel"), ["ts"] = Arg("ts"), ["text"] = Arg("text") };
            case "conversations.history":
                return History(args);
            case "chat.postEphemeral":
                return new JsonObject { ["ok"] = true, ["message_ts"] = $"1700000001.{Interlocked.Increment(ref _ts):000000}" };
            case "views.publish":
                return new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = $"V{Interlocked.Increment(ref _views):0000}", ["type"] = "home" } };
            case "views.open":
            case "views.update":
                var id = method == "views.open" ? $"V{Interlocked.Increment(ref _views):0000}" : Arg("view_id");
                return new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = id, ["hash"] = $"hash-{Guid.NewGuid():N}" } };
            case "users.info":
                var user = new JsonObject { ["id"] = Arg("user"), ["profile"] = new JsonObject() };
                if (Emails.TryGetValue(Arg("user"), out var email))
                {
                    user["profile"]!["email"] = email;
                }

                return new JsonObject { ["ok"] = true, ["user"] = user };
            case "conversations.open":
                return new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "G" + Arg("users").Replace(",", "", StringComparison.Ordinal) } };
            case "usergroups.users.list":
                return Groups.TryGetValue(Arg("usergroup"), out var members)
                    ? new JsonObject { ["ok"] = true, ["users"] = new JsonArray([.. members.Select(m => (JsonNode)m)]) }
                    : new JsonObject { ["ok"] = false, ["error"] = "no_such_subteam" };
            case "apps.connections.open":
                return new JsonObject { ["ok"] = true, ["url"] = Url.Replace("http://", "ws://", StringComparison.Ordinal).Replace("/api/", "/socket", StringComparison.Ordinal) };
            default:
                return new JsonObject { ["ok"] = false, ["error"] = "unknown_method" };
        }
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _socketConnections);
        // Slack: the first frame on a new connection is hello, docs.slack.dev/apis/events-api/using-socket-mode
        await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 }.ToJsonString());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await _fromApp.Writer.WriteAsync(Encoding.UTF8.GetString(buffer, 0, received.Count), stop.Token);
            }
        });
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await _toApp.Reader.ReadAsync(stop.Token);
                await SendAsync(socket, frame);
                if (frame.Contains("\"disconnect\"", StringComparison.Ordinal))
                {
                    await reading.WaitAsync(TimeSpan.FromSeconds(5));
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The app went away.
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One Web API call the fake received.</summary>
public sealed record SlackCall(string Method, JsonObject Args, string Authorization, string ContentType)
{
    /// <summary>What the fake answered (null when the call was failed on demand).</summary>
    public JsonObject? Answer { get; init; }

    public bool Failed { get; init; }

    public string Arg(string name) => Args[name]?.GetValue<string>() ?? "";

    /// <summary>All the text a person would read in the message: the fallback and every text object in its blocks.</summary>
    public string VisibleText => string.Join("\n", new[] { Arg("text") }.Concat(Texts(Args["blocks"])));

    private static IEnumerable<string> Texts(JsonNode? node) =>
        JsonTree.Objects(node).Where(o => o["text"] is JsonValue).Select(o => o["text"]!.GetValue<string>());
}
