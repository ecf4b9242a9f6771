import type { Kysely } from 'kysely';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Database } from '../../db/schema.ts';
import { writeAudit } from '../models/audit.server.ts';
import { getUserByEmail, normaliseEmail } from '../models/users.server.ts';
import { verifyPassword } from './password.server.ts';
import { createSession } from './session.server.ts';

// Failed log-ins are counted per account and per IP; ten in a row lock the account for 15 minutes,
// whether or not the account exists (so the lock itself tells nobody which addresses exist).
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 100;
const WINDOW_SECONDS = 15 * 60;

const failuresPerAccount = new RateLimiterMemory({
  keyPrefix: 'login-account',
  points: MAX_FAILURES_PER_ACCOUNT,
  duration: WINDOW_SECONDS,
});
const failuresPerIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: MAX_FAILURES_PER_IP, duration: WINDOW_SECONDS });

export type LoginResult =
  | { ok: true; userId: string; token: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export async function attemptLogin(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; userAgent: string | null }
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const [account, ip] = await Promise.all([failuresPerAccount.get(email), failuresPerIp.get(input.ip)]);
  const blocked = [
    account && account.consumedPoints >= MAX_FAILURES_PER_ACCOUNT ? account : null,
    ip && ip.consumedPoints >= MAX_FAILURES_PER_IP ? ip : null,
  ].filter((r) => r !== null);
  if (blocked.length > 0) {
    const retryAfterSeconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
    return { ok: false, reason: 'rate_limited', retryAfterSeconds };
  }

  const user = await getUserByEmail(db, email);
  const valid = await verifyPassword(user && !user.disabled_at ? user.password_hash : null, input.password);
  if (!user || !valid) {
    await Promise.all([failuresPerAccount.penalty(email, 1), failuresPerIp.penalty(input.ip, 1)]);
    return { ok: false, reason: 'invalid' };
  }

  await failuresPerAccount.delete(email);
  const { token, expiresAt } = await createSession(db, user.id, input.userAgent);
  await writeAudit(db, {
    actorId: user.id,
    action: 'session.create',
    entityType: 'user',
    entityId: user.id,
    details: { ip: input.ip },
  });
  return { ok: true, userId: user.id, token, expiresAt };
}
