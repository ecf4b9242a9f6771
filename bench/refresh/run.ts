// bench/refresh: actualiseren against a CBS with 50 ms latency per request, on the production build.
// 20 CBS-linked indicators (4 tables × 5 topics) × 10 years, linked in 9 workspaces: the region (for its
// 8 gemeenten) and each of the 8 gemeenten (for itself). Timed from the POST that starts a refresh until
// its progress page redirects to the review (every preview stored). Each refresh is discarded after it.
//   npm run build && node --import tsx bench/refresh/run.ts [--runs 5] [--latency 50]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openTestDb } from '../../tests/helpers/db.ts';
import { loggedIn, type Client } from '../../tests/helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer } from '../../tests/helpers/server.ts';
import { startBenchCbs } from './cbs.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, latency: { type: 'string', default: '50' } },
});
const RUNS = Number(values.runs);
const TABLES = 4;
const TOPICS = 5;
const YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i);
const GEMEENTEN = ['GM0153', 'GM0164', 'GM1735', 'GM0173', 'GM1774', 'GM0147', 'GM0158', 'GM0168'];
// Other regions, so that CBS's tables are as wide as the real ones (all gemeenten).
const OTHERS = Array.from({ length: 342 }, (_, i) => `GM${String(2000 + i)}`);

const cbs = await startBenchCbs({
  regions: [...GEMEENTEN, ...OTHERS],
  years: YEARS,
  tables: TABLES,
  topics: TOPICS,
  latencyMs: Number(values.latency),
});
const server = await startServer({ CBS_ODATA_V3_URL: cbs.v3BaseUrl, CBS_ODATA_V4_URL: cbs.v4BaseUrl });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function follow(client: Client, location: string): Promise<string> {
  for (;;) {
    const reply = await client.get(location);
    if (reply.status === 302) return reply.location!;
    if (reply.body.includes('utrecht-alert--error')) throw new Error(`failed: ${reply.body.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

try {
  const client = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
  const sqlite = openTestDb(server.dbPath);
  const now = new Date().toISOString();
  const insert = sqlite.prepare(
    "insert or ignore into indicators (id, name, unit, target_group_id, definition, source, is_count, small_threshold, created_at) values (?, ?, 'aantal', null, '', 'bench', 1, 10, ?)"
  );
  for (let t = 0; t < TABLES; t++)
    for (let k = 0; k < TOPICS; k++) insert.run(`bench-${t}-${k}`, `Benchindicator ${t}.${k + 1}`, now);
  const slugs = [
    'regio',
    ...(sqlite.prepare("select slug from workspaces where kind = 'gemeente' order by name").all() as Array<{ slug: string }>).map(
      (w) => w.slug
    ),
  ];

  // The links: every workspace imports the 4 tables (the region for all 8 gemeenten, a gemeente for itself).
  for (const slug of slugs) {
    for (let t = 0; t < TABLES; t++) {
      const form: Record<string, string> = { table: cbs.tables[t]!, moment: 'JJ00', from: '2015', to: '2024' };
      for (let k = 0; k < TOPICS; k++) form[`onderwerp:bench-${t}-${k}`] = cbs.topic(t, k);
      const start = await client.post(`/w/${slug}/analyse/import/cbs`, form);
      if (start.status !== 302) throw new Error(`import ${slug}: ${start.status} ${start.body.slice(0, 500)}`);
      const preview = await follow(client, start.location!);
      const apply = await client.post(preview, { intent: 'apply' });
      if (apply.status !== 302) throw new Error(`apply ${slug}: ${apply.status}`);
    }
  }
  const linked = (sqlite.prepare("select count(*) as n from observations where source like 'CBS 9000%'").get() as { n: number })
    .n;
  console.log(`Linked: ${slugs.length} workspaces × ${TABLES * TOPICS} indicators × ${YEARS.length} years; ${linked} figures`);
  cbs.revise(); // 2024 becomes definitief, one figure per table changes

  const refresh = async (slug: string) => {
    const start = await client.post(`/w/${slug}/analyse/actualiseren`, {});
    if (start.status !== 302) throw new Error(`refresh ${slug}: ${start.status} ${start.body.slice(0, 500)}`);
    return follow(client, start.location!);
  };
  const discard = async (review: string) => {
    const reply = await client.post(review, { intent: 'discard' });
    if (reply.status !== 302) throw new Error(`discard: ${reply.status}`);
  };

  const one: number[] = [];
  const all: number[] = [];
  const requests: number[] = [];
  await discard(await refresh('regio')); // warm-up, not counted
  for (let run = 0; run < RUNS; run++) {
    const asked = cbs.requests;
    let t = performance.now();
    const review = await refresh('regio');
    one.push(performance.now() - t);
    requests.push(cbs.requests - asked);
    const page = await client.get(review);
    if (!page.body.includes('Controleer de actualisering')) throw new Error('no review');
    await discard(review);

    t = performance.now();
    const reviews = await Promise.all(slugs.map(refresh));
    all.push(performance.now() - t);
    await Promise.all(reviews.map(discard));
  }
  const ms = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
  console.log(
    `Region (20 indicators × 8 gemeenten × 10 years, ${requests[0]} CBS requests at ${values.latency} ms): ${ms(one)} (${one
      .map((x) => x.toFixed(0))
      .join(', ')})`
  );
  console.log(`All 9 workspaces at once: ${ms(all)} (${all.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${
      process.version
    }, ${new Date().toISOString().slice(0, 10)}`
  );
  sqlite.close();
} finally {
  await server.stop();
  await cbs.close();
}
