// bench/import: the analysis step's two figures, against the production build on a fresh SQLite file.
//  1. A 100,000-row CSV through the real pages: upload + check + preview, then confirm (target ≤ 5 s).
//  2. The region monitor page with 10 years × 50 indicators × 8 gemeenten (+ the region total, 9 columns
//     of workspaces), rendered server-side: p50/p95 of GET over loopback (target p95 ≤ 100 ms).
//   npm run build && node --import tsx bench/import/run.ts [--rows 100000] [--requests 200] [--html page.html]
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openTestDb } from '../../tests/helpers/db.ts';
import { loggedIn } from '../../tests/helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '200' },
    // Keep one monitor page, to see what its HTML is made of.
    html: { type: 'string' },
  },
});
const ROWS = Number(values.rows);
const REQUESTS = Number(values.requests);
const YEARS = 130; // 1900–2029: the CSV check accepts years from 1900 to ten years ahead
const now = new Date().toISOString();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const server = await startServer();
try {
  const client = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
  const sqlite = openTestDb(server.dbPath);
  const gemeenten = sqlite.prepare("select id, cbs_code from workspaces where kind = 'gemeente' order by name").all() as Array<{
    id: string;
    cbs_code: string;
  }>;

  // Enough indicators for ROWS distinct (gemeente, indicator, year) rows.
  const indicatorCount = Math.ceil(ROWS / (gemeenten.length * YEARS));
  const insertIndicator = sqlite.prepare(
    "insert or ignore into indicators (id, name, unit, target_group_id, definition, source, is_count, small_threshold, created_at) values (?, ?, 'aantal', null, '', 'bench', 1, 10, ?)"
  );
  for (let i = 0; i < Math.max(indicatorCount, 50); i++) insertIndicator.run(`bench-${i}`, `Benchindicator ${i}`, now);

  // 1. The CSV import.
  const lines = ['gemeente;indicator;periode;waarde'];
  outer: for (let i = 0; i < indicatorCount; i++) {
    for (let y = 0; y < YEARS; y++) {
      for (const g of gemeenten) {
        if (lines.length > ROWS) break outer;
        lines.push(`${g.cbs_code};bench-${i};${1900 + y};${((i * 7919 + y * 104729) % 5000) + 10}`);
      }
    }
  }
  const csv = lines.join('\r\n');
  const form = new FormData();
  form.set('file', new Blob([csv]), 'bench.csv');
  form.set('source', 'Benchmark');
  let started = performance.now();
  const upload = await fetch(new URL('/w/regio/analyse/import', server.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: client.cookie!, origin: server.url },
    body: form,
  });
  const preview = upload.headers.get('location');
  if (upload.status !== 302 || !preview)
    throw new Error(`upload failed: ${upload.status} ${(await upload.text()).slice(0, 300)}`);
  const checkMs = performance.now() - started;
  started = performance.now();
  const confirm = await client.post(preview, { intent: 'apply' });
  if (confirm.status !== 302) throw new Error(`confirm failed: ${confirm.status}\n${server.output().slice(-3000)}`);
  const applyMs = performance.now() - started;
  const stored = (sqlite.prepare("select count(*) as n from observations where source = 'Benchmark'").get() as { n: number }).n;
  console.log(
    `CSV import: ${ROWS.toLocaleString('en')} rows (${(csv.length / 1024 / 1024).toFixed(
      1
    )} MB): check + preview ${checkMs.toFixed(0)} ms, confirm ${applyMs.toFixed(0)} ms, total ${(checkMs + applyMs).toFixed(
      0
    )} ms; ${stored} observations stored`
  );

  // 2. The monitor page: 10 years × 50 indicators × 8 gemeenten from one source, in the group "ouderen".
  sqlite.prepare("delete from observations where source = 'Benchmark'").run();
  sqlite
    .prepare("update indicators set target_group_id = 'ouderen' where id like 'bench-%' and cast(substr(id, 7) as integer) < 50")
    .run();
  const importId = (sqlite.prepare('select id from data_imports limit 1').get() as { id: string }).id;
  const insert = sqlite.prepare(
    'insert into observations (indicator_id, workspace_id, period, value, source, import_id, imported_by) values (?, ?, ?, ?, ?, ?, (select workspace_id from data_imports where id = ?))'
  );
  sqlite.transaction(() => {
    for (let i = 0; i < 50; i++) {
      for (let y = 2015; y < 2025; y++) {
        for (const [n, g] of gemeenten.entries())
          insert.run(`bench-${i}`, g.id, String(y), ((i + 3) * (n + 5) * (y - 2000)) % 400, 'CBS bench', importId, importId);
      }
    }
    for (let y = 2015; y < 2025; y++) {
      for (const [n, g] of gemeenten.entries())
        insert.run('bevolking', g.id, String(y), 20_000 + n * 17_000, 'CBS bench', importId, importId);
    }
  })();
  const count = (sqlite.prepare("select count(*) as n from observations where source = 'CBS bench'").get() as { n: number }).n;
  const path = '/w/regio/analyse?groep=ouderen&periode=2024';
  for (let i = 0; i < 20; i++) await client.get(path); // warm-up, not counted
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const reply = await client.get(path);
    times.push(performance.now() - t);
    if (reply.status !== 200) throw new Error(`monitor: ${reply.status}\n${server.output().slice(-4000)}`);
    bytes = reply.body.length;
    if (values.html) writeFileSync(values.html, reply.body);
  }
  times.sort((a, b) => a - b);
  console.log(
    `Monitor page: ${count} observations (50 indicators × 10 years × ${
      gemeenten.length
    } gemeenten + inhabitants), ${REQUESTS} requests, ${(bytes / 1024).toFixed(0)} kB HTML: p50 ${percentile(times, 50).toFixed(
      1
    )} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`
  );
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${
      process.version
    }, ${new Date().toISOString().slice(0, 10)}`
  );
  sqlite.close();
} finally {
  await server.stop();
}
