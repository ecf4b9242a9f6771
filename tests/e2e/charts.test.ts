import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn } from '../helpers/browser.ts';
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from '../helpers/server.ts';

// The monitor's charts with the demo figures: drawn on the server (there before any JavaScript runs),
// nothing clipped at desktop or phone width, and axes in steps of 1, 2 or 5 × 10^n.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ THUISPLAN_DEMO_FIGURES: '1' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const PAGES = [
  { who: 'zorg', path: '/w/regio/analyse' },
  { who: 'hengelo', path: '/w/hengelo/analyse' },
] as const;

async function pageFor(who: keyof typeof DEMO, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'nl-NL',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 800 },
  });
  const page = await context.newPage();
  await logIn(page, DEMO[who], DEMO_PASSWORD);
  return page;
}

/** Every text, circle and rect of every chart, with its own and its svg's box on the screen. */
function chartBoxes(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    return [...document.querySelectorAll('svg.chart')].map((svg, index) => ({
      index,
      svg: box(svg),
      parts: [...svg.querySelectorAll('text, circle, rect')].map((el) => ({
        what: `${el.tagName} ${el.getAttribute('class') ?? ''} “${el.textContent ?? ''}”`,
        ...box(el),
      })),
    }));
  });
}

/** '2,5%' → 2.5; '15.000' → 15000. */
const parseTick = (label: string) => Number(label.replace('%', '').replace(/\./g, '').replace(',', '.'));

describe('the monitor’s charts, with demo figures', () => {
  for (const { who, path } of PAGES) {
    it(`${path}: the table and the charts are in the server’s HTML and show with JavaScript off`, async () => {
      const page = await pageFor(who, { javaScriptEnabled: false });
      const response = await page.context().request.get(path);
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toContain('data-testid="monitor-table"');
      expect(html).toMatch(/<table class="utrecht-table chart-table">/);
      expect(html).toMatch(/<svg class="chart chart--trend"/);
      expect(html).toMatch(/<svg class="chart chart--comparison"/);

      await page.goto(path);
      expect(await page.getByTestId('monitor-table').isVisible()).toBe(true);
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      expect(await charts.first().isVisible()).toBe(true);
      // Hidden from assistive technology (the table beside it has the figures), and no style attributes (CSP).
      expect(await page.locator('svg.chart:not([aria-hidden="true"])').count()).toBe(0);
      expect(await page.locator('svg.chart[style], svg.chart [style]').count()).toBe(0);
      await page.context().close();
    });

    it(`${path}: the first chart is there at DOMContentLoaded (server-rendered), with no wait for scripts`, async () => {
      const page = await pageFor(who);
      await page.addInitScript(() => {
        const seen = { chart: -1, table: -1 };
        (window as unknown as { seen: typeof seen }).seen = seen;
        new MutationObserver(() => {
          if (seen.table < 0 && document.querySelector('[data-testid="monitor-table"]')) seen.table = performance.now();
          if (seen.chart < 0 && document.querySelector('svg.chart')) seen.chart = performance.now();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(path, { waitUntil: 'domcontentloaded' });
      const at = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const svg = document.querySelector('svg.chart');
        const rect = svg?.getBoundingClientRect();
        return {
          ...(window as unknown as { seen: { chart: number; table: number } }).seen,
          domContentLoaded: nav.domContentLoadedEventStart,
          visible: !!rect && rect.width > 0 && rect.height > 0,
        };
      });
      console.log(
        `${path}: table at ${Math.round(at.table)} ms, first chart at ${Math.round(at.chart)} ms, DOMContentLoaded at ${Math.round(at.domContentLoaded)} ms`
      );
      expect(at.visible).toBe(true);
      expect(at.chart).toBeGreaterThan(0);
      expect(at.chart).toBeLessThanOrEqual(at.domContentLoaded); // parsed from the HTML, not drawn after hydration
      expect(at.chart).toBeLessThan(15_000); // loose: a busy test machine, but never seconds of chart drawing
      await page.context().close();
    });

    for (const width of [1280, 320]) {
      it(`${path} at ${width} px: every label and point lies inside its chart, and the axes step 1-2-5 × 10^n`, async () => {
        const page = await pageFor(who, { width });
        await page.goto(path);
        const charts = await chartBoxes(page);
        expect(charts.length).toBeGreaterThanOrEqual(2);
        const outside = charts.flatMap((c) =>
          c.parts
            .filter(
              (p) =>
                p.left < c.svg.left - 0.5 ||
                p.top < c.svg.top - 0.5 ||
                p.right > c.svg.right + 0.5 ||
                p.bottom > c.svg.bottom + 0.5
            )
            .map((p) => `chart ${c.index}: ${p.what}`)
        );
        expect(outside).toEqual([]);
        // No label runs into another (tick labels side by side under the bars, names, legend, "regio").
        const touching = charts.flatMap((c) => {
          const texts = c.parts.filter((p) => p.what.startsWith('text'));
          return texts.flatMap((a, i) =>
            texts
              .slice(i + 1)
              .filter((b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
              .map((b) => `chart ${c.index}: ${a.what} / ${b.what}`)
          );
        });
        expect(touching).toEqual([]);
        // The page itself does not scroll sideways because of a chart.
        for (const c of charts) expect(c.svg.right).toBeLessThanOrEqual(width);

        const axes = await page
          .locator('svg.chart')
          .evaluateAll((svgs) => svgs.map((svg) => [...svg.querySelectorAll('.chart__tick')].map((t) => t.textContent ?? '')));
        for (const labels of axes) {
          expect(labels.length).toBeGreaterThanOrEqual(2);
          for (const label of labels) expect(label).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d+)?%?$/);
          const values = labels.map(parseTick);
          expect(values[0]).toBe(0);
          const step = values[1]! - values[0]!;
          values.forEach((v, i) => expect(v).toBeCloseTo(i * step, 6));
          const mantissa = Number((step / 10 ** Math.floor(Math.log10(step) + 1e-9)).toFixed(6));
          expect([1, 2, 5]).toContain(mantissa);
        }
        await page.context().close();
      });
    }
  }
});
