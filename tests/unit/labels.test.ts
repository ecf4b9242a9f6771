// One name per thing: an aandachtsgroep, the indicator that counts it, a step, a role or a status is
// called the same everywhere. Fails when two labels for the same id differ, or an old name comes back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMER_NAMES, INDICATORS, TARGET_GROUPS } from '../../app/features/analysis/catalogue.ts';
import { DOCUMENT_STATUS_LABELS, STATUS_LABELS } from '../../app/core/labels.ts';

const root = path.resolve(__dirname, '../..');
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

describe('labels', () => {
  it('an indicator that counts an aandachtsgroep has the group’s name', () => {
    const groups = new Map(TARGET_GROUPS.map((g) => [g.id, g.name]));
    const shared = INDICATORS.filter((i) => groups.has(i.id));
    expect(shared.map((i) => i.id)).toEqual(expect.arrayContaining(['statushouders', 'dak-en-thuislozen', 'uitstroom-mo-bw']));
    for (const indicator of shared) expect([indicator.id, indicator.name]).toEqual([indicator.id, groups.get(indicator.id)]);
  });

  it('gives different things different names', () => {
    const groupNames = TARGET_GROUPS.map((g) => g.name.toLowerCase());
    expect(new Set(groupNames).size).toBe(groupNames.length);
    const indicatorNames = INDICATORS.map((i) => i.name.toLowerCase());
    expect(new Set(indicatorNames).size).toBe(indicatorNames.length);
  });

  it('the same state is called the same in steps and documents', () => {
    expect(DOCUMENT_STATUS_LABELS.ter_review).toBe(STATUS_LABELS.ter_review);
  });

  it('uses an earlier name nowhere but where it is renamed or still understood', () => {
    const former = [...Object.values(FORMER_NAMES.indicators), ...Object.values(FORMER_NAMES.targetGroups)].flat();
    const allowed = new Set(['app/features/analysis/catalogue.ts', 'db/migrations/0009-one-name.ts']);
    const found: string[] = [];
    for (const file of [...sources('app'), ...sources('setup'), ...sources('db')]) {
      if (allowed.has(file)) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const name of former) if (text.includes(name)) found.push(`${file}: ${name}`);
    }
    expect(found).toEqual([]);
  });
});
