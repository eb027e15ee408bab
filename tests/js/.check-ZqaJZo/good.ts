import type { KnownBlock, ModalView } from '@slack/types';
type Message = { text: string; blocks: KnownBlock[] };
type Modal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };
export const checked = {"text":"x","blocks":[{"type":"section","text":{"type":"plain_text","text":"hi","emoji":false}},{"type":"actions","elements":[{"type":"button","action_id":"Claim","text":{"type":"plain_text","text":"Claim","emoji":false},"value":"p1","style":"primary"}]}]} satisfies Message;
