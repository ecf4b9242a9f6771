// Sessions as the Lucia guide teaches them: a random token in the cookie, only its SHA-256 in
// SQLite, a sliding expiry. Sessions can be listed and revoked per user.
import { parse, serialize } from 'cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { daysFromNow, nowIso } from '../lib/time.ts';
import { generateToken, hashToken } from './tokens.server.ts';

export const SESSION_COOKIE = 'thuisplan_sessie';
const SESSION_DAYS = 30;
const RENEW_WHEN_DAYS_LEFT = 15;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  organisationId: string | null;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: string;
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  userAgent: string | null
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = daysFromNow(SESSION_DAYS);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: nowIso(),
      expires_at: expiresAt.toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** The session and its user, or null. `renewed` is set when the expiry moved and the cookie must be sent again. */
export async function validateSessionToken(
  db: Kysely<Database>,
  token: string
): Promise<{ session: Session; user: SessionUser; renewed: boolean } | null> {
  const sessionId = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.expires_at',
      'users.id as userId',
      'users.email',
      'users.name',
      'users.is_admin',
      'users.organisation_id',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (row.disabled_at || Date.parse(row.expires_at) <= now) {
    await invalidateSession(db, sessionId);
    return null;
  }
  let expiresAt = row.expires_at;
  let renewed = false;
  if (Date.parse(expiresAt) - now < RENEW_WHEN_DAYS_LEFT * 24 * 60 * 60 * 1000) {
    expiresAt = daysFromNow(SESSION_DAYS).toISOString();
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
    renewed = true;
  }
  return {
    session: { id: sessionId, userId: row.userId, expiresAt },
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      isAdmin: row.is_admin === 1,
      organisationId: row.organisation_id,
    },
    renewed,
  };
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function listSessions(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at as createdAt', 'expires_at as expiresAt', 'user_agent as userAgent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', nowIso())
    .orderBy('created_at', 'desc')
    .execute();
}

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  const token = parse(cookieHeader)[SESSION_COOKIE];
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function blankSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}
