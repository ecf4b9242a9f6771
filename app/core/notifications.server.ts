import type { Kysely } from 'kysely';
import type { Database, NotificationKind } from '../../db/schema.ts';
import { can } from '../auth/permissions.ts';
import { nowIso } from '../lib/time.ts';
import type { Mailer } from './mailer.server.ts';
import { loadActor } from './memberships.server.ts';
import { afterCommit } from './transaction.server.ts';

export interface NewNotification {
  userIds: readonly string[];
  workspaceId: string;
  kind: NotificationKind;
  actorId: string | null;
  text: string;
  url: string;
}

/** Of these users, the active ones who may see the workspace now. */
async function usersWhoSee(db: Kysely<Database>, userIds: readonly string[], workspaceId: string): Promise<string[]> {
  if (userIds.length === 0) return [];
  const [workspace, users, memberships] = await Promise.all([
    db.selectFrom('workspaces').select(['id', 'kind', 'parent_id as parentId']).where('id', '=', workspaceId).executeTakeFirst(),
    db
      .selectFrom('users')
      .select(['id', 'is_admin'])
      .where('id', 'in', [...userIds])
      .where('disabled_at', 'is', null)
      .execute(),
    db
      .selectFrom('memberships')
      .select(['user_id', 'workspace_id as workspaceId', 'role'])
      .where('user_id', 'in', [...userIds])
      .execute(),
  ]);
  if (!workspace) return [];
  return users
    .filter((u) =>
      can({ isAdmin: u.is_admin === 1, memberships: memberships.filter((m) => m.user_id === u.id) }, workspace, 'workspace.view')
    )
    .map((u) => u.id);
}

/**
 * Stores one notification per user who may see the workspace (never for the actor themself);
 * returns their ids, to e-mail after the commit.
 */
export async function notify(db: Kysely<Database>, notification: NewNotification): Promise<string[]> {
  const created_at = nowIso();
  const recipients = [...new Set(notification.userIds)].filter((userId) => userId !== notification.actorId);
  const rows = (await usersWhoSee(db, recipients, notification.workspaceId)).map((user_id) => ({
    id: crypto.randomUUID(),
    user_id,
    workspace_id: notification.workspaceId,
    kind: notification.kind,
    actor_id: notification.actorId,
    text: notification.text,
    url: notification.url,
    created_at,
    read_at: null,
    emailed_at: null,
  }));
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
  const ids = rows.map((r) => r.id);
  await afterCommit(db, { notificationIds: ids }); // e-mailed once the change is committed
  return ids;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  text: string;
  url: string;
  workspaceName: string;
  createdAt: string;
  read: boolean;
}

const NOTIFICATION_LIST_SIZE = 100;

/**
 * The user's notifications in workspaces they may still see: after losing access to a workspace,
 * nothing of it reaches them, not even the text of an older notification.
 */
export async function listNotifications(
  db: Kysely<Database>,
  user: { id: string; isAdmin: boolean }
): Promise<NotificationView[]> {
  const [actor, rows] = await Promise.all([
    loadActor(db, user),
    db
      .selectFrom('notifications')
      .innerJoin('workspaces', 'workspaces.id', 'notifications.workspace_id')
      .select([
        'notifications.id',
        'notifications.kind',
        'notifications.text',
        'notifications.url',
        'notifications.created_at as createdAt',
        'notifications.read_at as readAt',
        'workspaces.name as workspaceName',
        'workspaces.id as workspaceId',
        'workspaces.kind as workspaceKind',
        'workspaces.parent_id as parentId',
      ])
      .where('notifications.user_id', '=', user.id)
      .orderBy('notifications.created_at', 'desc')
      .orderBy('notifications.id')
      .limit(NOTIFICATION_LIST_SIZE)
      .execute(),
  ]);
  return rows
    .filter((r) => can(actor, { id: r.workspaceId, kind: r.workspaceKind, parentId: r.parentId }, 'workspace.view'))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      url: r.url,
      workspaceName: r.workspaceName,
      createdAt: r.createdAt,
      read: r.readAt !== null,
    }));
}

