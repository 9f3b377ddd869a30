// review.js PAGE [SCREENSHOT.png]: opens a page of `peerplan report` in
// Debian's headless chromium (puppeteer-core) and checks that it loads
// without a console error, an uncaught exception or any request other than
// the file itself; that sorting the findings by severity puts the errors
// first (then last), and by rule sorts the rules; that the diagram zooms;
// on a page of report --diff, that the Change section is tables (the cost
// delta sorts as numbers) and the diagram carries graph --diff's legend.
// Prints one line per check, "ok" or "not ok", the load time (for
// docs/performance.md, never asserted) and exits 1 when a check failed.
'use strict';
const path = require('path');
const puppeteer = require('puppeteer-core');

const page_file = path.resolve(process.argv[2]);
const shot = process.argv[3];
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
let failed = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok' : 'not ok'} - ${what}`);
  if (!ok) failed++;
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.setViewport({ width: 1280, height: 900 });
    const url = 'file://' + page_file;
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    const ms = Date.now() - t0;
    console.log(`# load: ${ms} ms`);
    check(errors.length === 0, 'no console error: ' + JSON.stringify(errors));
    const other = requests.filter((u) => u !== url);
    check(other.length === 0, 'no request but the page: ' + JSON.stringify(other));
    check(await page.$('#diagram svg') !== null, 'the diagram is an inline SVG');
    const tips = await page.$$eval('#diagram svg a > title', (t) => t.length);
    check(tips > 0, `the diagram keeps its tooltips (${tips})`);

    const sev = () => page.$$eval('table.findings tbody tr td:first-child', (c) => c.map((x) => x.textContent));
    const rank = { info: 0, warning: 1, error: 2 };
    if (await page.$('table.findings') !== null) {
      await page.click('table.findings th:nth-child(1) button');
      let s = (await sev()).map((x) => rank[x]);
      check(s.every((v, i) => i === 0 || s[i - 1] <= v), 'severity ascending: ' + s.join(','));
      await page.click('table.findings th:nth-child(1) button');
      s = (await sev()).map((x) => rank[x]);
      check(s.every((v, i) => i === 0 || s[i - 1] >= v), 'severity descending (errors first): ' + s.join(','));
      await page.click('table.findings th:nth-child(2) button');
      const rules = await page.$$eval('table.findings tbody tr td:nth-child(2)', (c) => c.map((x) => x.textContent));
      check(rules.every((v, i) => i === 0 || rules[i - 1] <= v), 'rules sorted: ' + rules.join(','));
      const order = await page.$eval('table.findings th:nth-child(2)', (t) => t.getAttribute('aria-sort'));
      check(order === 'ascending', 'the sorted column says so (aria-sort)');
    }
    const w0 = await page.$eval('#diagram svg', (s) => parseFloat(s.getAttribute('width')));
    await page.click('[data-zoom=in]');
    const w1 = await page.$eval('#diagram svg', (s) => parseFloat(s.getAttribute('width')));
    check(w1 > w0, `zoom in widens the diagram (${w0} -> ${w1})`);
    await page.click('[data-zoom=fit]');
    check(errors.length === 0, 'still no console error after sorting and zooming');
    if (await page.$('#change') !== null) {
      // the screenshot shows the top of the page as it opens: the summary and
      // the cost delta in the page's order
      await page.evaluate(() => window.scrollTo(0, 0));
      if (shot) await page.screenshot({ path: shot, fullPage: false });
      // report --diff: the change as tables, sortable, and graph --diff's legend
      const tables = await page.$$eval('#change table.sortable', (t) => t.map((x) => x.className));
      check(tables.some((c) => c.includes('change-cost')), 'the Change section has its tables: ' + tables.join(' | '));
      check(await page.$('#change pre:not(details pre)') === null, 'the Change section is not preformatted text');
      await page.click('table.change-cost th:nth-child(10) button');
      const deltas = await page.$$eval('table.change-cost tbody tr td:nth-child(10)',
        (c) => c.map((x) => Number(x.getAttribute('data-key'))));
      check(deltas.every((v, i) => i === 0 || deltas[i - 1] <= v), 'the cost delta sorts as numbers: ' + deltas.join(','));
      const legend = await page.$$eval('#diagram svg text', (t) => t.map((x) => x.textContent));
      check(legend.includes('added (green, bold)') && legend.includes('changed (orange)'),
        'the diagram is graph --diff\'s (its legend)');
      check(errors.length === 0, 'still no console error after sorting the change');
    } else if (shot) await page.screenshot({ path: shot, fullPage: false });
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('not ok - ' + e); process.exit(1); });
