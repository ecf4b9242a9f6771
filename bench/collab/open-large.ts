// bench/collab/open-large: open a 100,000-character document in Chromium, until it is synced and rendered.
//   npm run build && node --import tsx bench/collab/open-large.ts
import * as Y from 'yjs';
import { connectEditor, createDocument, synced } from '../../tests/helpers/collab.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { loggedIn } from '../../tests/helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer } from '../../tests/helpers/server.ts';

const CHARACTERS = 100_000;
const RUNS = 5;

const server = await startServer();
const browser = await launchBrowser();
try {
  const client = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
  const id = await createDocument(client, 'enschede', 'Groot document');
  const writer = connectEditor(server.url, client.cookie, id);
  await synced(writer);
  const fragment = writer.doc.getXmlFragment('default');
  writer.doc.transact(() => {
    fragment.delete(0, fragment.length);
    const line = 'Woonzorgvisie: huisvesting en zorg voor aandachtsgroepen in de regio Twente, lokaal en regionaal. '; // 100 chars
    for (let i = 0; i < CHARACTERS / line.length; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line)]);
      fragment.insert(fragment.length, [p]);
    }
  });
  await synced(writer, 30_000);
  writer.close();

  const [name, value] = client.cookie!.split('=');
  const measure = async (page: import('playwright-core').Page) => {
    const started = performance.now();
    await page.goto(`/w/enschede/documenten/${id}`);
    await page.waitForFunction(
      (n) =>
        (document.querySelector('.ProseMirror')?.textContent?.length ?? 0) >= n &&
        document.querySelector('[data-testid="save-status"]')?.textContent === 'Opgeslagen',
      CHARACTERS,
      { timeout: 30_000, polling: 10 }
    );
    return performance.now() - started;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ baseURL: server.url });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    cold.push(await measure(page)); // empty cache: page, editor bundle (~190 kB gzip) and document
    warm.push(await measure(page)); // cached bundle, as on every visit after the first
    await context.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (xs: number[]) => `median ${Math.round(median(xs))} ms, max ${Math.round(Math.max(...xs))} ms`;
  console.log(`Open a ${CHARACTERS.toLocaleString('nl-NL')}-character document (synced and rendered), ${RUNS} runs:`);
  console.log(`  empty cache: ${fmt(cold)}`);
  console.log(`  warm cache:  ${fmt(warm)}`);
} finally {
  await browser.close();
  await server.stop();
}
