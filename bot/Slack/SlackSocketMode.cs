using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using ChatOpsReply.Http;
using ChatOpsReply.Posts;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Slack;

/// <summary>
/// Socket Mode: instead of Slack calling our public URLs, we open a WebSocket to Slack and the
/// same events, interactions and commands arrive over it, each in an envelope we acknowledge
/// by its id. For companies without a public endpoint. On when Slack:AppToken is set.
/// </summary>
public sealed partial class SlackSocketMode(
    SlackWebApi slack,
    SlackEvents events,
    SlackInteractions interactions,
    SlackCommands commands,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSocketMode> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>How many connections were opened, for operators and tests.</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UsesSocketMode)
        {
            return;
        }

        // Whatever else goes wrong (a bug met on one frame), the connection is opened again after a pause.
        await ServiceLoop.RunAsync("Slack Socket Mode", ConnectAgainAndAgainAsync, time, logger, stoppingToken).ConfigureAwait(false);
    }

    private async Task ConnectAgainAndAgainAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool clean;
            try
            {
                clean = await ConnectOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or JsonException)
            {
                LogConnectionLost(e.Message);
                clean = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // Slack asked us to reconnect (disconnect frame): at once. Anything else: back off.
            failures = clean ? 0 : failures + 1;
            if (failures > 0)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - 1), MaxBackoff.TotalSeconds));
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>True when Slack ended the connection on purpose (reconnect now), false on failure.</returns>
    private async Task<bool> ConnectOnceAsync(CancellationToken stoppingToken)
    {
        var opened = await slack.OpenSocketConnectionAsync(stoppingToken).ConfigureAwait(false);
        if (!opened.Ok || opened.Text("url") is not { } url)
        {
            LogOpenFailed(opened.Error?.ToString() ?? "no url");
            return false;
        }

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(url), stoppingToken).ConfigureAwait(false);
        Connections++;
        var buffer = new byte[16 * 1024];
        using var frame = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            frame.SetLength(0);
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, stoppingToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }

                frame.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            if (!await HandleFrameAsync(socket, frame.ToArray(), stoppingToken).ConfigureAwait(false))
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", stoppingToken).ConfigureAwait(false);
                return true;
            }
        }

        return false;
    }

    /// <returns>False when Slack asked us to disconnect.</returns>
    private async Task<bool> HandleFrameAsync(ClientWebSocket socket, byte[] frame, CancellationToken cancellationToken)
    {
        var message = JsonDocument.Parse(frame).RootElement;
        if (JsonText.FirstUnreadable(frame) is { } unreadable)
        {
            // No retry can make it readable: acknowledged (when its envelope id can be read), so Slack does not send it again.
            LogUnreadable(unreadable);
            return unreadable == "envelope_id" || SlackPayload.String(message, "envelope_id") is not { } id
                || await AcknowledgeAsync(socket, id, null, cancellationToken).ConfigureAwait(false);
        }

        var type = SlackPayload.String(message, "type");
        // Slack: frames are hello, disconnect, and envelopes of events_api / interactive / slash_commands, docs.slack.dev/apis/events-api/using-socket-mode
        switch (type)
        {
            case "hello":
                LogConnected();
                return true;
            case "disconnect":
                var reason = SlackPayload.String(message, "reason") ?? "?";
                LogDisconnect(reason);
                return false;
        }

        var envelopeId = SlackPayload.String(message, "envelope_id");
        var payload = SlackPayload.Property(message, "payload") ?? default;
        if (envelopeId is null)
        {
            return true;
        }

        JsonObject? answer;
        try
        {
            answer = type switch
            {
                "events_api" => await events.HandleAsync(payload, cancellationToken).ConfigureAwait(false),
                "interactive" => await interactions.HandleAsync(payload, cancellationToken).ConfigureAwait(false),
                "slash_commands" => await commands.HandleAsync(SlashCommandRequest.Read(name => SlackPayload.String(payload, name)), cancellationToken).ConfigureAwait(false),
                _ => null,
            };
        }
        catch (StoreUnavailableException)
        {
            // Unacknowledged, Slack sends the envelope again.
            return true;
        }

        return await AcknowledgeAsync(socket, envelopeId, answer, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> AcknowledgeAsync(ClientWebSocket socket, string envelopeId, JsonObject? answer, CancellationToken cancellationToken)
    {
        // Slack: acknowledge an envelope by sending back its envelope_id, with the response payload if any, docs.slack.dev/apis/events-api/using-socket-mode#acknowledge
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (answer is not null)
        {
            ack["payload"] = answer;
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode frame acknowledged unread: {Field} is not valid text")]
    private partial void LogUnreadable(string field);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked to reconnect: {Reason}")]
    private partial void LogDisconnect(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost: {Reason}")]
    private partial void LogConnectionLost(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack apps.connections.open failed: {Error}")]
    private partial void LogOpenFailed(string error);
}
