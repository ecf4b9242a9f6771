import { describe, expect, it } from 'vitest';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { expectNoSeriousAxeViolations, logIn, newPage, tabTo } from '../helpers/browser.ts';
import { DEMO, DEMO_PASSWORD, type DemoUser } from '../helpers/server.ts';

const env = withServerAndBrowser();

const ALL = [
  'Regio Enschede (MO/BW)',
  'Gemeente Enschede',
  'Gemeente Hengelo (O)',
  'Gemeente Hof van Twente',
  'Gemeente Oldenzaal',
  'Gemeente Dinkelland',
  'Gemeente Borne',
  'Gemeente Haaksbergen',
  'Gemeente Losser',
];

describe('log-in as each demo account', () => {
  const expected: Record<DemoUser, string[]> = {
    regie: ALL,
    enschede: ALL,
    hengelo: ['Gemeente Hengelo (O)'],
    zorg: ALL,
    provincie: ALL,
    beheer: ALL,
  };
  for (const user of Object.keys(DEMO) as DemoUser[]) {
    it(`${user} sees exactly the right workspaces`, async () => {
      const page = await newPage(env.browser, env.server.url);
      await logIn(page, DEMO[user], DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'Werkruimten' }).waitFor();
      const names = await page.getByRole('list', { name: 'Werkruimten' }).getByRole('heading').allTextContents();
      expect(names.sort()).toEqual([...expected[user]].sort());
      await page.context().close();
    });
  }

  it('a wrong password shows one Dutch message at the form', async () => {
    const page = await newPage(env.browser, env.server.url);
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill(DEMO.zorg);
    await page.getByLabel('Wachtwoord').fill('helemaal-fout-123');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('E-mailadres of wachtwoord klopt niet.');
    await page.context().close();
  });
});

describe('steps', () => {
  it('the projectleider sets step 1 of Enschede to "bezig" and the lezer sees it', async () => {
    const lead = await newPage(env.browser, env.server.url);
    const reader = await newPage(env.browser, env.server.url);
    await logIn(lead, DEMO.regie, DEMO_PASSWORD);
    await logIn(reader, DEMO.provincie, DEMO_PASSWORD);

    await reader.goto('/w/enschede');
    const readerRow = reader.locator('tr[data-step="1"]');
    expect(await readerRow.textContent()).toContain('Niet gestart');
    expect(await reader.getByRole('link', { name: /Wijzig/ }).count()).toBe(0);

    await lead.goto('/w/enschede');
    await lead.getByRole('link', { name: 'Wijzig stap 1 Analyse' }).click();
    await lead.getByLabel('Status', { exact: true }).selectOption('bezig');
    await lead.getByLabel('Streefdatum', { exact: true }).fill('2026-12-15');
    await lead.getByLabel('Toelichting').fill('Cijfers CBS verzamelen');
    await lead.getByRole('button', { name: 'Opslaan' }).click();
    await lead.waitForURL(/\/w\/enschede\?bijgewerkt=1/);
    await expect.poll(() => lead.getByRole('status').first().textContent()).toContain('Stap 1 is bijgewerkt.');

    await reader.reload();
    const row = await reader.locator('tr[data-step="1"]').textContent();
    expect(row).toContain('Bezig');
    expect(row).toContain('15-12-2026');
    expect(row).toContain('Cijfers CBS verzamelen');

    // The lezer reads the step page, but cannot open the edit page either: the server refuses.
    expect((await reader.goto('/w/enschede/stap/1'))?.status()).toBe(200);
    const response = await reader.goto('/w/enschede/stap/1/wijzigen');
    expect(response?.status()).toBe(403);
    await lead.context().close();
    await reader.context().close();
  });
});

