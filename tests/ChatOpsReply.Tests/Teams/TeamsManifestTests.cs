using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using ChatOpsReply.Teams;
using ChatOpsReply.Tests.Support;

namespace ChatOpsReply.Tests.Teams;

/// <summary>The Teams app package: a current-schema manifest that matches what the bot does, icons of the sizes Teams requires, and a build that zips them.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Repository.PathOf("manifests", "teams");

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

    [Fact]
    public void The_manifest_uses_the_schema_it_names_and_declares_the_bot_for_teams_personal_and_group_chats()
    {
        var manifest = Manifest();
        var version = (string)manifest["manifestVersion"]!;

        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.True(Version.Parse(version) >= new Version(1, 22), $"manifestVersion {version} is older than the current schema.");
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal((string?)manifest["id"], (string?)bot["botId"]);
        Assert.Equal(["team", "personal", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        // The commands are offered wherever the bot is.
        Assert.Equal(["team", "personal", "groupChat"], bot["commandLists"]![0]!["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.True(((string)manifest["name"]!["short"]!).Length <= 30);
        Assert.True(((string)manifest["description"]!["short"]!).Length <= 80);
    }

    [Fact]
    public async Task The_manifest_filled_in_is_valid_against_microsofts_own_schema_for_its_version()
    {
        var filled = File.ReadAllText(Path.Combine(Folder, "manifest.json"))
            .Replace("{{AppId}}", FakeBotFramework.AppId, StringComparison.Ordinal)
            .Replace("{{PublicHost}}", "replies.example.com", StringComparison.Ordinal);
        var file = Path.Combine(Directory.CreateTempSubdirectory("chatopsreply-manifest-").FullName, "manifest.json");
        await File.WriteAllTextAsync(file, filled);
        try
        {
            // tests/js/check-teams-manifest.mjs: the JSON schema from Microsoft's @microsoft/app-manifest package.
            var (exitCode, output) = await NodeScript.RunAsync("check-teams-manifest.mjs", [file]);

            Assert.True(exitCode == 0, output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void The_manifest_asks_to_read_channel_messages_so_replies_under_a_card_become_notes()
    {
        var manifest = Manifest();

        var permissions = manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray();
        Assert.Contains(permissions, p => (string?)p!["name"] == "ChannelMessage.Read.Group" && (string?)p["type"] == "Application");
        Assert.Equal((string?)manifest["id"], (string?)manifest["webApplicationInfo"]!["id"]);
    }

    [Fact]
    public async Task The_command_list_offers_exactly_the_commands_the_bot_answers()
    {
        var commands = Manifest()["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string)c!["title"]!).ToList();

        Assert.Equal(["mine", "queue", "help"], commands);
        await using var fake = await FakeBotFramework.StartAsync();
        using var host = new ServiceHost(fake.Settings, fake.TrustCertificate);
        foreach (var command in commands)
        {
            var answer = await host.Service<TeamsCommands>().AnswerAsync(command, TestConfig.Person("alice"), "19:support@thread.tacv2", CancellationToken.None);
            Assert.DoesNotContain("I don't know", answer, StringComparison.Ordinal);
        }

        host.DeleteFolder();
    }

    [Fact]
    public void The_messaging_extension_is_a_search_for_the_same_bot()
    {
        var manifest = Manifest();
        var extension = Assert.Single(manifest["composeExtensions"]!.AsArray())!;
        var command = Assert.Single(extension["commands"]!.AsArray())!;

        Assert.Equal((string?)manifest["id"], (string?)extension["botId"]);
        Assert.Equal("query", (string?)command["type"]);
        Assert.Equal(["compose", "commandBox"], command["context"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(TeamsAnswerSearch.CommandId, (string?)command["id"]);
        Assert.Equal(TeamsAnswerSearch.QueryParameter, (string?)Assert.Single(command["parameters"]!.AsArray())!["name"]);
        // Opening the extension runs the default query, which lists the answers sent most.
        Assert.True((bool?)command["initialRun"]);
    }

    [Fact]
    public void The_color_icon_is_192_pixels_square()
    {
        var icon = Png.Read(Path.Combine(Folder, (string)Manifest()["icons"]!["color"]!));

        Assert.Equal((192, 192), (icon.Width, icon.Height));
    }

    [Fact]
    public void The_outline_icon_is_32_pixels_white_on_transparent()
    {
        var icon = Png.Read(Path.Combine(Folder, (string)Manifest()["icons"]!["outline"]!));

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.Contains(icon.Pixels, p => p.A == 0);
        Assert.Contains(icon.Pixels, p => p.A == 255);
        Assert.All(icon.Pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p} is neither white nor transparent"));
    }

    [Fact]
    public async Task The_package_build_zips_the_filled_in_manifest_and_the_icons()
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("chatopsreply-teams-package-").FullName, "app.zip");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "msbuild", Path.Combine(Folder, "TeamsAppPackage.proj"), "-nologo", $"-p:AppId={FakeBotFramework.AppId}", "-p:PublicHost=replies.example.com", $"-p:PackageFile={zip}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output);

        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.Equal(FakeBotFramework.AppId, (string?)manifest["id"]);
        Assert.Equal(FakeBotFramework.AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("replies.example.com", (string?)manifest["validDomains"]![0]);
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(zip)!, recursive: true);
    }

    /// <summary>Just enough of PNG (RFC 2083) to read an icon's size and pixels.</summary>
    private sealed record Png(int Width, int Height, IReadOnlyList<(byte R, byte G, byte B, byte A)> Pixels)
    {
        public static Png Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
            int width = 0, height = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at < bytes.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
                var data = bytes.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                    Assert.Equal((8, 6), (data[8], data[9]));   // 8-bit RGBA
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }

            var raw = inflated.ToArray();
            var stride = width * 4;
            var previous = new byte[stride];
            var pixels = new List<(byte, byte, byte, byte)>();
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                var line = raw.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
                for (var i = 0; i < stride; i++)
                {
                    int left = i >= 4 ? line[i - 4] : 0, up = previous[i], upLeft = i >= 4 ? previous[i - 4] : 0;
                    line[i] = (byte)(line[i] + filter switch
                    {
                        1 => left,
                        2 => up,
                        3 => (left + up) / 2,
                        4 => Paeth(left, up, upLeft),
                        _ => 0,
                    });
                }

                for (var x = 0; x < width; x++)
                {
                    pixels.Add((line[x * 4], line[(x * 4) + 1], line[(x * 4) + 2], line[(x * 4) + 3]));
                }

                previous = line;
            }

            return new Png(width, height, pixels);
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
