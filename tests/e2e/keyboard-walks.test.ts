import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage } from '../helpers/browser.ts';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

// The main flows walked with the keyboard alone: after page.goto, only Tab, Shift+Tab, Enter, Space, the arrows
// and typing. Each step checks its result, and at a few points that the focused element shows where it is.

const env = withServerAndBrowser();

/** What has focus, as a short description for messages. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    const name = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.trim().slice(0, 60) ?? '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${(el as HTMLInputElement).name ? `[name=${(el as HTMLInputElement).name}]` : ''} "${name}"`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches the CSS selector and, if given, its text or
 * accessible label contains `text`. Fails, naming what had focus, if it does not come within `max` presses.
 * With `everyStop`, each tab stop on the way must show a visible focus indicator.
 */
async function tabTo(
  page: Page,
  selector: string,
  { text, back = false, max = 80, everyStop = false }: { text?: string; back?: boolean; max?: number; everyStop?: boolean } = {}
) {
  const seen: string[] = [];
  for (let i = 0; i <= max; i++) {
    const hit = await page.evaluate(
      ([s, t]) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.matches(s)) return false;
        if (!t) return true;
        const labels = [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join(' ');
        return [el.innerText, el.getAttribute('aria-label') ?? '', labels].some((x) => x.includes(t));
      },
      [selector, text ?? ''] as const
    );
    if (everyStop && i > 0) await expectVisibleFocus(page);
    if (hit) return;
    if (i === max) break;
    seen.push(await focused(page));
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(
    `${selector}${text ? ` "${text}"` : ''} not reached with ${back ? 'Shift+Tab' : 'Tab'} on ${page.url()}; passed: ${seen.join(' → ')}`
  );
}

/** The focused element has a visible focus indicator: an outline of some width, or a box shadow. */
async function expectVisibleFocus(page: Page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return { outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), boxShadow: s.boxShadow };
  });
  const what = await focused(page);
  expect(style, `nothing has focus (${what})`).not.toBeNull();
  const visible = (style!.outlineStyle !== 'none' && style!.outlineWidth > 0) || style!.boxShadow !== 'none';
  expect(visible, `no visible focus on ${what}: ${JSON.stringify(style)}`).toBe(true);
}

