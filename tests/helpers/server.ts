import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DEMO_PASSWORD = 'demo-wachtwoord-voor-tests';

export const DEMO = {
  regie: 'regie@demo.thuisplan.nl',
  enschede: 'enschede@demo.thuisplan.nl',
  hengelo: 'hengelo@demo.thuisplan.nl',
  zorg: 'zorg@demo.thuisplan.nl',
  provincie: 'provincie@demo.thuisplan.nl',
  beheer: 'beheer@demo.thuisplan.nl',
} as const;
export type DemoUser = keyof typeof DEMO;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  port: number;
  dbPath: string;
  pid: number;
  output: () => string;
  stop: (options?: { keepFiles?: boolean }) => Promise<void>;
  /** kill -9: no shutdown hook runs. The database file stays for a restart. */
  crash: () => Promise<void>;
}

/**
 * Starts the real production server (build/server.js, the bundled server.ts, on the built app) on a free port with its own SQLite file.
 * `env` may depend on the server's own URL (for settings such as APP_ORIGIN).
 */
export async function startServer(
  env: Record<string, string> | ((url: string) => Record<string, string>) = {},
  reuse?: { dbPath: string; port: number }
): Promise<TestServer> {
  const dir = reuse ? path.dirname(reuse.dbPath) : fs.mkdtempSync(path.join(os.tmpdir(), 'thuisplan-test-'));
  const dbPath = reuse?.dbPath ?? path.join(dir, 'thuisplan.db');
  const port = reuse?.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ['build/server.js'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_PATH: dbPath,
      PORT: String(port),
      HOST: '127.0.0.1',
      THUISPLAN_DEMO: '1',
      THUISPLAN_DEMO_PASSWORD: DEMO_PASSWORD,
      THUISPLAN_DEMO_FIGURES: '0', // the tests import their own figures
      ...(typeof env === 'function' ? env(`http://127.0.0.1:${port}`) : env),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    // Readiness is the server's own line; the limit only catches a hang (a loaded machine starts in 5–20 s),
    // kept under the hook timeout so the failure names the server, never a skip.
    const timer = setTimeout(() => reject(new Error(`server did not start in 80 s:\n${output}`)), 80_000);
    child.stdout!.on('data', () => {
      if (output.includes('luistert op')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbPath,
    pid: child.pid!,
    output: () => output,
    crash: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    stop: async ({ keepFiles = false } = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
