import { describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { expectNoSeriousAxeViolations, logIn, newPage } from '../helpers/browser.ts';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

// Actualiseren in the browser: a CBS revision is on screen before anything is written, and only the
// confirmation puts it in the monitor.
const env = withServerAndBrowser({ cbs: true });

const enschede2024 = () =>
  openTestDb(env.server.dbPath)
    .prepare(
      "select value, status from observations where indicator_id = 'bevolking' and period = '2024' and workspace_id = (select id from workspaces where slug = 'enschede')"
    )
    .all();

describe('actualiseren in the browser', () => {
  it('a redacteur refreshes the CBS figures, sees the revision (old → new, voorlopig → definitief) and confirms it', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logIn(page, DEMO.enschede, DEMO_PASSWORD);

    // Without CBS figures there is nothing to refresh.
    await page.goto('/w/regio/analyse/actualiseren');
    await page.getByText('Deze werkruimte heeft nog geen cijfers uit CBS StatLine om te actualiseren.').waitFor();

    // A CBS import of inwoners, 2023–2024 (2024 is voorlopig at CBS).
    await page.goto('/w/regio/analyse/import');
    await page.getByLabel('Tabelnummer').fill('70072ned');
    await page.getByRole('button', { name: 'Tabel bekijken' }).click();
    await page.getByLabel('Vanaf jaar').fill('2023');
    await page.getByLabel('Tot en met jaar').fill('2024');
    const link = (indicator: string) => page.getByRole('group', { name: indicator }).getByLabel('CBS-onderwerp');
    for (const other of [
      'Inwoners van 65 tot 80 jaar (aantal)',
      'Inwoners van 80 jaar of ouder (aantal)',
      'Particuliere huishoudens (aantal)',
      'Eenpersoonshuishoudens (aantal)',
    ])
      await link(other).selectOption('');
    await page.getByRole('button', { name: 'Cijfers ophalen' }).click();
    await page.getByRole('button', { name: 'Import bevestigen' }).click({ timeout: 15_000 });
    await page.getByText('De cijfers staan in de monitor.').waitFor();
    expect(enschede2024()).toEqual([{ value: 162288, status: 'Voorlopig' }]);

    // CBS revises Enschede 2024 and declares 2024 definitief.
    env.cbs.revise('70072ned', { RegioS: 'GM0153', Perioden: '2024JJ00' }, { TotaleBevolking_1: 162291 }, 'Definitief');
    await page.goto('/w/regio/analyse');
    await page.getByRole('link', { name: 'Cijfers uit CBS actualiseren' }).click();
    await page.getByRole('table', { name: 'Indicatoren met cijfers uit CBS' }).getByText('Inwoners').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: 'Actualiseren' }).click();

    await page.getByRole('heading', { name: 'Controleer de actualisering' }).waitFor({ timeout: 15_000 });
    const revisions = page.getByRole('table', { name: 'Herziene cijfers: Inwoners' });
    const enschede = revisions.getByRole('row', { name: /Enschede/ });
    expect(await enschede.getByRole('cell').allTextContents()).toEqual(['2024', '162.288', '162.291', 'voorlopig → definitief']);
    expect(await page.getByRole('list', { name: 'Wat er verandert' }).textContent()).toContain('1 herzien');
    // Shown, not written.
    expect(enschede2024()).toEqual([{ value: 162288, status: 'Voorlopig' }]);
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: 'Actualisering bevestigen' }).click();
    await page.getByText('De cijfers van CBS staan in de monitor').waitFor();
    expect(enschede2024()).toEqual([{ value: 162291, status: 'Definitief' }]);
  });
});
