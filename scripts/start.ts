// `npm start`: build when the build is missing or older than the sources, then serve in production mode
// from the bundled server (build/server.js: no TypeScript compiled at start, so a restart listens sooner).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const BUILD_FILE = 'build/server.js';
const SOURCES = ['app', 'db', 'public', 'server.ts', 'remix.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const built = fs.existsSync(BUILD_FILE) ? fs.statSync(BUILD_FILE).mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestMtime))) {
  console.log('Thuisplan wordt gebouwd…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.NODE_ENV = 'production';
await import(pathToFileURL(path.resolve(BUILD_FILE)).href);
