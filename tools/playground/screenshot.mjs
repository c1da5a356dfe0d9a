// Screenshots of ScrBot in the Microsoft 365 Agents Playground, for the README.
//
// Start the bot and the Playground first (in another terminal):
//   scripts/run-local.sh
// then, from the repository root:
//   node tools/playground/screenshot.mjs                  writes docs/playground/help.png and refer.png
//   node tools/playground/screenshot.mjs --referral       also fills in the whole referral form and writes
//                                                         docs/playground/referral-acknowledged.png
//   node tools/playground/screenshot.mjs --stages         with scripts/run-local.sh --everyone running: Alex Wilber
//                                                         refers a case, Megan Bowen arranges the sub-group meeting,
//                                                         Isaiah Langer's decision card is taken (subgroup-decision.png),
//                                                         he convenes, and Megan's case card is taken (hub-case-card.png)
//   node tools/playground/screenshot.mjs --url http://localhost:56151 --out /tmp/shots
//   DEBUG=1 node tools/playground/screenshot.mjs --referral   also prints each card and each field filled in
//
// It drives headless Chromium (/usr/bin/chromium, or CHROMIUM=/path/to/chrome) through playwright-core from
// tools/node_modules. Each screenshot is taken in Alex Wilber's personal chat after typing a command and
// waiting for the bot's Adaptive Card to render. A referral draft left by an earlier run is discarded first, so
// refer.png always shows section 1. --referral answers every section with a made-up case (the child "Sam
// Example"; dates three days ago) and sends it; each run files a new case in the bot's store.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const url = option('--url', 'http://localhost:56150');
const out = resolve(option('--out', join(root, 'docs', 'playground')));
const wantStages = args.includes('--stages');
const wantReferral = args.includes('--referral') || wantStages;
// With --everyone, scripts/run-local.sh starts one Playground per mock person on consecutive ports, in the order of
// tools/playground/mock-users.json: Alex Wilber, Megan Bowen, Adele Vance, Isaiah Langer, Patti Fernandez, Lynne Robbins.
const people = ['Alex Wilber', 'Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Patti Fernandez', 'Lynne Robbins'];
const urlOf = (person) => {
  const base = new URL(url);
  base.port = String(Number(base.port) + people.indexOf(person));
  return base.toString();
};
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let pinned = 0; // how many cards pinLastCard has named

mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

try {
  // The other people's Playgrounds are open first: a Playground shows only what arrives while it is open.
  const others = wantStages
    ? {
      megan: await openChat(urlOf('Megan Bowen')),
      adele: await openChat(urlOf('Adele Vance')), // the Chairs must be told of the referral before the sub-group meets
      isaiah: await openChat(urlOf('Isaiah Langer')),
    }
    : null;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url, { waitUntil: 'networkidle' });

  // The personal chat opens with the bot's welcome card once the conversation is installed.
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
  await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 30_000 });
  await hideLogPanel(page);

  await send(page, 'help');
  await shoot(page, 'help.png');

  await send(page, 'refer');
  if (await discardOldDraft(page)) await send(page, 'refer');
  await shoot(page, 'refer.png');

  if (wantReferral) {
    await fillReferral(page);
    await shoot(page, 'referral-acknowledged.png');
  }

  if (wantStages) {
    const acknowledged = await page.locator('.ac-adaptiveCard').last().innerText();
    const reference = acknowledged.match(/SCR-\d{4}-\d{4}/)?.[0];
    if (!reference) throw new Error(`No case reference on the acknowledgement:\n${acknowledged}`);
    await stages(reference, others);
  }
} finally {
  await browser.close();
}

