import { describe, expect, it } from 'vitest';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { expectNoSeriousAxeViolations, logIn, newPage, tabTo, watchConsole } from '../helpers/browser.ts';
import { createDocument } from '../helpers/collab.ts';
import { loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

const env = withServerAndBrowser();

describe('advised actions in the browser', () => {
  it('a redacteur records an action linked to a knelpunt and a plan heading, and moves it on the board by keyboard', async () => {
    // A knelpunt and a plan with headings, made as the redacteur would.
    const eva = await loggedIn(env.server.url, DEMO.enschede, DEMO_PASSWORD);
    const knelpunt = {
      title: 'Te weinig doorstroomplekken',
      targetGroupId: 'uitstroom-mo-bw',
      level: 'regionaal',
      status: 'open',
    };
    expect((await eva.post('/w/enschede/knelpunten', knelpunt)).status).toBe(302);
    const documentId = await createDocument(eva, 'enschede', 'Woonzorgvisie Enschede', 'woonzorgvisie');

    const page = await newPage(env.browser, env.server.url);
    const problems = await watchConsole(page);
    await logIn(page, DEMO.enschede, DEMO_PASSWORD);

    // The form.
    await page.goto('/w/enschede/acties/nieuw');
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Titel').fill('Regionale afspraken uitstroom BW naar corporatiewoningen');
    await page.getByLabel('Niveau').selectOption('regionaal');
    await page.getByLabel('Aandachtsgroep').selectOption({ label: 'Uitstroom uit MO/BW' });
    await page.getByLabel('Te weinig doorstroomplekken (Uitstroom uit MO/BW)').check();
    await page.getByLabel('Kop in het plan').selectOption({ label: '2. Doelgroepen' });
    await page.getByLabel('Streefdatum').fill('2027-06-30');
    await page.getByRole('button', { name: 'Actie opslaan' }).click();
    await page.waitForURL(/\/w\/enschede\/acties\/[0-9a-f-]{36}\?opgeslagen/);
    const id = page.url().match(/acties\/([0-9a-f-]{36})/)![1]!;

    // The detail page links the heading and the knelpunt.
    await page.getByText('De actie is opgeslagen.').waitFor();
    const heading = page.getByRole('link', { name: 'Woonzorgvisie Enschede: 2. Doelgroepen' });
    expect(await heading.getAttribute('href')).toBe(`/w/enschede/documenten/${documentId}?kop=2.%20Doelgroepen`);
    await page.getByRole('link', { name: 'Te weinig doorstroomplekken' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The list.
    await page.goto('/w/enschede/acties');
    await page.getByRole('link', { name: 'Regionale afspraken uitstroom BW naar corporatiewoningen' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The board: reach the card with Tab, move it with Alt+→.
    await page.goto('/w/enschede/acties/bord');
    await page.locator(`section[data-column="voorstel"] #kaart-${id}`).waitFor();
    await expectNoSeriousAxeViolations(page);
    await tabTo(page, `#kaart-${id}`, 60);
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/acties/bord'));
    await page.keyboard.press('Alt+ArrowRight');
    await page.locator(`section[data-column="besloten"] #kaart-${id}`).waitFor();
    expect(await page.locator('[aria-live="polite"]').textContent()).toBe(
      'Actie Regionale afspraken uitstroom BW naar corporatiewoningen verplaatst naar Besloten.'
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`kaart-${id}`);
    expect((await saved).status()).toBe(200);

    // A move that is not allowed is refused and said: from Voorstel's neighbour Besloten, Alt+→ twice
    // is allowed; from Gereed further right is not.
    await page.reload();
    await page.locator(`section[data-column="besloten"] #kaart-${id}`).waitFor();
    await page.locator(`#kaart-${id}`).focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await page.locator(`section[data-column="voorstel"] #kaart-${id}`).waitFor();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect
      .poll(() => page.locator('[aria-live="polite"]').textContent())
      .toBe(
        'Actie Regionale afspraken uitstroom BW naar corporatiewoningen kan niet verder naar links. Vanuit Voorstel kan zij alleen naar Besloten of Vervallen.'
      );
    await page.keyboard.press('Alt+ArrowRight');
    await page.locator(`section[data-column="besloten"] #kaart-${id}`).waitFor();
    await page.waitForLoadState('networkidle');
    await page.reload();
    await page.locator(`section[data-column="besloten"] #kaart-${id}`).waitFor();

    // The region's dashboard counts it: Enschede has one action, besloten.
    await page.goto('/w/regio/dashboard');
    const enschede = await page.evaluate(() => {
      const table = [...document.querySelectorAll('table')].find((t) =>
        t.querySelector('caption')?.textContent?.includes('Acties per werkruimte, naar status')
      );
      const headers = [...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent?.trim());
      const row = [...(table?.querySelectorAll('tbody tr') ?? [])].find(
        (tr) => tr.querySelector('th')?.textContent?.trim() === 'Enschede'
      );
      return Object.fromEntries([...(row?.children ?? [])].map((cell, i) => [headers[i], cell.textContent?.trim()]));
    });
    expect(enschede).toMatchObject({ Voorstel: '0', Besloten: '1', Totaal: '1' });
    await page.goBack();

    // No sideways scroll at 320 px.
    await page.setViewportSize({ width: 320, height: 640 });
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('a lezer sees a read-only board', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logIn(page, DEMO.provincie, DEMO_PASSWORD);
    await page.goto('/w/enschede/acties/bord');
    await page.getByText('U kunt dit bord alleen bekijken.').waitFor();
    expect(await page.locator('.board-card[draggable="true"]').count()).toBe(0);
    expect(await page.locator('.board-card form').count()).toBe(0);
    await page.context().close();
  }, 120_000);
});
