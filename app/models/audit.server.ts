import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../lib/time.ts';

export interface AuditEntry {
  actorId: string | null;
  workspaceId?: string | null;
  action: string; // e.g. 'step.update', 'membership.role'
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** Call inside the mutation's transaction, so the row and the change land together. */
export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor_id: entry.actorId,
      workspace_id: entry.workspaceId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditRow {
  id: number;
  at: string;
  actorName: string | null;
  /** The user the entry is about, for entries whose subject is a user. */
  subjectName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first; `before` pages back by id. */
export async function listAudit(
  db: Kysely<Database>,
  workspaceId: string,
  { before, limit = AUDIT_PAGE_SIZE }: { before?: number; limit?: number } = {}
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
    .leftJoin('users as subject', (join) =>
      join.onRef('subject.id', '=', 'audit_log.entity_id').on('audit_log.entity_type', '=', 'user')
    )
    .select([
      'audit_log.id',
      'audit_log.at',
      'actor.name as actorName',
      'subject.name as subjectName',
      'audit_log.action',
      'audit_log.entity_type as entityType',
      'audit_log.entity_id as entityId',
      'audit_log.details',
    ])
    .where('audit_log.workspace_id', '=', workspaceId)
    .orderBy('audit_log.id', 'desc')
    .limit(limit);
  if (before) query = query.where('audit_log.id', '<', before);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}
