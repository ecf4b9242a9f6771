// Users and organisations: administered by the beheerder only, who does not block themself or take away
// their own administration rights (someone must be left to administer).
import { canAdminister } from '../permissions.ts';
import { FORBIDDEN, refuse, type PolicyActor, type Refusal } from './types.ts';

/** The beheerder needs no workspace: their flag and id are enough. */
export type AdminActor = Pick<PolicyActor, 'id' | 'isAdmin'>;

export interface UserRecord {
  target: { id: string };
}

export const OWN_ADMIN = 'U kunt uw eigen beheerrechten niet intrekken.';
export const OWN_BLOCK = 'U kunt uw eigen account niet blokkeren.';

function administer(actor: AdminActor): Refusal | null {
  return canAdminister(actor) ? null : FORBIDDEN;
}

function notYourself(message: string) {
  return (actor: AdminActor, { target }: UserRecord): Refusal | null =>
    administer(actor) ?? (target.id === actor.id ? refuse(400, message) : null);
}

export const userPolicy = {
  /** The beheer pages: users, organisations, aandachtsgroepen. */
  'admin.view': (actor: AdminActor, _record: Record<string, never>): Refusal | null => administer(actor),
  /** Organisation, password link. */
  'user.edit': (actor: AdminActor, _record: UserRecord): Refusal | null => administer(actor),
  'user.set-admin': notYourself(OWN_ADMIN),
  'user.block': notYourself(OWN_BLOCK),
};
