// bench/collab: simulated editors (Node Hocuspocus providers on loopback) over 20 documents, against
// Thuisplan's collaboration server and, in the same run, the peer (plain Hocuspocus + extension-sqlite).
// Reports remote echo (edit on one client -> seen on another), save acknowledgement latency (for Thuisplan
// that is "on disk"; for the peer only "received"), for Thuisplan also "Opgeslagen" (the saved-state
// protocol's answer that covers the edit, as the editor page uses it), updates per second and server memory.
//   npm run build && node --import tsx bench/collab/run.ts [--editors 50,200] [--seconds 10]
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SavedState } from '../../app/features/documents/editor/saved-state.ts';
import { Client, loggedIn } from '../../tests/helpers/http.ts';
import { DEMO, DEMO_PASSWORD, freePort } from '../../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '50,200' },
    seconds: { type: 'string', default: '10' },
    documents: { type: 'string', default: '20' },
    targets: { type: 'string', default: 'thuisplan,peer' },
  },
});
const EDITOR_COUNTS = values.editors!.split(',').map(Number);
const SECONDS = Number(values.seconds);
const DOCUMENTS = Number(values.documents);
const EDIT_INTERVAL_MS = 500; // each simulated editor: two small edits a second, with jitter
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Target {
  name: string;
  url: string;
  pid: number;
  cookie: string | null;
  documents: string[];
  stop: () => Promise<void>;
}

async function spawnAndWait(args: string[], env: Record<string, string>, readyText: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes(readyText)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return child;
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function startThuisplan(dir: string): Promise<Target> {
  const port = await freePort();
  const child = await spawnAndWait(
    ['build/server.js'],
    {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: path.join(dir, 'thuisplan.db'),
      THUISPLAN_DEMO: '1',
      THUISPLAN_DEMO_PASSWORD: DEMO_PASSWORD,
    },
    'luistert op'
  );
  const url = `http://127.0.0.1:${port}`;
  const client: Client = await loggedIn(url, DEMO.regie, DEMO_PASSWORD);
  const documents: string[] = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const reply = await client.post('/w/regio/documenten', { title: `Benchmark ${i + 1}`, step: '2', template: 'woonzorgvisie' });
    documents.push(reply.location!.split('/').pop()!);
  }
  return { name: 'Thuisplan', url, pid: child.pid!, cookie: client.cookie, documents, stop: () => stopChild(child) };
}

async function startPeer(dir: string): Promise<Target> {
  const port = await freePort();
  const child = await spawnAndWait(
    ['--import', 'tsx', 'bench/collab/peer.ts'],
    { PORT: String(port), DATABASE_PATH: path.join(dir, 'peer.db') },
    'luistert op'
  );
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => `benchmark-${i + 1}`);
  return {
    name: 'Hocuspocus + extension-sqlite',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    cookie: null,
    documents,
    stop: () => stopChild(child),
  };
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Editor {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  pendingSince: number[];
  /** Edits not yet covered by a "saved" answer (Thuisplan only). */
  unconfirmed: number[];
  saved: SavedState | null;
}

function connect(target: Target, documentName: string, acks: number[], confirms: number[]): Editor {
  const headers: Record<string, string> = { origin: target.url, ...(target.cookie ? { cookie: target.cookie } : {}) };
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `${target.url.replace('http', 'ws')}/collab`,
    WebSocketPolyfill: BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc, token: 'bench' });
  provider.attach();
  const saved = target.name === 'Thuisplan' ? new SavedState(doc, provider) : null;
  const editor: Editor = { doc, provider, socket, pendingSince: [], unconfirmed: [], saved };
  saved?.subscribe(() => {
    if (saved.state !== 'saved') return;
    const now = performance.now();
    for (const since of editor.unconfirmed.splice(0)) confirms.push(now - since);
  });
  let previous = 0;
  provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    // Acknowledgements come back in order: each decrement settles the oldest pending edit.
    for (let i = number; i < previous; i++) {
      const since = editor.pendingSince.shift();
      if (since !== undefined) acks.push(performance.now() - since);
    }
    previous = number;
  });
  return editor;
}

