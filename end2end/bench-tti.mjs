// Time to interactive of /logga-in and /arenden in Debian's Chromium, as
// scripts/bench.sh runs it (from end2end/, where Playwright is installed):
// see `timeToInteractive` in bench-browser.mjs. Cold: a new browser context
// each time (empty cache). Warm: the same page loaded again in one context.
// Prints two Markdown table rows per page (median of 10).
import { launchBrowser, benchContext, timeToInteractive } from './bench-browser.mjs';

const runs = 10;
const browser = await launchBrowser();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return (s[4] + s[5]) / 2; };
const rows = [];
for (const path of ['/logga-in', '/arenden']) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await benchContext(browser);
    const page = await ctx.newPage();
    cold.push(await timeToInteractive(page, path));
    warm.push(await timeToInteractive(page, path));
    await ctx.close();
  }
  rows.push([`time to interactive ${path}, cold cache (target ≤ 300 ms)`, `median ${median(cold).toFixed(0)} ms`]);
  rows.push([`time to interactive ${path}, warm cache (target ≤ 100 ms)`, `median ${median(warm).toFixed(0)} ms`]);
}
await browser.close();
for (const [what, result] of rows) console.log(`| ${what} | ${result} |`);
