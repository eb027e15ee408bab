import type { KnownBlock, ModalView } from '@slack/types';
type Message = { text: string; blocks: KnownBlock[] };
type Modal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };
export const checked = {
  "type": "modal",
  "callback_id": "chatopsreply.action",
  "private_metadata": "{\"p\":\"p1\",\"a\":\"Reassign\",\"c\":\"C0SUPPORT\"}",
  "title": {
    "type": "plain_text",
    "text": "Hand to…",
    "emoji": false
  },
  "submit": {
    "type": "plain_text",
    "text": "Hand to…",
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
      "block_id": "assignTo",
      "label": {
        "type": "plain_text",
        "text": "Hand to",
        "emoji": false
      },
      "optional": false,
      "element": {
        "type": "static_select",
        "action_id": "assignTo",
        "options": [
          {
            "text": {
              "type": "plain_text",
              "text": "Bob Okafor",
              "emoji": false
            },
            "value": "bob"
          },
          {
            "text": {
              "type": "plain_text",
              "text": "Carol Nguyen",
              "emoji": false
            },
            "value": "carol"
          },
          {
            "text": {
              "type": "plain_text",
              "text": "Dan Weber",
              "emoji": false
            },
            "value": "dan"
          },
          {
            "text": {
              "type": "plain_text",
              "text": "Lou Park",
              "emoji": false
            },
            "value": "lou"
          },
          {
            "text": {
              "type": "plain_text",
              "text": "Sam Rivera",
              "emoji": false
            },
            "value": "sam"
          }
        ]
      }
    }
  ]
} satisfies Modal;
