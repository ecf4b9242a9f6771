// "Opgeslagen" means on disk, on every path, tried as a person would: real Chromium typing through the
// real editor, the server killed with SIGKILL at the moment the page says "Opgeslagen", the browser
// offline, sessions ended elsewhere, access taken away.
import fs from 'node:fs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFragment, type RichNode } from '../../app/features/documents/rich-text.ts';
import { launchBrowser, logIn } from '../helpers/browser.ts';
import { createDocument } from '../helpers/collab.ts';
import { openTestDb, storedDoc } from '../helpers/db.ts';
import { loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

const ROUNDS = 10;
const TOKENS_PER_ROUND = 30;

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const storedText = (documentId: string) => storedDoc(server.dbPath, documentId).getXmlFragment('default').toString();
const status = (page: Page) => page.getByTestId('save-status').textContent();

function userId(email: string): string {
  const db = openTestDb(server.dbPath);
  const row = db.prepare('select id from users where email = ?').get(email) as { id: string };
  db.close();
  return row.id;
}

/** A context as a user has it: the page's real Content Security Policy applies (no bypass). */
async function openAs(email: string, slug: string, documentId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url, locale: 'nl-NL' });
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  await page.goto(`/w/${slug}/documenten/${documentId}`);
  await expect.poll(() => status(page), { timeout: 15_000 }).toBe('Opgeslagen');
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
  return { context, page };
}

