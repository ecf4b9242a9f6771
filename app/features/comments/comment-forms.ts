import { z } from '../../lib/zod.ts';
import type { CommentDecision } from '../../../db/schema.ts';
import { DECISION_LABELS } from '../../core/labels.ts';
import { multiLineText } from '../../core/validation.ts';

export const MAX_COMMENT = 4000;
export const MAX_DECISION_NOTE = 2000;

export const commentBody = multiLineText('Schrijf een opmerking.')
  .min(1, 'Schrijf een opmerking.')
  .max(MAX_COMMENT, `Een opmerking is hoogstens ${MAX_COMMENT.toLocaleString('nl-NL')} tekens.`);

export const DECISIONS = Object.keys(DECISION_LABELS) as CommentDecision[];

export const decisionSchema = z.object({
  decision: z.enum(DECISIONS as [CommentDecision, ...CommentDecision[]], { error: 'Kies hoe de opmerking is verwerkt.' }),
  note: multiLineText('Licht de verwerking toe.')
    .min(1, 'Licht de verwerking toe.')
    .max(MAX_DECISION_NOTE, `De toelichting is hoogstens ${MAX_DECISION_NOTE.toLocaleString('nl-NL')} tekens.`),
});
