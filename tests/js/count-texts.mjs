// Counts texts the way the platforms' own reference packages do, for the tests to compare with
// ChatOpsReply's counting: `sms` with Twilio's sms-segments-calculator (segments, encoding,
// characters), `tweet` with X's twitter-text parseTweet (weighted length, validity, and the last
// UTF-16 index that still fits).
// Reads a JSON array of strings from the file named on the command line; prints a JSON array.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const [kind, file] = process.argv.slice(2);
const texts = JSON.parse(readFileSync(file, 'utf8'));

let results;
if (kind === 'sms') {
  const { SegmentedMessage } = require('sms-segments-calculator');
  results = texts.map((text) => {
    const message = new SegmentedMessage(text);
    return { segments: message.segmentsCount, encoding: message.encodingName, characters: message.numberOfCharacters };
  });
} else if (kind === 'tweet') {
  const twitter = require('twitter-text');
  const parseTweet = twitter.parseTweet ?? twitter.default.parseTweet;
  results = texts.map((text) => {
    const parsed = parseTweet(text);
    return { weightedLength: parsed.weightedLength, valid: parsed.valid, validRangeEnd: parsed.validRangeEnd };
  });
} else {
  console.error(`usage: node count-texts.mjs sms|tweet texts.json (not ${kind})`);
  process.exit(2);
}

console.log(JSON.stringify(results));
