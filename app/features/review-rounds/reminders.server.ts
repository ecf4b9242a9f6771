// Reminders: by hand from the round's page, and once automatically shortly before the deadline.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { formatDate, nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { notify } from '../../core/notifications.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { roundInvitees } from './invitees.server.ts';
import type { RoundView } from './review-rounds.server.ts';

/** A reminder goes out once, this many days before the deadline, to invitees who have not responded. */
export const REMINDER_DAYS_BEFORE_DEADLINE = 2;

/**
 * Reminds the invitees of an open round who have not responded yet; null when the round is closed,
 * or (for the automatic reminder, sent once) when it was sent already. Returns the notifications to e-mail.
 */
export async function remindRound(
  db: Kysely<Database>,
  round: Pick<RoundView, 'id' | 'workspaceId' | 'title' | 'deadline'>,
  actorId: string | null,
  documentUrl: string
): Promise<string[] | null> {
  return inTransaction(db, async (trx) => {
    const automatic = actorId === null;
    const stillOpen = automatic
      ? Number(
          (
            await trx
              .updateTable('review_rounds')
              .set({ reminded_at: nowIso() })
              .where('id', '=', round.id)
              .where('status', '=', 'open')
              .where('reminded_at', 'is', null)
              .executeTakeFirst()
          ).numUpdatedRows
        ) > 0
      : (await trx.selectFrom('review_rounds').select('status').where('id', '=', round.id).executeTakeFirst())?.status === 'open';
    if (!stillOpen) return null;
    const invitees = await roundInvitees(trx, round.id);
    const silent = invitees.filter((i) => i.commentCount === 0).map((i) => i.userId);
    await writeAudit(trx, {
      actorId,
      workspaceId: round.workspaceId,
      action: 'review.remind',
      entityType: 'review_round',
      entityId: round.id,
      details: { reminded: silent.length },
    });
    return notify(trx, {
      userIds: silent,
      workspaceId: round.workspaceId,
      kind: 'ronde_herinnering',
      actorId,
      text: `Herinnering: uw reactie op ‘${round.title}’ wordt uiterlijk op ${formatDate(round.deadline)} verwacht`,
      url: documentUrl,
    });
  });
}

/**
 * Sends the automatic reminder of every open round whose deadline is near, once; run periodically.
 * A round opened less than a day ago gets none: its invitation has just gone out.
 */
export async function sendDueReminders(db: Kysely<Database>, today: string, now = new Date()): Promise<string[]> {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + REMINDER_DAYS_BEFORE_DEADLINE);
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const due = await db
    .selectFrom('review_rounds')
    .innerJoin('workspaces', 'workspaces.id', 'review_rounds.workspace_id')
    .select([
      'review_rounds.id',
      'review_rounds.workspace_id as workspaceId',
      'review_rounds.title',
      'review_rounds.deadline',
      'review_rounds.document_id as documentId',
      'workspaces.slug',
    ])
    .where('review_rounds.status', '=', 'open')
    .where('review_rounds.reminded_at', 'is', null)
    .where('review_rounds.deadline', '>=', today)
    .where('review_rounds.deadline', '<=', limit.toISOString().slice(0, 10))
    .where('review_rounds.opened_at', '<', dayAgo)
    .execute();
  const ids: string[] = [];
  for (const round of due) {
    ids.push(...((await remindRound(db, round, null, `/w/${round.slug}/documenten/${round.documentId}`)) ?? []));
  }
  return ids;
}
