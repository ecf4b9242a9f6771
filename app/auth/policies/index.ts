// One entry point for "may this actor do this to this record": routes, models' callers and the
// collaboration server ask here, and decide nothing about roles, owners or states themselves.
// Each noun has its own small, pure module; they build on the role table in ../permissions.ts.
import { actionPolicy } from './action.ts';
import { calendarFeedPolicy } from './calendar-feed.ts';
import { commentPolicy } from './comment.ts';
import { dataImportPolicy } from './data-import.ts';
import { documentPolicy } from './document.ts';
import { knelpuntPolicy } from './knelpunt.ts';
import { meetingPolicy } from './meeting.ts';
import { membershipPolicy } from './membership.ts';
import { reviewRoundPolicy } from './review-round.ts';
import { stepPolicy } from './step.ts';
import type { Refusal } from './types.ts';
import { userPolicy } from './user.ts';
import { woondealPolicy } from './woondeal.ts';

export const POLICY_MODULES = {
  document: documentPolicy,
  comment: commentPolicy,
  reviewRound: reviewRoundPolicy,
  membership: membershipPolicy,
  knelpunt: knelpuntPolicy,
  dataImport: dataImportPolicy,
  user: userPolicy,
  action: actionPolicy,
  step: stepPolicy,
  meeting: meetingPolicy,
  woondeal: woondealPolicy,
  calendarFeed: calendarFeedPolicy,
};

const POLICIES = {
  ...documentPolicy,
  ...commentPolicy,
  ...reviewRoundPolicy,
  ...membershipPolicy,
  ...knelpuntPolicy,
  ...dataImportPolicy,
  ...userPolicy,
  ...actionPolicy,
  ...stepPolicy,
  ...meetingPolicy,
  ...woondealPolicy,
  ...calendarFeedPolicy,
};

type Policies = typeof POLICIES;
export type PolicyAction = keyof Policies;
/** The record an action is asked about: checked at compile time. */
export type RecordFor<A extends PolicyAction> = Parameters<Policies[A]>[1];
/** Who may ask: a full actor, or for administration the user's id and beheerder flag. */
export type ActorFor<A extends PolicyAction> = Parameters<Policies[A]>[0];

/** Null when allowed; else the status and Dutch message to answer with. */
export function check<A extends PolicyAction>(actor: ActorFor<A>, action: A, record: RecordFor<A>): Refusal | null {
  const rule = POLICIES[action] as (actor: ActorFor<A>, record: RecordFor<A>) => Refusal | null;
  return rule(actor, record);
}

export function allowed<A extends PolicyAction>(actor: ActorFor<A>, action: A, record: RecordFor<A>): boolean {
  return check(actor, action, record) === null;
}

/** The refusal as the Response a loader or action throws (404 "Niet gevonden", 403 "Geen toegang", …). */
export function refusalResponse(refusal: Refusal): Response {
  const statusText = refusal.status === 404 ? 'Niet gevonden' : refusal.status === 403 ? 'Geen toegang' : undefined;
  return new Response(refusal.message, { status: refusal.status, statusText });
}

/** Throws the refusal's Response unless the action is allowed. */
export function authorize<A extends PolicyAction>(actor: ActorFor<A>, action: A, record: RecordFor<A>): void {
  const refusal = check(actor, action, record);
  if (refusal) throw refusalResponse(refusal);
}

export type { PolicyActor, Refusal } from './types.ts';
export { commentButtons, threadButtons } from './comment.ts';
