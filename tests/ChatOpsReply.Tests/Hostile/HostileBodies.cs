using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace ChatOpsReply.Tests.Hostile;

/// <summary>
/// What a careless or hostile sender puts in a body, made from a valid one: cut short, nested too
/// deep, a value of the wrong type, a string empty or huge, bytes that are not UTF-8, a lone
/// surrogate, a key twice, or plain noise. Each is then signed as the platform signs, so it gets
/// past verification and reaches the parser.
/// </summary>
public static class HostileBodies
{
    private const string Marker = "\u0001hostile\u0001";

    /// <summary>Content types a sender may claim, right and wrong.</summary>
    public static readonly Gen<string?> ContentType = Gen.OneOf<string?>(
        Gen.Const<string?>("application/json"),
        Gen.Const<string?>("application/json; charset=utf-8"),
        Gen.Const<string?>("application/x-www-form-urlencoded"),
        Gen.Const<string?>("text/plain"),
        Gen.Const<string?>("application/xml"),
        Gen.Const<string?>("multipart/form-data; boundary=----x"),
        Gen.Const<string?>("application/json; charset=iso-8859-1"),
        Gen.Const((string?)null));

    /// <summary>Hostile variants of a valid JSON body.</summary>
    /// <param name="keep">Root properties left alone (those a check before parsing needs, e.g. a Teams activity's serviceUrl).</param>
    public static Gen<byte[]> Json(string valid, params string[] keep)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var slots = Slots(JsonNode.Parse(valid)!, keep).Count;
        var strings = Slots(JsonNode.Parse(valid)!, keep, stringsOnly: true).Count;
        return Gen.Frequency(
            (2, Gen.Int[0, bytes.Length - 1].Select(n => bytes[..n])),
            (1, Gen.Select(Gen.Int[1, 20_000], Gen.Bool).Select((depth, arrays) => WithKept(valid, keep, Nested(depth, arrays)))),
            (3, Gen.Select(Gen.Int[0, slots - 1], Other).Select((slot, value) => Replace(valid, keep, slot, value))),
            (2, Gen.Select(Gen.Int[0, strings - 1], Gen.OneOf(Gen.Const(0), Gen.Const(1), Gen.Int[2, 4000], Gen.Const(100_000), Gen.Const(300_000))).Select((slot, length) =>
                Replace(valid, keep, slot, JsonValue.Create(new string('x', length)), stringsOnly: true))),
            (3, Gen.Select(Gen.Int[0, strings - 1], BadBytes).Select((slot, bad) => WithBytes(valid, keep, slot, bad))),
            (3, Gen.Select(Gen.Int[0, strings - 1], LoneSurrogate).Select((slot, escape) => WithBytes(valid, keep, slot, Encoding.ASCII.GetBytes(escape)))),
            (2, Gen.Select(Gen.Int[0, slots - 1], Other).Select((slot, value) => DuplicateKey(valid, keep, slot, value))),
            (1, Gen.Byte.Array[0, 3000]));
    }

    /// <summary>Hostile variants of a form: fields dropped, empty, huge, of invalid percent-escapes or bytes, twice, or unknown.</summary>
    public static Gen<byte[]> Form(IReadOnlyDictionary<string, string> valid)
    {
        var names = valid.Keys.ToArray();
        var value = Gen.OneOf(
            Gen.Const(""),
            Gen.String[0, 50].Select(Uri.EscapeDataString),
            Gen.Const("%ZZ%"),
            Gen.Const("%FF%FE%C3%28"),
            Gen.Const("%ED%A0%BD"),
            Gen.Const("%00%0D%0A%E2%80%AE"),
            Gen.Int[1000, 200_000].Select(n => new string('a', n)),
            Gen.Const("%7B%22a%22%3A%5B%5B%5B"));
        return Gen.Frequency(
            (4, Gen.Select(Gen.Int[0, names.Length - 1], value).Select((i, v) => Encode(valid, names[i], v, twice: false))),
            (2, Gen.Select(Gen.Int[0, names.Length - 1], value).Select((i, v) => Encode(valid, names[i], v, twice: true))),
            (2, Gen.Int[0, names.Length - 1].Select(i => Encode(valid.Where(f => f.Key != names[i]).ToDictionary(), null, null, twice: false))),
            (1, Gen.Select(Gen.String[0, 20], value).Select((k, v) => Encode(valid, Uri.EscapeDataString(k) + "&&=", v, twice: false))),
            (1, Gen.Byte.Array[0, 2000]));
    }

    /// <summary>Hostile variants of a text file (a CSV import): cut short, bytes that are not UTF-8 put in, a stray quote, a huge line, or plain noise.</summary>
    public static Gen<byte[]> TextFile(byte[] valid) => Gen.Frequency(
        (2, Gen.Int[0, valid.Length - 1].Select(n => valid[..n])),
        (3, Gen.Select(Gen.Int[0, valid.Length], BadBytes).Select((at, bad) => (byte[])[.. valid[..at], .. bad, .. valid[at..]])),
        (2, Gen.Int[0, valid.Length].Select(at => (byte[])[.. valid[..at], (byte)'"', .. valid[at..]])),
        (1, Gen.Int[1000, 300_000].Select(n => (byte[])[.. valid, .. Encoding.ASCII.GetBytes(new string('a', n))])),
        (1, Gen.Byte.Array[0, 3000]));

    /// <summary>A form whose one field holds JSON, hostile as <see cref="Json"/> makes it (Slack's interactions).</summary>
    public static Gen<byte[]> FormWithJson(string field, string validJson) =>
        Json(validJson).Select(json => Encoding.ASCII.GetBytes(field + "=" + PercentEncode(json)));

    private static readonly Gen<JsonNode?> Other = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.Const<JsonNode?>(JsonValue.Create(true)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(1e308)),
        Gen.String[0, 30].Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Const<JsonNode?>(new JsonArray(1, "two", null, new JsonObject())),
        Gen.Const<JsonNode?>(new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray() } }));

    private static readonly Gen<byte[]> BadBytes = Gen.OneOf(
        Gen.Const(new byte[] { 0xFF }),
        Gen.Const(new byte[] { 0xC3, 0x28 }),
        Gen.Const(new byte[] { 0xE2, 0x28, 0xA1 }),
        // U+D83D written straight in UTF-8 (CESU-8): not valid UTF-8.
        Gen.Const(new byte[] { 0xED, 0xA0, 0xBD }),
        Gen.Const(new byte[] { 0xF0, 0x9F, 0x98 }),
        Gen.Const(new byte[] { 0xC0, 0x80 }));

    private static readonly Gen<string> LoneSurrogate = Gen.OneOf(Gen.Const("cut emoji \\ud83d"), Gen.Const("\\udc00 first"), Gen.Const("\\ud83d\\ud83d"), Gen.Const("\\ude00"));

    private static byte[] Nested(int depth, bool arrays)
    {
        var text = new StringBuilder(depth * 6);
        for (var i = 0; i < depth; i++)
        {
            text.Append(arrays ? "[" : "{\"a\":");
        }

        text.Append('1');
        for (var i = 0; i < depth; i++)
        {
            text.Append(arrays ? ']' : '}');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// <paramref name="inside"/> as the value of a root member beside the members kept of <paramref name="valid"/>, or alone
    /// when none are kept: nesting shallow enough to parse must still carry what the check before parsing reads.
    /// </summary>
    private static byte[] WithKept(string valid, string[] keep, byte[] inside)
    {
        if (keep.Length == 0)
        {
            return inside;
        }

        var root = JsonNode.Parse(valid)!.AsObject();
        var kept = new JsonObject();
        foreach (var name in keep.Where(root.ContainsKey))
        {
            kept[name] = root[name]!.DeepClone();
        }

        if (kept.Count == 0)
        {
            return inside;
        }

        var prefix = kept.ToJsonString();
        return [.. Encoding.UTF8.GetBytes(prefix[..^1] + ",\"value\":"), .. inside, (byte)'}'];
    }

    private static byte[] Replace(string valid, string[] keep, int slot, JsonNode? value, bool stringsOnly = false)
    {
        var root = JsonNode.Parse(valid)!;
        var (parent, key) = Slots(root, keep, stringsOnly)[slot];
        Set(parent, key, value?.DeepClone());
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>The valid body with one string's value replaced by raw bytes (no JSON escaping in between).</summary>
    private static byte[] WithBytes(string valid, string[] keep, int slot, byte[] inside)
    {
        var root = JsonNode.Parse(valid)!;
        var (parent, key) = Slots(root, keep, stringsOnly: true)[slot];
        Set(parent, key, JsonValue.Create(Marker));
        var json = Encoding.UTF8.GetBytes(root.ToJsonString());
        var marker = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(Marker)[1..^1]);
        var at = json.AsSpan().IndexOf(marker);
        return [.. json[..at], .. Encoding.ASCII.GetBytes("a"), .. inside, .. json[(at + marker.Length)..]];
    }

    /// <summary>The object holding the slot gets the same key again with another value, as raw text (JsonNode would not allow it).</summary>
    private static byte[] DuplicateKey(string valid, string[] keep, int slot, JsonNode? value)
    {
        var root = JsonNode.Parse(valid)!;
        var (parent, key) = Slots(root, keep)[slot];
        if (parent is not JsonObject o || key is not string name)
        {
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }

        o[name] = JsonValue.Create(Marker);
        var json = root.ToJsonString();
        var marker = System.Text.Json.JsonSerializer.Serialize(Marker);
        var again = $"{System.Text.Json.JsonSerializer.Serialize(name)}:{value?.ToJsonString() ?? "null"}";
        return Encoding.UTF8.GetBytes(json.Replace(marker, $"\"first\",{again}", StringComparison.Ordinal));
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o)
        {
            o[(string)key] = value;
        }
        else
        {
            parent.AsArray()[(int)key] = value;
        }
    }

    /// <summary>Every place a value sits (object member or array element), root members in <paramref name="keep"/> and their insides left out.</summary>
    private static List<(JsonNode Parent, object Key)> Slots(JsonNode root, string[] keep, bool stringsOnly = false)
    {
        var slots = new List<(JsonNode, object)>();
        void Walk(JsonNode node, bool isRoot)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o.ToList())
                    {
                        if (isRoot && keep.Contains(name))
                        {
                            continue;
                        }

                        if (!stringsOnly || child is JsonValue v && v.TryGetValue<string>(out _))
                        {
                            slots.Add((o, name));
                        }

                        if (child is not null)
                        {
                            Walk(child, false);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (!stringsOnly || a[i] is JsonValue v && v.TryGetValue<string>(out _))
                        {
                            slots.Add((a, i));
                        }

                        if (a[i] is { } child)
                        {
                            Walk(child, false);
                        }
                    }

                    break;
            }
        }

        Walk(root, true);
        return slots;
    }

    private static byte[] Encode(IReadOnlyDictionary<string, string> valid, string? name, string? rawValue, bool twice)
    {
        var parts = valid.Select(f => f.Key == name && !twice ? $"{Uri.EscapeDataString(f.Key)}={rawValue}" : $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}").ToList();
        if (name is not null && (twice || !valid.ContainsKey(name)))
        {
            parts.Add($"{(valid.ContainsKey(name) ? Uri.EscapeDataString(name) : name)}={rawValue}");
        }

        return Encoding.ASCII.GetBytes(string.Join('&', parts));
    }

    /// <summary>Percent-encodes raw bytes, whatever they are, as a form field would carry them.</summary>
    private static string PercentEncode(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9'))
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
