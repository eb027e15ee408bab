using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsReply.Sources.X;

/// <summary>
/// The OAuth 1.0a Authorization header of one request: HMAC-SHA1, keyed with the consumer secret
/// and the token secret, over the method, the URL and every oauth and query parameter, sorted
/// and percent-encoded as RFC 3986 says. A JSON body is not signed.
/// </summary>
public static class XOAuth1
{
    // X: the signature base string and signing key, docs.x.com/resources/fundamentals/authentication/oauth-1-0a/creating-a-signature
    public static string Signature(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters, string consumerSecret, string tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(url);
        var encoded = parameters.Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}");
        var baseUrl = url.GetLeftPart(UriPartial.Path);
        var baseString = $"{method.ToUpperInvariant()}&{Encode(baseUrl)}&{Encode(string.Join('&', encoded))}";
        var key = $"{Encode(consumerSecret)}&{Encode(tokenSecret)}";
        // X: OAuth 1.0a signs with HMAC-SHA1 by definition, same page
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(baseString)));
#pragma warning restore CA5350
    }

    /// <summary>The header value for a request, with a fresh nonce and the current time.</summary>
    // X: the oauth_* parameters of an authorised request, docs.x.com/resources/fundamentals/authentication/oauth-1-0a/authorizing-a-request
    public static string Header(string method, Uri url, XOptions options, DateTimeOffset now, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        var oauth = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = options.ConsumerKey!,
            ["oauth_nonce"] = nonce ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["oauth_token"] = options.AccessToken!,
            ["oauth_version"] = "1.0",
        };
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")));
        oauth["oauth_signature"] = Signature(method, url, oauth.Concat(query), options.ConsumerSecret!, options.AccessTokenSecret!);
        return "OAuth " + string.Join(", ", oauth.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
    }

    /// <summary>RFC 3986 percent-encoding: everything but unreserved characters, in upper-case hex.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
