// Time to interactive of /logga-in and /arenden in Debian's Chromium, as
// scripts/bench.sh runs it (from end2end/, where Playwright is installed):
// see `timeToInteractive` in bench-browser.mjs. Cold: a new browser context
// each time (empty cache). Warm: the same page opened again in that context,
// as a person returning to it meets it — once the first visit has settled
// (no request for 500 ms, then a second in which the browser writes its
// caches: V8 keeps a WASM module's compiled code only some time after it
// first compiled it). Also the same page reloaded at once, while the
// browser is still busy with the first visit: a slower figure, shown beside.
// Prints three Markdown table rows per page (median of 10).
import { launchBrowser, benchContext, timeToInteractive } from './bench-browser.mjs';

const runs = 10;
const browser = await launchBrowser();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return (s[4] + s[5]) / 2; };
const rows = [];
for (const path of ['/logga-in', '/arenden']) {
  const cold = [];
  const atOnce = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await benchContext(browser);
    const page = await ctx.newPage();
    cold.push(await timeToInteractive(page, path));
    atOnce.push(await timeToInteractive(page, path));
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    warm.push(await timeToInteractive(page, path));
    await ctx.close();
  }
  rows.push([`time to interactive ${path}, cold cache (target ≤ 300 ms)`, `median ${median(cold).toFixed(0)} ms`]);
  rows.push([`time to interactive ${path}, warm cache (target ≤ 100 ms)`, `median ${median(warm).toFixed(0)} ms`]);
  rows.push([`time to interactive ${path}, reloaded at once after the cold load`, `median ${median(atOnce).toFixed(0)} ms`]);
}
await browser.close();
for (const [what, result] of rows) console.log(`| ${what} | ${result} |`);
