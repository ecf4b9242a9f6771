import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, logIn, newPage, watchConsole } from '../helpers/browser.ts';
import { seedDashboardData } from '../helpers/dashboard-data.ts';
import { openTestDb } from '../helpers/db.ts';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';

// The region dashboard in Chromium with realistic data (9 workspaces, 60 actions each, several overdue in
// each): axe, no sideways scroll at 320 px, the print button, and on paper exactly one A4 landscape page.

const env = withServerAndBrowser();

/** Pages in a PDF: pdfinfo when poppler-utils is there, else the page objects counted. */
function pdfPages(pdf: Buffer): number {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-pdf-')), 'dashboard.pdf');
  fs.writeFileSync(file, pdf);
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(info.match(/^Pages:\s+(\d+)/m)![1]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe('the region dashboard in the browser', () => {
  it('passes axe, reflows at 320 px, and prints on exactly one A4 landscape page', async () => {
    const sqlite = openTestDb(env.server.dbPath);
    seedDashboardData(sqlite, { actionsPerWorkspace: 60, auditRows: 500 });
    const overdue = sqlite
      .prepare(
        "select workspace_id, count(*) as n from actions where status in ('voorstel', 'besloten', 'in_uitvoering') and due_date < ? group by workspace_id"
      )
      .all(new Date().toISOString().slice(0, 10)) as Array<{ n: number }>;
    sqlite.close();
    expect(overdue).toHaveLength(9);
    for (const w of overdue) expect(w.n).toBeGreaterThan(5); // the list is full in every workspace

    const page = await newPage(env.browser, env.server.url);
    const problems = await watchConsole(page);
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    await page.goto('/w/regio/dashboard');
    await page.getByRole('button', { name: 'Afdrukken' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    expect(
      await page
        .getByRole('table', { name: /Stappen per werkruimte/ })
        .getByRole('row')
        .count()
    ).toBe(10);
    expect(await page.locator('.overdue-block').count()).toBe(9);

    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The button calls window.print (replaced here: a headless print dialog would block).
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: 'Afdrukken' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    // On paper: the matrix and the overdue actions, no navigation.
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('nav[aria-label="Werkruimte"]').isVisible()).toBe(false);
    expect(await page.locator('.dashboard-matrix').isVisible()).toBe(true);
    expect(await page.locator('.overdue-block').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: null }); // back to the default: page.pdf then prints with print media

    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    if (process.env.DASHBOARD_PDF) fs.writeFileSync(process.env.DASHBOARD_PDF, pdf);
    expect(pdfPages(pdf)).toBe(1);
    // Also without preferring the CSS page size (the browser's own A4 landscape with its default margins).
    expect(pdfPages(await page.pdf({ format: 'A4', landscape: true, printBackground: true }))).toBe(1);
    expect(problems).toEqual([]);
  }, 180_000);
});