// Stage 3 in each person's own Playground: the Board Manager arranges the sub-group meeting from her task card, the
// Sub-group Chair's decision card is taken and he convenes a Scoping Panel, and the Board Manager's case card (the hub,
// updated in place) is taken showing the decision.
async function stages(reference, { megan, isaiah }) {
  const arrange = await waitForCard(megan, `${reference} · Arrange the sub-group meeting`);
  await setDate(arrange, inDays(7));
  await pressAndWait(megan, arrange, 'Arrange the meeting', 'done by Megan Bowen');

  const decide = await waitForCard(isaiah, `${reference} · Decide whether to convene a Scoping Panel`);
  await shootCard(isaiah, decide, 'subgroup-decision.png');
  await decide.getByText('Convene a Scoping Panel', { exact: true }).click();
  await decide.locator('textarea').first().fill('The information suggests the criteria for a serious case review may be met.');
  await pressAndWait(isaiah, decide, 'Record the decision', 'done by Isaiah Langer');

  const hub = await waitForCard(megan, `${reference} · Case card`, 'Sub-group decided');
  await shootCard(megan, hub, 'hub-case-card.png');
}

async function openChat(address) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(address, { waitUntil: 'networkidle' });
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
  await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 60_000 });
  await hideLogPanel(page);
  return page;
}

// The card whose heading is `heading` (and that shows `text`, when given), pinned so that it stays found as the chat
// grows; the bot sends task cards on its own, so the chat is watched until the card arrives.
async function waitForCard(page, heading, text) {
  const card = page.locator('.ac-adaptiveCard').filter({ hasText: heading }).filter({ hasText: text ?? heading }).last();
  await card.waitFor({ timeout: 90_000 }).catch(async (e) => {
    if (process.env.DEBUG) {
      await page.screenshot({ path: join(out, 'waiting.png') });
      console.log((await page.locator('.ac-adaptiveCard').allInnerTexts()).map((t) => t.slice(0, 120)).join('\n---\n'));
    }
    throw e;
  });
  await page.waitForLoadState('networkidle');
  const name = `card-${++pinned}`;
  await card.evaluate((el, n) => el.setAttribute('data-pinned', n), name);
  return page.locator(`.ac-adaptiveCard[data-pinned="${name}"]`);
}

// The card's first date input set to `value` (yyyy-MM-dd), typed when the Playground's date picker takes text.
async function setDate(card, value) {
  const input = card.locator('input[type=date], input[role=combobox]').first();
  if ((await input.getAttribute('type')) === 'date' || !(await input.getAttribute('readonly'))) {
    await input.fill(value);
    await input.press('Tab');
    if ((await input.inputValue()) !== '') return;
  }
  throw new Error(`The date input did not take ${value}`);
}

// Presses a button of the card and waits until the card, replaced in place, says `words`.
async function pressAndWait(page, card, button, words) {
  await card.getByRole('button', { name: button }).click();
  await page.locator('.ac-adaptiveCard').filter({ hasText: words }).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
}

// A screenshot of the Playground with `card` in view from its top, the window tall enough for the whole card.
async function shootCard(page, card, name) {
  const path = join(out, name);
  await hideLogPanel(page);
  await dismissSentNotices(page);
  const { height } = (await card.boundingBox()) ?? { height: 0 };
  await page.setViewportSize({ width: 1280, height: Math.max(900, Math.ceil(height) + 260) });
  await card.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300); // lets the scroll and layout settle before the capture
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

function inDays(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

// A referral left unsent by an earlier run is offered back first; discard it so that the form starts afresh.
// "Discard draft" opens a confirmation inside the card; its "Yes, discard the draft" button sends the invoke.
async function discardOldDraft(page) {
  const card = await pinLastCard(page);
  if (!(await card.getByText('You have a draft').count())) return false;
  await card.getByRole('button', { name: 'Discard draft' }).click();
  const confirm = page.getByRole('button', { name: /yes, discard/i }).last();
  await confirm.waitFor({ timeout: 30_000 });
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /invoke|activit/i.test(r.url()),
    { timeout: 30_000 }).catch(() => null);
  await confirm.click();
  await answered;
  await page.waitForLoadState('networkidle');
  if (process.env.DEBUG) console.log(`--- after discard\n${await card.innerText().catch(() => '(card replaced)')}`);
  return true;
}

// After a card action the Playground puts "Your response was sent to the app" under the card; close it.
async function dismissSentNotices(page) {
  const close = page.locator('xpath=//*[text()="Your response was sent to the app"]/following::button[1]');
  for (const button of await close.all()) await button.click().catch(() => {});
}