describe('without JavaScript', () => {
  it('log-in, a field error and a step change work as plain HTML forms', async () => {
    const context = await env.browser.newContext({ baseURL: env.server.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    await page.goto('/w/losser/stap/4/wijzigen');
    await page.getByLabel('Streefdatum', { exact: true }).fill('2026-02-28');
    await page.getByLabel('Toelichting').fill('x'.repeat(2001));
    await page.getByRole('button', { name: 'Opslaan' }).click();
    expect(await page.locator('.utrecht-form-field-error-message').textContent()).toBe(
      'De toelichting is hoogstens 2000 tekens.'
    );
    await page.getByLabel('Status', { exact: true }).selectOption('afgerond');
    await page.getByLabel('Toelichting').fill('Verstuurd naar het bestuurlijk overleg');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    // The checklist of step 4 is still open: completing it asks for confirmation first, without JavaScript too.
    await page.getByText('Verzendlijst vastgesteld').waitFor();
    await page.getByLabel('Toch afronden met open punten').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/w\/losser\?bijgewerkt=4/);
    const row = await page.locator('tr[data-step="4"]').textContent();
    expect(row).toContain('Afgerond');
    expect(row).toContain('28-02-2026');
    await context.close();
  });
});

describe('invitation end to end', () => {
  it('a projectleider invites, the invitee sets name and password and works in the workspace', async () => {
    const lead = await newPage(env.browser, env.server.url);
    await logIn(lead, DEMO.regie, DEMO_PASSWORD);
    await lead.goto('/w/hengelo/leden');
    await lead.getByLabel('E-mailadres').fill('nieuw.lid@hengelo.nl');
    await lead.getByLabel('Rol', { exact: true }).selectOption('commentator');
    await lead.getByRole('button', { name: 'Uitnodiging maken' }).click();
    const link = (await lead.getByTestId('invite-link').textContent())!.trim();
    expect(link).toMatch(/\/uitnodiging\/[a-z2-7]+$/);
    await lead.getByRole('cell', { name: 'nieuw.lid@hengelo.nl', exact: true }).waitFor();

    const invitee = await newPage(env.browser, env.server.url);
    await invitee.goto(link);
    await invitee.getByLabel('Uw naam').fill('Nina Nieuw');
    await invitee.getByLabel('Kies een wachtwoord').fill('een-lang-wachtwoord');
    await invitee.getByLabel('Herhaal het wachtwoord').fill('een-lang-wachtwoord');
    await invitee.getByRole('button', { name: /accepteren/ }).click();
    await invitee.waitForURL(/\/w\/hengelo$/);
    await invitee.getByRole('heading', { level: 1, name: 'Gemeente Hengelo (O)' }).waitFor();
    await invitee.getByText('uw rol: commentator').waitFor();

    await lead.reload();
    expect(await lead.locator('tr[data-member="nieuw.lid@hengelo.nl"]').textContent()).toContain('Commentator');
    await lead.context().close();
    await invitee.context().close();
  });
});

describe('accessibility', () => {
  it('axe finds no serious or critical violation on log-in, home, workspace, members and other pages', async () => {
    const page = await newPage(env.browser, env.server.url);
    await page.goto('/login');
    await expectNoSeriousAxeViolations(page);
    // The log-in form with its error messages shown.
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectNoSeriousAxeViolations(page);
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    for (const path of [
      '/',
      '/w/regio',
      '/w/enschede',
      '/w/enschede/leden',
      '/w/enschede/stap/2',
      '/w/enschede/stap/2/wijzigen',
      '/w/enschede/logboek',
      '/w/regio/reviewrondes',
      '/w/regio/analyse',
      '/w/enschede/analyse',
      '/w/regio/analyse/import',
      '/w/regio/knelpunten',
      '/meldingen',
      '/account',
      '/toegankelijkheid',
    ]) {
      await page.goto(path);
      await expectNoSeriousAxeViolations(page);
    }
    await page.context().close();
    const admin = await newPage(env.browser, env.server.url);
    await logIn(admin, DEMO.beheer, DEMO_PASSWORD);
    for (const path of ['/beheer/gebruikers', '/beheer/organisaties', '/beheer/aandachtsgroepen']) {
      await admin.goto(path);
      await expectNoSeriousAxeViolations(admin);
    }
    await admin.context().close();
  }, 180_000); // axe on a dozen pages: over 60 s on two cores beside a CPU hog

  it('log-in, opening a workspace and changing a step work by keyboard alone', async () => {
    const page = await newPage(env.browser, env.server.url);
    await page.goto('/login');
    await tabTo(page, 'input[name="email"]');
    await page.keyboard.type(DEMO.regie);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Werkruimten' }).waitFor();

    await tabTo(page, 'a[href="/w/borne"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/w\/borne$/);
    await page.getByRole('heading', { level: 1, name: 'Gemeente Borne' }).waitFor();

    await tabTo(page, 'a[href="/w/borne/stap/3/wijzigen"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/w\/borne\/stap\/3\/wijzigen$/);
    await page.getByRole('heading', { level: 2, name: 'Stap 3: Advies acties wijzigen' }).waitFor();
    await tabTo(page, 'select[name="status"]');
    // Keyboard selection in a <select>: arrow down from "Niet gestart" to "Bezig" and on to "Ter review".
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'form#stap-3 button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/w\/borne\?bijgewerkt=3/);
    expect(await page.locator('tr[data-step="3"]').textContent()).toContain('Ter review');

    // The skip link is the first stop and moves focus to the main content.
    await page.goto('/w/borne');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Direct naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    await page.context().close();
  });
});
