import { z } from 'zod';
import { ROLES } from '../auth/permissions.ts';

// In the browser, zod would probe for `new Function` (to compile its parsers): under the Content Security
// Policy (no 'unsafe-eval') that probe is refused and reported as a violation on every page with a form.
// The forms' schemas import this module first. The server keeps the compiled parsers.
if (typeof document !== 'undefined') z.config({ jitless: true });

// Field rules shared by the forms, each with a Dutch message. Conform turns an empty field into
// undefined, so the "required" message is the type error of z.string().

export const MAX_NAME = 100;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

export const CONTROL_CHARACTERS = 'Gebruik geen regeleinden, tabs of onzichtbare stuurtekens.';

// In a one-line field, control characters (C0 such as line breaks, tabs, NUL and ESC; DEL; C1), the
// Unicode line and paragraph separators and format characters (bidi overrides, zero-width…) forge
// lines in e-mails and CSV files or make a name read as another: refused.
// eslint-disable-next-line no-control-regex
const NOT_ON_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u;
// In multi-line text only line breaks and tabs are kept (CR goes: browsers send CRLF); the bidi
// controls go too. Other format characters stay: emoji need the zero-width joiner.
// eslint-disable-next-line no-control-regex
const NOT_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** True when `value` holds a character a one-line field refuses. */
export function hasControlCharacters(value: string): boolean {
  return NOT_ON_ONE_LINE.test(value);
}

/** A one-line text (names, titles, addresses): trimmed; control and format characters refused. */
export function oneLineText(required?: string) {
  return z
    .string(required ? { error: required } : undefined)
    .trim()
    .refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS);
}

/** Multi-line text (comments, notes, descriptions): control characters dropped except line breaks and tabs, then trimmed. */
export function multiLineText(required?: string) {
  return z
    .string(required ? { error: required } : undefined)
    .overwrite((value) => value.replace(/\r\n?/g, '\n').replace(NOT_IN_TEXT, ''))
    .trim();
}

export const emailField = oneLineText('Vul een e-mailadres in.')
  .max(254, 'Een e-mailadres is hoogstens 254 tekens.')
  .email('Vul een geldig e-mailadres in, zoals naam@gemeente.nl.');

export const nameField = oneLineText('Vul een naam in.')
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
