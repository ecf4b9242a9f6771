// The checklist's forms, the same in the browser and on the server; and which items the plan covers.
import { z } from '../../lib/zod.ts';
import { oneLineText } from '../../core/validation.ts';
import { headingExists, type HeadingRef, type PlanHeadings } from '../documents/plan-headings.ts';

export const MAX_ITEM_TEXT = 300;

export const itemTextSchema = z.object({
  text: oneLineText('Vul de tekst van het punt in.')
    .min(1, 'Vul de tekst van het punt in.')
    .max(MAX_ITEM_TEXT, `Een punt is hoogstens ${MAX_ITEM_TEXT} tekens.`),
});

/** The heading an item points at ("<document id>|<heading>"), or empty for none; the server checks it exists. */
export const itemHeadingSchema = z.object({ heading: z.string().optional() });

export const removeItemSchema = z.object({
  confirm: z.boolean({ error: 'Vink aan dat u dit punt wilt verwijderen.' }),
});

/** How an item stands against the plans: covered by a heading, pointing at none, or at one that is gone. */
export type Coverage =
  { kind: 'gedekt'; ref: HeadingRef; documentTitle: string } | { kind: 'geen-kop' } | { kind: 'kop-weg'; ref: HeadingRef };

export function coverageOf(
  item: { documentId: string | null; heading: string | null },
  plans: readonly PlanHeadings[]
): Coverage {
  if (!item.documentId || !item.heading) return { kind: 'geen-kop' };
  const ref = { documentId: item.documentId, heading: item.heading };
  const plan = plans.find((p) => p.documentId === ref.documentId);
  return plan && headingExists(plans, ref) ? { kind: 'gedekt', ref, documentTitle: plan.title } : { kind: 'kop-weg', ref };
}

/** "3 van 6 afgevinkt". */
export function progressText(checked: number, total: number): string {
  return total === 0 ? 'Geen punten op de checklist' : `${checked} van ${total} afgevinkt`;
}
