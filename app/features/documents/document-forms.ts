import { z } from '../../lib/zod.ts';
import { DOCUMENT_STATUS_LABELS, STEP_NAMES } from '../../core/labels.ts';
import { oneLineText } from '../../core/validation.ts';

export const MAX_TITLE = 150;
export const MAX_VERSION_NAME = 150;

export const STEP_OPTIONS = [1, 2, 3, 4].map((n) => ({ value: String(n), label: `${n}. ${STEP_NAMES[n]}` }));
export const DOCUMENT_STATUS_OPTIONS = Object.entries(DOCUMENT_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export const documentSchema = z.object({
  title: oneLineText('Vul een titel in.')
    .min(2, 'Een titel heeft minstens 2 tekens.')
    .max(MAX_TITLE, `Een titel is hoogstens ${MAX_TITLE} tekens.`),
  step: z.enum(['1', '2', '3', '4'], { error: 'Kies een stap uit de lijst.' }).transform(Number),
  status: z.enum(['concept', 'ter_review', 'vastgesteld'], { error: 'Kies een status uit de lijst.' }),
  template: z.enum(['woonzorgvisie', 'leeg'], { error: 'Kies waarmee het document begint.' }),
});

export const versionSchema = z.object({
  name: oneLineText('Geef de versie een naam.')
    .min(2, 'Een naam heeft minstens 2 tekens.')
    .max(MAX_VERSION_NAME, `Een naam is hoogstens ${MAX_VERSION_NAME} tekens.`),
});
