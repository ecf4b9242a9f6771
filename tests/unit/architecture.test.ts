import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of ARCHITECTURE.md, lowest first. A module may import from its own layer and the ones below.
const LAYERS: Array<[RegExp, number, string]> = [
  [/^db\//, 0, 'db'],
  [/^app\/lib\//, 1, 'lib'],
  [/^app\/components\//, 1, 'components'],
  [/^app\/auth\//, 2, 'auth'],
  [/^app\/core\//, 3, 'core'],
  [/^app\/features\//, 4, 'features'],
  [/^app\/(collab|http)\//, 5, 'collab/http'],
  [/^setup\//, 6, 'setup'],
  [/^app\/(routes\/|root\.tsx|entry\.)/, 7, 'routes'],
];
const layerOf = (file: string) => LAYERS.find(([pattern]) => pattern.test(file));
const folderOf = (file: string) =>
  file.startsWith('app/features/') ? file.split('/').slice(0, 3).join('/') : layerOf(file)?.[2];

const files = execSync("git ls-files 'app/*.ts' 'app/*.tsx' 'db/*.ts' 'setup/*.ts'", { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const imports = files.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"?]+)/g)].map((m) => ({
    file,
    target: path.normalize(path.join(path.dirname(file), m[1]!)),
  }))
);

describe('the house', () => {
  it('no import runs back up a layer', () => {
    const upward = imports
      .filter(({ file, target }) => (layerOf(target)?.[1] ?? -1) > (layerOf(file)?.[1] ?? Infinity))
      .map(({ file, target }) => `${file} → ${target}`);
    expect(upward).toEqual([]);
  });

  it('no two folders import each other', () => {
    const edges = new Set(
      imports
        .map(({ file, target }) => `${folderOf(file)}|${folderOf(target)}`)
        .filter((e) => e.split('|')[0] !== e.split('|')[1])
    );
    const cycles = [...edges].filter((e) => edges.has(e.split('|').reverse().join('|')));
    expect(cycles).toEqual([]);
  });

  it('every module has its layer', () => {
    expect(files.filter((f) => !layerOf(f) && !/^app\/styles\//.test(f))).toEqual([]);
  });
});
