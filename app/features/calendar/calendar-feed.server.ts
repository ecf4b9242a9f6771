// A user's secret calendar address: made and renewed on /account, read by calendar apps at
// /agenda/<token>.ics without a session (the token is the credential). Only the token's SHA-256 is kept,
// so the address is shown once; renewing replaces the hash and the old address answers 404.
import type { Kysely } from 'kysely';
import type { Database, StepStatus, ActionStatus } from '../../../db/schema.ts';
import { can } from '../../auth/permissions.ts';
import type { PolicyActor } from '../../auth/policies/index.ts';
import { generateToken, hashToken } from '../../auth/tokens.server.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { ACTION_STATUS_LABELS, MEETING_KIND_LABELS, STATUS_LABELS, STEP_NAMES } from '../../core/labels.ts';
import { loadActor } from '../../core/memberships.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { nowIso } from '../../lib/time.ts';
import type { FeedItem } from './ical.ts';

/** Longer than any token we hand out, by far: anything longer is not looked up. */
export const MAX_TOKEN_LENGTH = 128;

/** The path of a feed, after the origin. */
export function feedPath(token: string): string {
  return `/agenda/${token}.ics`;
}

/** Since when the user's current address exists, or null when they have none. */
export async function calendarFeedSince(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).executeTakeFirst();
  return row?.created_at ?? null;
}

/** Makes the user's address, or a new one in place of the old: returns the token, shown once. */
export async function renewCalendarFeed(db: Kysely<Database>, userId: string): Promise<string> {
  const token = generateToken();
  const now = nowIso();
  await inTransaction(db, async (trx) => {
    const existed = await trx.selectFrom('calendar_feeds').select('user_id').where('user_id', '=', userId).executeTakeFirst();
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: userId, token_hash: hashToken(token), created_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token), created_at: now }))
      .execute();
    await writeAudit(trx, {
      actorId: userId,
      action: 'calendar.renew',
      entityType: 'calendar_feed',
      entityId: userId,
      details: { renewed: Boolean(existed) },
    });
  });
  return token;
}

/**
 * The (enabled) user whose address this token is, or undefined. Every token of a sane length is hashed and
 * looked up, whatever its form, so an unknown, renewed or malformed token takes the same way to "no".
 */
export async function findFeedOwner(db: Kysely<Database>, token: string) {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  return db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id', 'users.name', 'users.is_admin as isAdmin'])
    .where('calendar_feeds.token_hash', '=', hashToken(token))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

const OPEN_ACTION_STATUSES: ActionStatus[] = ['voorstel', 'besloten', 'in_uitvoering'];
const DONE_STEP: StepStatus = 'afgerond';
/** Meetings longer ago than this stay out of the feed (a calendar app keeps what it had). */
const MEETINGS_SINCE_DAYS = 365;

function clip(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * What the user's agenda holds: the due dates of the steps and open actions they own and the meetings they
 * take part in — of the workspaces they may still see (a removed member's items are gone from it).
 */
export async function listFeedItems(
  db: Kysely<Database>,
  user: { id: string; isAdmin: boolean },
  origin: string,
  now = new Date()
): Promise<FeedItem[]> {
  const actor: PolicyActor = await loadActor(db, user);
  const since = new Date(now.getTime() - MEETINGS_SINCE_DAYS * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const workspaceColumns = [
    'workspaces.id as workspaceId',
    'workspaces.slug',
    'workspaces.name as workspaceName',
    'workspaces.kind as workspaceKind',
    'workspaces.parent_id as parentId',
  ] as const;
  const [steps, actions, meetings] = await Promise.all([
    db
      .selectFrom('steps')
      .innerJoin('workspaces', 'workspaces.id', 'steps.workspace_id')
      .select([
        'steps.id',
        'steps.number',
        'steps.status',
        'steps.due_date as dueDate',
        'steps.note',
        'steps.updated_at as updatedAt',
      ])
      .select(workspaceColumns)
      .where('steps.owner_id', '=', user.id)
      .where('steps.status', '!=', DONE_STEP)
      .where('steps.due_date', 'is not', null)
      .execute(),
    db
      .selectFrom('actions')
      .innerJoin('workspaces', 'workspaces.id', 'actions.workspace_id')
      .select([
        'actions.id',
        'actions.title',
        'actions.description',
        'actions.status',
        'actions.progress',
        'actions.due_date as dueDate',
        'actions.updated_at as updatedAt',
      ])
      .select(workspaceColumns)
      .where('actions.owner_user_id', '=', user.id)
      .where('actions.status', 'in', OPEN_ACTION_STATUSES)
      .where('actions.due_date', 'is not', null)
      .execute(),
    db
      .selectFrom('meeting_participants')
      .innerJoin('meetings', 'meetings.id', 'meeting_participants.meeting_id')
      .innerJoin('workspaces', 'workspaces.id', 'meetings.workspace_id')
      .select([
        'meetings.id',
        'meetings.kind',
        'meetings.title',
        'meetings.date',
        'meetings.start_time as startTime',
        'meetings.end_time as endTime',
        'meetings.location',
        'meetings.updated_at as updatedAt',
      ])
      .select(workspaceColumns)
      .where('meeting_participants.user_id', '=', user.id)
      .where('meetings.date', '>=', since)
      .execute(),
  ]);
  const visible = (w: { workspaceId: string; workspaceKind: 'regio' | 'gemeente'; parentId: string | null }) =>
    can(actor, { id: w.workspaceId, kind: w.workspaceKind, parentId: w.parentId }, 'workspace.view');
  const page = (slug: string, path: string) => `${origin}/w/${slug}/${path}`;

  const items: FeedItem[] = [];
  for (const s of steps.filter(visible)) {
    const url = page(s.slug, `stap/${s.number}`);
    items.push({
      uid: `stap-${s.id}@thuisplan`,
      summary: `Streefdatum stap ${s.number} ${STEP_NAMES[s.number]}: ${s.workspaceName}`,
      description: [
        `Stap ${s.number} (${STEP_NAMES[s.number]}) van ${s.workspaceName}. Status: ${STATUS_LABELS[s.status]}.`,
        s.note ? clip(s.note) : '',
        url,
      ]
        .filter(Boolean)
        .join('\n\n'),
      url,
      date: s.dueDate!,
      updatedAt: s.updatedAt,
    });
  }
  for (const a of actions.filter(visible)) {
    const url = page(a.slug, `acties/${a.id}`);
    items.push({
      uid: `actie-${a.id}@thuisplan`,
      summary: `Streefdatum actie: ${a.title}`,
      description: [
        `Actie van ${a.workspaceName}. Status: ${ACTION_STATUS_LABELS[a.status]}, ${a.progress} % gereed.`,
        a.description ? clip(a.description) : '',
        url,
      ]
        .filter(Boolean)
        .join('\n\n'),
      url,
      date: a.dueDate!,
      updatedAt: a.updatedAt,
    });
  }
  for (const m of meetings.filter(visible)) {
    const url = page(m.slug, `overleggen/${m.id}`);
    items.push({
      uid: `overleg-${m.id}@thuisplan`,
      summary: `${MEETING_KIND_LABELS[m.kind]}: ${m.title}`,
      description: [`${MEETING_KIND_LABELS[m.kind]} van ${m.workspaceName}.`, url].join('\n\n'),
      url,
      date: m.date,
      startTime: m.startTime,
      endTime: m.endTime,
      location: m.location,
      updatedAt: m.updatedAt,
    });
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));
}
