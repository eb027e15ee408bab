import type { KnownBlock, ModalView } from '@slack/types';
type Message = { text: string; blocks: KnownBlock[] };
type Modal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };
export const checked = {
  "type": "modal",
  "callback_id": "chatopsreply.action",
  "private_metadata": "{\"p\":\"p1\",\"a\":\"SubmitDraft\",\"c\":\"C0SUPPORT\"}",
  "title": {
    "type": "plain_text",
    "text": "Submit for approval",
    "emoji": false
  },
  "submit": {
    "type": "plain_text",
    "text": "Submit for approval",
    "emoji": false
  },
  "close": {
    "type": "plain_text",
    "text": "Cancel",
    "emoji": false
  },
  "blocks": [
    {
      "type": "context",
      "elements": [
        {
          "type": "plain_text",
          "text": "X · Ana Lopez (@ana) · Claimed",
          "emoji": false
        }
      ]
    },
    {
      "type": "section",
      "text": {
        "type": "plain_text",
        "text": "My lawyer will hear about this.",
        "emoji": false
      }
    },
    {
      "type": "input",
      "block_id": "text",
      "label": {
        "type": "plain_text",
        "text": "Reply to Ana",
        "emoji": false
      },
      "optional": false,
      "element": {
        "type": "plain_text_input",
        "action_id": "text",
        "multiline": true,
        "max_length": 2000,
        "initial_value": "Hi Ana, ",
        "dispatch_action_config": {
          "trigger_actions_on": [
            "on_character_entered"
          ]
        }
      },
      "dispatch_action": true
    },
    {
      "type": "context",
      "elements": [
        {
          "type": "mrkdwn",
          "text": "✗ A reply of 1 word reads as curt or robotic.",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": "⚠ Use the customer's name (Ana).",
          "verbatim": true
        }
      ],
      "block_id": "notes"
    }
  ]
} satisfies Modal;
