import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DB } from './index.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-documents.ts';
import * as m0003 from './migrations/0003-comments.ts';
import * as m0004 from './migrations/0004-analysis.ts';
import * as m0005 from './migrations/0005-cbs-provenance.ts';
import * as m0006 from './migrations/0006-cbs-refresh.ts';
import * as m0007 from './migrations/0007-data-versions.ts';
import * as m0008 from './migrations/0008-dutch-values.ts';
import * as m0009 from './migrations/0009-one-name.ts';
import * as m0010 from './migrations/0010-step-three.ts';
import * as m0011 from './migrations/0011-dashboard.ts';
import * as m0012 from './migrations/0012-dashboard-version.ts';

// Registered in code rather than read from disk, so the migrations survive any bundling.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-documents': m0002,
  '0003-comments': m0003,
  '0004-analysis': m0004,
  '0005-cbs-provenance': m0005,
  '0006-cbs-refresh': m0006,
  '0007-data-versions': m0007,
  '0008-dutch-values': m0008,
  '0009-one-name': m0009,
  '0010-step-three': m0010,
  '0011-dashboard': m0011,
  '0012-dashboard-version': m0012,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** The migrator over these migrations (tests use it to stop at an earlier one). */
export const migratorFor = (db: DB) => new Migrator({ db, provider });

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const result = await migratorFor(db).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
