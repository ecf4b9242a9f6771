import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { expectNoSeriousAxeViolations, logIn, newPage, watchConsole } from '../helpers/browser.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

// The step page in the browser: ticking an item, pointing a step-2 item at a heading of a plan made in the app,
// following that link to the heading (editable and read-only), completing a step with open items; axe and 320 px.

const env = withServerAndBrowser();

const FIRST_OF_STEP_2 = 'Onderzoek naar de behoefte aan wonen, zorg en ondersteuning per aandachtsgroep';

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: innerWidth }));
  expect(widths.page, page.url()).toBeLessThanOrEqual(widths.view);
}

async function progress(page: Page) {
  return {
    text: await page.getByTestId('voortgang').textContent(),
    value: await page
      .locator('progress.checklist-progress')
      .first()
      .evaluate((p) => (p as HTMLProgressElement).value),
    max: await page
      .locator('progress.checklist-progress')
      .first()
      .evaluate((p) => (p as HTMLProgressElement).max),
  };
}

/** Makes a plan with the woonzorgvisie's seven chapters through the documents page; returns its id. */
async function makePlan(page: Page, slug: string, title: string): Promise<string> {
  await page.goto(`/w/${slug}/documenten`);
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.getByLabel('Stap', { exact: true }).selectOption('2');
  await page.getByLabel('Begin met').selectOption('woonzorgvisie');
  await page.getByRole('button', { name: 'Document maken' }).click();
  await page.waitForURL(/\/documenten\/[0-9a-f-]{36}$/);
  await page.locator('.ProseMirror h2', { hasText: '7. Monitoring' }).waitFor({ timeout: 20_000 });
  return page.url().split('/').pop()!;
}

