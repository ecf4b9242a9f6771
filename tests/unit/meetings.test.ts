import { describe, expect, it } from 'vitest';
import type { Role, WorkspaceRef } from '../../app/auth/permissions.ts';
import { check, type PolicyActor } from '../../app/auth/policies/index.ts';
import { ADOPT_IN_LATER, MINUTES_ADOPTED } from '../../app/auth/policies/meeting.ts';
import { actionTitleFrom, decisionSchema, isValidTime, meetingSchema } from '../../app/features/meetings/meeting-forms.ts';
import { besluitenlijstTitle, formatLongDate, minutesStatus, timeRange } from '../../app/features/meetings/meeting-text.ts';

// The meeting policy for every role and record state, the forms' rules and how a meeting is said in words.

const regio: WorkspaceRef = { id: 'regio', kind: 'regio', parentId: null };
type Who = Role | 'beheerder' | 'vreemde';
const WHO: Who[] = ['lezer', 'commentator', 'redacteur', 'projectleider', 'beheerder', 'vreemde'];

function actor(who: Who): PolicyActor {
  if (who === 'beheerder') return { id: 'ik', isAdmin: true, memberships: [] };
  if (who === 'vreemde') return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: 'elders', role: 'projectleider' }] };
  return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: 'regio', role: who }] };
}

const meeting = (state: { adopted?: boolean; workspaceId?: string; date?: string } = {}) => ({
  workspaceId: state.workspaceId ?? 'regio',
  date: state.date ?? '2026-12-01',
  adoptedAt: state.adopted ? '2027-01-15T10:00:00Z' : null,
});

describe('meeting policy', () => {
  const expected: Record<Who, Record<string, number | null>> = {
    projectleider: { view: null, create: null, change: null, toAction: null },
    redacteur: { view: null, create: 403, change: 403, toAction: null },
    commentator: { view: null, create: 403, change: 403, toAction: 403 },
    lezer: { view: null, create: 403, change: 403, toAction: 403 },
    beheerder: { view: null, create: 403, change: 403, toAction: 403 },
    vreemde: { view: 404, create: 404, change: 404, toAction: 404 },
  };
  for (const who of WHO) {
    it(`${who}: view, create, change, make an action`, () => {
      const record = { workspace: regio, meeting: meeting() };
      const got = {
        view: check(actor(who), 'meeting.view', record)?.status ?? null,
        create: check(actor(who), 'meeting.create', { workspace: regio })?.status ?? null,
        change: check(actor(who), 'meeting.change', record)?.status ?? null,
        toAction: check(actor(who), 'meeting.decisionToAction', record)?.status ?? null,
      };
      expect(got).toEqual(expected[who]);
    });
  }

  it("another workspace's or an unknown meeting is 404, for everything", () => {
    for (const m of [meeting({ workspaceId: 'enschede' }), undefined]) {
      const record = { workspace: regio, meeting: m };
      expect(check(actor('projectleider'), 'meeting.view', record)?.status).toBe(404);
      expect(check(actor('projectleider'), 'meeting.change', record)?.status).toBe(404);
      expect(check(actor('projectleider'), 'meeting.decisionToAction', record)?.status).toBe(404);
    }
  });

  it('vastgesteld: no change (409 with the reason), but an action may still be made', () => {
    const record = { workspace: regio, meeting: meeting({ adopted: true }) };
    expect(check(actor('projectleider'), 'meeting.change', record)).toEqual({ status: 409, message: MINUTES_ADOPTED });
    expect(check(actor('redacteur'), 'meeting.change', record)?.status).toBe(403); // the role first
    expect(check(actor('redacteur'), 'meeting.decisionToAction', record)).toBeNull();
  });

  it('adopt: in a later meeting of the same workspace, once', () => {
    const adopt = (
      m: ReturnType<typeof meeting>,
      inMeeting: ReturnType<typeof meeting> | undefined,
      who: Who = 'projectleider'
    ) => check(actor(who), 'meeting.adopt', { workspace: regio, meeting: m, in: inMeeting });
    expect(adopt(meeting(), meeting({ date: '2027-01-15' }))).toBeNull();
    expect(adopt(meeting(), meeting())).toEqual({ status: 409, message: ADOPT_IN_LATER }); // the same day
    expect(adopt(meeting(), meeting({ date: '2026-11-01' }))?.status).toBe(409);
    expect(adopt(meeting({ adopted: true }), meeting({ date: '2027-01-15' }))).toEqual({ status: 409, message: MINUTES_ADOPTED });
    expect(adopt(meeting(), meeting({ date: '2027-01-15', workspaceId: 'enschede' }))?.status).toBe(404);
    expect(adopt(meeting(), undefined)?.status).toBe(404);
    expect(adopt(meeting(), meeting({ date: '2027-01-15' }), 'redacteur')?.status).toBe(403);
  });
});