/** Logs in from /login with the keyboard: Tab to the e-mail address, type, Tab to the password, type, Enter. */
async function logInByKeyboard(page: Page, email: string) {
  await page.goto('/login');
  await tabTo(page, 'input[type="email"]');
  await expectVisibleFocus(page);
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('password');
  await expectVisibleFocus(page);
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Presses a key on a closed select until the chosen option's text contains `text`. */
async function chooseInSelect(page: Page, text: string, key = 'ArrowDown', max = 30) {
  for (let i = 0; i < max; i++) {
    const chosen = await page.evaluate(() => {
      const select = document.activeElement as HTMLSelectElement;
      return select.selectedOptions[0]?.textContent ?? '';
    });
    if (chosen.includes(text)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`option "${text}" not reached with ${key}`);
}

describe('keyboard-only walks of the main flows', () => {
  it('logs in and reaches the overview', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logInByKeyboard(page, DEMO.regie);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    // On from the overview: Tab reaches a workspace, Enter opens it; Shift+Tab goes back up to the site menu.
    await tabTo(page, 'a[href="/w/regio"]');
    await expectVisibleFocus(page);
    await tabTo(page, 'a[href="/"]', { text: 'Werkruimten', back: true });
    await expectVisibleFocus(page);
    await tabTo(page, 'a[href="/w/regio"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/w/regio');
    await page.context().close();
  });

  it('edits a step: Wijzig, a new status and a note, Opslaan; the overview shows the new status', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logInByKeyboard(page, DEMO.regie);
    await page.goto('/w/regio');
    await tabTo(page, 'a[href="/w/regio/stap/3/wijzigen"]', { text: 'Wijzig' });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/w/regio/stap/3/wijzigen');
    await tabTo(page, 'select[name="status"]');
    await expectVisibleFocus(page);
    await chooseInSelect(page, 'Ter review');
    // Every stop on the way shows its focus, the date field's calendar button too.
    await tabTo(page, 'textarea[name="note"]', { everyStop: true });
    await page.keyboard.type('Concept ligt bij de zorgpartners.');
    await tabTo(page, 'button[type="submit"]', { text: 'Opslaan', everyStop: true });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/w/regio' && url.searchParams.get('bijgewerkt') === '3');
    const row = page.locator('tr[data-step="3"]');
    expect(await row.textContent()).toContain('Ter review');
    expect(await row.textContent()).toContain('Concept ligt bij de zorgpartners.');
    await page.context().close();
  });

  it('comments on words selected with Shift+Arrow in the demo document', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logInByKeyboard(page, DEMO.regie);
    await page.goto('/w/regio/documenten');
    await tabTo(page, 'a', { text: 'Woonzorgvisie regio Enschede (concept)' });
    await page.keyboard.press('Enter');
    await page.locator('.ProseMirror').waitFor();
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/Opgeslagen/);
    await tabTo(page, '.ProseMirror');
    await expectVisibleFocus(page);
    // At a person's pace: the browser reports a moved selection (selectionchange) only after the key.
    const press = async (key: string) => {
      await page.keyboard.press(key);
      await page.waitForTimeout(30);
    };
    await press('ArrowDown');
    await press('Home');
    for (let i = 0; i < 6; i++) await press('Shift+ArrowRight');
    const panel = page.getByRole('complementary', { name: /Opmerkingen/ });
    await expect.poll(() => panel.textContent()).toContain('Bij de geselecteerde tekst:');
    const quote = (await panel.locator('.comments__new').textContent())!;
    await tabTo(page, 'textarea', { text: 'Opmerking bij de selectie' });
    await expectVisibleFocus(page);
    await page.keyboard.type('Dit stuk graag concreter, met aantallen.');
    await tabTo(page, 'button[type="submit"]', { text: 'Opmerking plaatsen' });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('comment-thread').count(), { timeout: 10_000 }).toBe(1);
    expect(await panel.getByTestId('comment-thread').textContent()).toContain('Dit stuk graag concreter, met aantallen.');
    await expect.poll(() => page.locator('.ProseMirror .comment-anchor').count()).toBe(1);
    expect(quote).toContain((await page.locator('.ProseMirror .comment-anchor').textContent())!);
    await page.context().close();
  });

  it('imports a CSV: the file input reached by Tab, the form sent, the preview confirmed by keyboard', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logInByKeyboard(page, DEMO.enschede);
    await page.goto('/w/regio/analyse/import');
    await tabTo(page, 'input[type="file"]');
    await expectVisibleFocus(page);
    // A file dialog cannot be typed into: the one act that is not a key.
    await page.locator('input[type="file"]:focus').setInputFiles({
      name: 'ouderen-partner.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'gemeente;indicator;periode;waarde\r\nEnschede;ouderen-80-plus;2023;8012\r\nHengelo;ouderen-80-plus;2023;4100\r\n'
      ),
    });
    await tabTo(page, 'input[name="source"]');
    await page.keyboard.type('Registratie zorgkantoor');
    await tabTo(page, 'button[type="submit"]', { text: 'Bestand controleren' });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Controleer de import: Registratie zorgkantoor/ }).waitFor();
    await tabTo(page, 'button[type="submit"]', { text: 'Import bevestigen' });
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.getByText('De cijfers staan in de monitor.').waitFor();
    await page.context().close();
  });

  it('fixes a version and opens a review round, the invitees chosen with Space', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logInByKeyboard(page, DEMO.regie);
    await page.goto('/w/regio/documenten');
    await tabTo(page, 'a', { text: 'Woonzorgvisie regio Enschede (concept)' });
    await page.keyboard.press('Enter');
    await page.locator('.ProseMirror').waitFor();
    await tabTo(page, 'a', { text: 'Versies' });
    await page.keyboard.press('Enter');
    await page.waitForURL('**/versies');
    await tabTo(page, 'input', { text: 'Naam van de versie' });
    await page.keyboard.type('Consultatieversie');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Consultatieversie' }).waitFor();

    await page.goto('/w/regio/reviewrondes');
    await tabTo(page, 'input[name="title"]');
    await expectVisibleFocus(page);
    await page.keyboard.type('Consultatie per toetsenbord');
    await tabTo(page, 'select[name="versionId"]');
    await chooseInSelect(page, 'Consultatieversie');
    await tabTo(page, 'input[name="deadline"]');
    await expectVisibleFocus(page);
    // Chromium's date field takes its parts in the order of its own user-interface language (day-month or
    // month-day), each part moving on to the next when full: 11 November next year reads the same either way.
    const year = new Date().getFullYear() + 1;
    const deadline = `${year}-11-11`;
    await page.keyboard.type(`1111${year}`);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(deadline);
    await tabTo(page, 'input[type="checkbox"]', { text: 'Zorgpartner Twente', everyStop: true });
    await expectVisibleFocus(page);
    await page.keyboard.press('Space');
    await tabTo(page, 'input[type="checkbox"]', { text: 'Pieter Provincie', everyStop: true });
    await page.keyboard.press('Space');
    await tabTo(page, 'input[type="checkbox"]', { text: 'de rol commentator' });
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type="submit"]', { text: 'Reviewronde openen', everyStop: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Consultatie per toetsenbord' }).waitFor();
    expect(await page.locator('#respons-uitleg').textContent()).toContain('Gereageerd: 0 van 2 genodigden');
    await page.context().close();
  });
});
