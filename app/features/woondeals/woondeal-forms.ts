// The woondeal form: the same zod schema validates in the browser and on the server. Pure.
import { z } from '../../lib/zod.ts';
import { isValidIsoDate } from '../../lib/time.ts';
import { multiLineText, oneLineText } from '../../core/validation.ts';

export const MAX_TARGET_HOMES = 10_000_000;
export const MIN_TARGET_YEAR = 2000;
export const MAX_TARGET_YEAR = 2100;

/** The three parts of the split, in the order of the agreement (and of the chart). */
export const SHARE_KEYS = ['shareSocial', 'shareMiddle', 'shareExpensive'] as const;
export type ShareKey = (typeof SHARE_KEYS)[number];
export const SHARE_LABELS: Record<ShareKey, string> = {
  shareSocial: 'Sociale huur',
  shareMiddle: 'Middenhuur en betaalbare koop',
  shareExpensive: 'Duurder',
};

export type WholeNumber = { ok: true; value: number } | { ok: false; message: string };

/**
 * A whole number as Dutch people write it: "14100", "14.100" or "14 100" (a dot or space between groups of
 * three). A comma is a decimal comma in Dutch ("14,1" is fourteen point one), so any comma is refused as
 * ambiguous rather than guessed at.
 */
export function parseDutchWholeNumber(input: string): WholeNumber {
  const value = input.trim().replace(/[\s\u00a0\u202f]+/g, ' ');
  if (value.includes(',')) {
    return {
      ok: false,
      message:
        'Gebruik geen komma: een komma is in het Nederlands een decimaalteken. Schrijf een heel getal, zoals 14100 of 14.100.',
    };
  }
  if (/^\d+$/.test(value)) return { ok: true, value: Number(value) };
  if (/^\d{1,3}([. ]\d{3})+$/.test(value)) return { ok: true, value: Number(value.replace(/[. ]/g, '')) };
  return { ok: false, message: 'Vul een heel getal in, zoals 14100 of 14.100.' };
}

const targetHomes = z
  .string()
  .optional()
  .transform((input, ctx) => {
    if (input === undefined || input.trim() === '') return null;
    const parsed = parseDutchWholeNumber(input);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    if (parsed.value < 1 || parsed.value > MAX_TARGET_HOMES) {
      ctx.addIssue({ code: 'custom', message: 'Het aantal woningen is een positief heel getal (hoogstens 10.000.000).' });
      return z.NEVER;
    }
    return parsed.value;
  });

const targetYear = z
  .string()
  .optional()
  .transform((input, ctx) => {
    const value = input?.trim() ?? '';
    if (value === '') return null;
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= MIN_TARGET_YEAR && year <= MAX_TARGET_YEAR)) {
      ctx.addIssue({
        code: 'custom',
        message: `Vul een jaartal van ${MIN_TARGET_YEAR} tot en met ${MAX_TARGET_YEAR} in, zoals 2030.`,
      });
      return z.NEVER;
    }
    return year;
  });

const share = z
  .string()
  .optional()
  .transform((input, ctx) => {
    const value = (input ?? '').trim().replace(/\s*%$/, '');
    if (value === '') return null;
    const percent = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
    if (!(percent >= 0 && percent <= 100)) {
      ctx.addIssue({ code: 'custom', message: 'Vul een heel percentage van 0 tot en met 100 in, zoals 30.' });
      return z.NEVER;
    }
    return percent;
  });

const signedOn = z
  .string()
  .optional()
  .transform((input, ctx) => {
    const value = input?.trim() ?? '';
    if (value === '') return null;
    if (!isValidIsoDate(value)) {
      ctx.addIssue({ code: 'custom', message: 'Vul een bestaande datum in (jjjj-mm-dd), zoals 2022-12-21.' });
      return z.NEVER;
    }
    return value;
  });

/** The Dutch message when the three shares are all given and do not make 100 %; else null. */
export function shareSumMessage(shares: Record<ShareKey, number | null>): string | null {
  const values = SHARE_KEYS.map((k) => shares[k]);
  if (values.some((v) => v === null)) return null;
  const sum = values.reduce<number>((total, v) => total + (v ?? 0), 0);
  return sum === 100 ? null : `De verdeling telt op tot ${sum} %; dat moet 100 % zijn.`;
}

export const woondealSchema = z
  .object({
    name: oneLineText('Vul de naam van de woondeal in.')
      .min(3, 'Een naam heeft minstens 3 tekens.')
      .max(200, 'Een naam is hoogstens 200 tekens.'),
    sourceDocument: oneLineText().max(300, 'De bron is hoogstens 300 tekens.').default(''),
    signedOn,
    targetHomes,
    targetYear,
    shareSocial: share,
    shareMiddle: share,
    shareExpensive: share,
    note: multiLineText().max(4000, 'De toelichting is hoogstens 4.000 tekens.').default(''),
  })
  .superRefine((values, ctx) => {
    const message = shareSumMessage(values);
    if (message) ctx.addIssue({ code: 'custom', path: ['shareSocial'], message });
  });

export type WoondealValues = z.output<typeof woondealSchema>;

/** The homes a share stands for: 30 % of 14,100 is 4,230 (rounded to whole homes). */
export function homesForShare(targetHomes: number | null, share: number | null): number | null {
  return targetHomes === null || share === null ? null : Math.round((targetHomes * share) / 100);
}
