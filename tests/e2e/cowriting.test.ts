import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { createDocument } from '../helpers/collab.ts';
import { expectNoSeriousAxeViolations, logIn, newPage } from '../helpers/browser.ts';
import { storedDoc } from '../helpers/db.ts';
import { loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

const env = withServerAndBrowser();

const storedText = (documentId: string) => storedDoc(env.server.dbPath, documentId).getXmlFragment('default').toString();

async function openDocument(page: Page, slug: string, id: string) {
  await page.goto(`/w/${slug}/documenten/${id}`);
  await page.locator('.ProseMirror').waitFor();
  await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/Opgeslagen|Alleen lezen/);
}

/** The editor's text without the other users' caret labels (which sit inside the text as widgets). */
const editorText = (page: Page) =>
  page.locator('.ProseMirror').evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });

describe('co-writing in the browser', () => {
  it('two redacteuren type at the same time and end with the same text; a commentator reads live and cannot type', async () => {
    const api = await loggedIn(env.server.url, DEMO.regie, DEMO_PASSWORD);
    const id = await createDocument(api, 'regio', 'Woonzorgvisie regio (concept)', 'woonzorgvisie');
    const [eva, rian, zeynep] = await Promise.all([
      newPage(env.browser, env.server.url),
      newPage(env.browser, env.server.url),
      newPage(env.browser, env.server.url),
    ]);
    await logIn(eva, DEMO.enschede, DEMO_PASSWORD);
    await logIn(rian, DEMO.regie, DEMO_PASSWORD);
    await logIn(zeynep, DEMO.zorg, DEMO_PASSWORD);
    await Promise.all([openDocument(eva, 'regio', id), openDocument(rian, 'regio', id), openDocument(zeynep, 'regio', id)]);

    // Both see each other in the presence list.
    await expect.poll(() => eva.locator('.editor__presence').textContent()).toContain('Rian Regie');

    // Each in a chapter of their own, as colleagues do. (Two people typing at the very same spot
    // interleave their letters in any CRDT editor; that is not what this test is about.)
    await eva.locator('.ProseMirror p').first().click();
    await eva.keyboard.press('End');
    await rian.locator('.ProseMirror p').last().click();
    await rian.keyboard.press('End');
    await Promise.all([
      eva.keyboard.type('Eva schrijft over uitstroom. ', { delay: 15 }),
      rian.keyboard.type('Rian schrijft over spreiding. ', { delay: 15 }),
    ]);
    for (const page of [eva, rian, zeynep]) {
      await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('Eva schrijft over uitstroom.');
      await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('Rian schrijft over spreiding.');
    }
    await expect.poll(() => eva.getByTestId('save-status').textContent()).toBe('Opgeslagen');
    await expect.poll(() => rian.getByTestId('save-status').textContent()).toBe('Opgeslagen');
    const stored = storedText(id);
    expect(stored).toContain('Eva schrijft over uitstroom.');
    expect(stored).toContain('Rian schrijft over spreiding.');

    // The commentator reads a guarded view (selectable, to comment), and typing changes nothing anywhere.
    expect(await zeynep.locator('.ProseMirror').getAttribute('aria-readonly')).toBe('true');
    expect(await zeynep.getByRole('toolbar', { name: 'Opmaak' }).count()).toBe(0);
    await zeynep.locator('.ProseMirror').click();
    await zeynep.keyboard.type('Zorgpartij typt');
    await zeynep.keyboard.press('Enter');
    await zeynep.keyboard.press('Backspace');
    await new Promise((r) => setTimeout(r, 300));
    expect(await editorText(zeynep)).not.toContain('Zorgpartij typt');
    expect(await editorText(eva)).not.toContain('Zorgpartij typt');
    expect(storedText(id)).not.toContain('Zorgpartij typt');

    await expectNoSeriousAxeViolations(eva);
    await expectNoSeriousAxeViolations(zeynep);
    for (const p of [eva, rian, zeynep]) await p.context().close();
  }, 60_000); // three browsers, three log-ins and two axe runs: about 25 s beside another test file on two cores

  it('offline edits survive a closed tab and arrive when the user comes back online', async () => {
    const api = await loggedIn(env.server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Offline geschreven');
    const context = await env.browser.newContext({ baseURL: env.server.url });
    const page = await context.newPage();
    await logIn(page, DEMO.enschede, DEMO_PASSWORD);
    await openDocument(page, 'enschede', id);

    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Geschreven zonder verbinding.');
    await expect.poll(() => editorText(page)).toContain('Geschreven zonder verbinding.');
    await new Promise((r) => setTimeout(r, 500)); // y-indexeddb writes asynchronously
    expect(storedText(id)).not.toContain('Geschreven zonder verbinding.');
    await page.close({ runBeforeUnload: false });

    await context.setOffline(false);
    const later = await context.newPage();
    await openDocument(later, 'enschede', id);
    await expect.poll(() => storedText(id), { timeout: 10_000 }).toContain('Geschreven zonder verbinding.');
    await context.close();
  });

  it('the document list, creation from the template and the toolbar work by keyboard', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logIn(page, DEMO.hengelo, DEMO_PASSWORD);
    await page.goto('/w/hengelo/documenten');
    await page.getByLabel('Titel', { exact: true }).fill('Woonzorgvisie Hengelo (concept)');
    await page.getByLabel('Stap', { exact: true }).selectOption('2');
    await page.getByLabel('Begin met').selectOption('woonzorgvisie');
    await page.getByRole('button', { name: 'Document maken' }).click();
    await page.locator('.ProseMirror').waitFor();
    await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('7. Monitoring');
    await expectNoSeriousAxeViolations(page);
    // The toolbar is one tab stop; arrows move within it; a button works with Enter.
    await page.getByRole('button', { name: 'Kop 2' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vet');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Opnieuw');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Kop 2');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.getByRole('button', { name: 'Vet' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Vet' }).getAttribute('aria-pressed')).toBe('true');
    await page.goto('/w/hengelo/documenten');
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it('versions: record, compare with changes marked, restore — and the restore shows up live in another open page', async () => {
    const api = await loggedIn(env.server.url, DEMO.enschede, DEMO_PASSWORD);
    const id = await createDocument(api, 'enschede', 'Plan met versies');
    const [writer, watcher] = await Promise.all([newPage(env.browser, env.server.url), newPage(env.browser, env.server.url)]);
    await logIn(writer, DEMO.enschede, DEMO_PASSWORD);
    await logIn(watcher, DEMO.provincie, DEMO_PASSWORD);
    await openDocument(writer, 'enschede', id);
    await openDocument(watcher, 'enschede', id);

    await writer.locator('.ProseMirror p').first().click();
    await writer.keyboard.type('Afspraak een met de corporaties.');
    await expect.poll(() => writer.getByTestId('save-status').textContent()).toBe('Opgeslagen');

    const versions = await newPage(env.browser, env.server.url);
    await logIn(versions, DEMO.enschede, DEMO_PASSWORD);
    await versions.goto(`/w/enschede/documenten/${id}/versies`);
    await versions.getByLabel('Naam van de versie').fill('Concept voor ambtelijk overleg 20 september');
    await versions.getByRole('button', { name: 'Versie vastleggen' }).click();
    await versions.getByRole('link', { name: 'Concept voor ambtelijk overleg 20 september' }).waitFor();
    await expectNoSeriousAxeViolations(versions);

    await writer.keyboard.press('Enter');
    await writer.keyboard.type('Afspraak twee over uitstroom.');
    await expect.poll(() => writer.getByTestId('save-status').textContent()).toBe('Opgeslagen');
    await expect.poll(() => editorText(watcher)).toContain('Afspraak twee');

    await versions.reload();
    await versions.getByRole('button', { name: 'Vergelijken' }).click();
    await versions.getByTestId('diff').waitFor();
    expect(await versions.locator('[data-testid="diff"] ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('twee')])
    );
    expect(await versions.getByText(/woorden toegevoegd/).textContent()).toMatch(/[1-9]\d* woorden toegevoegd/);
    await expectNoSeriousAxeViolations(versions);

    await versions.goto(`/w/enschede/documenten/${id}/versies`);
    await versions.getByRole('link', { name: 'Concept voor ambtelijk overleg 20 september' }).click();
    await versions.getByRole('button', { name: 'Deze versie terugzetten' }).waitFor();
    expect(await versions.locator('.version-view').textContent()).not.toContain('Afspraak twee');
    await expectNoSeriousAxeViolations(versions);
    await versions.getByRole('button', { name: 'Deze versie terugzetten' }).click();
    await versions.waitForURL(new RegExp(`/documenten/${id}$`));

    // The lezer's open page follows without a reload.
    await expect.poll(() => editorText(watcher), { timeout: 10_000 }).not.toContain('Afspraak twee');
    expect(await editorText(watcher)).toContain('Afspraak een met de corporaties.');
    expect(await editorText(writer)).not.toContain('Afspraak twee');
    for (const p of [writer, watcher, versions]) await p.context().close();
  });
});
