// bench/dashboard: the region dashboard (issue 14: p95 ≤ 50 ms server-side for 9 workspaces × 2,000 actions and
// a year of audit log, 500,000 rows; the number of SQL statements does not grow with the data).
// Against the production build on a fresh SQLite file: the app's own migrate + seed (the server's start),
// then bulk rows (tests/helpers/dashboard-data.ts), then GET /w/regio/dashboard as the regional
// projectleider, timed over loopback, interleaved with the page it replaces as the lead's view, /w/regio.
//   npm run build && node --import tsx bench/dashboard.ts [--actions 2000] [--audit 500000] [--requests 200]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database, Workspace } from '../db/schema.ts';
import { openSqlite } from '../db/index.ts';
import { loadActor } from '../app/core/memberships.server.ts';
import { loadDashboard } from '../app/features/dashboard/dashboard.server.ts';
import { seedDashboardData } from '../tests/helpers/dashboard-data.ts';
import { openTestDb } from '../tests/helpers/db.ts';
import { loggedIn } from '../tests/helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer } from '../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    actions: { type: 'string', default: '2000' },
    audit: { type: 'string', default: '500000' },
    requests: { type: 'string', default: '200' },
  },
});
const ACTIONS = Number(values.actions);
const AUDIT = Number(values.audit);
const REQUESTS = Number(values.requests);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1)).join(' / ');
};

const server = await startServer();
try {
  const sqlite = openTestDb(server.dbPath);
  const started = performance.now();
  const { workspaces } = seedDashboardData(sqlite, { actionsPerWorkspace: ACTIONS, auditRows: AUDIT });
  const counts = sqlite
    .prepare(
      'select (select count(*) from actions) as actions, (select count(*) from audit_log) as audit, (select count(*) from knelpunten) as knelpunten'
    )
    .get() as { actions: number; audit: number; knelpunten: number };
  console.log(
    `seeded ${workspaces.length} workspaces: ${counts.actions} actions, ${counts.audit} audit rows, ${counts.knelpunten} knelpunten in ${(
      (performance.now() - started) /
      1000
    ).toFixed(1)} s`
  );
  // The projectleider was here a week ago: every request of this run is the same visit, showing a week of changes.
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  sqlite
    .prepare(
      "insert or replace into dashboard_visits (user_id, workspace_id, since, last_seen_at) select u.id, w.id, ?, ? from users u, workspaces w where u.email = ? and w.slug = 'regio'"
    )
    .run(weekAgo, new Date().toISOString(), DEMO.regie);
  sqlite.close();

  // The SQL statements of one dashboard, counted on the model over the same file.
  const counted = openSqlite(server.dbPath);
  let statements = 0;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: counted }),
    log: (event) => void (event.level === 'query' && (statements += 1)),
  });
  const region = counted.prepare("select * from workspaces where slug = 'regio'").get() as Workspace;
  const regie = counted.prepare('select id from users where email = ?').get(DEMO.regie) as { id: string };
  const actor = await loadActor(db, { id: regie.id, isAdmin: false });
  statements = 0;
  const model = await loadDashboard(db, { actor, userId: regie.id, workspace: region, recordVisit: false });
  const modelStatements = statements;
  const modelTimes: number[] = [];
  const writer = openSqlite(server.dbPath);
  const touch = writer.prepare('update actions set progress = (progress + 1) % 100 where id = (select id from actions limit 1)');
  for (let i = 0; i < 50; i++) {
    touch.run(); // a change before each call: the dashboard is built, not served from memory
    const t = performance.now();
    await loadDashboard(db, { actor, userId: regie.id, workspace: region, recordVisit: false });
    modelTimes.push(performance.now() - t);
  }
  await db.destroy();

  const client = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
  // "changed": another user's change lands before each request, so every request builds the dashboard anew;
  // "dashboard": nothing changed in between, served from memory after a look at the data version.
  const pages = { changed: '/w/regio/dashboard', dashboard: '/w/regio/dashboard', steps: '/w/regio' } as const;
  const times: Record<keyof typeof pages, number[]> = { changed: [], dashboard: [], steps: [] };
  const cpuMs: Record<keyof typeof pages, number> = { changed: 0, dashboard: 0, steps: 0 };
  const sizes: Record<keyof typeof pages, number> = { changed: 0, dashboard: 0, steps: 0 };
  // The server process's CPU time (user + system, in clock ticks of 10 ms): what a request costs the server
  // itself, whatever else the machine is doing; the latencies below include waiting for a core.
  const cpuTicks = () => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  for (let i = 0; i < 20; i++) for (const path of Object.values(pages)) await client.get(path); // warm-up
  for (let round = 0; round < 4; round++) {
    // Interleaved in rounds of a quarter each, so that both pages meet the same load on the machine.
    for (const [name, path] of Object.entries(pages) as Array<[keyof typeof pages, string]>) {
      const ticks = cpuTicks();
      for (let i = 0; i < REQUESTS / 4; i++) {
        if (name === 'changed') touch.run();
        const t = performance.now();
        const reply = await client.get(path);
        times[name].push(performance.now() - t);
        if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`);
        sizes[name] = reply.body.length;
      }
      cpuMs[name] += (cpuTicks() - ticks) * 10;
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${cpu}), Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`
  );
  console.log(
    `dashboard data: ${model.workspaces.length} workspaces, ${model.overdue.length} overdue listed, ${model.changes?.total ?? 0} changes since the visit (counted up to ${model.changes?.countedUpTo ?? 0})`
  );
  console.log(`SQL statements per dashboard (model): ${modelStatements}`);
  console.log(`model only, in process, built after a change each time: p50 / p95 / p99 ${summary(modelTimes)} ms (50 calls)`);
  console.log('| page | requests | p50 / p95 / p99 (ms) | server CPU per request (ms) | HTML (KB) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const name of Object.keys(pages) as Array<keyof typeof pages>) {
    console.log(
      `| ${pages[name]}${name === 'changed' ? ' (a change before each)' : name === 'dashboard' ? ' (nothing changed)' : ''} | ${times[name].length} | ${summary(times[name])} | ${(cpuMs[name] / times[name].length).toFixed(1)} | ${(
        sizes[name] / 1024
      ).toFixed(0)} |`
    );
  }
  writer.close();
} finally {
  await server.stop();
}
