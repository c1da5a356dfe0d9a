// Checks Adaptive Card messages with the official parser (npm `adaptivecards`), as Teams would receive them.
//
//   node tools/cards/check.mjs <folder-or-file>...
//
// Each file is one message payload as the bot sends it (an activity whose attachments hold the cards), or a bare card.
// A file fails when:
//   - the payload is over the card budget (80 KB), counted as Teams counts it: UTF-16, two bytes a code unit, of the whole payload;
//   - a card is not schema version 1.5;
//   - parsing at schema 1.5 logs any event (unknown element or action type, invalid property value, ...);
//   - card.validateProperties() reports anything (duplicate ids, inputs without labels or error messages, ...);
//   - a property does not survive a parse and re-serialisation (a misspelt or unsupported property is dropped
//     silently by the parser, so it is caught here).
// Prints one JSON report on stdout and exits 1 when any file fails.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.HTMLElement = dom.window.HTMLElement;
Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true });
const AC = require('adaptivecards/dist/adaptivecards.js');

// Teams takes about 100 KB (UTF-16) and recommends 80 KB; the cards aim at 80 KB.
export const MAX_PAYLOAD_BYTES = 80 * 1024;
const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

// Properties the serialiser leaves out when they hold their default value.
const DEFAULTS = {
  spacing: ['default'], style: ['default', 'text'], wrap: [false], isRequired: [false], isSubtle: [false],
  isMultiline: [false], isMultiSelect: [false], separator: [false], size: ['default'], weight: ['default'],
  color: ['default'], horizontalAlignment: ['left'], associatedInputs: ['auto'], isVisible: [true],
  valueOn: ['true'], valueOff: ['false'],
};

function sameValue(a, b) {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

// Every property of the source that the parser did not keep, as "path: problem" lines.
function lostProperties(source, parsed, path, problems) {
  if (Array.isArray(source)) {
    if (!Array.isArray(parsed)) { problems.push(`${path}: a list the parser did not keep`); return; }
    if (source.length !== parsed.length) { problems.push(`${path}: ${source.length} entries written, ${parsed.length} understood`); }
    source.forEach((item, i) => lostProperties(item, parsed[i], `${path}[${i}]`, problems));
    return;
  }
  if (source === null || typeof source !== 'object') {
    if (!sameValue(source, parsed)) problems.push(`${path}: value ${JSON.stringify(source)} was read as ${JSON.stringify(parsed)}`);
    return;
  }
  if (parsed === null || typeof parsed !== 'object') { problems.push(`${path}: an object the parser did not keep`); return; }
  for (const [key, value] of Object.entries(source)) {
    if (key === '$schema') continue;
    if (!(key in parsed)) {
      const defaults = DEFAULTS[key];
      const isDefault = defaults && defaults.some((d) => sameValue(d, value));
      const isEmptyList = Array.isArray(value) && value.length === 0;
      if (!isDefault && !isEmptyList) problems.push(`${path}.${key}: not understood by the parser (misspelt, unsupported at 1.5, or invalid)`);
      continue;
    }
    lostProperties(value, parsed[key], `${path}.${key}`, problems);
  }
}

export function checkCard(card, where) {
  const problems = [];
  if (card.type !== 'AdaptiveCard') problems.push(`${where}: type is ${JSON.stringify(card.type)}, not AdaptiveCard`);
  if (card.version !== '1.5') problems.push(`${where}: version is ${JSON.stringify(card.version)}, not 1.5`);

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${where}: parse ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }

  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents) {
    const source = event.source && event.source.getJsonTypeName ? `${event.source.getJsonTypeName()}${event.source.id ? ` "${event.source.id}"` : ''}` : 'card';
    problems.push(`${where}: ${AC.ValidationEvent[event.event]} (${source}): ${event.message}`);
  }

  const roundTrip = parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  lostProperties(card, roundTrip, where, problems);
  return problems;
}

export function checkPayloadText(text, name) {
  const problems = [];
  const bytes = text.length * 2;
  if (bytes > MAX_PAYLOAD_BYTES) problems.push(`${name}: the message is ${bytes} bytes (UTF-16), over Teams' ${MAX_PAYLOAD_BYTES}`);
  let payload;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    return { bytes, cards: 0, problems: [...problems, `${name}: not JSON: ${e.message}`] };
  }
  const cards = payload.type === 'AdaptiveCard'
    ? [payload]
    : (payload.attachments || []).filter((a) => a.contentType === CARD_CONTENT_TYPE).map((a) => a.content);
  if (cards.length === 0) problems.push(`${name}: no Adaptive Card in the message`);
  cards.forEach((card, i) => problems.push(...checkCard(card, cards.length > 1 ? `${name}#${i}` : name)));
  return { bytes, cards: cards.length, problems };
}

function filesOf(target) {
  return statSync(target).isDirectory()
    ? readdirSync(target).filter((f) => f.endsWith('.json')).sort().map((f) => join(target, f))
    : [target];
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const targets = process.argv.slice(2);
  if (targets.length === 0) {
    console.error('usage: node tools/cards/check.mjs <folder-or-file>...');
    process.exit(2);
  }
  const results = targets.flatMap(filesOf).map((file) => {
    const name = basename(file, '.json');
    return { name, ...checkPayloadText(readFileSync(file, 'utf8'), name) };
  });
  const failed = results.filter((r) => r.problems.length > 0);
  console.log(JSON.stringify({ checked: results.length, failed: failed.length, maxPayloadBytes: MAX_PAYLOAD_BYTES, results }, null, 2));
  process.exit(failed.length > 0 ? 1 : 0);
}
