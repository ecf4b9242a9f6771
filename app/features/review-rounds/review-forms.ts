import { z } from '../../lib/zod.ts';
import { isValidIsoDate } from '../../lib/time.ts';
import { oneLineText } from '../../core/validation.ts';

export const MAX_ROUND_TITLE = 150;

// conform turns one checked box into a one-item array, and none into undefined.
const ids = z.array(z.string().uuid('Kies uit de lijst.')).default([]);

/** Today as a calendar date in the Netherlands. */
export function todayInNL(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }); // sv-SE writes YYYY-MM-DD
}

export const roundSchema = z
  .object({
    title: oneLineText('Geef de reviewronde een naam.')
      .min(2, 'Een naam heeft minstens 2 tekens.')
      .max(MAX_ROUND_TITLE, `Een naam is hoogstens ${MAX_ROUND_TITLE} tekens.`),
    versionId: z.string({ error: 'Kies de versie die ter review gaat.' }).uuid('Kies een versie uit de lijst.'),
    deadline: z
      .string({ error: 'Kies de uiterste datum voor reacties.' })
      .refine(isValidIsoDate, 'Vul een geldige datum in.')
      .refine((date) => date >= todayInNL(), 'De uiterste datum ligt in het verleden.'),
    userIds: ids,
    organisationIds: ids,
    grant: z.boolean().default(false),
  })
  .refine((round) => round.userIds.length + round.organisationIds.length > 0, {
    message: 'Nodig minstens één organisatie of persoon uit.',
    path: ['organisationIds'],
  });