async function hideLogPanel(page) {
  const hide = page.locator('button[title="Hide log panel"]');
  if (await hide.isVisible().catch(() => false)) await hide.click();
}

// Types a message, presses Enter, and waits until the bot's answer (a new Adaptive Card) has rendered.
async function send(page, text) {
  await markCards(page);
  const box = page.locator('[role="textbox"][contenteditable="true"]').first();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
  await waitForNewCard(page);
  await page.evaluate(() => document.activeElement?.blur());
}

// Cards already on screen are marked first; the answer is the first card without the mark. (The chat list
// may unmount messages that scroll out of view, so counting cards is not reliable.)
async function markCards(page) {
  await page.locator('.ac-adaptiveCard').evaluateAll((cards) => cards.forEach((c) => c.setAttribute('data-seen', '1')));
}

async function waitForNewCard(page) {
  const fresh = page.locator('.ac-adaptiveCard:not([data-seen])').last();
  await fresh.waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await fresh.scrollIntoViewIfNeeded();
}

function lastCard(page) {
  return page.locator('.ac-adaptiveCard:not([data-seen])').last();
}

// The bot's latest card, named so that the locator keeps pointing at it after the cards are marked as seen.
async function pinLastCard(page) {
  const name = `card-${++pinned}`;
  await lastCard(page).evaluate((el, n) => el.setAttribute('data-pinned', n), name);
  return page.locator(`.ac-adaptiveCard[data-pinned="${name}"]`);
}

// Grows the window when the bot's last card is taller than the chat pane, so that the whole card is shown,
// then scrolls the chat to its end.
async function shoot(page, name) {
  const path = join(out, name);
  await hideLogPanel(page); // the Playground opens it again after card actions
  await dismissSentNotices(page);
  const card = lastCard(page);
  const { height } = (await card.boundingBox()) ?? { height: 0 };
  const wanted = Math.max(900, Math.ceil(height) + 260);
  await page.setViewportSize({ width: 1280, height: wanted });
  await card.evaluate((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) p.scrollTop = p.scrollHeight;
    }
  });
  await page.waitForTimeout(300); // lets the scroll and layout settle before the capture
  await page.screenshot({ path });
  await page.setViewportSize({ width: 1280, height: 900 });
  console.log(`wrote ${path}`);
}

