// The forms of a meeting and of a line of its besluitenlijst: the same rules in the browser and on the
// server. Whether a participant, owner or agenda document belongs to the workspace is the model's question
// (meetings.server.ts), which answers it per field too.
import { z } from '../../lib/zod.ts';
import { MEETING_KINDS } from '../../core/labels.ts';
import { multiLineText, oneLineText } from '../../core/validation.ts';
import { isValidIsoDate } from '../../lib/time.ts';

export const MAX_MEETING_TITLE = 150;
export const MAX_LOCATION = 200;
export const MAX_MINUTES = 20_000;
export const MAX_DECISION = 2000;
/** The longest title an action takes (the actions form holds it to this too). */
export const MAX_ACTION_TITLE = 150;

const DATE_FORMAT = 'Vul een geldige datum in (jjjj-mm-dd, bijvoorbeeld 2026-12-31).';
const DATE_RANGE = 'Kies een datum tussen 2000 en 2100.';
const TIME_FORMAT = 'Vul een tijd in als uu:mm, tussen 00:00 en 23:59 (bijvoorbeeld 09:30).';

/** HH:MM on a 24-hour clock, 00:00 to 23:59. */
export function isValidTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

function dateField(required?: string) {
  return (
    z
      .string(required ? { error: required } : undefined)
      .trim()
      .refine(isValidIsoDate, DATE_FORMAT)
      // One message at a time: a date that is no date is not also said to be out of range.
      .refine((v) => !isValidIsoDate(v) || (v >= '2000-01-01' && v <= '2100-12-31'), DATE_RANGE)
  );
}

const timeField = z.string().trim().refine(isValidTime, TIME_FORMAT).optional();

export const meetingSchema = z
  .object({
    kind: z.enum(MEETING_KINDS, { error: 'Kies het soort overleg.' }),
    title: oneLineText('Geef het overleg een titel.')
      .min(3, 'Een titel heeft minstens 3 tekens.')
      .max(MAX_MEETING_TITLE, `Een titel is hoogstens ${MAX_MEETING_TITLE} tekens.`),
    date: dateField('Vul de datum van het overleg in.'),
    startTime: timeField,
    endTime: timeField,
    location: oneLineText().max(MAX_LOCATION, `Een locatie is hoogstens ${MAX_LOCATION} tekens.`).default(''),
    agendaDocumentId: z.string().optional(),
    // The same person twice (a tampered or repeated form) takes part once.
    participantIds: z
      .array(z.string())
      .default([])
      .transform((ids) => [...new Set(ids)]),
    minutes: multiLineText()
      .max(MAX_MINUTES, `Het verslag is hoogstens ${MAX_MINUTES.toLocaleString('nl-NL')} tekens.`)
      .default(''),
  })
  .superRefine((v, ctx) => {
    if (v.endTime && !v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'Vul ook de begintijd in.' });
    } else if (v.startTime && v.endTime && v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'De eindtijd ligt na de begintijd.' });
    }
  });

export type MeetingValues = z.output<typeof meetingSchema>;

export const decisionSchema = z.object({
  text: multiLineText('Schrijf het besluit op.')
    .min(3, 'Een besluit heeft minstens 3 tekens.')
    .max(MAX_DECISION, `Een besluit is hoogstens ${MAX_DECISION.toLocaleString('nl-NL')} tekens.`),
  ownerId: z.string().optional(),
  dueDate: dateField().optional(),
});

export type DecisionValues = z.output<typeof decisionSchema>;

export const adoptSchema = z.object({
  meetingId: z.string({ error: 'Kies het overleg waarvan u het verslag vaststelt.' }),
});

/**
 * An action's title from a decision's text: on one line, and within the title limit, cut after a whole
 * word with an ellipsis. The full text goes into the action's description.
 */
export function actionTitleFrom(text: string, max = MAX_ACTION_TITLE): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const room = line.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space >= max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,.;:–-]+$/, '')}…`;
}
