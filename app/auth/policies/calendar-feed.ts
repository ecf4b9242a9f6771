// A calendar feed is one user's own: only they see, make or renew its secret address.
import { NOT_FOUND, type PolicyActor, type Refusal } from './types.ts';

export const calendarFeedPolicy = {
  'calendarFeed.manage': (actor: Pick<PolicyActor, 'id'>, { userId }: { userId: string }): Refusal | null =>
    actor.id === userId ? null : NOT_FOUND,
};
