import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPastDue, todayInNetherlands } from '../../app/lib/time.ts';
import { isActionOverdue } from '../../app/features/actions/action-status.ts';

// "Te laat" is a Dutch calendar matter: a due date is overdue once that day has passed in the Netherlands,
// whatever time zone the server runs in, and across the changes to and from summer time.

describe('todayInNetherlands', () => {
  const cases: Array<[string, string, string]> = [
    // instant (UTC), Dutch date, why
    ['2026-01-15T22:59:59Z', '2026-01-15', 'winter: 23:59:59 CET'],
    ['2026-01-15T23:00:00Z', '2026-01-16', 'winter: midnight CET is 23:00 UTC'],
    ['2026-07-15T21:59:59Z', '2026-07-15', 'summer: 23:59:59 CEST'],
    ['2026-07-15T22:00:00Z', '2026-07-16', 'summer: midnight CEST is 22:00 UTC'],
    // 2026-03-29 02:00 CET → 03:00 CEST: the night before is still winter time.
    ['2026-03-28T22:59:59Z', '2026-03-28', 'the evening before summer time starts'],
    ['2026-03-28T23:30:00Z', '2026-03-29', 'already the 29th in Amsterdam (00:30 CET), the 28th in UTC'],
    ['2026-03-29T00:59:59Z', '2026-03-29', '01:59:59 CET, just before the clock jumps'],
    ['2026-03-29T01:00:00Z', '2026-03-29', '03:00 CEST, just after'],
    ['2026-03-29T21:59:59Z', '2026-03-29', 'the first summer evening: 23:59:59 CEST'],
    ['2026-03-29T22:00:00Z', '2026-03-30', 'the first summer midnight'],
    // 2026-10-25 03:00 CEST → 02:00 CET: that day has 25 hours.
    ['2026-10-24T21:59:59Z', '2026-10-24', 'the last summer evening'],
    ['2026-10-24T22:00:00Z', '2026-10-25', 'the last summer midnight'],
    ['2026-10-25T00:30:00Z', '2026-10-25', '02:30 CEST, the first time round'],
    ['2026-10-25T01:30:00Z', '2026-10-25', '02:30 CET, the second time round'],
    ['2026-10-25T22:59:59Z', '2026-10-25', '23:59:59 CET, the 25-hour day not yet over'],
    ['2026-10-25T23:00:00Z', '2026-10-26', 'midnight CET'],
  ];
  for (const [instant, expected, why] of cases) {
    it(`${instant} → ${expected} (${why})`, () => {
      expect(todayInNetherlands(new Date(instant))).toBe(expected);
    });
  }
});

describe('isPastDue and isActionOverdue', () => {
  const now = new Date('2026-06-10T10:00:00Z'); // 12:00 CEST on 10 June

  it('a due date of today is not overdue; yesterday is; tomorrow is not', () => {
    expect(isPastDue('2026-06-10', now)).toBe(false);
    expect(isPastDue('2026-06-09', now)).toBe(true);
    expect(isPastDue('2026-06-11', now)).toBe(false);
  });

  it('no due date is never overdue', () => {
    expect(isPastDue(null, now)).toBe(false);
    expect(isPastDue(undefined, now)).toBe(false);
    expect(isPastDue('', now)).toBe(false);
  });

  it('around the start of summer time: at 2026-03-28T23:30Z a due date of the 28th has passed', () => {
    const justAfterDutchMidnight = new Date('2026-03-28T23:30:00Z');
    expect(isPastDue('2026-03-28', justAfterDutchMidnight)).toBe(true);
    expect(isPastDue('2026-03-29', justAfterDutchMidnight)).toBe(false);
    // Half an hour earlier it was still the 28th in the Netherlands too.
    expect(isPastDue('2026-03-28', new Date('2026-03-28T22:30:00Z'))).toBe(false);
  });

  it('around the end of summer time: the 25th is due until 23:00 UTC, an hour later than in summer', () => {
    expect(isPastDue('2026-10-25', new Date('2026-10-25T22:59:59Z'))).toBe(false);
    expect(isPastDue('2026-10-25', new Date('2026-10-25T23:00:00Z'))).toBe(true);
    // The day before ended at 22:00 UTC (still summer time).
    expect(isPastDue('2026-10-24', new Date('2026-10-24T21:59:59Z'))).toBe(false);
    expect(isPastDue('2026-10-24', new Date('2026-10-24T22:00:00Z'))).toBe(true);
  });

  it('only open actions are overdue: voorstel, besloten, in uitvoering — not gereed or vervallen', () => {
    const dueDate = '2026-06-09';
    expect(isActionOverdue({ status: 'voorstel', dueDate }, now)).toBe(true);
    expect(isActionOverdue({ status: 'besloten', dueDate }, now)).toBe(true);
    expect(isActionOverdue({ status: 'in_uitvoering', dueDate }, now)).toBe(true);
    expect(isActionOverdue({ status: 'gereed', dueDate }, now)).toBe(false);
    expect(isActionOverdue({ status: 'vervallen', dueDate }, now)).toBe(false);
    expect(isActionOverdue({ status: 'in_uitvoering', dueDate: '2026-06-10' }, now)).toBe(false);
    expect(isActionOverdue({ status: 'in_uitvoering', dueDate: null }, now)).toBe(false);
  });
});

describe('the server’s own time zone does not matter', () => {
  const instants = [
    '2026-01-15T23:00:00Z',
    '2026-03-28T23:30:00Z',
    '2026-03-29T01:00:00Z',
    '2026-06-10T10:00:00Z',
    '2026-06-10T22:30:00Z',
    '2026-10-25T22:59:59Z',
    '2026-10-25T23:00:00Z',
    '2026-12-31T23:30:00Z',
  ];
  const script = `
    const { todayInNetherlands, isPastDue } = await import(${JSON.stringify(path.resolve('app/lib/time.ts'))});
    const instants = ${JSON.stringify(instants)};
    console.log(JSON.stringify({
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      answers: instants.map((i) => [todayInNetherlands(new Date(i)), isPastDue('2026-03-28', new Date(i)), isPastDue('2026-10-25', new Date(i))]),
    }));
  `;
  const inZone = (zone: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      })
    ) as { zone: string; answers: Array<[string, boolean, boolean]> };
  const expected = instants.map((i) => [
    todayInNetherlands(new Date(i)),
    isPastDue('2026-03-28', new Date(i)),
    isPastDue('2026-10-25', new Date(i)),
  ]);

  for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/Amsterdam']) {
    it(`a process running in ${zone} gives the same answers`, () => {
      const result = inZone(zone);
      expect(result.zone).toBe(zone); // the child really ran in that zone
      expect(result.answers).toEqual(expected);
    });
  }

  it('the expected answers are the Dutch ones, written out', () => {
    expect(expected.map((e) => e[0])).toEqual([
      '2026-01-16',
      '2026-03-29',
      '2026-03-29',
      '2026-06-10',
      '2026-06-11',
      '2026-10-25',
      '2026-10-26',
      '2027-01-01',
    ]);
  });
});
