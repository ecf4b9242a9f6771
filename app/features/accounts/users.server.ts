import type { Kysely } from 'kysely';
import type { Database, User } from '../../../db/schema.ts';
import { hashPassword } from '../../auth/password.server.ts';
import { invalidateSession, invalidateUserSessions } from '../../auth/session.server.ts';
import { generateToken, hashToken } from '../../auth/tokens.server.ts';
import { daysFromNow, nowIso } from '../../lib/time.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function getUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createUser(
  db: Kysely<Database>,
  values: { email: string; name: string; passwordHash?: string; isAdmin?: boolean; organisationId?: string | null },
  actorId: string | null
): Promise<User> {
  const user: User = {
    id: crypto.randomUUID(),
    email: normaliseEmail(values.email),
    name: values.name.trim(),
    password_hash: values.passwordHash ?? null,
    is_admin: values.isAdmin ? 1 : 0,
    organisation_id: values.organisationId ?? null,
    created_at: nowIso(),
    disabled_at: null,
    email_notifications: 1,
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto('users').values(user).execute();
    await writeAudit(trx, {
      actorId: actorId ?? user.id,
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      details: { email: user.email, isAdmin: values.isAdmin ?? false },
    });
  });
  return user;
}

/**
 * Sets a new password (hashed before any transaction: argon2 is slow and SQLite has one writer)
 * and ends every session of the user: a changed password must lock out old devices.
 */
export async function setPassword(db: Kysely<Database>, userId: string, password: string): Promise<void> {
  await storePasswordHash(db, userId, await hashPassword(password));
}

async function storePasswordHash(db: Kysely<Database>, userId: string, passwordHash: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    await invalidateUserSessions(trx, userId);
    await revokePasswordTokens(trx, userId);
    await writeAudit(trx, { actorId: userId, action: 'user.password', entityType: 'user', entityId: userId });
  });
}

/** Log-out: this session ends, and its open editors with it. */
export async function logOut(db: Kysely<Database>, session: { id: string; userId: string }): Promise<void> {
  await inTransaction(db, async (trx) => {
    await invalidateSession(trx, session.id);
    await writeAudit(trx, {
      actorId: session.userId,
      action: 'session.end',
      entityType: 'user',
      entityId: session.userId,
      details: { sessionId: session.id },
    });
  });
}

/** "Overal uitloggen": every session of the user ends, with their open editors. */
export async function logOutEverywhere(db: Kysely<Database>, userId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await invalidateUserSessions(trx, userId);
    await writeAudit(trx, { actorId: userId, action: 'session.revoke_all', entityType: 'user', entityId: userId });
  });
}

export const PASSWORD_LINK_DAYS = 7;

/**
 * Spends every outstanding set-password link of the user: once a password is set or changed, an
 * older link must not set another (marked as used, so the record of it stays).
 */
async function revokePasswordTokens(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('password_tokens')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/**
 * A one-time link to set a password (first beheerder, or a reset by the beheerder). Only the newest
 * link of a user works: making one revokes the older ones.
 */
export async function createPasswordToken(db: Kysely<Database>, userId: string, actorId: string | null): Promise<string> {
  const token = generateToken();
  await inTransaction(db, async (trx) => {
    await revokePasswordTokens(trx, userId);
    await trx
      .insertInto('password_tokens')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        created_at: nowIso(),
        expires_at: daysFromNow(PASSWORD_LINK_DAYS).toISOString(),
        used_at: null,
      })
      .execute();
    await writeAudit(trx, { actorId, action: 'user.password_link', entityType: 'user', entityId: userId });
  });
  return token;
}

export async function findPasswordToken(db: Kysely<Database>, token: string) {
  return db
    .selectFrom('password_tokens')
    .innerJoin('users', 'users.id', 'password_tokens.user_id')
    .select(['password_tokens.token_hash', 'users.id as userId', 'users.email', 'users.name'])
    .where('password_tokens.token_hash', '=', hashToken(token))
    .where('password_tokens.used_at', 'is', null)
    .where('password_tokens.expires_at', '>', nowIso())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Uses the link once; setting the password spends the user's other links too. Returns the user id,
 * or null when it was already used or expired.
 */
export async function redeemPasswordToken(db: Kysely<Database>, token: string, password: string): Promise<string | null> {
  // The cheap lookup first: only a valid link leads to hashing (argon2 is slow on purpose).
  if (!(await findPasswordToken(db, token))) return null;
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const found = await findPasswordToken(trx, token);
    if (!found) return null;
    const claimed = await trx
      .updateTable('password_tokens')
      .set({ used_at: nowIso() })
      .where('token_hash', '=', found.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    await storePasswordHash(trx, found.userId, passwordHash);
    return found.userId;
  });
}

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
  hasPassword: boolean;
  organisationId: string | null;
  organisationName: string | null;
  membershipCount: number;
}

export async function listUsers(db: Kysely<Database>): Promise<UserListItem[]> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select((eb) => [
      'users.id',
      'users.email',
      'users.name',
      'users.is_admin',
      'users.disabled_at',
      'users.password_hash',
      'users.organisation_id',
      'organisations.name as organisationName',
      eb
        .selectFrom('memberships')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('memberships.user_id', '=', 'users.id')
        .as('membershipCount'),
    ])
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    isAdmin: r.is_admin === 1,
    disabled: r.disabled_at !== null,
    hasPassword: r.password_hash !== null,
    organisationId: r.organisation_id,
    organisationName: r.organisationName,
    membershipCount: Number(r.membershipCount ?? 0),
  }));
}

export async function updateUserByAdmin(
  db: Kysely<Database>,
  userId: string,
  changes: { organisationId?: string | null; isAdmin?: boolean; disabled?: boolean },
  actorId: string
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const set: Partial<User> = {};
    if (changes.organisationId !== undefined) set.organisation_id = changes.organisationId;
    if (changes.isAdmin !== undefined) set.is_admin = changes.isAdmin ? 1 : 0;
    if (changes.disabled !== undefined) set.disabled_at = changes.disabled ? nowIso() : null;
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    if (changes.disabled) {
      await invalidateUserSessions(trx, userId);
      await revokePasswordTokens(trx, userId); // an old link must not work again once unblocked
    }
    await writeAudit(trx, { actorId, action: 'user.update', entityType: 'user', entityId: userId, details: changes });
  });
}
