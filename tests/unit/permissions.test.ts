import { describe, expect, it } from 'vitest';
import {
  ABILITIES,
  abilitiesIn,
  can,
  canAdminister,
  seesExactFigures,
  effectiveRole,
  type Ability,
  type Actor,
  type Role,
  type WorkspaceRef,
} from '../../app/auth/permissions.ts';

const regio: WorkspaceRef = { id: 'regio', kind: 'regio', parentId: null };
const enschede: WorkspaceRef = { id: 'enschede', kind: 'gemeente', parentId: 'regio' };
const hengelo: WorkspaceRef = { id: 'hengelo', kind: 'gemeente', parentId: 'regio' };

const actor = (memberships: Array<[string, Role]>, isAdmin = false): Actor => ({
  isAdmin,
  memberships: memberships.map(([workspaceId, role]) => ({ workspaceId, role })),
});

// The table of DESIGN.md, written out by hand: role -> the abilities it has in its own workspace.
const EXPECTED: Record<Role, Ability[]> = {
  lezer: ['workspace.view', 'members.view'],
  commentator: ['workspace.view', 'members.view', 'comment.create'],
  redacteur: [
    'workspace.view',
    'members.view',
    'comment.create',
    'document.edit',
    'comment.process',
    'analysis.edit',
    'action.edit',
  ],
  projectleider: [
    'workspace.view',
    'members.view',
    'comment.create',
    'document.edit',
    'analysis.edit',
    'action.edit',
    'step.update',
    'members.manage',
    'audit.view',
    'distribution.manage',
    'comment.process',
    'comment.hide',
    'review.manage',
    'checklist.manage',
    'meeting.manage',
  ],
};

/** Regional settings (what an indicator means, its small-number threshold): only in the region's workspace. */
const REGION_ONLY: Partial<Record<Role, Ability[]>> = {
  redacteur: ['indicators.define'],
  projectleider: ['indicators.define', 'woondeal.manage'],
};

describe("role × ability in a workspace of one's own", () => {
  for (const role of Object.keys(EXPECTED) as Role[]) {
    for (const ability of ABILITIES) {
      const inGemeente = EXPECTED[role].includes(ability);
      const inRegion = inGemeente || (REGION_ONLY[role] ?? []).includes(ability);
      it(`${role} ${inGemeente ? 'may' : 'may not'} ${ability} in a gemeente, ${
        inRegion ? 'may' : 'may not'
      } in the region`, () => {
        expect(can(actor([['enschede', role]]), enschede, ability)).toBe(inGemeente);
        expect(can(actor([['regio', role]]), regio, ability)).toBe(inRegion);
      });
    }
  }
  it('a gemeente redacteur never defines indicators, not even with a region role on top', () => {
    expect(can(actor([['hengelo', 'projectleider']]), hengelo, 'indicators.define')).toBe(false);
    expect(can(actor([['regio', 'projectleider']]), hengelo, 'indicators.define')).toBe(false);
  });
});

describe('inheritance from the region', () => {
  const inGemeente: Record<Role, Role> = {
    projectleider: 'projectleider',
    redacteur: 'lezer',
    commentator: 'commentator',
    lezer: 'lezer',
  };
  for (const [regionRole, gemeenteRole] of Object.entries(inGemeente) as Array<[Role, Role]>) {
    it(`a region ${regionRole} is ${gemeenteRole} in every gemeente`, () => {
      const a = actor([['regio', regionRole]]);
      expect(effectiveRole(a, enschede)).toBe(gemeenteRole);
      expect(effectiveRole(a, hengelo)).toBe(gemeenteRole);
      expect(abilitiesIn(a, hengelo).sort()).toEqual([...EXPECTED[gemeenteRole]].sort());
    });
  }

  it('a role given in the gemeente itself wins when it is higher', () => {
    const a = actor([
      ['regio', 'redacteur'],
      ['enschede', 'redacteur'],
    ]);
    expect(effectiveRole(a, enschede)).toBe('redacteur');
    expect(can(a, enschede, 'document.edit')).toBe(true);
    expect(effectiveRole(a, hengelo)).toBe('lezer');
    expect(can(a, hengelo, 'document.edit')).toBe(false);
  });

  it('a lower role in the gemeente does not take away the inherited higher one', () => {
    const a = actor([
      ['regio', 'projectleider'],
      ['enschede', 'lezer'],
    ]);
    expect(effectiveRole(a, enschede)).toBe('projectleider');
  });

  it('a gemeente membership gives nothing in the region or in other gemeenten', () => {
    const a = actor([['hengelo', 'projectleider']]);
    expect(effectiveRole(a, regio)).toBeNull();
    expect(effectiveRole(a, enschede)).toBeNull();
    for (const ability of ABILITIES) {
      expect(can(a, regio, ability)).toBe(false);
      expect(can(a, enschede, ability)).toBe(false);
    }
  });

  it('without any membership nothing is allowed, not even seeing the workspace', () => {
    for (const ability of ABILITIES) expect(can(actor([]), regio, ability)).toBe(false);
  });
});

describe('beheerder', () => {
  const admin = actor([], true);
  it('sees every workspace and manages its members and audit log', () => {
    for (const w of [enschede, hengelo]) {
      expect(abilitiesIn(admin, w).sort()).toEqual(['audit.view', 'members.manage', 'members.view', 'workspace.view']);
    }
    // and, in the region, the regional settings of the monitor
    expect(abilitiesIn(admin, regio).sort()).toEqual([
      'audit.view',
      'indicators.define',
      'members.manage',
      'members.view',
      'workspace.view',
    ]);
  });
  it('does not write documents or change steps through the flag alone', () => {
    expect(can(admin, enschede, 'document.edit')).toBe(false);
    expect(can(admin, enschede, 'step.update')).toBe(false);
  });
  it('is the only one who administers users and organisations', () => {
    expect(canAdminister(admin)).toBe(true);
    expect(canAdminister(actor([['regio', 'projectleider']]))).toBe(false);
  });
});

describe('exact figures (small-number protection)', () => {
  it('only for members of the gemeente itself: not through the region, not for the beheerder', () => {
    expect(seesExactFigures(actor([['enschede', 'lezer']]), enschede)).toBe(true);
    expect(seesExactFigures(actor([['enschede', 'redacteur']]), hengelo)).toBe(false);
    expect(seesExactFigures(actor([['regio', 'projectleider']]), enschede)).toBe(false);
    expect(seesExactFigures(actor([], true), enschede)).toBe(false);
  });
});
