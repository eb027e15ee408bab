using System.Text.Json.Nodes;

namespace ChatOpsReply.Cards;

/// <summary>
/// Checks Block Kit JSON against the limits Slack enforces, so a card that would be refused
/// (invalid_blocks) is caught in tests rather than in a channel. Each finding names where it is.
/// </summary>
public static class BlockKitLimits
{
    // Slack: 50 blocks in a message, 100 in a modal, docs.slack.dev/reference/block-kit/blocks
    public const int MessageBlocksMax = 50;
    public const int ModalBlocksMax = 100;
    private const int IdMax = 255;
    private const int ButtonValueMax = 2000;
    private const int PrivateMetadataMax = 3000;

    /// <summary>Findings for a chat.postMessage / chat.update body (<c>text</c> and <c>blocks</c>).</summary>
    public static IReadOnlyList<string> CheckMessage(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var findings = new List<string>();
        var text = message["text"]?.GetValue<string>();
        if (string.IsNullOrEmpty(text))
        {
            findings.Add("text: a fallback text is required");
        }
        else if (text.Length > BlockKitRenderer.FallbackTextMax)
        {
            findings.Add($"text: {text.Length} characters, keep it under {BlockKitRenderer.FallbackTextMax}");
        }

        CheckBlocks(message["blocks"] as JsonArray, MessageBlocksMax, findings);
        return findings;
    }

    /// <summary>Findings for a modal view.</summary>
    public static IReadOnlyList<string> CheckModal(JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var findings = new List<string>();
        foreach (var name in new[] { "title", "submit", "close" })
        {
            Length(view[name]?["text"], 1, BlockKitRenderer.ModalTitleMax, name, findings, required: name == "title");
        }

        Length(view["private_metadata"], 0, PrivateMetadataMax, "private_metadata", findings);
        Length(view["callback_id"], 0, IdMax, "callback_id", findings);
        var blocks = view["blocks"] as JsonArray;
        if (blocks?.Any(b => b?["type"]?.GetValue<string>() == "input") == true && view["submit"] is null)
        {
            findings.Add("submit: a modal with inputs needs a submit button");
        }

        CheckBlocks(blocks, ModalBlocksMax, findings);
        return findings;
    }

    /// <summary>Findings for the answer to an external select's options request (<c>{"options": [...]}</c>).</summary>
    public static IReadOnlyList<string> CheckOptions(JsonObject answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var findings = new List<string>();
        CheckOptionList(answer["options"] as JsonArray, 0, "options", findings);
        return findings;
    }

    private static void CheckOptionList(JsonArray? options, int min, string at, List<string> findings)
    {
        Count(options, min, BlockKitRenderer.OptionsMax, at, findings);
        foreach (var (option, j) in (options ?? []).Select((o, j) => (o, j)))
        {
            CheckOption(option, $"{at}[{j}]", findings);
        }
    }

    // Slack: option text and value are at most 75 characters, docs.slack.dev/reference/block-kit/composition-objects/option-object
    private static void CheckOption(JsonNode? option, string at, List<string> findings)
    {
        Length(option?["text"]?["text"], 1, BlockKitRenderer.OptionMax, $"{at}.text", findings, required: true);
        Length(option?["value"], 1, BlockKitRenderer.OptionMax, $"{at}.value", findings, required: true);
    }

    private static void CheckBlocks(JsonArray? blocks, int max, List<string> findings)
    {
        if (blocks is null || blocks.Count == 0)
        {
            findings.Add("blocks: none");
            return;
        }

        if (blocks.Count > max)
        {
            findings.Add($"blocks: {blocks.Count}, at most {max}");
        }

        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i]!.AsObject();
            var at = $"blocks[{i}]";
            if (block["block_id"] is { } blockId)
            {
                Length(blockId, 1, IdMax, $"{at}.block_id", findings);
                if (!blockIds.Add(blockId.GetValue<string>()))
                {
                    findings.Add($"{at}.block_id: '{blockId}' is used twice");
                }
            }

