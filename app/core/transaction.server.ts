import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditEntry } from './audit.server.ts';
import { consequencesOf, type Consequence } from './consequences.ts';

/** What a committed change wrote that others must hear of: its audit entries and the notifications it made. */
export interface Journal {
  entries: AuditEntry[];
  notificationIds: string[];
}

/** Carries out consequences: the collaboration server and the mailer, handed over by server.ts. */
export type ConsequenceRunner = (consequences: Consequence[], notificationIds: string[]) => void | Promise<void>;

// The runner travels with the database handle: server.ts and the Remix build each bundle their own copy
// of this module, and share only the handle.
const RUNNER = Symbol.for('thuisplan.consequence-runner');
type WithRunner = Kysely<Database> & { [RUNNER]?: ConsequenceRunner };
const journals = new WeakMap<Kysely<Database>, Journal>();

/** The process that serves this database says how consequences are carried out (none without: tests, scripts). */
export function followChangesWith(db: Kysely<Database>, runner: ConsequenceRunner | null): void {
  (db as WithRunner)[RUNNER] = runner ?? undefined;
}

/** Runs fn in a transaction, joining the caller's when there is one, so models compose. */
export async function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  const journal: Journal = { entries: [], notificationIds: [] };
  const result = await db.transaction().execute((trx) => {
    journals.set(trx, journal);
    return fn(trx);
  });
  await run(db, journal); // committed; a rolled-back change threw above and has no consequences
  return result;
}

/**
 * Records what a write means for others. Inside a transaction it waits for the commit; on its own the
 * write is committed already.
 */
export async function afterCommit(db: Kysely<Database>, written: Partial<Journal>): Promise<void> {
  const open = journals.get(db);
  if (open) {
    open.entries.push(...(written.entries ?? []));
    open.notificationIds.push(...(written.notificationIds ?? []));
  } else if (!db.isTransaction) {
    await run(db, { entries: written.entries ?? [], notificationIds: written.notificationIds ?? [] });
  } else {
    throw new Error('Een transactie die niet via inTransaction loopt, kan zijn gevolgen niet melden.');
  }
}

async function run(db: Kysely<Database>, journal: Journal): Promise<void> {
  const runner = (db as WithRunner)[RUNNER];
  const consequences = consequencesOf(journal.entries);
  if (!runner || consequences.length === 0) return;
  try {
    await runner(consequences, journal.notificationIds);
  } catch (error) {
    // The change stands; what follows it is best effort (a socket already gone, a mail server down).
    console.error('Gevolgen van een wijziging niet volledig uitgevoerd', error);
  }
}
