// Checks Adaptive Cards the way Teams' own renderer library reads them: every file named on
// the command line (or every .json file in a folder) is parsed by the official `adaptivecards`
// package for schema 1.5, then held to the rules ChatOpsReply promises on top of it.
// With --inserted, the cards are ones people insert from the messaging extension: they belong
// to no post, so they must carry no refresh and no workflow button.
// With --digest, the cards are a burst's digests: every reader sees the same lines, so they carry
// no refresh, and each Claim names the digest message it is on. With --alert, spike alerts: no
// refresh either, and each button names its spike instead of a post.
// Prints one JSON line per card ({ file, bytes, problems }) and exits 1 when any card has a problem.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
// The lib/ build does not load in Node; the bundled dist/ build does.
const AC = require('adaptivecards/dist/adaptivecards.js');

const MAX_BYTES = 28 * 1024;
const MAX_REFRESH_USERS = 60;

function files(args) {
  return args.flatMap((arg) => statSync(arg).isDirectory()
    ? readdirSync(arg).filter((f) => f.endsWith('.json')).sort().map((f) => join(arg, f))
    : [arg]);
}

function walk(node, visit) {
  if (Array.isArray(node)) {
    node.forEach((item) => walk(item, visit));
  } else if (node && typeof node === 'object') {
    visit(node);
    Object.values(node).forEach((value) => walk(value, visit));
  }
}

function check(file, inserted, digest, alert) {
  const text = readFileSync(file, 'utf8');
  const json = JSON.parse(text);
  // Golden files are indented for review; the limit is on the card as sent, without indentation.
  const bytes = Buffer.byteLength(JSON.stringify(json), 'utf8');
  const problems = [];

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse ${AC.ValidationPhase[e.phase]} ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }

  // Our own rules, which the library does not check (it ignores properties it does not know).
  if (json.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (json.version !== '1.5') problems.push(`version is ${json.version}, not 1.5`);
  if (bytes >= MAX_BYTES) problems.push(`${bytes} bytes, the limit is ${MAX_BYTES}`);
  if (json.msteams?.width !== 'Full') problems.push('msteams.width is not Full');
  const refresh = json.refresh;
  if (alert) {
    if (refresh) problems.push('a spike alert has a refresh');
    walk(json, (node) => {
      if ((node.type === 'Action.Execute' || node.type === 'Action.Submit') && (!node.data?.spikeId || !node.data?.action)) problems.push(`alert button "${node.title}" names no spike or action`);
    });
  } else if (digest) {
    if (refresh) problems.push('a digest has a refresh');
    walk(json, (node) => {
      if ((node.type === 'Action.Execute' || node.type === 'Action.Submit') && !Number.isInteger(node.data?.digest)) problems.push(`digest button "${node.title}" names no digest message`);
    });
  } else if (inserted) {
    if (refresh) problems.push('an inserted card has a refresh');
    walk(json, (node) => {
      if (node.type === 'Action.Execute' || node.type === 'Action.Submit') problems.push(`an inserted card has a ${node.type} "${node.title}"`);
    });
  } else {
    if (!refresh || refresh.action?.type !== 'Action.Execute') problems.push('no refresh with an Action.Execute');
    if (!Array.isArray(refresh?.userIds) || refresh.userIds.length > MAX_REFRESH_USERS) problems.push('refresh.userIds missing or longer than 60');
  }
  walk(json, (node) => {
    if (node.type === 'Action.Execute' && node !== refresh?.action) {
      if (node.fallback?.type !== 'Action.Submit') problems.push(`Action.Execute "${node.title}" has no Action.Submit fallback`);
      if (!node.verb || (!alert && !node.data?.postId)) problems.push(`Action.Execute "${node.title}" has no verb or postId`);
    }
    if (node.type === 'Action.Submit' && !alert && (!node.data?.postId || !node.data?.action)) problems.push(`Action.Submit "${node.title}" has no postId or action`);
    if (node.type === 'Input.ChoiceSet' && (!Array.isArray(node.choices) || node.choices.length === 0)) problems.push(`choice set ${node.id} has no choices`);
  });

  return { file, bytes, problems };
}

const args = process.argv.slice(2);
const inserted = args.includes('--inserted');
const digest = args.includes('--digest');
const alert = args.includes('--alert');
const results = files(args.filter((a) => !a.startsWith('--'))).map((file) => check(file, inserted, digest, alert));
for (const r of results) console.log(JSON.stringify(r));
if (results.length === 0) {
  console.error('No cards to check.');
  process.exit(2);
}
process.exit(results.some((r) => r.problems.length > 0) ? 1 : 0);
