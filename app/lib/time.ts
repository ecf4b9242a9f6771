const DAY_MS = 24 * 60 * 60 * 1000;

export function nowIso(): string {
  return new Date().toISOString();
}

export function daysFromNow(days: number, from = new Date()): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** '2026-11-25' -> '25-11-2026' (a calendar date; no time zone shift). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

/** A UTC timestamp shown as Dutch local time: '25-11-2026 12:04'. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return dateTimeFormat.format(new Date(iso)).replace(',', '');
}

export function formatInstantDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const ymdInNetherlands = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** Today's calendar date in the Netherlands ('2026-03-29'), whatever time zone the server runs in. */
export function todayInNetherlands(now = new Date()): string {
  return ymdInNetherlands.format(now);
}

/**
 * A due date (YYYY-MM-DD, a Dutch calendar day) is overdue once that day has passed in the Netherlands:
 * on the due date itself it is not yet.
 */
export function isPastDue(dueDate: string | null | undefined, now = new Date()): boolean {
  return !!dueDate && dueDate < todayInNetherlands(now);
}

const wallClockParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * What a Dutch clock showed at an instant, written as the UTC milliseconds of that date and time: for files
 * without time zones, and to tell Amsterdam's offset from UTC.
 */
export function netherlandsWallClock(instant: Date): number {
  const parts = Object.fromEntries(wallClockParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second)
  );
}
