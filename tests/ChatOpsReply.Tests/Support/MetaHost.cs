using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The service with Facebook and Instagram on, talking to a fake Graph API, and the webhooks Meta
/// would send it, signed with the app secret, shaped like Meta's webhook reference.
/// </summary>
public sealed class MetaHost : ChannelHost
{
    public const string AppSecret = "test-meta-app-secret";
    public const string VerifyToken = "test-meta-verify-token";
    public const string PageToken = "EAAtestpagetoken";
    public const string PageId = "1122334455";
    public const string InstagramId = "17841400000000001";

    private int _ids;

    private MetaHost(FakePlatform graph, ServiceHost host)
        : base(graph, host)
    {
    }

    public static async Task<MetaHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var ids = 0;
        // Meta: a comment reply answers {id}, the Send API {recipient_id, message_id}, developers.facebook.com/docs/messenger-platform/reference/send-api
        var graph = await FakePlatform.StartAsync(call => call.Path.EndsWith("/messages", StringComparison.Ordinal)
            ? (200, new JsonObject { ["recipient_id"] = call.Json["recipient"]!["id"]!.GetValue<string>(), ["message_id"] = $"m_sent{Interlocked.Increment(ref ids)}" }.ToJsonString())
            : (200, new JsonObject { ["id"] = $"reply_{Interlocked.Increment(ref ids)}" }.ToJsonString()));
        var platform = new Dictionary<string, string?>
        {
            ["Sources:Meta:AppSecret"] = AppSecret,
            ["Sources:Meta:VerifyToken"] = VerifyToken,
            ["Sources:Meta:PageAccessToken"] = PageToken,
            ["Sources:Meta:GraphBaseUrl"] = graph.Url,
            ["Sources:Meta:RequestTimeout"] = "00:00:05",
        };
        return new MetaHost(graph, new ServiceHost(Settings(platform, settings), services));
    }

    public long Now => Host.Time.GetUtcNow().ToUnixTimeSeconds();

    public string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref _ids)}";

    public async Task<HttpResponseMessage> PostAsync(string json, string secret = AppSecret, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return await PostBytesAsync(bytes, signature ?? BodySignature.Hex.Sign(secret, bytes));
    }

    public async Task<HttpResponseMessage> PostBytesAsync(byte[] bytes, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sources/meta") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Signature-256", signature);
        return await Client.SendAsync(request);
    }

    // Meta: the Page feed field's comment change, developers.facebook.com/docs/graph-api/webhooks/reference/page#feed
    public string FeedComment(string commentId, string message, string verb = "add", string fromId = "6100000000001", string fromName = "Ana Lopez", string postId = PageId + "_9001") => new JsonObject
    {
        ["object"] = "page",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = PageId,
            ["time"] = Now,
            ["changes"] = new JsonArray(new JsonObject
            {
                ["field"] = "feed",
                ["value"] = new JsonObject
                {
                    ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName },
                    ["post"] = new JsonObject { ["status_type"] = "added_photos", ["is_published"] = true, ["updated_time"] = "2026-11-23T09:00:00+0000", ["permalink_url"] = "https://www.facebook.com/photo/?fbid=9001", ["promotion_status"] = "inactive", ["id"] = postId },
                    ["message"] = message,
                    ["post_id"] = postId,
                    ["comment_id"] = commentId,
                    ["created_time"] = Now,
                    ["item"] = "comment",
                    ["parent_id"] = postId,
                    ["verb"] = verb,
                },
            }),
        }),
    }.ToJsonString();

    // Meta: a Messenger message event, developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
    public string MessengerMessage(string mid, string text, string sender = "7100000000001", bool echo = false, string objectKind = "page", string account = PageId)
    {
        var message = new JsonObject { ["mid"] = mid, ["text"] = text };
        if (echo)
        {
            message["is_echo"] = true;
            message["app_id"] = 1517776481860111;
        }

        return new JsonObject
        {
            ["object"] = objectKind,
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = account,
                ["time"] = Now * 1000,
                ["messaging"] = new JsonArray(new JsonObject
                {
                    ["sender"] = new JsonObject { ["id"] = echo ? account : sender },
                    ["recipient"] = new JsonObject { ["id"] = echo ? sender : account },
                    ["timestamp"] = Now * 1000,
                    ["message"] = message,
                }),
            }),
        }.ToJsonString();
    }

    // Meta: the Instagram comments field, developers.facebook.com/docs/instagram-platform/webhooks#comments
    public string InstagramComment(string commentId, string text, string fromId = "17841400000000777", string username = "ana.lopez") => new JsonObject
    {
        ["object"] = "instagram",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = InstagramId,
            ["time"] = Now,
            ["changes"] = new JsonArray(new JsonObject
            {
                ["field"] = "comments",
                ["value"] = new JsonObject
                {
                    ["from"] = new JsonObject { ["id"] = fromId, ["username"] = username },
                    ["media"] = new JsonObject { ["id"] = "17900000000000042", ["media_product_type"] = "FEED" },
                    ["id"] = commentId,
                    ["text"] = text,
                },
            }),
        }),
    }.ToJsonString();

    /// <summary>A webhook that became a post; returns the post id.</summary>
    public async Task<string> ReceiveAsync(string json, string source, string externalId)
    {
        using var response = await PostAsync(json);
        response.EnsureSuccessStatusCode();
        return await Host.Service<IPostStore>().FindIngestedAsync(new IngestKey(source, externalId))
            ?? throw new InvalidOperationException("The webhook became no post.");
    }
}