/** Resolves the moment the page itself shows "Opgeslagen": a mutation observer in the page, no polling delay. */
const pageSaysSaved = (page: Page, timeout = 30_000) =>
  page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const element = document.querySelector('[data-testid="save-status"]')!;
        const observer = new MutationObserver(() => check());
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no "Opgeslagen" within ${ms} ms; status: ${element.textContent}`));
        }, ms);
        function check() {
          if (element.textContent !== 'Opgeslagen') return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        }
        observer.observe(element, { childList: true, characterData: true, subtree: true });
        check();
      }),
    timeout
  );

async function typeTokens(page: Page, prefix: string, count: number): Promise<string[]> {
  const tokens = Array.from({ length: count }, (_, i) => `${prefix}t${String(i).padStart(2, '0')}`);
  for (const token of tokens) await page.keyboard.type(`${token} `);
  return tokens;
}

function missing(documentId: string, tokens: string[]): string[] {
  const text = storedText(documentId);
  return tokens.filter((token) => !text.includes(token));
}

const restart = async () => {
  server = await startServer({}, { dbPath: server.dbPath, port: server.port });
};

describe('"Opgeslagen" means on disk', () => {
  it(`after a server crash: every token shown as saved is on disk when the server is killed at the first "Opgeslagen" (${ROUNDS} rounds)`, async () => {
    const api = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Typen tijdens een storing');
    const { context, page } = await openAs(DEMO.enschede, 'enschede', id);
    let checked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await server.crash();
      const tokens = await typeTokens(page, `k${round}`, TOKENS_PER_ROUND);
      expect(await status(page)).not.toBe('Opgeslagen');
      await restart();
      await pageSaysSaved(page);
      await server.crash(); // the moment the page says saved
      expect(missing(id, tokens), `round ${round}`).toEqual([]);
      checked += tokens.length;
      await restart();
      await pageSaysSaved(page);
    }
    expect(checked).toBe(ROUNDS * TOKENS_PER_ROUND);
    await context.close();
  }, 480_000); // ten rounds of two server starts each: about 80 s on an idle machine, 165–195 s beside a CPU hog

  it(`after the browser was offline: every token shown as saved is on disk when the server is killed at the first "Opgeslagen" (${ROUNDS} rounds)`, async () => {
    const api = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Typen zonder verbinding');
    const { context, page } = await openAs(DEMO.enschede, 'enschede', id);
    for (let round = 0; round < ROUNDS; round++) {
      await context.setOffline(true);
      await expect.poll(() => status(page)).toContain('Verbinding herstellen');
      const tokens = await typeTokens(page, `o${round}`, TOKENS_PER_ROUND);
      expect(await status(page)).toContain('Uw wijzigingen staan veilig in deze browser');
      await context.setOffline(false);
      await pageSaysSaved(page);
      await server.crash();
      expect(missing(id, tokens), `round ${round}`).toEqual([]);
      await restart();
      await pageSaysSaved(page);
    }
    await context.close();
  }, 480_000); // ten rounds of two server starts each: about 80 s on an idle machine, 165–195 s beside a CPU hog

  it('offline edits survive a log-out everywhere: the page says so, keeps them, and sends them after a new log-in', async () => {
    const api = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Uitgelogd terwijl offline');
    const { context, page } = await openAs(DEMO.enschede, 'enschede', id);
    await context.setOffline(true);
    const tokens = await typeTokens(page, 'u', 8);
    await page.waitForTimeout(300); // the local copy (IndexedDB) is written asynchronously

    // Elsewhere, the same person logs out on every device.
    const other = await browser.newContext({ baseURL: server.url });
    const elsewhere = await other.newPage();
    await logIn(elsewhere, DEMO.enschede, DEMO_PASSWORD);
    await elsewhere.goto('/account');
    await elsewhere.getByRole('button', { name: 'Log uit op alle apparaten' }).click();
    await elsewhere.waitForURL(/\/login/);
    await other.close();

    await context.setOffline(false);
    await expect
      .poll(() => status(page), { timeout: 10_000 })
      .toBe('U bent uitgelogd; uw wijzigingen staan nog in deze browser.');
    expect(missing(id, tokens)).toEqual(tokens);
    expect(await page.locator('.ProseMirror').textContent()).toContain(tokens.join(' '));

    // A new log-in in another tab of the same browser; this tab continues by itself.
    const loginTab = await context.newPage();
    await logIn(loginTab, DEMO.enschede, DEMO_PASSWORD);
    await page.bringToFront();
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('Opgeslagen');
    expect(missing(id, tokens)).toEqual([]);
    await context.close();
  }, 60_000);

  it('when access is really gone, the unsent words are offered as text and Word, and nothing is cleared', async () => {
    const regie = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
    const id = await createDocument(regie, 'hengelo', 'Toegang kwijt');
    const { context, page } = await openAs(DEMO.hengelo, 'hengelo', id);
    await context.setOffline(true);
    const tokens = await typeTokens(page, 'g', 6);
    await page.waitForTimeout(300);
    const hengelo = userId(DEMO.hengelo);
    expect((await regie.post('/w/hengelo/leden', { intent: 'remove', userId: hengelo })).status).toBe(200);
    await context.setOffline(false);

    await expect.poll(() => status(page), { timeout: 10_000 }).toContain('U heeft geen toegang meer tot dit document.');
    const offer = page.getByRole('region', { name: 'Niet opgeslagen wijzigingen bewaren' });
    await offer.waitFor();
    expect(missing(id, tokens)).toEqual(tokens);

    const [text] = await Promise.all([page.waitForEvent('download'), offer.getByRole('button', { name: /tekst/ }).click()]);
    expect(text.suggestedFilename()).toBe('Toegang kwijt (niet opgeslagen wijzigingen).txt');
    expect(fs.readFileSync((await text.path())!, 'utf8')).toContain(tokens.join(' '));
    const [word] = await Promise.all([page.waitForEvent('download'), offer.getByRole('button', { name: /Word/ }).click()]);
    const docx = await JSZip.loadAsync(fs.readFileSync((await word.path())!));
    const xml = await docx.file('word/document.xml')!.async('string');
    for (const token of tokens) expect(xml).toContain(token);

    // The copy is still in this browser; only the person can remove it, after the download.
    const stored = await page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const count = await new Promise<number>((resolve) => {
        const request = db.transaction('updates').objectStore('updates').count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return count;
    }, `thuisplan:${hengelo}:${id}`);
    expect(stored).toBeGreaterThan(0);
    await expect.poll(() => offer.getByRole('button', { name: 'Verwijderen uit deze browser' }).count()).toBe(1);
    await context.close();
  }, 60_000);

  it('typed text round-trips byte for byte (spaces, NBSP, tab, emoji, combining accents) under the real Content Security Policy', async () => {
    const api = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Tekens');
    const violations: string[] = [];
    const { context, page } = await openAs(DEMO.enschede, 'enschede', id);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.reload();
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('Opgeslagen');
    await page.locator('.ProseMirror').click();

    const pieces: Array<['type' | 'insert', string]> = [
      ['type', 'Wonen  met zorg '], // two spaces inside, one at the end
      ['insert', '\u00a0'],
      ['insert', '\t'],
      ['type', 'café '],
      ['insert', 'cafe\u0301 '], // e + combining acute
      ['insert', '🏠👩🏽‍⚕️ '],
      ['type', 'eind '], // a space at the very end of the paragraph
    ];
    for (const [how, text] of pieces) {
      if (how === 'type') await page.keyboard.type(text);
      else await page.keyboard.insertText(text);
    }
    await pageSaysSaved(page);
    const expected = pieces.map(([, text]) => text).join('');
    const paragraphText = (nodes: RichNode[]): string =>
      nodes.map((node) => ('text' in node ? node.text : paragraphText(node.content ?? []))).join('');
    const stored = paragraphText(readFragment(storedDoc(server.dbPath, id)));
    expect(Buffer.from(stored, 'utf8').toString('hex')).toBe(Buffer.from(expected, 'utf8').toString('hex'));
    expect(await page.locator('.ProseMirror').evaluate((element) => getComputedStyle(element).whiteSpace)).toMatch(
      /pre-wrap|break-spaces/
    );
    expect(violations).toEqual([]);
    await context.close();
  });
});
