import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { expectNoSeriousAxeViolations, logIn, newPage, watchConsole } from '../helpers/browser.ts';
import { openTestDb } from '../helpers/db.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

// A meeting from start to vastgesteld, as the projectleider does it in the browser: a decision that becomes
// an action in one step, the minutes vastgesteld in a later meeting and read-only from then on.

const env = withServerAndBrowser();

async function noSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 320, height: 640 });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, page.url()).toBeLessThanOrEqual(widths.inner);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Tabs through the page: every element that takes focus shows it (an outline or a shadow). */
async function everyFocusVisible(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const unseen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        (style.boxShadow !== 'none' && style.boxShadow !== '');
      return {
        ring,
        name: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}"`,
      };
    });
    if (focus && !focus.ring) unseen.push(focus.name);
  }
  expect([...new Set(unseen)], page.url()).toEqual([]);
}

async function fillMeeting(page: Page, values: { kind: string; title: string; date: string }) {
  await page.getByLabel('Soort overleg').selectOption({ label: values.kind });
  await page.getByLabel('Titel').fill(values.title);
  await page.getByLabel('Datum', { exact: true }).fill(values.date);
}

describe('a meeting with a besluitenlijst', () => {
  it(
    'is recorded, its decision becomes an action, and its minutes are vastgesteld in the next meeting',
    { timeout: 180_000 },
    async () => {
      const db = openTestDb(env.server.dbPath);
      const region = (db.prepare("select id from workspaces where slug = 'regio'").get() as { id: string }).id;
      const documentId = crypto.randomUUID();
      const now = new Date().toISOString();
      db.prepare(
        "insert into documents (id, workspace_id, step, title, status, created_at, updated_at) values (?, ?, 3, 'Agenda ambtelijk overleg december', 'concept', ?, ?)"
      ).run(documentId, region, now, now);
      db.close();

      const page = await newPage(env.browser, env.server.url);
      const problems = await watchConsole(page);
      await logIn(page, DEMO.regie, DEMO_PASSWORD);

      // The list, empty, and the form.
      await page.goto('/w/regio/overleggen');
      await page.getByRole('heading', { level: 2, name: 'Overleggen', exact: true }).waitFor();
      await expectNoSeriousAxeViolations(page);
      await noSidewaysScroll(page);
      await everyFocusVisible(page);
      await page.getByRole('link', { name: 'Nieuw overleg' }).click();
      await page.getByRole('heading', { name: 'Nieuw overleg' }).waitFor();
      await expectNoSeriousAxeViolations(page);
      await noSidewaysScroll(page);
      await everyFocusVisible(page);

      // A wrong time is said at the field.
      await fillMeeting(page, { kind: 'Ambtelijk overleg', title: 'Ambtelijk overleg december', date: '2026-12-01' });
      await page.getByLabel('Begintijd (niet verplicht)').fill('25:00');
      await page.getByRole('button', { name: 'Overleg opslaan' }).click();
      await expect
        .poll(() => page.locator('.utrecht-form-field--invalid').first().textContent())
        .toContain('Vul een tijd in als uu:mm');
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel('Begintijd (niet verplicht)').fill('09:30');
      await page.getByLabel('Eindtijd (niet verplicht)').fill('11:00');
      await page.getByLabel('Locatie (niet verplicht)').fill('Stadhuis Enschede, zaal 2');
      await page.getByLabel('Agenda').selectOption({ label: 'Agenda ambtelijk overleg december' });
      await page.getByLabel('Rian Regie (Gemeente Enschede)').check();
      await page.getByLabel('Eva Enschede (Gemeente Enschede)').check();
      await page.getByLabel('Verslag').fill('De analyse is besproken.\nDe regio pakt de uitstroom op.');
      await page.getByRole('button', { name: 'Overleg opslaan' }).click();
      await page.waitForURL(/\/w\/regio\/overleggen\/[0-9a-f-]{36}\?melding=opgeslagen/);
      const firstUrl = new URL(page.url()).pathname;
      const firstId = firstUrl.split('/').pop()!;
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Het overleg is opgeslagen.');
      expect(await page.getByRole('link', { name: 'Agenda ambtelijk overleg december' }).getAttribute('href')).toBe(
        `/w/regio/documenten/${documentId}`
      );
      expect(await page.getByRole('region', { name: 'Deelnemers' }).textContent()).toContain('Eva Enschede');

      // A decision with owner and due date.
      await page.getByLabel('Besluit', { exact: true }).fill('Regionale afspraken uitstroom BW naar corporatiewoningen');
      await page.getByLabel('Eigenaar').selectOption({ label: 'Eva Enschede (Gemeente Enschede)' });
      await page.getByLabel('Streefdatum (niet verplicht)').fill('2027-03-31');
      await page.getByRole('button', { name: 'Besluit toevoegen' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Het besluit is opgeslagen.');
      const table = page.getByRole('table', { name: 'Besluitenlijst' });
      const row = table.locator('tbody tr').first();
      expect(await row.textContent()).toContain('Eva Enschede');
      expect(await row.textContent()).toContain('31-03-2027');
      await expectNoSeriousAxeViolations(page);
      await noSidewaysScroll(page);
      await everyFocusVisible(page);

      // Maak actie: one step, back on the meeting with the link to the action.
      await page.getByRole('button', { name: 'Maak actie van besluit 1' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('De actie is gemaakt');
      const link = page.getByRole('link', { name: 'Actie van besluit 1' });
      await link.waitFor();
      const actionId = (await link.getAttribute('href'))!.match(/^\/w\/regio\/acties\/([0-9a-f-]{36})$/)![1];
      expect(await page.getByRole('button', { name: /Maak actie/ }).count()).toBe(0);
      const check = openTestDb(env.server.dbPath);
      const action = check.prepare('select status, meeting_id, title, due_date from actions where id = ?').get(actionId);
      check.close();
      expect(action).toEqual({
        status: 'besloten',
        meeting_id: firstId,
        title: 'Regionale afspraken uitstroom BW naar corporatiewoningen',
        due_date: '2027-03-31',
      });

      // The minutes are changed while they are a concept.
      await page.getByRole('link', { name: 'Overleg bewerken' }).click();
      await page.getByRole('heading', { name: 'Bewerken: Ambtelijk overleg december' }).waitFor();
      expect(await page.getByLabel('Eva Enschede (Gemeente Enschede)').isChecked()).toBe(true);
      await expectNoSeriousAxeViolations(page);
      await noSidewaysScroll(page);
      await everyFocusVisible(page);
      await page.getByLabel('Verslag').fill('De analyse is besproken en aangevuld.');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.waitForURL(/melding=opgeslagen/);
      expect(await page.getByRole('region', { name: 'Verslag' }).textContent()).toContain('besproken en aangevuld');

      // A later meeting; in it, the first one's minutes are vastgesteld.
      await page.goto('/w/regio/overleggen/nieuw');
      await fillMeeting(page, { kind: 'Bestuurlijk overleg', title: 'Bestuurlijk overleg januari', date: '2027-01-15' });
      await page.getByRole('button', { name: 'Overleg opslaan' }).click();
      await page.waitForURL(/melding=opgeslagen/);
      await page.getByLabel('Verslag van').selectOption({ label: 'Ambtelijk overleg december (ambtelijk overleg, 01-12-2026)' });
      await page.getByRole('button', { name: 'Verslag vaststellen' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('Het verslag is vastgesteld in dit overleg.');
      await page.getByRole('link', { name: 'Ambtelijk overleg december' }).click();

      // The first meeting is read-only now, and says why.
      await page.waitForURL((url) => url.pathname === firstUrl);
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('niet meer worden gewijzigd');
      expect(await page.getByRole('link', { name: 'Overleg bewerken' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Besluit toevoegen' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /Wijzig besluit/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Verwijder besluit/ }).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Verslag' }).textContent()).toContain(
        'Vastgesteld op 15-01-2027 in Bestuurlijk overleg januari'
      );
      await expectNoSeriousAxeViolations(page);

      // The list says so too.
      await page.goto('/w/regio/overleggen');
      const listed = page.locator(`tr[data-meeting="${firstId}"]`);
      expect(await listed.textContent()).toContain('Vastgesteld op 15-01-2027');
      await expectNoSeriousAxeViolations(page);
      await noSidewaysScroll(page);

      expect(problems).toEqual([]);
      await page.context().close();
    }
  );
});
