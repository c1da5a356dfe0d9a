// Draws Adaptive Cards with the official renderer (npm `adaptivecards`) in headless Chromium, with a host config
// close to Microsoft Teams' light theme, and saves each as a PNG.
//
//   node tools/cards/render.mjs <folder-of-messages> <output-folder> <name>...
//
// Each <name> is a file <folder-of-messages>/<name>.json holding a message as the bot sends it (or a bare card);
// the picture is written to <output-folder>/<name>.png. Chromium is /usr/bin/chromium (Debian's package) unless
// CHROMIUM_PATH says otherwise. Prints a JSON report on stdout; exits 1 when a card could not be drawn.
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const here = fileURLToPath(new URL('.', import.meta.url));
const acScript = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const acCss = require.resolve('adaptivecards/dist/adaptivecards.css');

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const [source, output, ...names] = process.argv.slice(2);
if (!source || !output || names.length === 0) {
  console.error('usage: node tools/cards/render.mjs <folder-of-messages> <output-folder> <name>...');
  process.exit(2);
}

const hostConfig = JSON.parse(readFileSync(join(here, 'teams-host-config.json'), 'utf8'));
const page_css = `
  body { margin: 0; background: #F5F5F5; font-family: 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; }
  #frame { width: 520px; padding: 12px; background: #F5F5F5; }
  #card { background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 6px; overflow: hidden; }
  .ac-pushButton { border-radius: 4px; border: 1px solid #D1D1D1; color: #242424; background: #FFFFFF; padding: 5px 12px; min-height: 32px; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
  .ac-input { font-family: inherit; font-size: 14px; }
  .ac-textInput, .ac-dateInput, .ac-numberInput, .ac-multichoiceInput { border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 8px; background: #FFFFFF; }
  .ac-textInput.ac-multiline { min-height: 56px; }
  .ac-input-validation-failed { border-color: #C4314B !important; }
`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const report = { rendered: [], errors: [] };
try {
  const page = await browser.newPage({ viewport: { width: 560, height: 800 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${readFileSync(acCss, 'utf8')}</style><style>${page_css}</style></head>
    <body><div id="frame"><div id="card"></div></div></body></html>`);
  await page.addScriptTag({ path: acScript });

  mkdirSync(output, { recursive: true });
  for (const name of names) {
    try {
      const payload = JSON.parse(readFileSync(join(source, `${name}.json`), 'utf8'));
      const card = payload.type === 'AdaptiveCard'
        ? payload
        : (payload.attachments || []).find((a) => a.contentType === CARD_CONTENT_TYPE)?.content;
      if (!card) throw new Error('no Adaptive Card in the message');

      const problems = await page.evaluate(({ card, hostConfig }) => {
        const AC = window.AdaptiveCards;
        // Teams renders the Markdown subset of TextBlocks (bold, bulleted lists); the renderer leaves it to the host.
        AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
          const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
          const inline = (s) => escape(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
          const lines = text.split(/\r?\n/);
          if (lines.every((l) => l.startsWith('- '))) {
            result.outputHtml = `<ul style="margin:0;padding:0 4px 0 20px;box-sizing:border-box;width:calc(100% - 4px)">${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
          } else {
            result.outputHtml = lines.map(inline).join('<br>');
          }
          result.didProcess = true;
        };
        const adaptiveCard = new AC.AdaptiveCard();
        adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
        const context = new AC.SerializationContext(AC.Versions.v1_5);
        adaptiveCard.parse(card, context);
        const events = [];
        for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
        const rendered = adaptiveCard.render();
        const target = document.getElementById('card');
        target.replaceChildren(rendered);
        for (const button of target.querySelectorAll('.ac-pushButton')) {
          for (const style of ['positive', 'destructive']) {
            if (button.classList.contains(`style-${style}`) || button.className.includes(style)) button.classList.add(`style-${style}`);
          }
        }
        return events;
      }, { card, hostConfig });
      if (problems.length > 0) throw new Error(problems.join('; '));

      await page.evaluate(() => document.fonts.ready);
      const file = join(output, `${name}.png`);
      await page.locator('#frame').screenshot({ path: file });
      report.rendered.push(file);
    } catch (e) {
      report.errors.push(`${name}: ${e.message}`);
    }
  }
} finally {
  await browser.close();
}

console.log(JSON.stringify(report, null, 2));
process.exit(report.errors.length > 0 ? 1 : 0);
