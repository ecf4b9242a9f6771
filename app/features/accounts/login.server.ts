import type { Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../../../db/schema.ts';
import { writeAudit } from '../../core/audit.server.ts';
import { inTransaction } from '../../core/transaction.server.ts';
import { getUserByEmail, normaliseEmail } from './users.server.ts';
import { verifyPassword } from '../../auth/password.server.ts';
import { createSession } from '../../auth/session.server.ts';
import { plural } from '../../lib/plural.ts';

// rate-limiter-flexible's "login endpoint protection": failures are counted per address and
// account pair, and per address a day. Someone guessing from elsewhere cannot lock a user out of
// their own address, and a success from a pair clears only that pair. The pair is counted for
// unknown addresses too, so a refusal tells nobody which accounts exist.
export const MAX_CONSECUTIVE_FAILURES = 10;
export const MAX_FAILURES_PER_IP_PER_DAY = 100;

const consecutiveFailures = new RateLimiterMemory({
  keyPrefix: 'login-account-ip',
  points: MAX_CONSECUTIVE_FAILURES,
  // Consecutive: only a success resets the count. Not the guide's 90 days: the memory store expires
  // keys with setTimeout, which fires at once beyond 24.8 days (2^31 ms).
  duration: 7 * 24 * 60 * 60,
  blockDuration: 60 * 60,
});
const failuresPerIp = new RateLimiterMemory({
  keyPrefix: 'login-ip-day',
  points: MAX_FAILURES_PER_IP_PER_DAY,
  duration: 24 * 60 * 60,
  blockDuration: 24 * 60 * 60,
});

// The set-password page, per address: its links are unguessable, but each post may cost a hash.
export const MAX_PASSWORD_LINK_POSTS = 20;
const passwordLinkPosts = new RateLimiterMemory({
  keyPrefix: 'password-link-ip',
  points: MAX_PASSWORD_LINK_POSTS,
  duration: 15 * 60,
});

/** Counts a post to a set-password link; the seconds to wait when the address has had too many, else null. */
export async function limitPasswordLinkPost(ip: string): Promise<number | null> {
  try {
    await passwordLinkPosts.consume(ip);
    return null;
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  }
}

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
  const pair = `${email}|${input.ip}`;
  // A point is taken before the password is checked, so a burst of parallel guesses is limited as
  // well as a series; the pair first, so a blocked pair costs its address nothing more.
  try {
    await consecutiveFailures.consume(pair);
  } catch (refusal) {
    return limited(refusal);
  }
  try {
    await failuresPerIp.consume(input.ip);
  } catch (refusal) {
    await consecutiveFailures.reward(pair, 1); // refused for the address: no attempt on the account
    return limited(refusal);
  }
  const user = await getUserByEmail(db, email);
  const valid = await verifyPassword(user && !user.disabled_at ? user.password_hash : null, input.password);
  if (!user || !valid) return { ok: false, reason: 'invalid' };
  // A success clears the pair and gives the address its point back.
  await Promise.all([consecutiveFailures.delete(pair), failuresPerIp.reward(input.ip, 1)]);
  return { ok: true, userId: user.id };
}

/** "Probeer het over … opnieuw." in minutes, or in hours when an address is blocked for the day. */
export function retryMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes <= 90) return `Probeer het over ${plural(minutes, 'minuut', 'minuten')} opnieuw.`;
  return `Probeer het over ${Math.ceil(minutes / 60)} uur opnieuw.`;
}

function limited(refusal: unknown): PasswordCheck {
  if (!(refusal instanceof RateLimiterRes)) throw refusal;
  return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
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
