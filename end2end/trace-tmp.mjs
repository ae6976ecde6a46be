import { chromium } from '@playwright/test';
import fs from 'fs';
const base = process.env.BENCH_BASE;
const path = process.env.TRACE_PATH ?? '/logga-in';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'] });
const ctx = await browser.newContext();
const [cn, cv] = (process.env.BENCH_COOKIE ?? '=').split('=');
if (cv) await ctx.addCookies([{ name: cn, value: cv, url: base }]);
await ctx.addInitScript(() => { new MutationObserver((_, o) => { if (document.body?.dataset.hydrated === 'true') { window.__h = performance.now(); o.disconnect(); } }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] }); });
const page = await ctx.newPage();
for (let i = 0; i < 3; i++) { await page.goto(base + path); await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached' }); console.log('tti', await page.evaluate(() => window.__h)); }
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink', 'loading', 'toplevel'] });
await page.goto(base + path); await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached' });
console.log('tti traced', await page.evaluate(() => window.__h));
const buf = await browser.stopTracing();
fs.writeFileSync('/tmp/b/trace.json', buf);
await browser.close();
