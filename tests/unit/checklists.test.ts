import { describe, expect, it } from 'vitest';
import type { Role, WorkspaceRef } from '../../app/auth/permissions.ts';
import { check, type PolicyActor } from '../../app/auth/policies/index.ts';
import { auditSummary } from '../../app/core/audit-labels.ts';
import { coverageOf, itemTextSchema, progressText, removeItemSchema } from '../../app/features/steps/checklist-forms.ts';
import { DEFAULT_CHECKLISTS } from '../../app/features/steps/checklist-defaults.ts';

// The step policy (step.update, checklist.add, checklist.change) for every role, written out by hand; and the
// checklist's pure parts: coverage against the plans, the progress text, the item form, the logboek lines.
const regio: WorkspaceRef = { id: 'regio', kind: 'regio', parentId: null };
const enschede: WorkspaceRef = { id: 'enschede', kind: 'gemeente', parentId: 'regio' };

type Who = Role | 'beheerder' | 'vreemde' | 'regio-projectleider' | 'regio-redacteur';
const WHO: Who[] = [
  'lezer',
  'commentator',
  'redacteur',
  'projectleider',
  'beheerder',
  'vreemde',
  'regio-projectleider',
  'regio-redacteur',
];

function actor(who: Who): PolicyActor {
  if (who === 'beheerder') return { id: 'ik', isAdmin: true, memberships: [] };
  if (who === 'vreemde') return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: 'elders', role: 'projectleider' }] };
  if (who === 'regio-projectleider')
    return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: 'regio', role: 'projectleider' }] };
  if (who === 'regio-redacteur') return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: 'regio', role: 'redacteur' }] };
  return { id: 'ik', isAdmin: false, memberships: [{ workspaceId: 'enschede', role: who }] };
}

/** In Enschede: the projectleider (own or through the region) may; a stranger gets 404; everyone else 403. */
const expected: Record<Who, number | null> = {
  lezer: 403,
  commentator: 403,
  redacteur: 403,
  projectleider: null,
  beheerder: 403,
  vreemde: 404,
  'regio-projectleider': null,
  'regio-redacteur': 403,
};

describe('step policy', () => {
  it('step.update and checklist.add: the projectleider of the gemeente or of its region', () => {
    for (const who of WHO) {
      expect(check(actor(who), 'step.update', { workspace: enschede })?.status ?? null, who).toBe(expected[who]);
      expect(check(actor(who), 'checklist.add', { workspace: enschede })?.status ?? null, who).toBe(expected[who]);
    }
  });

  it('checklist.change: the same, for an item of this workspace; another workspace’s or none is 404', () => {
    for (const who of WHO) {
      const own = check(actor(who), 'checklist.change', { workspace: enschede, item: { workspaceId: 'enschede' } });
      expect(own?.status ?? null, who).toBe(expected[who]);
      for (const item of [{ workspaceId: 'regio' }, undefined]) {
        const other = check(actor(who), 'checklist.change', { workspace: enschede, item });
        // Who may not manage at all hears that first (403, or 404 for a stranger); who may, hears 404.
        expect(other?.status, who).toBe(expected[who] ?? 404);
      }
    }
    expect(
      check(actor('regio-projectleider'), 'checklist.change', { workspace: regio, item: { workspaceId: 'enschede' } })?.status
    ).toBe(404);
  });
});

describe('checklist', () => {
  const plans = [{ documentId: 'plan', title: 'Woonzorgvisie', headings: ['1. Opgave in beeld', '2. Doelgroepen'] }];

  it('coverage: a heading in a plan covers the item; none, or one that is gone, does not', () => {
    expect(coverageOf({ documentId: 'plan', heading: '2. Doelgroepen' }, plans)).toEqual({
      kind: 'gedekt',
      ref: { documentId: 'plan', heading: '2. Doelgroepen' },
      documentTitle: 'Woonzorgvisie',
    });
    expect(coverageOf({ documentId: null, heading: null }, plans)).toEqual({ kind: 'geen-kop' });
    expect(coverageOf({ documentId: 'plan', heading: '9. Weg' }, plans).kind).toBe('kop-weg');
    expect(coverageOf({ documentId: 'archief', heading: '1. Opgave in beeld' }, plans).kind).toBe('kop-weg');
  });

  it('progress text', () => {
    expect(progressText(3, 6)).toBe('3 van 6 afgevinkt');
    expect(progressText(0, 0)).toBe('Geen punten op de checklist');
  });

  it('an item’s text: required, one line, at most 300 characters', () => {
    expect(itemTextSchema.safeParse({ text: '  Urgentieregeling  ' }).data).toEqual({ text: 'Urgentieregeling' });
    expect(itemTextSchema.safeParse({ text: '   ' }).error?.issues[0]?.message).toBe('Vul de tekst van het punt in.');
    expect(itemTextSchema.safeParse({}).error?.issues[0]?.message).toBe('Vul de tekst van het punt in.');
    expect(itemTextSchema.safeParse({ text: 'x'.repeat(301) }).error?.issues[0]?.message).toBe(
      'Een punt is hoogstens 300 tekens.'
    );
    expect(itemTextSchema.safeParse({ text: 'x'.repeat(300) }).success).toBe(true);
    expect(itemTextSchema.safeParse({ text: 'a\nb' }).success).toBe(false);
    expect(removeItemSchema.safeParse({}).error?.issues[0]?.message).toBe('Vink aan dat u dit punt wilt verwijderen.');
  });

  it('the defaults: step 2 is the content check of the volkshuisvestingsprogramma', () => {
    expect(Object.keys(DEFAULT_CHECKLISTS)).toEqual(['1', '2', '3', '4']);
    expect(DEFAULT_CHECKLISTS[2]!.join(' ')).toMatch(
      /dakloze gezinnen.*30 %.*Wmo.*corporaties en zorgpartijen.*Regionaal deel en lokaal deel/
    );
  });

  it('the logboek says what happened to an item, and when a step was completed with open items', () => {
    expect(auditSummary('checklist.tick', 'x', { step: 2, text: 'Urgentieregeling' }, null)).toBe('Stap 2: “Urgentieregeling”');
    expect(auditSummary('checklist.update', 'x', { step: 2, text: 'A', heading: { from: null, to: '1. Opgave' } }, null)).toBe(
      'Stap 2: “A”, bij kop “1. Opgave”'
    );
    expect(auditSummary('checklist.update', 'x', { step: 1, text: { from: 'A', to: 'B' } }, null)).toBe('Stap 1: “A” → “B”');
    expect(auditSummary('checklist.update', 'x', { step: 1, text: 'A', position: { from: 2, to: 1 } }, null)).toBe(
      'Stap 1: “A”, van plaats 2 naar 1'
    );
    expect(auditSummary('step.update', '2', { status: { from: 'bezig', to: 'afgerond' }, openItems: 1 }, null)).toBe(
      'Stap 2 Plan — status: Bezig → Afgerond (afgerond met 1 open punt op de checklist)'
    );
    expect(auditSummary('step.update', '2', { status: { from: 'bezig', to: 'afgerond' } }, null)).toBe(
      'Stap 2 Plan — status: Bezig → Afgerond'
    );
  });
});
