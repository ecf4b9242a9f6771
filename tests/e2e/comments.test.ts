import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, logIn, newPage } from '../helpers/browser.ts';
import { createDocument } from '../helpers/collab.ts';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

const env = withServerAndBrowser();

async function openDocument(page: Page, slug: string, id: string) {
  await page.goto(`/w/${slug}/documenten/${id}`);
  await page.locator('.ProseMirror').waitFor();
  await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/Opgeslagen|Alleen lezen/);
}

describe('comments in the browser', () => {
  it('a commentator comments on selected words; a redacteur sees it live, highlighted, and replies', async () => {
    const api = await loggedIn(env.server.url, DEMO.regie, DEMO_PASSWORD);
    const id = await createDocument(api, 'regio', 'Woonzorgvisie met opmerkingen');
    const [eva, zeynep] = await Promise.all([newPage(env.browser, env.server.url), newPage(env.browser, env.server.url)]);
    await logIn(eva, DEMO.enschede, DEMO_PASSWORD);
    await logIn(zeynep, DEMO.zorg, DEMO_PASSWORD);
    await openDocument(eva, 'regio', id);
    await eva.locator('.ProseMirror').click();
    await eva.keyboard.type('Wij willen zorg en wonen dichter bij elkaar brengen.');
    await eva.keyboard.press('Enter');
    await eva.keyboard.type('Tweede alinea over wonen met zorg.');
    await expect.poll(() => eva.getByTestId('save-status').textContent()).toBe('Opgeslagen');

    await openDocument(zeynep, 'regio', id);
    await expect.poll(() => zeynep.locator('.ProseMirror').textContent()).toContain('zorg en wonen');
    // By keyboard, as in any text: from the start of the line, past "Wij willen ", then select 13 characters.
    await zeynep
      .locator('.ProseMirror p')
      .first()
      .click({ position: { x: 1, y: 4 } });
    // At a person's pace: the browser reports a moved selection (selectionchange) only after the key.
    const press = async (key: string) => {
      await zeynep.keyboard.press(key);
      await zeynep.waitForTimeout(30);
    };
    await press('Home');
    for (let i = 0; i < 'Wij willen '.length; i++) await press('ArrowRight');
    for (let i = 0; i < 'zorg en wonen'.length; i++) await press('Shift+ArrowRight');
    const panel = zeynep.getByRole('complementary', { name: /Opmerkingen/ });
    await expect.poll(() => panel.textContent()).toContain('Bij de geselecteerde tekst: zorg en wonen');
    await panel.getByLabel('Opmerking bij de selectie').fill('Graag ook aandacht voor beschermd wonen, @Eva Enschede.');
    await panel.getByRole('button', { name: 'Opmerking plaatsen' }).click();
    await expect.poll(() => panel.getByTestId('comment-thread').count()).toBe(1);

    // Eva's page did not reload: the thread arrives over the document's live connection.
    const evaPanel = eva.getByRole('complementary', { name: /Opmerkingen/ });
    await expect.poll(() => evaPanel.getByTestId('comment-thread').count(), { timeout: 10_000 }).toBe(1);
    const thread = evaPanel.getByTestId('comment-thread');
    expect(await thread.textContent()).toContain('Graag ook aandacht voor beschermd wonen');
    expect(await thread.textContent()).toContain('Zeynep Zorg (Zorgpartner Twente (demo))');
    expect(await thread.locator('.mention').textContent()).toBe('@Eva Enschede');
    for (const page of [eva, zeynep]) {
      await expect
        .poll(() => page.locator('.ProseMirror .comment-anchor').textContent(), { timeout: 10_000 })
        .toBe('zorg en wonen');
    }

    // Clicking the highlighted words points at the thread.
    await eva.locator('.ProseMirror .comment-anchor').click();
    await expect.poll(() => thread.getAttribute('class')).toContain('comments__thread--active');

    await thread.getByText('Reageren').click();
    await thread.getByLabel('Uw reactie').fill('Goed punt, we nemen het op in hoofdstuk 3.');
    await thread.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await expect
      .poll(() => panel.getByTestId('comment-thread').textContent(), { timeout: 10_000 })
      .toContain('Goed punt, we nemen het op in hoofdstuk 3.');

    // Eva resolves the thread; Zeynep sees it leave the open list.
    await thread.getByRole('button', { name: 'Afhandelen' }).click();
    await expect.poll(() => panel.getByTestId('comment-thread').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => zeynep.locator('.ProseMirror .comment-anchor').count()).toBe(0);
    await panel.getByLabel(/Toon ook afgehandelde opmerkingen/).check();
    expect(await panel.getByTestId('comment-thread').textContent()).toContain('Afgehandeld door Eva Enschede');

    // When Eva deletes the words, the thread stays with its quote, marked as such, in both pages.
    await eva.locator('.ProseMirror p').first().click();
    await eva.keyboard.press('End');
    for (let i = 0; i < 'zorg en wonen dichter bij elkaar brengen.'.length; i++) await eva.keyboard.press('Backspace');
    await expect.poll(() => panel.getByTestId('comment-thread').textContent(), { timeout: 10_000 }).toContain('tekst verwijderd');
    await evaPanel.getByLabel(/Toon ook afgehandelde opmerkingen/).check();
    await expect.poll(() => evaPanel.getByTestId('comment-thread').textContent()).toMatch(/zorg en wonen.*tekst verwijderd/);

    await expectNoSeriousAxeViolations(eva);
    await expectNoSeriousAxeViolations(zeynep);
    for (const p of [eva, zeynep]) await p.context().close();
  });

  it('a projectleider opens a review round, processes the response and downloads the reactienota', async () => {
    const api = await loggedIn(env.server.url, DEMO.regie, DEMO_PASSWORD);
    const id = await createDocument(api, 'regio', 'Woonzorgvisie ter consultatie', 'woonzorgvisie');
    expect((await api.post(`/w/regio/documenten/${id}/versies`, { name: 'Consultatieversie' })).status).toBe(200);
    const rian = await newPage(env.browser, env.server.url);
    await logIn(rian, DEMO.regie, DEMO_PASSWORD);
    await rian.goto('/w/regio/reviewrondes');
    await rian.getByLabel('Naam van de ronde').fill('Consultatie zorgpartners');
    const version = rian.getByLabel('Versie die ter review gaat');
    const label = await version.locator('option', { hasText: 'Woonzorgvisie ter consultatie – Consultatieversie' }).textContent();
    await version.selectOption({ label: label! });
    await rian.getByLabel('Reageren kan tot en met').fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await rian
      .getByRole('group', { name: 'Organisaties' })
      .getByLabel(/Zorgpartner Twente/)
      .check();
    await expectNoSeriousAxeViolations(rian);
    await rian.getByRole('button', { name: 'Reviewronde openen' }).click();
    await rian.getByRole('heading', { name: 'Consultatie zorgpartners' }).waitFor();
    expect(await rian.locator('#respons-uitleg').textContent()).toContain('Gereageerd: 0 van 1 genodigde;');

    // The zorgpartij is told, and responds.
    const zeynep = await newPage(env.browser, env.server.url);
    await logIn(zeynep, DEMO.zorg, DEMO_PASSWORD);
    await zeynep.goto('/meldingen');
    await expectNoSeriousAxeViolations(zeynep);
    await zeynep.getByRole('button', { name: /Rian Regie vraagt uw reactie op ‘Consultatie zorgpartners’/ }).click();
    await zeynep.locator('.ProseMirror').waitFor();
    expect(await zeynep.getByText('U bent uitgenodigd voor de reviewronde').count()).toBe(1);
    const panel = zeynep.getByRole('complementary', { name: /Opmerkingen/ });
    await panel.getByRole('button', { name: 'Opmerking plaatsen' }).click();
    await expect.poll(() => panel.getByRole('alert').first().textContent()).toContain('Schrijf een opmerking.');
    await panel.getByLabel('Opmerking bij het document').fill('Wij missen de wachttijden voor beschermd wonen.');
    await panel.getByRole('button', { name: 'Opmerking plaatsen' }).click();
    await expect.poll(() => panel.getByTestId('comment-thread').count()).toBe(1);
    await expectNoSeriousAxeViolations(zeynep);

    await rian.reload();
    expect(await rian.locator('#respons-uitleg').textContent()).toContain('Gereageerd: 1 van 1 genodigde;');
    const response = rian.getByRole('article', { name: /Reactie 1: Zeynep Zorg/ });
    await response.getByRole('button', { name: 'Verwerking opslaan' }).click();
    await response.getByText('Kies hoe de opmerking is verwerkt.').waitFor();
    await response.getByLabel('Verwerking').selectOption({ label: 'Overgenomen' });
    await response.getByLabel('Toelichting').fill('Toegevoegd in hoofdstuk 3.');
    await response.getByRole('button', { name: 'Verwerking opslaan' }).click();
    await rian.getByText('De verwerking is opgeslagen.').waitFor();
    await expectNoSeriousAxeViolations(rian);

    const [download] = await Promise.all([
      rian.waitForEvent('download'),
      rian.getByRole('link', { name: 'reactienota downloaden (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('reactienota-consultatie-zorgpartners.docx');
    for (const p of [rian, zeynep]) await p.context().close();
  });
});
