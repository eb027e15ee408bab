using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// A fake customer-platform API on 127.0.0.1 (Twilio, Meta's Graph API, X, a generic reply URL):
/// every request is recorded; each is answered by the platform's documented success shape given
/// to <see cref="StartAsync"/>, or, on demand, with 429 + Retry-After, 500, an error body, or
/// no answer at all (the request arrived, the answer never came).
/// </summary>
public sealed class FakePlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<PlatformCall, (int Status, string Json)> _answer;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();

    private FakePlatform(WebApplication app, Func<PlatformCall, (int Status, string Json)> answer)
    {
        _app = app;
        _answer = answer;
    }

    /// <summary>The base URL, ending with '/'.</summary>
    public string Url { get; private set; } = "";

    public ConcurrentQueue<PlatformCall> Calls { get; } = new();

    public static async Task<FakePlatform> StartAsync(Func<PlatformCall, (int Status, string Json)> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakePlatform(app, answer);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Url = app.Urls.First() + "/";
        return fake;
    }

    /// <summary>The next <paramref name="times"/> requests get HTTP 429 with this Retry-After.</summary>
    public void RateLimit(int seconds, int times = 1) => Script(times, http =>
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return http.Response.WriteAsync("{}");
    });

    /// <summary>The next <paramref name="times"/> requests get HTTP 500.</summary>
    public void Fail(int times = 1) => Script(times, http =>
    {
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return http.Response.WriteAsync("oops");
    });

    /// <summary>The next request gets this status and JSON body (a platform's error).</summary>
    public void Answer(int status, string json) => Script(1, async http =>
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    });

    /// <summary>The next request is received and recorded, then never answered in time.</summary>
    public void Hang() => Script(1, http => Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted));

    /// <summary>Waits until a request matches, for work done in the background.</summary>
    public async Task<PlatformCall> WaitForAsync(Func<PlatformCall, bool>? match = null, int timeoutMs = 10_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (Calls.FirstOrDefault(c => match?.Invoke(c) ?? true) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No request matched in {timeoutMs} ms. Requests: {string.Join(", ", Calls.Select(c => c.Method + " " + c.Path))}");
    }

    private void Script(int times, Func<HttpContext, Task> answer)
    {
        for (var i = 0; i < times; i++)
        {
            _scripted.Enqueue(answer);
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var call = new PlatformCall(
            http.Request.Method,
            http.Request.Path + http.Request.QueryString,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            http.Request.ContentType ?? "",
            body);
        Calls.Enqueue(call);
        if (_scripted.TryDequeue(out var scripted))
        {
            try
            {
                await scripted(http);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up waiting.
            }

            return;
        }

        var (status, json) = _answer(call);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the fake platform received.</summary>
public sealed record PlatformCall(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string ContentType, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    /// <summary>The body's form fields, for form-encoded APIs.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    public System.Text.Json.Nodes.JsonObject Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!.AsObject();
}
