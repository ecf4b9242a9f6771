// bench/collab/saved-in-browser: "Opgeslagen" as a person sees it, in Chromium through the real editor.
// 1. Keystroke to "Opgeslagen": one page types 200 characters, one every 80 ms; for each, the time from the
//    keydown to the status text turning "Opgeslagen" (both measured in the page).
// 2. Reconnect after a restart: 30 pages (each its own document) type while the server is down; the server
//    is started again; for each page, the time from "luistert op" to its "Opgeslagen".
//   npm run build && node --import tsx bench/collab/saved-in-browser.ts [--pages 30] [--keys 200]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser, logIn } from '../../tests/helpers/browser.ts';
import { createDocument } from '../../tests/helpers/collab.ts';
import { loggedIn } from '../../tests/helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer } from '../../tests/helpers/server.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '30' }, keys: { type: 'string', default: '200' } } });
const PAGES = Number(values.pages);
const KEYS = Number(values.keys);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (n: number) => Math.round(n * 10) / 10;

let server = await startServer();
const browser = await launchBrowser();
const api = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
const context = await browser.newContext({ baseURL: server.url });

async function openEditor(page: Page, id: string) {
  await page.goto(`/w/enschede/documenten/${id}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent === 'Opgeslagen', null, {
    timeout: 30_000,
  });
  await page.locator('.ProseMirror').click();
}

try {
  // 1. Keystroke to "Opgeslagen".
  const first = await context.newPage();
  await logIn(first, DEMO.enschede, DEMO_PASSWORD);
  await openEditor(first, await createDocument(api, 'enschede', 'Toetsaanslagen meten'));
  await first.evaluate(() => {
    const w = window as unknown as { keyAt: number[]; savedAt: number[] };
    w.keyAt = [];
    w.savedAt = [];
    document.addEventListener('keydown', (e) => w.keyAt.push(e.timeStamp), true);
    const status = document.querySelector('[data-testid="save-status"]')!;
    new MutationObserver(() => {
      if (status.textContent === 'Opgeslagen') w.savedAt.push(performance.now());
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  for (let i = 0; i < KEYS; i++) {
    await first.keyboard.press(i % 10 === 9 ? 'Space' : 'a');
    await first.waitForTimeout(80);
  }
  await first.waitForTimeout(500);
  const { keyAt, savedAt } = await first.evaluate(() => {
    const w = window as unknown as { keyAt: number[]; savedAt: number[] };
    return { keyAt: w.keyAt, savedAt: w.savedAt };
  });
  const latencies = keyAt.map((t, i) => {
    const next = keyAt[i + 1] ?? Infinity;
    const saved = savedAt.find((s) => s >= t && s < next);
    return saved === undefined ? NaN : saved - t;
  });
  const measured = latencies.filter((l) => !Number.isNaN(l));
  console.log(
    `keystroke to "Opgeslagen": ${measured.length} of ${keyAt.length} keystrokes, p50 ${round(
      percentile(measured, 50)
    )} ms, p95 ${round(percentile(measured, 95))} ms, max ${round(Math.max(...measured))} ms`
  );
  await first.close();

  // 2. Reconnect of PAGES pages after a restart.
  const pages: Page[] = [];
  for (let i = 0; i < PAGES; i++) {
    const page = await context.newPage();
    await openEditor(page, await createDocument(api, 'enschede', `Herstart ${i + 1}`));
    pages.push(page);
  }
  await server.crash();
  for (const [i, page] of pages.entries()) {
    await page.locator('.ProseMirror').click();
    await page.keyboard.type(`Tijdens de storing getypt op pagina ${i + 1}. `);
  }
  const savedAtMs = pages.map((page) =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const status = document.querySelector('[data-testid="save-status"]')!;
          // (no named helpers in here: tsx would wrap them in a __name() the page does not have)
          new MutationObserver(() => {
            if (status.textContent === 'Opgeslagen') resolve(Date.now());
          }).observe(status, { childList: true, characterData: true, subtree: true });
        })
    )
  );
  server = await startServer({}, { dbPath: server.dbPath, port: server.port });
  const listening = Date.now();
  const after = (await Promise.all(savedAtMs)).map((t) => t - listening);
  console.log(
    `${PAGES} pages after a restart, "Opgeslagen" after "luistert op": p50 ${percentile(after, 50)} ms, p95 ${percentile(
      after,
      95
    )} ms, all ${Math.max(...after)} ms`
  );
} finally {
  await browser.close();
  await server.stop();
}
