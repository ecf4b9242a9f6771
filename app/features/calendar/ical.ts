// A user's agenda as iCalendar (RFC 5545), for Outlook and other calendar apps that subscribe to an address.
// Pure: the items come from calendar-feed.server.ts.
//
// Times: a due date is a Dutch calendar day, written as an all-day event with DATE values (VALUE=DATE), which
// calendar apps show on that day in any time zone. A meeting with a start time is written as a UTC instant
// (…Z), computed from its Dutch local time in Europe/Amsterdam (summer and winter time included). Not as a
// local time with TZID=Europe/Amsterdam: ical-generator formats a JavaScript Date in a named time zone with
// the *server process's* local-time getters (Date#getHours), so on a server running in UTC it would write the
// wrong hour; and a TZID needs a VTIMEZONE in the file, which ical-generator only writes through a generator
// package (timezones-ical-library, @touch4it/ical-timezones) that Thuisplan does not have. A UTC instant is
// unambiguous, and every calendar app shows it in the viewer's own zone: for Dutch users, Dutch time.
import { ICalCalendar } from 'ical-generator';
import { netherlandsWallClock } from '../../lib/time.ts';

export interface FeedItem {
  /** Stable across renewals and edits, e.g. "actie-<id>@thuisplan": calendar apps update instead of duplicating. */
  uid: string;
  summary: string;
  description: string;
  /** Absolute address of the page in Thuisplan. */
  url: string;
  /** YYYY-MM-DD, a Dutch calendar day. */
  date: string;
  /** HH:MM Dutch local time; without it the item is an all-day event. */
  startTime?: string | null;
  endTime?: string | null;
  location?: string;
  /** When the item last changed (ISO instant): its DTSTAMP and LAST-MODIFIED. */
  updatedAt: string;
}

/** Minutes Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: number): number {
  return Math.round((netherlandsWallClock(new Date(instant)) - Math.floor(instant / 1000) * 1000) / 60_000);
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: string | null | undefined): value is string {
  return typeof value === 'string' && TIME.test(value);
}

/**
 * The instant of a Dutch local date and time ("2026-03-29", "10:00") in Europe/Amsterdam, whatever zone the
 * server runs in. A time that does not exist (in the hour skipped in spring) comes out an hour later, as a
 * clock would show it; one that happens twice (in autumn) is taken in winter time.
 */
export function amsterdamInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const guess = wall - amsterdamOffsetMinutes(wall) * 60_000;
  return new Date(wall - amsterdamOffsetMinutes(guess) * 60_000);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The iCalendar text of the items: all-day events for dates, UTC instants for meetings with a time. */
export function buildCalendar(items: FeedItem[], options: { name: string; origin: string }): string {
  const calendar = new ICalCalendar({
    name: options.name,
    description: 'Streefdatums en overleggen uit Thuisplan',
    prodId: { company: 'Thuisplan', product: 'Agenda', language: 'NL' },
    url: options.origin,
    // Calendar apps that honour it fetch the feed again every hour (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    ttl: 60 * 60,
  });
  for (const item of items) {
    const timed = isClockTime(item.startTime);
    const start = timed ? amsterdamInstant(item.date, item.startTime!) : new Date(`${item.date}T00:00:00Z`);
    let end: Date | null;
    if (!timed)
      end = new Date(start.getTime() + DAY_MS); // DTEND of an all-day event: the next day, exclusive
    else if (isClockTime(item.endTime) && item.endTime > item.startTime!) end = amsterdamInstant(item.date, item.endTime);
    else end = null;
    calendar.createEvent({
      id: item.uid,
      start,
      end,
      allDay: !timed,
      summary: item.summary,
      description: item.description,
      location: item.location || null,
      url: item.url,
      stamp: new Date(item.updatedAt),
      lastModified: new Date(item.updatedAt),
    });
  }
  return calendar.toString();
}
