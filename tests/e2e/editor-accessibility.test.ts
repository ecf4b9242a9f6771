import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { createDocument } from '../helpers/collab.ts';
import { expectNoSeriousAxeViolations, logIn, newPage } from '../helpers/browser.ts';
import { loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, type DemoUser } from '../helpers/server.ts';

const env = withServerAndBrowser();

/** A page under the real Content Security Policy that records console errors and warnings and CSP violations. */
async function watchedPage(): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  const page = await newPage(env.browser, env.server.url);
  const console: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`CSP ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`)
    );
  });
  const problems = async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])),
  ];
  return { page, problems };
}

async function openDocument(page: Page, slug: string, id: string) {
  await page.goto(`/w/${slug}/documenten/${id}`);
  await page.locator('.ProseMirror').waitFor();
  await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/Opgeslagen|Alleen lezen/);
}

/** The demo's own woonzorgvisie (setup/seed.ts), from the regio's document list. */
async function seededDocument(page: Page): Promise<string> {
  await page.goto('/w/regio/documenten');
  const href = await page.getByRole('link', { name: 'Woonzorgvisie regio Enschede (concept)' }).first().getAttribute('href');
  return href!.split('/').pop()!;
}

describe('the editor under the Content Security Policy', () => {
  for (const who of ['regie', 'enschede', 'zorg', 'provincie'] as DemoUser[]) {
    it(`gives ${who} no console error, no warning and no CSP violation on the document page`, async () => {
      const { page, problems } = await watchedPage();
      await logIn(page, DEMO[who], DEMO_PASSWORD);
      const id = await seededDocument(page);
      await openDocument(page, 'regio', id);
      // The seed's template shows its guidance as blocks of their own.
      expect(await page.locator('.ProseMirror aside[data-guidance]').count()).toBe(7);
      // ProseMirror's base styles come from our stylesheet.
      expect(await page.locator('.ProseMirror').evaluate((e) => getComputedStyle(e).whiteSpace)).toMatch(/pre-wrap|break-spaces/);
      await page.waitForTimeout(500);
      expect(await problems()).toEqual([]);
      await expectNoSeriousAxeViolations(page);
      expect(await problems()).toEqual([]);
      await page.context().close();
    }, 60_000);
  }

  it("shows another person's caret in their colour without a style attribute", async () => {
    const api = await loggedIn(env.server.url, DEMO.regie, DEMO_PASSWORD);
    const id = await createDocument(api, 'regio', 'Twee schrijvers', 'woonzorgvisie');
    const [a, b] = [await watchedPage(), await watchedPage()];
    await logIn(a.page, DEMO.regie, DEMO_PASSWORD);
    await logIn(b.page, DEMO.enschede, DEMO_PASSWORD);
    await openDocument(a.page, 'regio', id);
    await openDocument(b.page, 'regio', id);
    await b.page.locator('.ProseMirror p').first().click();
    await b.page.keyboard.type('Hier schrijft Eva.');
    const caret = a.page.locator('.collaboration-carets__caret');
    await caret.first().waitFor({ timeout: 10_000 });
    expect(await caret.first().evaluate((e) => getComputedStyle(e).borderLeftColor)).not.toBe('rgb(0, 0, 0)');
    await a.page.waitForTimeout(300);
    expect([...(await a.problems()), ...(await b.problems())]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  }, 60_000);
});

describe('guidance from a template', () => {
  it('is a labelled note, and what one types after it is in one’s own style, not italic', async () => {
    const api = await loggedIn(env.server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Woonzorgvisie met leidraad', 'woonzorgvisie');
    const { page, problems } = await watchedPage();
    await logIn(page, DEMO.enschede, DEMO_PASSWORD);
    await openDocument(page, 'enschede', id);

    const guidance = page.locator('.ProseMirror aside[data-guidance]').first();
    expect(await guidance.getAttribute('role')).toBe('note');
    expect(await guidance.getAttribute('contenteditable')).toBe('false');
    expect(await guidance.textContent()).toMatch(/^Leidraad\s*Hoe groot is de opgave/);

    // In the empty paragraph after the guidance.
    await page.locator('.ProseMirror aside[data-guidance] + p').first().click();
    await page.keyboard.type('Onze eigen tekst over de opgave.');
    const typed = page.locator('.ProseMirror p', { hasText: 'Onze eigen tekst over de opgave.' });
    await typed.waitFor();
    expect(await typed.locator('em, i').count()).toBe(0);
    expect(await typed.evaluate((p) => p.closest('em, i, aside'))).toBeNull();
    expect(await typed.evaluate((p) => getComputedStyle(p).fontStyle)).toBe('normal');
    // The text went into the paragraph, not into the guidance.
    expect(await guidance.textContent()).not.toContain('Onze eigen tekst');
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Opgeslagen');
    expect(await problems()).toEqual([]);
    await page.context().close();
  }, 60_000);
});

/** Whether the element is wholly within the window. */
const inViewport = (page: Page, selector: string) =>
  page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });

describe('the toolbar and the save status in a long document', () => {
  it('stay at the top of the window while one scrolls and types through ten pages, clear of the caret', async () => {
    const api = await loggedIn(env.server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Een lange woonzorgvisie');
    const { page, problems } = await watchedPage();
    await page.setViewportSize({ width: 1024, height: 700 });
    await logIn(page, DEMO.enschede, DEMO_PASSWORD);
    await openDocument(page, 'enschede', id);

    // About ten pages (5,000 words), pasted as the clipboard would.
    const sentence = 'De gemeente bouwt met de corporaties geclusterde woningen dicht bij zorg en voorzieningen. ';
    const html = Array.from({ length: 80 }, (_, i) => `<p>Alinea ${i + 1}. ${sentence.repeat(5)}</p>`).join('');
    await page.locator('.ProseMirror p').first().click();
    await page.locator('.ProseMirror').evaluate((element, pasted) => {
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await expect.poll(() => page.locator('.ProseMirror p').count()).toBeGreaterThanOrEqual(80);
    expect(await page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight)).toBeGreaterThan(8);

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(3000);
    expect(await inViewport(page, '[role="toolbar"][aria-label="Opmaak"]')).toBe(true);
    expect(await inViewport(page, '[data-testid="save-status"]')).toBe(true);

    // Typing at the end: the status says so, in view; the typed line is below the sticky bar, not under it.
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Laatste zin.');
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Opgeslagen');
    expect(await inViewport(page, '[data-testid="save-status"]')).toBe(true);

    // Back up a screen and a half with the keyboard: the caret's line stays clear of the bar.
    for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowUp');
    const clear = await page.evaluate(() => {
      const bar = document.querySelector('.editor__sticky')!.getBoundingClientRect();
      const caret = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { caretTop: caret.top, barBottom: bar.bottom, inWindow: caret.bottom <= window.innerHeight };
    });
    expect(clear.caretTop).toBeGreaterThanOrEqual(clear.barBottom);
    expect(clear.inWindow).toBe(true);
    expect(await problems()).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('wraps on a 320 px wide screen without scrolling the page sideways', async () => {
    const { page, problems } = await watchedPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    const id = await seededDocument(page);
    await openDocument(page, 'regio', id);
    await page.getByRole('toolbar', { name: 'Opmaak' }).waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    const toolbar = await page.getByRole('toolbar', { name: 'Opmaak' }).boundingBox();
    expect(toolbar!.x + toolbar!.width).toBeLessThanOrEqual(320);
    expect(await problems()).toEqual([]);
    await page.context().close();
  }, 60_000);
});