async function scenario(target: Target, editorCount: number, seconds = SECONDS) {
  const echoes: number[] = [];
  const acks: number[] = [];
  const confirms: number[] = [];
  const inDocument = (d: number) =>
    Math.floor(editorCount / target.documents.length) + (d < editorCount % target.documents.length ? 1 : 0);
  const editors: Array<Editor & { index: number; documentIndex: number }> = [];
  for (let i = 0; i < editorCount; i++) {
    const documentIndex = i % target.documents.length;
    editors.push({
      ...connect(target, target.documents[documentIndex], acks, confirms),
      index: Math.floor(i / target.documents.length),
      documentIndex,
    });
  }
  const deadline = Date.now() + 30_000;
  while (!editors.every((e) => e.provider.isSynced)) {
    if (Date.now() > deadline) throw new Error(`${target.name}: not every editor synced`);
    await new Promise((r) => setTimeout(r, 20));
  }
  // Each edit is timed by the next editor in the same document (a ring), so every edit has one observer.
  for (const e of editors) {
    const count = inDocument(e.documentIndex);
    if (count < 2) continue;
    const predecessor = `e${(e.index - 1 + count) % count}`;
    e.doc.getMap<number>('sent').observe((event) => {
      if (event.transaction.local) return;
      for (const key of event.keysChanged) {
        if (key === predecessor) echoes.push(performance.now() - (e.doc.getMap<number>('sent').get(key) ?? NaN));
      }
    });
  }
  const started = performance.now();
  const timers = editors.map((e) =>
    setInterval(
      () => {
        e.doc.transact(() => {
          const text = e.doc.getText('body');
          text.insert(text.length % 500, 'x');
          e.doc.getMap<number>('sent').set(`e${e.index}`, performance.now());
        });
        e.pendingSince.push(performance.now());
        if (e.saved) e.unconfirmed.push(performance.now());
      },
      EDIT_INTERVAL_MS * (0.8 + Math.random() * 0.4)
    )
  );
  await new Promise((r) => setTimeout(r, seconds * 1000));
  timers.forEach(clearInterval);
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 1500)); // let the last acknowledgements arrive
  const memory = rssMb(target.pid);
  editors.forEach((e) => {
    e.saved?.destroy();
    e.provider.destroy();
    e.socket.destroy();
  });
  await new Promise((r) => setTimeout(r, 500));
  echoes.sort((a, b) => a - b);
  acks.sort((a, b) => a - b);
  confirms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    target: target.name,
    editors: editorCount,
    documents: target.documents.length,
    echo: {
      p50: round(percentile(echoes, 50)),
      p95: round(percentile(echoes, 95)),
      p99: round(percentile(echoes, 99)),
      n: echoes.length,
    },
    save: {
      p50: round(percentile(acks, 50)),
      p95: round(percentile(acks, 95)),
      p99: round(percentile(acks, 99)),
      n: acks.length,
    },
    saved: {
      p50: round(percentile(confirms, 50)),
      p95: round(percentile(confirms, 95)),
      p99: round(percentile(confirms, 99)),
      n: confirms.length,
    },
    updatesPerSecond: Math.round(acks.length / elapsed),
    memoryMb: memory,
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thuisplan-bench-'));
const results = [];
const STARTERS = { thuisplan: startThuisplan, peer: startPeer } as const;
for (const key of values.targets!.split(',') as Array<keyof typeof STARTERS>) {
  const target = await STARTERS[key](dir);
  try {
    await scenario(target, 50, 3); // warm-up (JIT, caches), not recorded
    for (const count of EDITOR_COUNTS) {
      const result = await scenario(target, count);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  } finally {
    await target.stop();
  }
}
fs.rmSync(dir, { recursive: true, force: true });

console.log(
  '\n| server | editors | docs | echo p50 / p95 / p99 (ms) | save ack p50 / p95 / p99 (ms) | "Opgeslagen" p50 / p95 / p99 (ms) | updates/s | RSS (peak) MB |'
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  console.log(
    `| ${r.target} | ${r.editors} | ${r.documents} | ${r.echo.p50} / ${r.echo.p95} / ${r.echo.p99} | ${r.save.p50} / ${
      r.save.p95
    } / ${r.save.p99} | ${r.saved.n ? `${r.saved.p50} / ${r.saved.p95} / ${r.saved.p99}` : '–'} | ${r.updatesPerSecond} | ${
      r.memoryMb.rss
    } (${r.memoryMb.peak}) |`
  );
}
for (const count of results.length === EDITOR_COUNTS.length * 2 ? EDITOR_COUNTS : []) {
  const ours = results.find((r) => r.target === 'Thuisplan' && r.editors === count)!;
  const peer = results.find((r) => r.target !== 'Thuisplan' && r.editors === count)!;
  console.log(
    `\n${count} editors: Thuisplan durable save p99 ${ours.save.p99} ms = ${(ours.save.p99 / peer.echo.p99).toFixed(
      2
    )}× the peer's echo p99 (${peer.echo.p99} ms); Thuisplan echo p99 ${ours.echo.p99} ms; "Opgeslagen" p99 ${
      ours.saved.p99
    } ms, ${(ours.saved.p99 - ours.save.p99).toFixed(2)} ms after the durable save ack p99`
  );
}
