import type { KnownBlock, ModalView } from '@slack/types';
type Message = { text: string; blocks: KnownBlock[] };
type Modal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };
export const checked = {
  "text": "X post from Ana Lopez (@ana) (Open): &lt;!channel&gt; My lawyer says your *​invoice*​ is a scam: &lt;https://evil.example|see here&gt; &amp; pay me back.",
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
          "text": "*Open*",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": ":warning: Sensitive: legal",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": ":warning: Heated",
          "verbatim": true
        }
      ]
    },
    {
      "type": "section",
      "text": {
        "type": "plain_text",
        "text": "<!channel> My lawyer says your *invoice* is a scam: <https://evil.example|see here> & pay me back.",
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
          "text": "*Owner*\nnobody yet",
          "verbatim": true
        },
        {
          "type": "mrkdwn",
          "text": "*Claim*\nwithin 10 min",
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
          "action_id": "Claim",
          "text": {
            "type": "plain_text",
            "text": "Claim",
            "emoji": false
          },
          "value": "p1",
          "style": "primary"
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
          "action_id": "Escalate",
          "text": {
            "type": "plain_text",
            "text": "Escalate",
            "emoji": false
          },
          "value": "p1"
        },
        {
          "type": "button",
          "action_id": "Dismiss",
          "text": {
            "type": "plain_text",
            "text": "Dismiss",
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
