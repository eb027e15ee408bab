using System.Text.Json.Serialization;

namespace ChatOpsReply.Sources;

/// <summary>
/// The body POSTed to <c>Sources:Generic:ReplyUrl</c>: the reply, and enough of its post for the
/// receiver to deliver it (the ids the sender gave us). <see cref="DeliveryId"/> is the same on
/// every attempt, so a receiver can tell a retry from a new reply.
/// </summary>
public sealed record GenericReply(
    [property: JsonPropertyName("deliveryId")] string DeliveryId,
    [property: JsonPropertyName("postId")] string PostId,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("externalId")] string ExternalId,
    [property: JsonPropertyName("threadId")] string? ThreadId,
    [property: JsonPropertyName("to")] GenericReplyRecipient To,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("sentAt")] DateTimeOffset SentAt);

public sealed record GenericReplyRecipient(
    [property: JsonPropertyName("handle")] string Handle,
    [property: JsonPropertyName("displayName")] string? DisplayName);

[JsonSerializable(typeof(GenericReply))]
internal sealed partial class GenericReplyJson : JsonSerializerContext;
