// bench/board: the action board with 500 cards in Chromium — from the key press that moves a card (Alt+→ on a
// focused card) until the next frame after the DOM shows the card in its new column.
//   npm run build && node --import tsx bench/board.ts
import os from 'node:os';
import fs from 'node:fs';
import { execSync } from 'node:child_process';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { openTestDb } from '../tests/helpers/db.ts';
import { loggedIn } from '../tests/helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer } from '../tests/helpers/server.ts';

const CARDS = 500;
const WARM_UP = 5;
const MOVES = 40;

const server = await startServer();
const browser = await launchBrowser();
try {
  // 500 actions straight into the server's SQLite file: most as voorstel (the ones moved), the rest spread.
  const db = openTestDb(server.dbPath);
  const workspace = (db.prepare("select id from workspaces where slug = 'enschede'").get() as { id: string }).id;
  const statuses = ['besloten', 'in_uitvoering', 'gereed', 'vervallen'];
  const insert = db.prepare(
    `insert into actions (id, workspace_id, title, description, level, priority, status, progress, due_date, created_at, updated_at)
     values (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)`
  );
  const now = new Date().toISOString();
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < CARDS; i++) {
      const id = crypto.randomUUID();
      const status = i < 300 ? 'voorstel' : statuses[i % 4]!;
      if (status === 'voorstel') ids.push(id);
      const due = `20${26 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      insert.run(
        id,
        workspace,
        `Actie ${i + 1}: afspraken met corporaties en zorgpartijen`,
        i % 2 ? 'lokaal' : 'regionaal',
        ['hoog', 'normaal', 'laag'][i % 3],
        status,
        status === 'gereed' ? 100 : (i * 7) % 100,
        due,
        now,
        now
      );
    }
  })();
  db.close();

  const client = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
  const [name, value] = client.cookie!.split('=');
  const context = await browser.newContext({ baseURL: server.url, locale: 'nl-NL' });
  await context.addCookies([{ name: name!, value: value!, url: server.url }]);
  const page = await context.newPage();
  await page.goto('/w/enschede/acties/bord');
  await page.waitForFunction((n) => document.querySelectorAll('.board-card').length === n, CARDS);
  await page.waitForLoadState('networkidle');

  const timings: number[] = [];
  for (let i = 0; i < WARM_UP + MOVES; i++) {
    const id = ids[i]!;
    await page.focus(`#kaart-${id}`);
    await page.evaluate((cardId) => {
      const w = window as unknown as { __moved: Promise<number>; __dom: number[] };
      w.__dom ??= [];
      w.__moved = new Promise((resolve) => {
        let pressed = 0;
        let handled = 0;
        // The press of → (Alt went down just before it, as a separate key event). Inline: tsx names a declared function.
        let seen = false;
        window.addEventListener(
          'keydown',
          (e) => {
            if (seen || e.key !== 'ArrowRight') return;
            seen = true;
            pressed = e.timeStamp;
            handled = performance.now();
          },
          { capture: true }
        );
        const board = document.querySelector('.board')!;
        const observer = new MutationObserver(() => {
          if (!document.querySelector(`section[data-column="besloten"] #kaart-${cardId}`)) return;
          observer.disconnect();
          w.__dom.push(performance.now() - handled, handled - pressed);
          requestAnimationFrame(() => resolve(performance.now() - pressed));
        });
        observer.observe(board, { childList: true, subtree: true });
      });
    }, id);
    await page.keyboard.press('Alt+ArrowRight');
    const ms = await page.evaluate(() => (window as unknown as { __moved: Promise<number> }).__moved);
    if (i >= WARM_UP) timings.push(ms);
    await page.waitForLoadState('networkidle'); // the move is saved before the next
  }
  const parts = (await page.evaluate(() => (window as unknown as { __dom: number[] }).__dom)).slice(2 * WARM_UP);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const script = median(parts.filter((_, i) => i % 2 === 0));
  const queued = median(parts.filter((_, i) => i % 2 === 1));
  const moved = await page.locator('section[data-column="besloten"] .board-card').count();
  const sorted = [...timings].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
  const chromium = execSync('/usr/bin/chromium --version').toString().trim();
  console.log(
    `Actiebord, ${CARDS} cards, ${MOVES} keyboard moves (after ${WARM_UP} not counted); ${moved} cards now in Besloten`
  );
  console.log(
    `  key press → next frame with the card in its new column: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`
  );
  console.log(
    `  medians: key press → handler ${queued.toFixed(1)} ms (input queue), handler → card in the new column in the DOM ${script.toFixed(1)} ms`
  );
  console.log(
    `  ${new Date().toISOString().slice(0, 10)}, nproc ${os.availableParallelism()}, ${cpu}, Node ${process.version}, ${chromium}`
  );
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
