// Review rounds and the responses given in them: a closed round is not closed or reminded again, and a
// response that is processed, or whose round is closed, is locked — the reactienota shows what was answered.
import type { CommentDecision, ReviewRoundStatus } from '../../../db/schema.ts';
import type { WorkspaceRef } from '../permissions.ts';
import { needs, ownedBy, refuse, type PolicyActor, type Refusal } from './types.ts';

export interface RoundRecord {
  workspace: WorkspaceRef;
  round: { workspaceId: string; status: ReviewRoundStatus };
}

/** A comment as a response: the round it was given in (null: none) and how it was processed. */
export interface ResponseRecord {
  roundStatus: ReviewRoundStatus | null;
  decision: CommentDecision | null;
}

export const ROUND_CLOSED = 'Deze ronde is al gesloten.';
export const RESPONSE_PROCESSED = 'Deze reactie is al verwerkt in de reviewronde en kan niet meer worden gewijzigd.';
export const RESPONSE_ROUND_CLOSED = 'De reviewronde is gesloten; deze reactie kan niet meer worden gewijzigd.';
export const RESPONSE_NOT_IN_ROUND = 'Deze reactie hoort niet bij deze ronde.';

function view(actor: PolicyActor, { workspace, round }: RoundRecord): Refusal | null {
  return needs(actor, workspace, 'comment.process') ?? ownedBy(round, workspace);
}

function manageOpen(actor: PolicyActor, record: RoundRecord): Refusal | null {
  return (
    view(actor, record) ??
    needs(actor, record.workspace, 'review.manage') ??
    (record.round.status === 'gesloten' ? refuse(409, ROUND_CLOSED) : null)
  );
}

/** Why the author may no longer change a response, or null (also for a comment outside any round). */
export function responseLock(response: ResponseRecord): Refusal | null {
  if (response.roundStatus === null) return null;
  if (response.decision) return refuse(409, RESPONSE_PROCESSED);
  return response.roundStatus === 'gesloten' ? refuse(409, RESPONSE_ROUND_CLOSED) : null;
}

export const reviewRoundPolicy = {
  /** The round's dashboard and its reactienota. */
  'review.view': view,
  'review.remind': manageOpen,
  'review.close': manageOpen,
  /** Recording how a response was processed: also after the round closed, and again to correct it. */
  'review.decide': (actor: PolicyActor, record: RoundRecord & { inRound: boolean }): Refusal | null =>
    view(actor, record) ?? (record.inRound ? null : refuse(404, RESPONSE_NOT_IN_ROUND)),
  /** The author changing or deleting their response (the comment policy asks this too). */
  'review.response.change': (_actor: PolicyActor, record: { response: ResponseRecord }): Refusal | null =>
    responseLock(record.response),
};
