// How a meeting is said in words, on its pages and in its besluitenlijst (pure: also in the browser).
import type { MeetingKind } from '../../../db/schema.ts';
import { MEETING_KIND_LABELS } from '../../core/labels.ts';
import { formatDate, formatDateTime } from '../../lib/time.ts';

const longDate = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** '2027-01-12' -> 'dinsdag 12 januari 2027' (a calendar date, no time zone shift). */
export function formatLongDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T12:00:00Z`));
}

export function besluitenlijstTitle(meeting: { kind: MeetingKind; date: string }): string {
  return `Besluitenlijst ${MEETING_KIND_LABELS[meeting.kind]} ${formatDate(meeting.date)}`;
}

/** "Concept" or "Vastgesteld op … in …": the state of a meeting's minutes, in words. */
export function minutesStatus(meeting: {
  adoptedAt: string | null;
  adoptedInTitle: string | null;
  adoptedInDate: string | null;
}): string {
  if (!meeting.adoptedAt) return 'Concept';
  return meeting.adoptedInDate
    ? `Vastgesteld op ${formatDate(meeting.adoptedInDate)} in ${meeting.adoptedInTitle}`
    : `Vastgesteld op ${formatDateTime(meeting.adoptedAt)}`;
}

export function timeRange(meeting: { startTime: string | null; endTime: string | null }): string {
  if (!meeting.startTime) return '';
  return meeting.endTime ? `${meeting.startTime}–${meeting.endTime} uur` : `${meeting.startTime} uur`;
}
