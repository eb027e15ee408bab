using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text;
using ChatOpsReply.Posts;
using ChatOpsReply.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The service with X on, talking to a fake X API, and the webhook events X would send it,
/// signed with the consumer secret, shaped like the Account Activity API's.
/// </summary>
public sealed class XHost : ChannelHost
{
    public const string ConsumerKey = "test-x-consumer-key";
    public const string ConsumerSecret = "test-x-consumer-secret";
    public const string AccessToken = "2244994945-testaccesstoken";
    public const string AccessTokenSecret = "test-x-token-secret";
    public const string AccountId = "2244994945";
    public const string AccountHandle = "AcmeHelp";

    private XHost(FakePlatform api, ServiceHost host)
        : base(api, host)
    {
    }

    public static async Task<XHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var ids = 1445880548472328000L;
        // X: a created post answers 201 {data{id, text}}, a DM {data{dm_conversation_id, dm_event_id}}, docs.x.com/x-api/posts/manage-tweets/api-reference/post-tweets
        var api = await FakePlatform.StartAsync(call => call.Path.StartsWith("/2/dm_conversations", StringComparison.Ordinal)
            ? (201, new JsonObject { ["data"] = new JsonObject { ["dm_conversation_id"] = $"{AccountId}-1", ["dm_event_id"] = $"{Interlocked.Increment(ref ids)}" } }.ToJsonString())
            : (201, new JsonObject { ["data"] = new JsonObject { ["id"] = $"{Interlocked.Increment(ref ids)}", ["text"] = call.Json["text"]!.GetValue<string>() } }.ToJsonString()));
        var platform = new Dictionary<string, string?>
        {
            ["Sources:X:ConsumerKey"] = ConsumerKey,
            ["Sources:X:ConsumerSecret"] = ConsumerSecret,
            ["Sources:X:AccessToken"] = AccessToken,
            ["Sources:X:AccessTokenSecret"] = AccessTokenSecret,
            ["Sources:X:AccountId"] = AccountId,
            ["Sources:X:ApiBaseUrl"] = api.Url,
            ["Sources:X:RequestTimeout"] = "00:00:05",
        };
        return new XHost(api, new ServiceHost(Settings(platform, settings), services));
    }

    public string Now => Host.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<HttpResponseMessage> PostAsync(string json, string secret = ConsumerSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return await PostBytesAsync(bytes, BodySignature.Base64Encoded.Sign(secret, bytes));
    }

    public async Task<HttpResponseMessage> PostBytesAsync(byte[] bytes, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sources/x") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-twitter-webhooks-signature", signature);
        return await Client.SendAsync(request);
    }

    // X: a tweet_create_events delivery with a v1.1 post object, docs.x.com/x-api/enterprise-gnip-2.0/fundamentals/account-activity
    public string Tweet(string id, string text, bool mentionsUs = true, string userId = "3805104374", string screenName = "ana_lopez", string name = "Ana Lopez", string? inReplyTo = null)
    {
        var mentions = new JsonArray();
        if (mentionsUs)
        {
            mentions.Add(new JsonObject { ["screen_name"] = AccountHandle, ["name"] = "Acme Help", ["id"] = long.Parse(AccountId, System.Globalization.CultureInfo.InvariantCulture), ["id_str"] = AccountId, ["indices"] = new JsonArray(0, 9) });
        }

        return new JsonObject
        {
            ["for_user_id"] = AccountId,
            ["tweet_create_events"] = new JsonArray(new JsonObject
            {
                ["created_at"] = "Mon Nov 23 09:00:00 +0000 2026",
                ["id"] = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture),
                ["id_str"] = id,
                ["text"] = text,
                ["source"] = "<a href=\"https://mobile.x.com\" rel=\"nofollow\">X Web App</a>",
                ["truncated"] = false,
                ["in_reply_to_status_id_str"] = inReplyTo,
                ["in_reply_to_user_id_str"] = inReplyTo is null ? null : AccountId,
                ["user"] = new JsonObject { ["id"] = long.Parse(userId, System.Globalization.CultureInfo.InvariantCulture), ["id_str"] = userId, ["name"] = name, ["screen_name"] = screenName },
                ["is_quote_status"] = false,
                ["entities"] = new JsonObject { ["hashtags"] = new JsonArray(), ["urls"] = new JsonArray(), ["user_mentions"] = mentions, ["symbols"] = new JsonArray() },
                ["lang"] = "en",
                ["timestamp_ms"] = Now,
            }),
        }.ToJsonString();
    }

    // X: a direct_message_events delivery with its users, same page
    public string DirectMessage(string id, string text, string sender = "3805104374", string screenName = "ana_lopez")
    {
        var users = new JsonObject
        {
            [sender] = new JsonObject { ["id"] = sender, ["created_timestamp"] = "1422556069340", ["name"] = "Ana Lopez", ["screen_name"] = screenName, ["protected"] = false, ["verified"] = false },
            [AccountId] = new JsonObject { ["id"] = AccountId, ["created_timestamp"] = "1422556069340", ["name"] = "Acme Help", ["screen_name"] = AccountHandle },
        };
        return new JsonObject
        {
            ["for_user_id"] = AccountId,
            ["direct_message_events"] = new JsonArray(new JsonObject
            {
                ["type"] = "message_create",
                ["id"] = id,
                ["created_timestamp"] = Now,
                ["message_create"] = new JsonObject
                {
                    ["target"] = new JsonObject { ["recipient_id"] = sender == AccountId ? "3805104374" : AccountId },
                    ["sender_id"] = sender,
                    ["message_data"] = new JsonObject { ["text"] = text, ["entities"] = new JsonObject { ["hashtags"] = new JsonArray(), ["symbols"] = new JsonArray(), ["user_mentions"] = new JsonArray(), ["urls"] = new JsonArray() } },
                },
            }),
            ["users"] = users,
        }.ToJsonString();
    }

    public async Task<string> ReceiveAsync(string json, string externalId)
    {
        using var response = await PostAsync(json);
        response.EnsureSuccessStatusCode();
        return await Host.Service<IPostStore>().FindIngestedAsync(new IngestKey("x", externalId))
            ?? throw new InvalidOperationException("The event became no post.");
    }
}
