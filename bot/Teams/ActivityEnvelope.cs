using System.Text.Json;

namespace ChatOpsReply.Teams;

/// <summary>
/// The two fields of an activity its token vouches for, read without parsing the rest: the
/// activity itself is deserialized only once the token was found to cover it.
/// </summary>
public sealed record ActivityEnvelope(string? ServiceUrl, string? ChannelId)
{
    /// <summary>Null when the body is not a JSON object.</summary>
    public static ActivityEnvelope? Read(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? serviceUrl = null;
            string? channelId = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isServiceUrl = reader.ValueTextEquals("serviceUrl"u8);
                var isChannelId = reader.ValueTextEquals("channelId"u8);
                reader.Read();
                if ((isServiceUrl || isChannelId) && reader.TokenType == JsonTokenType.String)
                {
                    if (isServiceUrl)
                    {
                        serviceUrl = Text(ref reader);
                    }
                    else
                    {
                        channelId = Text(ref reader);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return new ActivityEnvelope(serviceUrl, channelId);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string, or null when it is not text (a lone surrogate, bytes that are not UTF-8): then it matches no token's claim.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
