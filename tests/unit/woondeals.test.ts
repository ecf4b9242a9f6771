import { describe, expect, it } from 'vitest';
import type { Role, WorkspaceRef } from '../../app/auth/permissions.ts';
import { check, type PolicyActor } from '../../app/auth/policies/index.ts';
import {
  homesForShare,
  parseDutchWholeNumber,
  shareSumMessage,
  woondealSchema,
} from '../../app/features/woondeals/woondeal-forms.ts';

// The woondeal form's rules and the woondeal and calendar-feed policies, written out by hand.

describe('parseDutchWholeNumber', () => {
  it.each([
    ['14100', 14100],
    ['14.100', 14100],
    ['14 100', 14100],
    ['1.234.567', 1234567],
    [' 2400 ', 2400],
    ['0', 0],
  ])('reads %j as %d', (input, value) => {
    expect(parseDutchWholeNumber(input)).toEqual({ ok: true, value });
  });

  it.each(['14,1', '14,100', '14.100,5'])('refuses %j: a comma is a decimal comma in Dutch, so ambiguous', (input) => {
    const result = parseDutchWholeNumber(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('Gebruik geen komma');
  });

  it.each(['14.1', '14.10', '1.4100', 'veel', '-5', '1e4', '', '14..100'])('refuses %j as no whole number', (input) => {
    expect(parseDutchWholeNumber(input)).toEqual({ ok: false, message: 'Vul een heel getal in, zoals 14100 of 14.100.' });
  });
});

describe('the split', () => {
  it('must make 100 % when all three parts are given', () => {
    expect(shareSumMessage({ shareSocial: 30, shareMiddle: 40, shareExpensive: 30 })).toBeNull();
    expect(shareSumMessage({ shareSocial: 30, shareMiddle: 40, shareExpensive: 25 })).toBe(
      'De verdeling telt op tot 95 %; dat moet 100 % zijn.'
    );
    expect(shareSumMessage({ shareSocial: 50, shareMiddle: 40, shareExpensive: 30 })).toBe(
      'De verdeling telt op tot 120 %; dat moet 100 % zijn.'
    );
    expect(shareSumMessage({ shareSocial: 30, shareMiddle: null, shareExpensive: 30 })).toBeNull();
  });

  it('the homes each part stands for, rounded', () => {
    expect(homesForShare(14100, 30)).toBe(4230);
    expect(homesForShare(14100, 40)).toBe(5640);
    expect(homesForShare(1001, 33)).toBe(330);
    expect(homesForShare(null, 30)).toBeNull();
    expect(homesForShare(14100, null)).toBeNull();
  });
});

describe('woondealSchema', () => {
  const valid = { name: 'Regionale Woondeal Twente', targetHomes: '14.100', targetYear: '2030', signedOn: '2022-12-21' };
  const errors = (input: Record<string, string>) => {
    const result = woondealSchema.safeParse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('reads the form into numbers and nulls', () => {
    expect(woondealSchema.parse({ ...valid, shareSocial: '30', shareMiddle: '40 %', shareExpensive: '30' })).toEqual({
      name: 'Regionale Woondeal Twente',
      sourceDocument: '',
      signedOn: '2022-12-21',
      targetHomes: 14100,
      targetYear: 2030,
      shareSocial: 30,
      shareMiddle: 40,
      shareExpensive: 30,
      note: '',
    });
    expect(woondealSchema.parse({ name: 'Alleen een naam' })).toMatchObject({
      signedOn: null,
      targetHomes: null,
      targetYear: null,
      shareSocial: null,
    });
  });

  it('says in Dutch, at the field, what is wrong', () => {
    expect(errors({ ...valid, name: '' })).toHaveProperty('name');
    expect(errors({ ...valid, shareSocial: '30', shareMiddle: '40', shareExpensive: '25' })).toEqual({
      shareSocial: 'De verdeling telt op tot 95 %; dat moet 100 % zijn.',
    });
    expect(errors({ ...valid, shareSocial: '101' }).shareSocial).toMatch(/^Vul een heel percentage van 0 tot en met 100 in/);
    expect(errors({ ...valid, shareMiddle: '33.3' }).shareMiddle).toMatch(/^Vul een heel percentage/);
    expect(errors({ ...valid, targetHomes: '14,1' }).targetHomes).toMatch(/^Gebruik geen komma/);
    expect(errors({ ...valid, targetHomes: '0' }).targetHomes).toMatch(/^Het aantal woningen is een positief heel getal/);
    expect(errors({ ...valid, targetYear: '1999' }).targetYear).toMatch(/^Vul een jaartal van 2000 tot en met 2100 in/);
    expect(errors({ ...valid, targetYear: '2101' }).targetYear).toMatch(/^Vul een jaartal/);
    expect(errors({ ...valid, targetYear: '2030.5' }).targetYear).toMatch(/^Vul een jaartal/);
    expect(errors({ ...valid, signedOn: '2026-02-30' }).signedOn).toMatch(/^Vul een bestaande datum in/);
    expect(errors({ ...valid, signedOn: '21-12-2022' }).signedOn).toMatch(/^Vul een bestaande datum in/);
    expect(errors({ ...valid, name: 'Naam\u202eomgekeerd' })).toHaveProperty('name');
  });
});

const regio: WorkspaceRef = { id: 'regio', kind: 'regio', parentId: null };
const enschede: WorkspaceRef = { id: 'enschede', kind: 'gemeente', parentId: 'regio' };
const andereRegio: WorkspaceRef = { id: 'andere-regio', kind: 'regio', parentId: null };
type Who = Role | 'beheerder' | 'vreemde';
const WHO: Who[] = ['lezer', 'commentator', 'redacteur', 'projectleider', 'beheerder', 'vreemde'];
function actor(who: Who, workspace: WorkspaceRef): PolicyActor {
  if (who === 'beheerder') return { id: 'ik', isAdmin: true, memberships: [] };
  if (who === 'vreemde') return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: 'elders', role: 'projectleider' }] };
  return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: workspace.id, role: who }] };
}
const status = (refusal: { status: number } | null) => refusal?.status ?? 200;

