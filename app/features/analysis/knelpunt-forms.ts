import { z } from '../../lib/zod.ts';
import type { KnelpuntLevel, KnelpuntStatus } from '../../../db/schema.ts';
import { multiLineText, oneLineText } from '../../core/validation.ts';

export const LEVEL_LABELS: Record<KnelpuntLevel, string> = { lokaal: 'Lokaal', regionaal: 'Regionaal' };
export const KNELPUNT_STATUS_LABELS: Record<KnelpuntStatus, string> = {
  open: 'Open',
  in_aanpak: 'In aanpak',
  opgelost: 'Opgelost',
};

export const knelpuntSchema = z.object({
  title: oneLineText('Geef het knelpunt een korte titel.')
    .min(3, 'Een titel heeft minstens 3 tekens.')
    .max(150, 'Een titel is hoogstens 150 tekens.'),
  targetGroupId: z.string({ error: 'Kies de aandachtsgroep.' }),
  level: z.enum(['lokaal', 'regionaal'], { error: 'Kies lokaal of regionaal.' }),
  status: z.enum(['open', 'in_aanpak', 'opgelost'], { error: 'Kies een status.' }).default('open'),
  description: multiLineText().max(4000, 'De beschrijving is hoogstens 4.000 tekens.').default(''),
  // The same indicator twice (a tampered or repeated form) counts once: a knelpunt links each figure once.
  indicatorIds: z
    .array(z.string())
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
