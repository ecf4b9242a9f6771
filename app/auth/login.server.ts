import type { Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../../db/schema.ts';
import { writeAudit } from '../models/audit.server.ts';
import { inTransaction } from '../models/transaction.server.ts';
import { getUserByEmail, normaliseEmail } from '../models/users.server.ts';
import { verifyPassword } from './password.server.ts';
import { createSession } from './session.server.ts';

// Attempts are counted per account and per IP before the password is checked; a success clears the
// account's count. Ten failures in a row lock the account for 15 minutes, whether or not it exists
// (so the lock itself tells nobody which addresses exist).
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 100;
const WINDOW_SECONDS = 15 * 60;

const failuresPerAccount = new RateLimiterMemory({
  keyPrefix: 'login-account',
  points: MAX_FAILURES_PER_ACCOUNT,
  duration: WINDOW_SECONDS,
});
const failuresPerIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: MAX_FAILURES_PER_IP, duration: WINDOW_SECONDS });

export type PasswordCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks an e-mail address and password, counting the attempt first: a burst of parallel guesses
 * is limited as well as a series. Used for log-in and wherever a password is asked again.
 */
export async function checkPassword(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string }
): Promise<PasswordCheck> {
  const email = normaliseEmail(input.email);
  try {
    await Promise.all([failuresPerAccount.consume(email), failuresPerIp.consume(input.ip)]);
  } catch (refusal) {
    const msBeforeNext = refusal instanceof RateLimiterRes ? refusal.msBeforeNext : WINDOW_SECONDS * 1000;
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.ceil(msBeforeNext / 1000) };
  }
  const user = await getUserByEmail(db, email);
  const valid = await verifyPassword(user && !user.disabled_at ? user.password_hash : null, input.password);
  if (!user || !valid) return { ok: false, reason: 'invalid' };
  // A success wipes the account's count and gives the IP its point back.
  await Promise.all([failuresPerAccount.delete(email), failuresPerIp.reward(input.ip, 1)]);
  return { ok: true, userId: user.id };
}

export type LoginResult = { ok: true; userId: string; token: string; expiresAt: Date } | Exclude<PasswordCheck, { ok: true }>;

export async function attemptLogin(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; userAgent: string | null }
): Promise<LoginResult> {
  const check = await checkPassword(db, input);
  if (!check.ok) return check;
  return inTransaction(db, async (trx) => {
    const { token, expiresAt } = await createSession(trx, check.userId, input.userAgent);
    await writeAudit(trx, {
      actorId: check.userId,
      action: 'session.create',
      entityType: 'user',
      entityId: check.userId,
      details: { ip: input.ip },
    });
    return { ok: true as const, userId: check.userId, token, expiresAt };
  });
}
