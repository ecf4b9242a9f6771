import { z } from 'zod';
import { ROLES } from '../auth/permissions.ts';

// Field rules shared by the forms, each with a Dutch message. Conform turns an empty field into
// undefined, so the "required" message is the type error of z.string().

export const MAX_NAME = 100;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

export const emailField = z
  .string({ error: 'Vul een e-mailadres in.' })
  .trim()
  .max(254, 'Een e-mailadres is hoogstens 254 tekens.')
  .email('Vul een geldig e-mailadres in, zoals naam@gemeente.nl.');

export const nameField = z
  .string({ error: 'Vul een naam in.' })
  .trim()
  .min(2, 'Een naam heeft minstens 2 tekens.')
  .max(MAX_NAME, `Een naam is hoogstens ${MAX_NAME} tekens.`);

export const newPasswordField = z
  .string({ error: 'Kies een wachtwoord.' })
  .min(MIN_PASSWORD, `Een wachtwoord heeft minstens ${MIN_PASSWORD} tekens.`)
  .max(MAX_PASSWORD, `Een wachtwoord is hoogstens ${MAX_PASSWORD} tekens.`);

export const roleField = z.enum(ROLES, { error: 'Kies een rol uit de lijst.' });

/** A new password typed twice. */
export function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, password: newPasswordField, confirm: z.string({ error: 'Herhaal het wachtwoord.' }) })
    .refine((v) => (v as { password: string; confirm: string }).password === (v as { confirm: string }).confirm, {
      path: ['confirm'],
      message: 'De wachtwoorden zijn niet gelijk.',
    });
}

/** A safe place to go back to after logging in: a path on this site only. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex
  if (typeof target !== 'string' || !target.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  try {
    const base = 'http://thuisplan.invalid';
    const url = new URL(target, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
