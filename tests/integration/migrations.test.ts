import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/index.ts';
import { migrateToLatest, migratorFor } from '../../db/migrate.ts';
import { ANALYSIS_TABLES } from '../../db/migrations/0007-data-versions.ts';
import { GEMEENTEN, seedBase, seedDemo } from '../../setup/seed.ts';
import { loadMonitor } from '../../app/features/analysis/monitor.server.ts';
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

describe('migration 0005: one source per CBS table', () => {
  it('merges the spellings of a table id into the latest import’s, keeping its figure where both had one', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    await migratorFor(db).migrateTo('0004-analysis');
    await seedBase(db);
    const enschede = (await db.selectFrom('workspaces').select('id').where('slug', '=', 'enschede').executeTakeFirstOrThrow()).id;
    const region = (await db.selectFrom('workspaces').select('id').where('slug', '=', 'regio').executeTakeFirstOrThrow()).id;
    const imports: Array<[string, string, string, Array<[string, number]>]> = [
      [
        'old',
        'CBS 70072NED',
        '2025-01-01T00:00:00.000Z',
        [
          ['2022', 100],
          ['2023', 200],
        ],
      ],
      ['new', 'CBS 70072ned', '2026-01-01T00:00:00.000Z', [['2023', 210]]],
    ];
    for (const [id, source, at, figures] of imports) {
      await sql`insert into data_imports (id, workspace_id, kind, source, detail, status, summary, rows, created_at, applied_at)
        values (${id}, ${region}, 'cbs', ${source}, 'x', 'applied', '{}', ${figures.length}, ${at}, ${at})`.execute(db);
      for (const [period, value] of figures) {
        await sql`insert into observations (indicator_id, workspace_id, period, value, source, import_id)
          values ('bevolking', ${enschede}, ${period}, ${value}, ${source}, ${id})`.execute(db);
      }
    }
    await migrateToLatest(db);
    const rows = await db.selectFrom('observations').select(['period', 'value', 'source']).orderBy('period').execute();
    expect(rows).toEqual([
      { period: '2022', value: 100, source: 'CBS 70072ned' },
      { period: '2023', value: 210, source: 'CBS 70072ned' },
    ]);
    expect(await db.selectFrom('data_imports').select('source').distinct().execute()).toEqual([{ source: 'CBS 70072ned' }]);
    await db.destroy();
  });
});

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
      ['0005-cbs-provenance', 'Success'],
      ['0006-cbs-refresh', 'Success'],
      ['0007-data-versions', 'Success'],
      ['0008-dutch-values', 'Success'],
      ['0009-one-name', 'Success'],
      ['0010-step-three', 'Success'],
      ['0011-dashboard', 'Success'],
      ['0012-dashboard-version', 'Success'],
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

