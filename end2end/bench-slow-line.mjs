// Time to interactive of /arenden on a slow line (Chromium's network
// emulation: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency; a phone at a
// building site), cold cache, as it is and with the chunks it fetches for the
// next pages refused: what fetching ahead costs the page itself (UX-1, see
// docs/performance.md, session 24). Not part of the test run.
//   BENCH_BASE=http://127.0.0.1:3200 BENCH_COOKIE="iw_session=…" node bench-slow-line.mjs
import { launchBrowser, benchContext, timeToInteractive } from './bench-browser.mjs';

const browser = await launchBrowser();
async function once(blockAhead) {
  const ctx = await benchContext(browser);
  const page = await ctx.newPage();
  if (blockAhead) await page.route(/\/pkg\/(chunk_|split_).*\.wasm$/, (r) => r.abort());
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  const t = await timeToInteractive(page, '/arenden', 60000);
  await ctx.close();
  return t;
}
const runs = 5;
const r = { 'as it is': [], 'without fetching ahead': [] };
for (let i = 0; i < runs; i++) {
  r['as it is'].push(Math.round(await once(false)));
  r['without fetching ahead'].push(Math.round(await once(true)));
}
for (const [what, times] of Object.entries(r)) console.log(`| /arenden on a slow line, ${what} | ${times.join(', ')} ms |`);
await browser.close();
