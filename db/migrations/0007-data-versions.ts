import { sql, type Kysely } from 'kysely';

// A version number per kind of data, raised by the database itself on every write to the tables it covers,
// from any connection and any code path. A cache keyed by it (the monitor view) can never serve a figure
// that has since changed: no route or model has to remember to invalidate it.

/** The tables whose contents make up the analysis monitor. */
export const ANALYSIS_TABLES = [
  'observations',
  'indicators',
  'indicator_sources',
  'data_imports',
  'target_groups',
  'workspaces',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into data_versions (name, version) values ('analysis', 0)`.execute(db);
  for (const table of ANALYSIS_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql
        .raw(
          `create trigger ${table}_${event}_analysis_version after ${event} on ${table} begin ` +
            `update data_versions set version = version + 1 where name = 'analysis'; end`
        )
        .execute(db);
    }
  }
}
