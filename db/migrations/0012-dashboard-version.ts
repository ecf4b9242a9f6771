import { sql, type Kysely } from 'kysely';

// The dashboard's data version, raised by the database on every write to the tables it shows (as 0007 does
// for the monitor): a dashboard built once is served again until any of them changes, from any code path.

/** The tables whose contents make up the dashboard. */
export const DASHBOARD_TABLES = [
  'steps',
  'checklist_items',
  'actions',
  'action_knelpunten',
  'knelpunten',
  'woondeals',
  'workspaces',
  'memberships',
  'users',
  'organisations',
  'audit_log',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into data_versions (name, version) values ('dashboard', 0)`.execute(db);
  for (const table of DASHBOARD_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql
        .raw(
          `create trigger ${table}_${event}_dashboard_version after ${event} on ${table} begin ` +
            `update data_versions set version = version + 1 where name = 'dashboard'; end`
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of DASHBOARD_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql.raw(`drop trigger if exists ${table}_${event}_dashboard_version`).execute(db);
    }
  }
  await sql`delete from data_versions where name = 'dashboard'`.execute(db);
}
