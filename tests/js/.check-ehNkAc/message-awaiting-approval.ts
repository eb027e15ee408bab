import type { KnownBlock, ModalView } from '@slack/types';
type Message = { text: string; blocks: KnownBlock[] };
type Modal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };
export const checked = {
  "text": "X post from Ana Lopez (@ana) (Awaiting approval): My lawyer will hear about this.",
  "blocks": [
    {
      "type": "header",
      "text": {
        "type": "plain_text",
        "text": "X · Ana Lopez (@ana)",
        "emoji": false
      }
    },
    {
      "type": "context",
      "elements": [
        {
          "type": "mrkdwn",
          "text": "*Awaiting approval*",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": ":warning: Sensitive: legal",
          "verbatim": true
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
      "type": "section",
      "fields": [
        {
          "type": "mrkdwn",
          "text": "*Queue*\nSupport · frontline",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": "*Owner*\nAlice Martin",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": "*Reply*\nwithin 40 min",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": "*Received*\n2026-11-23 09:00 UTC",
          "verbatim": true
        }
      ]
    },
    {
      "type": "context",
      "elements": [
        {
          "type": "mrkdwn",
          "text": "*Reply drafted by Alice Martin* · waiting for legal to approve",
          "verbatim": true
        }
      ]
    },
    {
      "type": "section",
      "text": {
        "type": "plain_text",
        "text": "Hi Ana, thanks for telling us. We are looking into it now and will get back to you today.",
        "emoji": false
      }
    },
    {
      "type": "context",
      "elements": [
        {
          "type": "mrkdwn",
          "text": "<https://replies.example.com/console/posts/p1|Open in ChatOpsReply>",
          "verbatim": true
        }
      ]
    },
    {
      "type": "actions",
      "elements": [
        {
          "type": "button",
          "action_id": "SubmitDraft",
          "text": {
            "type": "plain_text",
            "text": "Submit for approval",
            "emoji": false
          },
          "value": "p1",
          "style": "primary"
        },
        {
          "type": "button",
          "action_id": "Approve",
          "text": {
            "type": "plain_text",
            "text": "Approve",
            "emoji": false
          },
          "value": "p1",
          "style": "primary"
        },
        {
          "type": "button",
          "action_id": "RequestChanges",
          "text": {
            "type": "plain_text",
            "text": "Request changes",
            "emoji": false
          },
          "value": "p1"
        },
        {
          "type": "button",
          "action_id": "Reassign",
          "text": {
            "type": "plain_text",
            "text": "Hand to…",
            "emoji": false
          },
          "value": "p1"
        },
        {
          "type": "button",
          "action_id": "DeclareCrisis",
          "text": {
            "type": "plain_text",
            "text": "Panic button",
            "emoji": false
          },
          "value": "p1",
          "style": "danger"
        }
      ]
    }
  ]
} satisfies Message;
