import { sql, type Kysely } from 'kysely';

// Stored values that name a state or a kind of something in the domain are Dutch, as the older tables
// already were (roles, step and knelpunt statuses, decisions); see docs/decisions/0009. Event names (audit
// actions, entity types) are identifiers in code and stay as they are.
const RENAMES: Array<[table: string, column: string, from: string, to: string]> = [
  ['comment_threads', 'status', 'resolved', 'afgehandeld'],
  ['comment_threads', 'subject_type', 'action', 'actie'],
  ['review_rounds', 'status', 'closed', 'gesloten'],
  ['data_imports', 'status', 'preview', 'voorbeeld'],
  ['data_imports', 'status', 'applied', 'verwerkt'],
  ['data_imports', 'status', 'discarded', 'verworpen'],
  ['cbs_refreshes', 'status', 'preview', 'voorbeeld'],
  ['cbs_refreshes', 'status', 'applied', 'verwerkt'],
  ['cbs_refreshes', 'status', 'discarded', 'verworpen'],
  ['notifications', 'kind', 'mention', 'vermelding'],
  ['notifications', 'kind', 'reply', 'reactie'],
  ['notifications', 'kind', 'round_invitation', 'ronde_uitnodiging'],
  ['notifications', 'kind', 'round_reminder', 'ronde_herinnering'],
  ['notifications', 'kind', 'round_closed', 'ronde_gesloten'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column, from, to] of RENAMES) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${to} where ${sql.ref(column)} = ${from}`.execute(db);
  }
}
