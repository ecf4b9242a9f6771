// Who a review round asks: invitees by name and by organisation, what each has done, and who may be invited.
import type { Kysely } from 'kysely';
import type { Database, Role, Workspace } from '../../../db/schema.ts';
import { roleCan } from '../../auth/permissions.ts';
import { listMembers } from '../../core/memberships.server.ts';

/** Everyone invited to a round: users invited by name and the active users of invited organisations. */
export async function inviteeUserIds(db: Kysely<Database>, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_round_invitees')
    .innerJoin('users', (join) =>
      join.on((eb) =>
        eb.or([
          eb('users.id', '=', eb.ref('review_round_invitees.user_id')),
          eb('users.organisation_id', '=', eb.ref('review_round_invitees.organisation_id')),
        ])
      )
    )
    .select('users.id')
    .distinct()
    .where('review_round_invitees.round_id', '=', roundId)
    .where('users.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export interface InviteeStatus {
  userId: string;
  name: string;
  organisationName: string | null;
  /** Set when the user is invited through their organisation rather than by name. */
  viaOrganisation: boolean;
  commentCount: number;
  lastCommentAt: string | null;
}

/** Who was invited and who responded: the round's dashboard. */
export async function roundInvitees(db: Kysely<Database>, roundId: string): Promise<InviteeStatus[]> {
  const ids = await inviteeUserIds(db, roundId);
  if (ids.length === 0) return [];
  const direct = new Set(
    (
      await db
        .selectFrom('review_round_invitees')
        .select('user_id')
        .where('round_id', '=', roundId)
        .where('user_id', 'is not', null)
        .execute()
    ).map((r) => r.user_id)
  );
  const rows = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .leftJoin('comments', (join) =>
      join
        .onRef('comments.author_id', '=', 'users.id')
        .on('comments.review_round_id', '=', roundId)
        .on('comments.deleted_at', 'is', null)
        .on('comments.hidden_at', 'is', null)
    )
    .select((eb) => [
      'users.id as userId',
      'users.name',
      'organisations.name as organisationName',
      eb.fn.count<number>('comments.id').as('commentCount'),
      eb.fn.max('comments.created_at').as('lastCommentAt'),
    ])
    .where('users.id', 'in', ids)
    .groupBy(['users.id', 'users.name', 'organisations.name'])
    .execute();
  return rows
    .map((r) => ({
      userId: r.userId,
      name: r.name,
      organisationName: r.organisationName,
      viaOrganisation: !direct.has(r.userId),
      commentCount: Number(r.commentCount),
      lastCommentAt: (r.lastCommentAt as string | null) ?? null,
    }))
    .sort(
      (a, b) => (a.organisationName ?? '').localeCompare(b.organisationName ?? '', 'nl') || a.name.localeCompare(b.name, 'nl')
    );
}

/** The organisations invited as a whole, for the dashboard. */
export async function roundOrganisations(db: Kysely<Database>, roundId: string) {
  return db
    .selectFrom('review_round_invitees')
    .innerJoin('organisations', 'organisations.id', 'review_round_invitees.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('review_round_invitees.round_id', '=', roundId)
    .orderBy('organisations.name')
    .execute();
}

export interface Candidate {
  id: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
  /** The role that counts in this workspace. */
  role: Role;
  mayComment: boolean;
}

/**
 * The people who can be invited by name: the workspace's members (for a gemeente also the region's),
 * with whether they may already comment. Others join through their organisation or the members page.
 */
export async function reviewCandidates(db: Kysely<Database>, workspace: Workspace): Promise<Candidate[]> {
  const members = await listMembers(db, workspace);
  const organisations = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('id', 'in', members.length > 0 ? members.map((m) => m.userId) : [''])
    .execute();
  const organisationOf = new Map(organisations.map((u) => [u.id, u.organisation_id]));
  return members.map((m) => ({
    id: m.userId,
    name: m.name,
    organisationId: organisationOf.get(m.userId) ?? null,
    organisationName: m.organisationName,
    role: m.role,
    mayComment: roleCan(m.role, 'comment.create'),
  }));
}

/** Everyone a round would invite (people by name, and the active users of the organisations), with their rights here. */
export async function resolveInvitees(
  db: Kysely<Database>,
  candidates: readonly Candidate[],
  userIds: readonly string[],
  organisationIds: readonly string[]
): Promise<Array<{ id: string; name: string; mayComment: boolean }>> {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const ofOrganisations =
    organisationIds.length > 0
      ? await db
          .selectFrom('users')
          .select(['id', 'name'])
          .where('organisation_id', 'in', [...organisationIds])
          .where('disabled_at', 'is', null)
          .execute()
      : [];
  const invited = new Map<string, { id: string; name: string; mayComment: boolean }>();
  for (const id of userIds) {
    const candidate = byId.get(id);
    if (candidate) invited.set(id, { id, name: candidate.name, mayComment: candidate.mayComment });
  }
  for (const user of ofOrganisations) {
    invited.set(user.id, { ...user, mayComment: byId.get(user.id)?.mayComment ?? false });
  }
  return [...invited.values()];
}
