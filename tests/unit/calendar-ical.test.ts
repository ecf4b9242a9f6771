import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { amsterdamInstant, buildCalendar, isClockTime, type FeedItem } from '../../app/features/calendar/ical.ts';

// The agenda as iCalendar: Dutch calendar days as DATE values, meeting times as the right UTC instants
// around the changes to and from summer time, whatever time zone the server runs in.

const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

describe('amsterdamInstant', () => {
  it('(the test can change the process time zone)', () => {
    process.env.TZ = 'America/New_York';
    expect(new Date(Date.UTC(2026, 0, 1, 12)).getHours()).toBe(7);
    process.env.TZ = 'UTC';
    expect(new Date(Date.UTC(2026, 0, 1, 12)).getHours()).toBe(12);
  });

  it.each([
    ['2026-12-03', '14:00', '2026-12-03T13:00:00.000Z'], // winter time, UTC+1
    ['2027-07-01', '09:30', '2027-07-01T07:30:00.000Z'], // summer time, UTC+2
    ['2026-03-28', '10:00', '2026-03-28T09:00:00.000Z'], // the day before summer time
    ['2026-03-29', '10:00', '2026-03-29T08:00:00.000Z'], // the day summer time starts (02:00 → 03:00)
    ['2026-03-29', '01:30', '2026-03-29T00:30:00.000Z'], // before the change that night
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // does not exist: as 03:30 summer time
    ['2026-10-25', '01:30', '2026-10-24T23:30:00.000Z'], // before the change back, still summer time
    ['2026-10-25', '02:30', '2026-10-25T01:30:00.000Z'], // happens twice: taken in winter time
    ['2026-10-25', '10:00', '2026-10-25T09:00:00.000Z'], // the day winter time starts
    ['2026-12-31', '23:30', '2026-12-31T22:30:00.000Z'],
    ['2027-01-01', '00:15', '2026-12-31T23:15:00.000Z'], // just after midnight: the day before in UTC
  ])('%s %s Dutch time is %s', (date, time, iso) => {
    for (const tz of ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Pacific/Auckland']) {
      process.env.TZ = tz;
      expect(amsterdamInstant(date, time).toISOString(), tz).toBe(iso);
    }
  });

  it('knows a clock time', () => {
    expect(isClockTime('09:30')).toBe(true);
    expect(isClockTime('23:59')).toBe(true);
    for (const bad of ['24:00', '9:30', '09:60', '', null, undefined, '09:30:00']) expect(isClockTime(bad)).toBe(false);
  });
});

const ITEMS: FeedItem[] = [
  {
    uid: 'actie-1@thuisplan',
    summary: 'Streefdatum actie: Regionale afspraken, uitstroom; BW',
    description: 'Actie van Enschede.\n\nhttps://thuisplan.example/w/enschede/acties/1',
    url: 'https://thuisplan.example/w/enschede/acties/1',
    date: '2027-01-01',
    updatedAt: '2026-11-30T10:00:00.000Z',
  },
  {
    uid: 'overleg-2@thuisplan',
    summary: 'Ambtelijk overleg: Woonzorgvisie',
    description: 'Ambtelijk overleg van Regio.',
    url: 'https://thuisplan.example/w/regio/overleggen/2',
    date: '2026-10-25',
    startTime: '10:00',
    endTime: '11:30',
    location: 'Stadhuis Enschede',
    updatedAt: '2026-11-30T10:00:00.000Z',
  },
  {
    uid: 'overleg-3@thuisplan',
    summary: 'Adviesgroep: Heidag',
    description: '',
    url: 'https://thuisplan.example/w/regio/overleggen/3',
    date: '2027-03-15',
    startTime: null,
    endTime: '17:00',
    updatedAt: '2026-11-30T10:00:00.000Z',
  },
];

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent');
}

describe('buildCalendar', () => {
  it('writes due dates as DATE values on the same day in every server time zone', () => {
    for (const tz of ['UTC', 'Europe/Amsterdam', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      const text = buildCalendar(ITEMS, { name: 'Thuisplan – Eva', origin: 'https://thuisplan.example' });
      expect(text, tz).toContain('DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102');
      expect(text, tz).toContain('DTSTART:20261025T090000Z\r\nDTEND:20261025T103000Z');
      expect(text, tz).toContain('DTSTART;VALUE=DATE:20270315');
    }
  });

  it('reads back with ical.js: uids, Dutch summaries, escaping, url and location', () => {
    const events = parse(buildCalendar(ITEMS, { name: 'Thuisplan', origin: 'https://thuisplan.example' }));
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual(ITEMS.map((i) => i.uid));
    const [action, meeting, allDay] = events;
    expect(action!.getFirstPropertyValue('summary')).toBe('Streefdatum actie: Regionale afspraken, uitstroom; BW');
    expect(action!.getFirstPropertyValue('description')).toBe(ITEMS[0]!.description);
    expect(action!.getFirstProperty('dtstart')!.type).toBe('date');
    expect(meeting!.getFirstPropertyValue('location')).toBe('Stadhuis Enschede');
    expect(meeting!.getFirstPropertyValue('url')).toBe('https://thuisplan.example/w/regio/overleggen/2');
    expect(allDay!.getFirstProperty('dtstart')!.type).toBe('date'); // an end time without a start: all day
    expect(allDay!.getFirstPropertyValue('location')).toBeNull();
  });

  it('an empty agenda is a valid calendar', () => {
    const text = buildCalendar([], { name: 'Thuisplan', origin: 'https://thuisplan.example' });
    expect(parse(text)).toEqual([]);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR$/);
  });
});