describe('meeting form', () => {
  const valid = { kind: 'ambtelijk_overleg', title: 'Ambtelijk overleg', date: '2026-12-01' };
  const errors = (values: Record<string, unknown>) => {
    const result = meetingSchema.safeParse({ ...valid, ...values });
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('takes a meeting without times, place or agenda', () => {
    expect(meetingSchema.parse(valid)).toMatchObject({ ...valid, participantIds: [], minutes: '', location: '' });
  });

  it.each([
    ['2026-02-30', 'Vul een geldige datum in'],
    ['31-12-2026', 'Vul een geldige datum in'],
    ['2026-12-1', 'Vul een geldige datum in'],
    ['1999-12-31', 'Kies een datum tussen 2000 en 2100.'],
  ])('refuses the date %s', (date, message) => {
    expect(errors({ date }).date).toContain(message);
  });

  it('times: 00:00 to 23:59 as uu:mm, the end after the start, no end without a start', () => {
    expect(['00:00', '09:30', '23:59'].every(isValidTime)).toBe(true);
    expect(['24:00', '25:00', '9:30', '09:60', '0930', ''].some(isValidTime)).toBe(false);
    expect(errors({ startTime: '25:00' }).startTime).toContain('uu:mm');
    expect(errors({ startTime: '14:00', endTime: '13:59' }).endTime).toBe('De eindtijd ligt na de begintijd.');
    expect(errors({ startTime: '14:00', endTime: '14:00' }).endTime).toBe('De eindtijd ligt na de begintijd.');
    expect(errors({ endTime: '14:00' }).startTime).toBe('Vul ook de begintijd in.');
    expect(errors({ startTime: '14:00', endTime: '16:00' })).toEqual({});
  });

  it('refuses an unknown kind and counts a participant once', () => {
    expect(errors({ kind: 'borrel' }).kind).toBe('Kies het soort overleg.');
    expect(meetingSchema.parse({ ...valid, participantIds: ['a', 'b', 'a'] }).participantIds).toEqual(['a', 'b']);
  });

  it('a decision needs its text; its due date is a real date', () => {
    expect(decisionSchema.safeParse({ text: 'Ja', dueDate: undefined }).success).toBe(false);
    expect(decisionSchema.safeParse({ text: 'Afspraken maken', dueDate: '2026-02-30' }).success).toBe(false);
    expect(decisionSchema.parse({ text: '  Afspraken maken \r\n' })).toEqual({ text: 'Afspraken maken' });
  });
});

describe("an action's title from a decision", () => {
  it('keeps a short text whole, on one line', () => {
    expect(actionTitleFrom('Afspraken maken\nmet de corporaties')).toBe('Afspraken maken met de corporaties');
  });
  it('cuts a long text after a whole word, within the limit, with an ellipsis', () => {
    const text = 'Regionale afspraken over de uitstroom uit beschermd wonen naar corporatiewoningen, '.repeat(3);
    const title = actionTitleFrom(text);
    expect(title.length).toBeLessThanOrEqual(150);
    expect(title.endsWith('…')).toBe(true);
    expect(text.startsWith(title.slice(0, -1))).toBe(true);
    expect(title).toMatch(/[a-z]…$/); // no comma or space before the ellipsis
  });
  it('cuts a single endless word too', () => {
    expect(actionTitleFrom('x'.repeat(400))).toBe(`${'x'.repeat(149)}…`);
  });
});

describe('a meeting in words', () => {
  it('dates in Dutch, times in uur, the status of the minutes', () => {
    expect(formatLongDate('2026-12-01')).toBe('dinsdag 1 december 2026');
    expect(formatLongDate('2027-03-28')).toBe('zondag 28 maart 2027'); // the day of the clock change
    expect(besluitenlijstTitle({ kind: 'bestuurlijk_overleg', date: '2027-01-15' })).toBe(
      'Besluitenlijst Bestuurlijk overleg 15-01-2027'
    );
    expect(timeRange({ startTime: '09:30', endTime: '11:00' })).toBe('09:30–11:00 uur');
    expect(timeRange({ startTime: '09:30', endTime: null })).toBe('09:30 uur');
    expect(timeRange({ startTime: null, endTime: null })).toBe('');
    expect(minutesStatus({ adoptedAt: null, adoptedInTitle: null, adoptedInDate: null })).toBe('Concept');
    expect(
      minutesStatus({ adoptedAt: '2027-01-15T10:00:00Z', adoptedInTitle: 'Bestuurlijk overleg', adoptedInDate: '2027-01-15' })
    ).toBe('Vastgesteld op 15-01-2027 in Bestuurlijk overleg');
  });
});
