import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/index.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { GEMEENTEN, seedBase, seedDemo } from '../../db/seed.ts';
import { openTestDb } from '../helpers/db.ts';

const dirs: string[] = [];
function tempFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thuisplan-migrate-'));
  dirs.push(dir);
  return path.join(dir, 'thuisplan.db');
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function snapshot(file: string) {
  const db = openTestDb(file);
  const schema = db.prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by name").all();
  const counts = Object.fromEntries(
    ['workspaces', 'steps', 'organisations', 'users', 'memberships', 'documents', 'audit_log'].map((t) => [
      t,
      (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n,
    ])
  );
  db.close();
  return { schema, counts };
}

describe('migrations and seed', () => {
  it('run on an empty file, and again on a migrated one without any change', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    const first = await migrateToLatest(db);
    expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual([
      ['0001-foundation', 'Success'],
      ['0002-documents', 'Success'],
      ['0003-comments', 'Success'],
      ['0004-analysis', 'Success'],
    ]);
    await seedBase(db);
    await seedDemo(db, 'test-wachtwoord-123');
    const before = snapshot(file);
    // Demo mode fills the monitor with figures that say they are fictitious, and nothing else.
    const sources = await db.selectFrom('observations').select('source').distinct().execute();
    expect(sources).toEqual([{ source: 'Demo (fictieve cijfers)' }]);
    expect(
      (
        await db
          .selectFrom('observations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    ).toBe(8 * 6 * 5);

    const second = await migrateToLatest(db);
    expect(second.results).toEqual([]);
    await seedBase(db);
    expect(await seedDemo(db, 'ander-wachtwoord-123')).toBeNull(); // not on a database with users
    expect(snapshot(file)).toEqual(before);
    await db.destroy();
  });

  it('seeds the region, the eight gemeenten with their CBS codes and four steps each', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    await migrateToLatest(db);
    await seedBase(db);
    const workspaces = await db.selectFrom('workspaces').select(['slug', 'kind', 'cbs_code', 'name']).orderBy('slug').execute();
    expect(workspaces).toHaveLength(9);
    expect(workspaces.find((w) => w.slug === 'regio')).toMatchObject({ kind: 'regio', name: 'Regio Enschede (MO/BW)' });
    for (const g of GEMEENTEN)
      expect(workspaces).toContainEqual({ slug: g.slug, kind: 'gemeente', cbs_code: g.cbsCode, name: g.name });
    expect(workspaces.find((w) => w.slug === 'enschede')?.cbs_code).toBe('GM0153');
    const steps = await db.selectFrom('steps').select(['number', 'status']).execute();
    expect(steps).toHaveLength(36);
    expect(new Set(steps.map((s) => s.status))).toEqual(new Set(['niet_gestart']));
    await db.destroy();
  });

  it('sets WAL, foreign keys and a busy timeout', async () => {
    const db = openDatabase(tempFile());
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    await db.destroy();
  });
});