describe('migration 0007: the analysis data version behind the monitor view', () => {
  it('every table the monitor reads raises the version on insert, update and delete', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    await migrateToLatest(db);
    const raw = openTestDb(file);
    const triggers = raw.prepare("select tbl_name as t, sql from sqlite_master where type = 'trigger'").all() as Array<{
      t: string;
      sql: string;
    }>;
    for (const table of ANALYSIS_TABLES)
      for (const event of ['insert', 'update', 'delete'])
        expect(triggers.some((t) => t.t === table && t.sql.includes(`after ${event} on ${table}`))).toBe(true);
    raw.close();
    await db.destroy();
  });

  it('serves the same view while nothing changed, and a new one after a write from this or another connection', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    await migrateToLatest(db);
    await seedBase(db);
    await seedDemo(db, 'test-wachtwoord-123');
    const regio = await db.selectFrom('workspaces').selectAll().where('slug', '=', 'regio').executeTakeFirstOrThrow();
    const enschede = await db.selectFrom('workspaces').selectAll().where('slug', '=', 'enschede').executeTakeFirstOrThrow();
    const query = { groupId: null, period: null };
    const first = await loadMonitor(db, regio, query, new Set());
    expect(await loadMonitor(db, regio, query, new Set())).toBe(first);
    const row = first.rows.find((r) => r.indicator.isCount && r.cells[enschede.id]?.kind === 'rounded')!;
    const indicatorId = row.indicator.id;
    const shown = () =>
      loadMonitor(db, regio, query, new Set()).then(
        (m) => m.rows.find((r) => r.indicator.id === indicatorId)!.cells[enschede.id]
      );
    // Who looks is part of the key: a member of Enschede sees its figure exactly, from the same data.
    expect(
      (await loadMonitor(db, regio, query, new Set([enschede.id]))).rows.find((r) => r.indicator.id === indicatorId)!.cells[
        enschede.id
      ]!.kind
    ).toBe('exact');

    // Another connection (a second process, a repair by hand) changes the figure.
    const raw = openTestDb(file);
    raw
      .prepare('update observations set value = 12345 where indicator_id = ? and workspace_id = ? and period = ?')
      .run(indicatorId, enschede.id, first.period);
    expect(await shown()).toMatchObject({ kind: 'rounded', display: '12.345' });
    // This connection changes it again.
    await db
      .updateTable('observations')
      .set({ value: 2020 })
      .where('indicator_id', '=', indicatorId)
      .where('workspace_id', '=', enschede.id)
      .where('period', '=', first.period!)
      .execute();
    expect(await shown()).toMatchObject({ kind: 'rounded', display: '2.020' });
    // A deletion, and a change of the indicator's threshold, count as well.
    raw
      .prepare('delete from observations where indicator_id = ? and workspace_id = ? and period = ?')
      .run(indicatorId, enschede.id, first.period);
    expect(await shown()).toMatchObject({ kind: 'missing' });
    raw.prepare('update indicators set is_count = 0 where id = ?').run(indicatorId);
    expect(
      (await loadMonitor(db, regio, query, new Set())).rows.find((r) => r.indicator.id === indicatorId)!.indicator.isCount
    ).toBe(false);
    raw.close();
    await db.destroy();
  });
});

describe('migration 0008: stored states and kinds in Dutch', () => {
  it('renames the English values of existing rows, and leaves the Dutch ones and everything else as it was', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    await migratorFor(db).migrateTo('0007-data-versions');
    await seedBase(db);
    const region = (await db.selectFrom('workspaces').select('id').where('slug', '=', 'regio').executeTakeFirstOrThrow()).id;
    const at = '2026-01-01T00:00:00.000Z';
    for (const [id, status] of [
      ['a', 'preview'],
      ['b', 'applied'],
      ['c', 'discarded'],
    ]) {
      await sql`insert into data_imports (id, workspace_id, kind, source, detail, status, summary, rows, created_at, applied_at)
        values (${id}, ${region}, 'csv', 'Bron', 'x', ${status}, '{}', 0, ${at}, ${at})`.execute(db);
    }
    await migrateToLatest(db);
    const statuses = await db.selectFrom('data_imports').select(['id', 'status']).orderBy('id').execute();
    expect(statuses).toEqual([
      { id: 'a', status: 'voorbeeld' },
      { id: 'b', status: 'verwerkt' },
      { id: 'c', status: 'verworpen' },
    ]);
    await db.destroy();
  });
});

describe('migration 0009: one name per aandachtsgroep and indicator', () => {
  it('renames the names an older seed stored, and leaves a name someone chose', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    await migratorFor(db).migrateTo('0008-dutch-values');
    await seedBase(db);
    // As an older seed stored them, one of them since edited by a beheerder.
    await sql`update indicators set name = 'Statushouders met woonbehoefte' where id = 'statushouders'`.execute(db);
    await sql`update indicators set name = 'Daklozen (eigen telling)' where id = 'dak-en-thuislozen'`.execute(db);
    await sql`update target_groups set name = 'Uitstroom MO/BW' where id = 'uitstroom-mo-bw'`.execute(db);
    await migrateToLatest(db);
    const indicators = await db
      .selectFrom('indicators')
      .select(['id', 'name'])
      .where('id', 'in', ['statushouders', 'dak-en-thuislozen'])
      .orderBy('id')
      .execute();
    expect(indicators).toEqual([
      { id: 'dak-en-thuislozen', name: 'Daklozen (eigen telling)' },
      { id: 'statushouders', name: 'Statushouders' },
    ]);
    const group = await db
      .selectFrom('target_groups')
      .select('name')
      .where('id', '=', 'uitstroom-mo-bw')
      .executeTakeFirstOrThrow();
    expect(group.name).toBe('Uitstroom uit MO/BW');
    await db.destroy();
  });
});
