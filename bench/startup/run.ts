// bench/startup: how soon the server listens after a start, on an empty and on a 1 GB database, and after
// a kill -9 in the middle of writes (a WAL to recover). The figure for issue "Opgeslagen means on disk":
// listening ≤ 2 s after the start on an idle machine with a 1 GB database.
//   npm run build && node --import tsx bench/startup/run.ts [--runs 5] [--gigabytes 1]
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { freePort } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, gigabytes: { type: 'string', default: '1' } },
});
const RUNS = Number(values.runs);
const BYTES = Number(values.gigabytes) * 1024 ** 3;
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  listenMs: number;
  firstPageMs: number;
  port: number;
}

async function start(dbPath: string): Promise<Started> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, ['build/server.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: dbPath,
      THUISPLAN_DEMO: '1',
      THUISPLAN_DEMO_PASSWORD: 'benchmark-wachtwoord',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const listenMs = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      if (output.includes('luistert op')) resolve(performance.now() - began);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/login`).then(
      (r) => r.ok,
      () => false
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, listenMs, firstPageMs: performance.now() - began, port };
}

const stop = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** Fills the database with documents of 500 KB snapshots plus appended updates, up to `bytes`. */
function fill(dbPath: string, bytes: number) {
  const db = new SQLite(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const workspace = (db.prepare('select id from workspaces limit 1').get() as { id: string }).id;
  const insertDocument = db.prepare(
    `insert into documents (id, workspace_id, step, title, status, created_by, created_at, updated_at, archived_at, snapshot, snapshot_at)
     values (?, ?, 2, ?, 'concept', null, ?, ?, null, ?, ?)`
  );
  const insertUpdate = db.prepare('insert into document_updates (document_id, data, created_at) values (?, ?, ?)');
  const now = new Date().toISOString();
  let written = 0;
  let n = 0;
  const batch = db.transaction(() => {
    for (let i = 0; i < 50; i++) {
      const id = randomUUID();
      // Not a real Yjs state: the server never opens these documents during the benchmark.
      insertDocument.run(id, workspace, `Gevuld ${++n}`, now, now, randomBytes(500_000), now);
      for (let u = 0; u < 20; u++) insertUpdate.run(id, randomBytes(1_000), now);
      written += 520_000;
    }
  });
  while (written < bytes) batch();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thuisplan-startup-'));
const dbPath = path.join(dir, 'thuisplan.db');
const rows: string[] = [];
/** `RUNS` starts and stops on the database as it is. */
async function starts(): Promise<Started[]> {
  const all = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await start(dbPath);
    all.push(s);
    await stop(s.child);
  }
  return all;
}
const row = (label: string, all: Array<Pick<Started, 'listenMs' | 'firstPageMs'>>) =>
  `| ${label} | ${Math.round(median(all.map((s) => s.listenMs)))} (max ${Math.round(
    Math.max(...all.map((s) => s.listenMs))
  )}) | ${Math.round(median(all.map((s) => s.firstPageMs)))} |`;
try {
  // An empty database (schema, seed and demo accounts made by the first start, not counted).
  await stop((await start(dbPath)).child);
  rows.push(row(`empty (${(fs.statSync(dbPath).size / 1024 ** 2).toFixed(1)} MB)`, await starts()));

  const filled = Date.now();
  const documents = fill(dbPath, BYTES);
  const size = fs.statSync(dbPath).size;
  console.log(
    `filled ${(size / 1024 ** 3).toFixed(2)} GB (${documents} documents) in ${((Date.now() - filled) / 1000).toFixed(1)} s`
  );
  rows.push(row(`${(size / 1024 ** 3).toFixed(2)} GB, ${documents} documents`, await starts()));

  // kill -9 right after a burst of writes from another connection: the WAL is not checkpointed.
  const killed = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await start(dbPath);
    const writer = new SQLite(dbPath);
    writer.pragma('wal_autocheckpoint = 0');
    const insert = writer.prepare(
      'insert into document_updates (document_id, data, created_at) values ((select id from documents limit 1), ?, ?)'
    );
    writer.transaction(() => {
      for (let u = 0; u < 2_000; u++) insert.run(randomBytes(10_000), new Date().toISOString());
    })();
    writer.close();
    await stop(s.child, 'SIGKILL');
    const walMb = fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size / 1024 ** 2 : 0;
    const again = await start(dbPath);
    killed.push({ ...again, walMb });
    await stop(again.child);
  }
  rows.push(row(`same, after kill -9 with a ${Math.round(median(killed.map((k) => k.walMb)))} MB WAL`, killed));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${RUNS} starts each, spawn of \`node build/server.js\` to "luistert op" and to the first page served:\n`);
console.log('| database | listening, median (max) ms | first page, median ms |');
console.log('| --- | --- | --- |');
for (const line of rows) console.log(line);