// Fills every section of the referral form with a made-up case and submits each section in turn.
async function fillReferral(page) {
  for (let section = 0; section < 12; section++) {
    const card = await pinLastCard(page);
    if (process.env.DEBUG) console.log(`--- card ${pinned}\n${await card.innerText()}`);
    const submit = card.getByRole('button', { name: /^(next|review|send|submit|continue|confirm)/i }).first();
    if (!(await submit.count())) return;
    await fillCard(card);
    // Next is a card action: its answer replaces this card in place, or comes as a new card.
    const before = await card.innerText();
    await markCards(page);
    await submit.click();
    await page.waitForFunction((text) => {
      const cards = document.querySelectorAll('.ac-adaptiveCard');
      const last = cards[cards.length - 1];
      return last && last.innerText !== text;
    }, before, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.locator('.ac-adaptiveCard').last().evaluate((el) => el.removeAttribute('data-seen'));
  }
}

// The text just before an input in the card: its label (the Playground's inputs carry no aria-label).
function labelOf(input) {
  return input.evaluate((el) => {
    const root = el.closest('.ac-adaptiveCard') ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let label = '';
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!(node.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      const text = node.textContent.trim();
      if (text && text !== '*') label = text;
    }
    return el.getAttribute('aria-label') || label;
  });
}

function isRequired(input) {
  return input.evaluate((el) => el.required || el.getAttribute('aria-required') === 'true');
}

// The Playground shows Input.Date as a Fluent date picker: type the date if it takes text, otherwise pick a day
// from its calendar.
async function pickDate(input, label) {
  const page = input.page();
  const value = /birth/i.test(label) ? '2019-03-14' : daysAgo(3);
  if (!(await input.getAttribute('readonly'))) {
    await input.fill(value);
    await input.press('Tab');
    if ((await input.inputValue()) !== '') return;
  }
  await input.click();
  const day = page.locator('[role="dialog"] button, .fui-Calendar button, [role="grid"] button')
    .filter({ hasText: /^2$/ }).first();
  await day.click({ timeout: 5_000 });
}

function daysAgo(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return d.toISOString().slice(0, 10);
}

async function fillCard(card) {
  const sample = (label) => {
    const l = label.toLowerCase();
    if (/approximate age|age in years/.test(l)) return '7';
    if (/date of birth|born/.test(l)) return '2019-03-14';
    if (/date/.test(l)) return daysAgo(3);
    if (/another agency|senior investigating officer/.test(l)) return '';
    if (/other agencies/.test(l)) return 'St Mary\'s Primary School\nThe family\'s GP practice';
    if (/person \d+: name/.test(l)) return 'Chris Example';
    if (/relationship|for example mother/.test(l)) return 'Mother\'s partner';
    if (/role|job title/.test(l)) return 'Designated Safeguarding Lead';
    if (/email|telephone/.test(l)) return 'alex.wilber@example.org';
    if (/other names|aliases/.test(l)) return 'Sammy';
    if (/ethnicity/.test(l)) return 'White British';
    if (/local authority/.test(l)) return 'Staffordshire County Council';
    if (/address/.test(l)) return '1 Example Street, Exampletown';
    if (/child.*name/.test(l)) return 'Sam Example';
    if (/significant|others/.test(l)) return 'Chris Example, mother\'s partner, same address';
    if (/agenc/.test(l) && !/concern/.test(l)) return 'Staffordshire Police; Children\'s Social Care; the child\'s school';
    if (/concern/.test(l)) return 'The school\'s concerns about neglect were not shared with children\'s social care.';
    if (/name/.test(l)) return 'Alex Wilber';
    if (/description|what happened/.test(l)) return 'Sam was admitted to hospital with injuries and died two days later.';
    return '';
  };

  const groups = new Set();
  for (const input of await card.locator('input:not([type=hidden]), textarea').all()) {
    if (!(await input.isVisible())) continue;
    const type = (await input.getAttribute('type')) ?? 'text';
    const label = await labelOf(input);
    if (type === 'checkbox') { // only the confirmations the form requires; parallel processes stay unticked
      if (/^I (confirm|agree|declare)/i.test(label) && !(await input.isChecked())) await input.check({ force: true });
      continue;
    }
    if (type === 'radio') { // the first choice of each group, unless one is already chosen
      const group = await input.getAttribute('name');
      if (groups.has(group)) continue;
      groups.add(group);
      const chosen = await card.locator(`input[type=radio][name="${group}"]:checked`).count();
      if (!chosen) await input.check({ force: true }).catch(() => {});
      continue;
    }
    if ((await input.inputValue()) !== '') continue;
    if ((await input.getAttribute('role')) === 'combobox' && /date/i.test(label)) {
      if (!/\*$/.test(label) && !(await isRequired(input))) continue; // an optional date is left empty
      await pickDate(input, label);
      continue;
    }
    if ((await input.getAttribute('role')) === 'combobox') {
      // A Fluent dropdown: open it and take the first choice.
      await input.click();
      const option = input.page().getByRole('option').first();
      if (await option.waitFor({ timeout: 2_000 }).then(() => true, () => false)) await option.click();
      else await input.press('Escape');
      continue;
    }
    if (type === 'date') await input.fill(sample(label.includes('birth') ? 'date of birth' : 'date'));
    else if (type === 'time') await input.fill('10:00');
    else if (type === 'number') await input.fill('1');
    else {
      if (process.env.DEBUG) console.log(`    field: ${label} -> ${sample(label) || '(left empty)'}`);
      await input.fill(sample(label));
    }
  }
  for (const select of await card.locator('select').all()) {
    if (!(await select.isVisible())) continue;
    const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v));
    if (values.length) await select.selectOption(values[0]);
  }
}
