import { expect } from 'vitest';
import type { Reply } from './http.ts';

/**
 * `expectRefused(send, status, message?)` for a file whose `state()` reads everything a refused request could
 * have changed: the reply has that status (and says the message), and the state is as before.
 */
export function refusalCheck(state: () => unknown) {
  return async function expectRefused(send: () => Promise<Reply>, status: number, message?: string): Promise<Reply> {
    const before = state();
    const reply = await send();
    expect(reply.status).toBe(status);
    if (message) expect(reply.body).toContain(message);
    expect(state()).toEqual(before);
    return reply;
  };
}