describe('woondeal policy', () => {
  const create: Record<Who, number> = {
    lezer: 403,
    commentator: 403,
    redacteur: 403,
    projectleider: 200,
    beheerder: 403,
    vreemde: 404,
  };

  it('create and change in the region: the projectleider only', () => {
    for (const who of WHO) {
      expect(status(check(actor(who, regio), 'woondeal.create', { workspace: regio })), who).toBe(create[who]);
      const own = { workspace: regio, woondeal: { workspaceId: 'regio' } };
      expect(status(check(actor(who, regio), 'woondeal.change', own)), who).toBe(create[who]);
    }
  });

  it("another region's woondeal or an unknown one is 404, also for the projectleider", () => {
    const lead = actor('projectleider', regio);
    expect(status(check(lead, 'woondeal.change', { workspace: regio, woondeal: { workspaceId: 'andere-regio' } }))).toBe(404);
    expect(status(check(lead, 'woondeal.change', { workspace: regio, woondeal: undefined }))).toBe(404);
    expect(status(check(lead, 'woondeal.create', { workspace: andereRegio }))).toBe(404);
  });

  it('never in a gemeente: its own projectleider and the region projectleider get 403', () => {
    for (const who of WHO) {
      const expected = who === 'vreemde' || who === 'beheerder' ? (who === 'vreemde' ? 404 : 403) : 403;
      expect(status(check(actor(who, enschede), 'woondeal.create', { workspace: enschede })), who).toBe(expected);
    }
    const regionLead = actor('projectleider', regio);
    expect(status(check(regionLead, 'woondeal.create', { workspace: enschede }))).toBe(403);
    expect(status(check(regionLead, 'woondeal.change', { workspace: enschede, woondeal: { workspaceId: 'regio' } }))).toBe(403);
  });
});

describe('calendar feed policy', () => {
  it('one manages only one’s own address; another’s is 404, for the beheerder too', () => {
    expect(check({ id: 'ik' }, 'calendarFeed.manage', { userId: 'ik' })).toBeNull();
    expect(status(check({ id: 'ik' }, 'calendarFeed.manage', { userId: 'ander' }))).toBe(404);
    expect(status(check(actor('beheerder', regio), 'calendarFeed.manage', { userId: 'ander' }))).toBe(404);
  });
});
