import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../lib/time.ts';
import { afterCommit } from './transaction.server.ts';

/** Every action the logboek records; each has its row in the table of consequences (consequences.ts). */
export const AUDIT_ACTIONS = [
  'session.create',
  'session.end',
  'session.revoke_all',
  'user.create',
  'user.password',
  'user.password_link',
  'user.update',
  'organisation.create',
  'organisation.update',
  'membership.add',
  'membership.role',
  'membership.remove',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'step.update',
  'document.create',
  'document.update',
  'document.archive',
  'document.unarchive',
  'version.create',
  'version.restore',
  'comment.create',
  'comment.reply',
  'comment.edit',
  'comment.delete',
  'comment.hide',
  'comment.resolve',
  'comment.reopen',
  'comment.decide',
  'review.open',
  'review.close',
  'review.remind',
  'import.preview',
  'import.apply',
  'import.discard',
  'refresh.start',
  'refresh.apply',
  'refresh.discard',
  'knelpunt.create',
  'knelpunt.update',
  'target_group.create',
  'indicator.create',
  'indicator.threshold',
  'indicator.source',
  'action.create',
  'action.update',
  'action.status',
  'action.progress',
  'checklist.add',
  'checklist.update',
  'checklist.remove',
  'checklist.tick',
  'checklist.untick',
  'meeting.create',
  'meeting.update',
  'meeting.adopt',
  'decision.create',
  'decision.update',
  'decision.remove',
  'decision.action',
  'woondeal.create',
  'woondeal.update',
  'calendar.renew',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actorId: string | null;
  workspaceId?: string | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Call inside the mutation's transaction, so the row and the change land together. What follows the
 * change (consequences.ts) runs once it is committed.
 */
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
  await afterCommit(db, { entries: [entry] });
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