            switch (block["type"]?.GetValue<string>())
            {
                case "header":
                    Length(block["text"]?["text"], 1, BlockKitRenderer.HeaderMax, $"{at}.text", findings, required: true);
                    break;
                case "section":
                    CheckSection(block, at, actionIds, findings);
                    break;
                case "context":
                    var elements = block["elements"] as JsonArray;
                    Count(elements, 1, BlockKitRenderer.ContextElementsMax, $"{at}.elements", findings);
                    foreach (var (element, j) in (elements ?? []).Select((e, j) => (e, j)))
                    {
                        Length(element?["text"], 1, BlockKitRenderer.SectionTextMax, $"{at}.elements[{j}].text", findings, required: true);
                    }

                    break;
                case "actions":
                    var buttons = block["elements"] as JsonArray;
                    Count(buttons, 1, BlockKitRenderer.ActionsMax, $"{at}.elements", findings);
                    foreach (var (element, j) in (buttons ?? []).Select((e, j) => (e, j)))
                    {
                        CheckElement(element!.AsObject(), $"{at}.elements[{j}]", actionIds, findings);
                    }

                    break;
                case "input":
                    Length(block["label"]?["text"], 1, BlockKitRenderer.FieldMax, $"{at}.label", findings, required: true);
                    if (block["element"] is JsonObject inputElement)
                    {
                        CheckElement(inputElement, $"{at}.element", actionIds, findings);
                    }
                    else
                    {
                        findings.Add($"{at}.element: an input block needs an element");
                    }

                    break;
                case "divider":
                    break;
                default:
                    findings.Add($"{at}.type: '{block["type"]}' is not a block this renderer should emit");
                    break;
            }
        }
    }

    private static void CheckSection(JsonObject block, string at, HashSet<string> actionIds, List<string> findings)
    {
        var fields = block["fields"] as JsonArray;
        if (block["text"] is null && fields is null)
        {
            findings.Add($"{at}: a section needs text or fields");
        }

        if (block["text"] is { } text)
        {
            Length(text["text"], 1, BlockKitRenderer.SectionTextMax, $"{at}.text", findings, required: true);
        }

        if (fields is not null)
        {
            Count(fields, 1, BlockKitRenderer.FieldsMax, $"{at}.fields", findings);
            for (var j = 0; j < fields.Count; j++)
            {
                Length(fields[j]?["text"], 1, BlockKitRenderer.FieldMax, $"{at}.fields[{j}].text", findings, required: true);
            }
        }

        if (block["accessory"] is JsonObject accessory)
        {
            CheckElement(accessory, $"{at}.accessory", actionIds, findings);
        }
    }

    private static void CheckElement(JsonObject element, string at, HashSet<string> actionIds, List<string> findings)
    {
        if (element["action_id"] is { } actionId)
        {
            Length(actionId, 1, IdMax, $"{at}.action_id", findings);
            // Slack: action_id must be unique among the interactive elements of a message or view, docs.slack.dev/reference/block-kit/block-elements
            if (!actionIds.Add(actionId.GetValue<string>()))
            {
                findings.Add($"{at}.action_id: '{actionId}' is used twice");
            }
        }

        Length(element["placeholder"]?["text"], 1, BlockKitRenderer.PlaceholderMax, $"{at}.placeholder", findings);
        switch (element["type"]?.GetValue<string>())
        {
            case "button":
                Length(element["text"]?["text"], 1, BlockKitRenderer.ButtonTextMax, $"{at}.text", findings, required: true);
                Length(element["value"], 0, ButtonValueMax, $"{at}.value", findings);
                break;
            case "static_select":
                CheckOptionList(element["options"] as JsonArray, 1, $"{at}.options", findings);
                break;
            case "plain_text_input":
                var maxLength = element["max_length"]?.GetValue<int>() ?? BlockKitRenderer.InputMax;
                if (maxLength is < 1 or > BlockKitRenderer.InputMax)
                {
                    findings.Add($"{at}.max_length: {maxLength}, between 1 and {BlockKitRenderer.InputMax}");
                }

                Length(element["initial_value"], 0, maxLength, $"{at}.initial_value", findings);
                break;
            case "external_select":
                if (element["initial_option"] is { } initial)
                {
                    CheckOption(initial, $"{at}.initial_option", findings);
                }

                break;
            default:
                findings.Add($"{at}.type: '{element["type"]}' is not an element this renderer should emit");
                break;
        }
    }

    private static void Length(JsonNode? node, int min, int max, string at, List<string> findings, bool required = false)
    {
        if (node is null)
        {
            if (required)
            {
                findings.Add($"{at}: missing");
            }

            return;
        }

        var length = node.GetValue<string>().Length;
        if (length < min || length > max)
        {
            findings.Add($"{at}: {length} characters, between {min} and {max}");
        }
    }

    private static void Count(JsonArray? items, int min, int max, string at, List<string> findings)
    {
        var count = items?.Count ?? 0;
        if (count < min || count > max)
        {
            findings.Add($"{at}: {count} items, between {min} and {max}");
        }
    }
}