export async function countUnread(db: Kysely<Database>, user: { id: string; isAdmin: boolean }): Promise<number> {
  const actor = await loadActor(db, user);
  const rows = await db
    .selectFrom('notifications')
    .innerJoin('workspaces', 'workspaces.id', 'notifications.workspace_id')
    .select(['workspaces.id', 'workspaces.kind', 'workspaces.parent_id as parentId'])
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('notifications.user_id', '=', user.id)
    .where('notifications.read_at', 'is', null)
    .groupBy('workspaces.id')
    .execute();
  return rows.filter((w) => can(actor, w, 'workspace.view')).reduce((sum, w) => sum + Number(w.count), 0);
}

export interface OpenedNotification {
  text: string;
  url: string;
  workspaceName: string;
  read: boolean;
  /** False once the user may no longer see the notification's workspace. */
  accessible: boolean;
}

/** One of the user's own notifications, and whether they may still see its workspace; reads only. */
export async function getNotification(
  db: Kysely<Database>,
  user: { id: string; isAdmin: boolean },
  id: string
): Promise<OpenedNotification | undefined> {
  const row = await db
    .selectFrom('notifications')
    .innerJoin('workspaces', 'workspaces.id', 'notifications.workspace_id')
    .select([
      'notifications.text',
      'notifications.url',
      'notifications.read_at as readAt',
      'workspaces.name as workspaceName',
      'workspaces.id as workspaceId',
      'workspaces.kind as workspaceKind',
      'workspaces.parent_id as parentId',
    ])
    .where('notifications.id', '=', id)
    .where('notifications.user_id', '=', user.id)
    .executeTakeFirst();
  if (!row) return undefined;
  const actor = await loadActor(db, user);
  return {
    text: row.text,
    url: row.url,
    workspaceName: row.workspaceName,
    read: row.readAt !== null,
    accessible: can(actor, { id: row.workspaceId, kind: row.workspaceKind, parentId: row.parentId }, 'workspace.view'),
  };
}

export async function markRead(db: Kysely<Database>, userId: string, id: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function setEmailNotifications(db: Kysely<Database>, userId: string, enabled: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_notifications: enabled ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

/**
 * Sends the notifications by e-mail to users who want that, after the change that made them has
 * been committed. A failed send is logged; the notification stays in the app either way.
 */
export async function emailNotifications(db: Kysely<Database>, mailer: Mailer | null, ids: readonly string[]): Promise<void> {
  if (!mailer || ids.length === 0) return;
  try {
    await sendEmails(db, mailer, ids);
  } catch (error) {
    console.error('Meldingen niet per e-mail verstuurd', error);
  }
}

async function sendEmails(db: Kysely<Database>, mailer: Mailer, ids: readonly string[]): Promise<void> {
  const rows = await db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'notifications.workspace_id')
    .select([
      'notifications.id',
      'notifications.text',
      'notifications.url',
      'users.email',
      'users.name',
      'workspaces.name as workspaceName',
    ])
    .where('notifications.id', 'in', [...ids])
    .where('users.email_notifications', '=', 1)
    .where('users.disabled_at', 'is', null)
    .execute();
  for (const row of rows) {
    try {
      await mailer.send({
        to: row.email,
        subject: `Thuisplan: ${row.text}`.slice(0, 160),
        text: [
          `Beste ${row.name},`,
          '',
          `${row.text} (${row.workspaceName}).`,
          '',
          `Bekijk het in Thuisplan: ${mailer.origin}${row.url}`,
          '',
          'U krijgt deze e-mail omdat meldingen per e-mail aanstaan. Uitzetten kan onder "Mijn account".',
        ].join('\n'),
      });
      await db.updateTable('notifications').set({ emailed_at: nowIso() }).where('id', '=', row.id).execute();
    } catch (error) {
      console.error(`Melding ${row.id}: e-mail niet verstuurd`, error);
    }
  }
}