describe('step checklists in the browser', () => {
  it('the projectleider ticks an item: the progress (text and bar) changes and shows who ticked it', async () => {
    const page = await newPage(env.browser, env.server.url);
    const problems = await watchConsole(page);
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    await page.goto('/w/dinkelland');
    await page.getByRole('link', { name: '1. Analyse' }).click();
    await page.waitForURL(/\/w\/dinkelland\/stap\/1$/);
    await page.getByRole('heading', { level: 2, name: 'Stap 1: Analyse' }).waitFor();
    expect(await progress(page)).toEqual({ text: '0 van 4 afgevinkt', value: 0, max: 4 });

    await page.getByRole('button', { name: /^Afvinken\W+Cijfers verzameld$/ }).click();
    await expect.poll(() => page.getByTestId('voortgang').textContent(), { timeout: 15_000 }).toBe('1 van 4 afgevinkt');
    expect(await progress(page)).toEqual({ text: '1 van 4 afgevinkt', value: 1, max: 4 });
    const item = page.locator('li.checklist__item', { hasText: 'Cijfers verzameld' });
    expect(await item.textContent()).toMatch(/Afgevinkt door Rian Regie op \d\d-\d\d-\d{4}/);
    await page.getByRole('status').filter({ hasText: 'Het punt is afgevinkt.' }).waitFor();
    // The button pressed stays where the keyboard was: it now takes the tick away.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vinkje weghalen: Cijfers verzameld');
    await expectNoSeriousAxeViolations(page);

    // The overview of the steps shows the progress too, and a lezer sees who ticked it.
    await page.goto('/w/dinkelland');
    expect(await page.getByTestId('checklist-1').textContent()).toContain('1 van 4 afgevinkt');
    const reader = await newPage(env.browser, env.server.url);
    await logIn(reader, DEMO.provincie, DEMO_PASSWORD);
    await reader.goto('/w/dinkelland/stap/1');
    expect(await reader.locator('li.checklist__item', { hasText: 'Cijfers verzameld' }).textContent()).toContain(
      'Afgevinkt door Rian Regie'
    );
    expect(await reader.getByRole('button', { name: /Afvinken/ }).count()).toBe(0);
    await expectNoSeriousAxeViolations(reader);
    expect(problems).toEqual([]);
    await reader.context().close();
    await page.context().close();
  }, 180_000);

  it('points a step-2 item at a heading of a plan; it leaves "nog niet gedekt" and its link opens the plan at that heading', async () => {
    const page = await newPage(env.browser, env.server.url);
    const problems = await watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 600 });
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    const planId = await makePlan(page, 'dinkelland', 'Woonzorgvisie Dinkelland');

    await page.goto('/w/dinkelland/stap/2');
    await page.getByRole('heading', { name: 'Inhoudelijke toets van het plan' }).waitFor();
    const uncovered = page.getByTestId('niet-gedekt');
    expect(await uncovered.textContent()).toContain(FIRST_OF_STEP_2);
    await expectNoSeriousAxeViolations(page);

    const item = page.locator('li.checklist__item', { hasText: FIRST_OF_STEP_2 });
    await item.locator('summary').click();
    await item.getByLabel('Kop in het plan die dit punt dekt').selectOption({ label: '7. Monitoring' });
    await item.getByRole('button', { name: 'Kop opslaan' }).click();
    await expect.poll(() => uncovered.textContent(), { timeout: 15_000 }).not.toContain(FIRST_OF_STEP_2);
    expect(await uncovered.textContent()).toContain('Urgentieregeling');
    await expectNoSeriousAxeViolations(page);

    // The link opens the plan at the heading: scrolled to, focused (a caret in an editable view), announced.
    const link = page.locator(`li.checklist__item:has-text("${FIRST_OF_STEP_2}")`).getByRole('link', { name: '7. Monitoring' });
    expect(await link.getAttribute('href')).toBe(`/w/dinkelland/documenten/${planId}?kop=7.%20Monitoring`);
    await link.click();
    await page.waitForURL(/\?kop=7\.%20Monitoring$/);
    await expect
      .poll(() => page.getByTestId('heading-notice').textContent(), { timeout: 20_000 })
      .toBe('Geopend bij kop “7. Monitoring”.');
    const landed = await page.evaluate(() => {
      const target = document.querySelector<HTMLElement>('.heading-target')!;
      const box = target.getBoundingClientRect();
      const caret = window.getSelection()?.anchorNode;
      const caretHeading = (caret instanceof Element ? caret : caret?.parentElement)?.closest('h2');
      return {
        text: target.textContent,
        inView: box.top >= 0 && box.bottom <= innerHeight,
        scrolled: scrollY > 0,
        caretIn: caretHeading?.textContent,
        editorFocused: document.activeElement?.classList.contains('ProseMirror'),
        // A focusable heading inside editable text would take the focus from the text when clicked.
        headingFocusable: target.hasAttribute('tabindex'),
      };
    });
    expect(landed).toEqual({
      text: '7. Monitoring',
      inView: true,
      scrolled: true,
      caretIn: '7. Monitoring',
      editorFocused: true,
      headingFocusable: false,
    });
    await expectNoSeriousAxeViolations(page);

    // A lezer reads the plan: the heading itself takes the focus.
    const reader = await newPage(env.browser, env.server.url);
    await reader.setViewportSize({ width: 1280, height: 600 });
    await logIn(reader, DEMO.provincie, DEMO_PASSWORD);
    await reader.goto(`/w/dinkelland/documenten/${planId}?kop=7.%20Monitoring`);
    await expect
      .poll(() => reader.getByTestId('heading-notice').textContent(), { timeout: 20_000 })
      .toBe('Geopend bij kop “7. Monitoring”.');
    const read = await reader.evaluate(() => {
      const box = document.querySelector('.heading-target')!.getBoundingClientRect();
      // Without the carets of others in the document (their name labels sit inside the text).
      const focused = document.activeElement?.cloneNode(true) as HTMLElement | undefined;
      focused?.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return {
        focused: focused?.textContent,
        isHeading: document.activeElement?.matches('h2.heading-target'),
        inView: box.top >= 0 && box.bottom <= innerHeight,
      };
    });
    expect(read).toEqual({ focused: '7. Monitoring', isHeading: true, inView: true });
    await expectNoSeriousAxeViolations(reader);

    // A heading that is not in the document says so.
    await reader.goto(`/w/dinkelland/documenten/${planId}?kop=${encodeURIComponent('8. Bestaat niet')}`);
    await expect
      .poll(() => reader.getByTestId('heading-notice').textContent(), { timeout: 20_000 })
      .toBe('De kop “8. Bestaat niet” staat niet (meer) in dit document.');
    expect(await reader.locator('.heading-target').count()).toBe(0);
    expect(problems).toEqual([]);
    await reader.context().close();
    await page.context().close();
  }, 240_000);

  it('setting step 2 to afgerond with open items asks for confirmation first', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    await page.goto('/w/oldenzaal/stap/2');
    await page.getByRole('link', { name: 'Status, eigenaar en streefdatum van stap 2 wijzigen' }).click();
    await page.waitForURL(/\/w\/oldenzaal\/stap\/2\/wijzigen$/);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Status', { exact: true }).selectOption('afgerond');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const confirm = page.getByLabel('Toch afronden met open punten');
    await confirm.waitFor({ timeout: 15_000 });
    const warning = await page.locator('.utrecht-alert--warning').textContent();
    expect(warning).toContain('6 punten van de checklist zijn nog niet afgevinkt');
    expect(warning).toContain(FIRST_OF_STEP_2);
    expect(await page.locator('.utrecht-form-field-error-message').textContent()).toContain('nog 6 open punten');
    await expectNoSeriousAxeViolations(page);
    await confirm.check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/w\/oldenzaal\?bijgewerkt=2$/);
    expect(await page.locator('tr[data-step="2"]').textContent()).toContain('Afgerond');
    await page.context().close();
  }, 180_000);

  it('at 320 px the step page, with every form open, and the edit page do not scroll sideways', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/w/haaksbergen/stap/2');
    for (const summary of await page.locator('details.checklist__edit summary').all()) await summary.click();
    await noSidewaysScroll(page);
    await expectNoSeriousAxeViolations(page);
    await page.goto('/w/haaksbergen/stap/2/wijzigen');
    await noSidewaysScroll(page);
    await page.context().close();
  }, 180_000);
});
