import { describe, expect, it } from 'vitest';
import { parseWithZod } from '@conform-to/zod/v4';
import {
  actionSchema,
  filterQuery,
  likePattern,
  linkErrors,
  onlyOverdue,
  parseActionFilter,
  progressSchema,
  sortActions,
  toActionValues,
  type LinkChoices,
  type LinkedValues,
} from '../../app/features/actions/action-forms.ts';
import { boardTarget, noMoveMessage } from '../../app/features/actions/board-moves.ts';

function form(entries: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

describe('the action form', () => {
  const ok = { title: 'Skaeve huse', level: 'lokaal' };
  it('accepts a minimal action and splits the heading reference', () => {
    const result = parseWithZod(form({ ...ok, heading: 'doc-1|2. Doelgroepen', knelpuntIds: ['a', 'a', 'b'] }), {
      schema: actionSchema,
    });
    expect(result.status).toBe('success');
    if (result.status !== 'success') return;
    expect(toActionValues(result.value)).toMatchObject({
      documentId: 'doc-1',
      heading: '2. Doelgroepen',
      knelpuntIds: ['a', 'b'],
      priority: 'normaal',
      dueDate: null,
      ownerUserId: null,
    });
  });

  for (const [dueDate, ok_] of [
    ['2026-12-31', true],
    ['31-12-2026', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2999-01-01', false],
  ] as const) {
    it(`due date ${dueDate}: ${ok_ ? 'accepted' : 'refused'}`, () => {
      const result = parseWithZod(form({ ...ok, dueDate }), { schema: actionSchema });
      expect(result.status === 'success').toBe(ok_);
      if (!ok_) expect(result.reply().error?.dueDate?.[0]).toMatch(/Vul een bestaande datum in|tussen 2000 en 2100/);
    });
  }

  it('a heading value without a heading is refused', () => {
    const result = parseWithZod(form({ ...ok, heading: 'doc-1|' }), { schema: actionSchema });
    expect(result.reply().error?.heading).toEqual(['Kies een kop uit de lijst.']);
  });

  for (const [progress, accepted] of [
    ['0', true],
    ['100', true],
    ['101', false],
    ['-1', false],
    ['12.5', false],
  ] as const) {
    it(`progress ${progress}: ${accepted ? 'accepted' : 'refused'}`, () => {
      const result = parseWithZod(form({ body: 'Stap gezet', progress }), { schema: progressSchema });
      expect(result.status === 'success').toBe(accepted);
    });
  }
});

describe('links of an action', () => {
  const choices: LinkChoices = {
    memberIds: ['eva'],
    organisationIds: ['org'],
    targetGroupIds: ['groep'],
    knelpuntIds: ['k1'],
    plans: [{ documentId: 'doc', title: 'Visie', headings: ['1. Opgave'] }],
    woondealIds: ['deal'],
  };
  const none: LinkedValues = {
    ownerOrganisationId: null,
    ownerUserId: null,
    targetGroupId: null,
    knelpuntIds: [],
    documentId: null,
    heading: null,
    woondealId: null,
  };
  it('no links, or links to what the workspace holds: no errors', () => {
    expect(linkErrors(none, choices)).toEqual({});
    expect(
      linkErrors(
        {
          ownerOrganisationId: 'org',
          ownerUserId: 'eva',
          targetGroupId: 'groep',
          knelpuntIds: ['k1'],
          documentId: 'doc',
          heading: '1. Opgave',
          woondealId: 'deal',
        },
        choices
      )
    ).toEqual({});
  });
  it('each foreign or unknown link is an error at its own field', () => {
    expect(Object.keys(linkErrors({ ...none, ownerUserId: 'hans' }, choices))).toEqual(['ownerUserId']);
    expect(Object.keys(linkErrors({ ...none, ownerOrganisationId: 'x' }, choices))).toEqual(['ownerOrganisationId']);
    expect(Object.keys(linkErrors({ ...none, targetGroupId: 'x' }, choices))).toEqual(['targetGroupId']);
    expect(linkErrors({ ...none, knelpuntIds: ['k1', 'k2'] }, choices).knelpuntIds?.[0]).toContain(
      'hoort niet bij deze werkruimte'
    );
    expect(linkErrors({ ...none, documentId: 'other', heading: '1. Opgave' }, choices).heading?.[0]).toContain(
      'Dit document hoort niet bij deze werkruimte'
    );
    expect(linkErrors({ ...none, documentId: 'doc', heading: '9. Weg' }, choices).heading?.[0]).toContain('kop staat niet');
    expect(Object.keys(linkErrors({ ...none, woondealId: 'x' }, choices))).toEqual(['woondealId']);
  });
});

describe('the list', () => {
  it('reads the filter from the address and writes it back', () => {
    const filter = parseActionFilter(
      new URLSearchParams('status=besloten&niveau=lokaal&groep=g&eigenaar=u&telaat=ja&zoek=+bw+&sorteer=titel')
    );
    expect(filter).toEqual({
      status: 'besloten',
      level: 'lokaal',
      targetGroupId: 'g',
      ownerUserId: 'u',
      overdue: true,
      q: 'bw',
      sort: 'titel',
    });
    expect(parseActionFilter(new URLSearchParams(filterQuery(filter)))).toEqual(filter);
    expect(parseActionFilter(new URLSearchParams('status=klaar&sorteer=raar'))).toMatchObject({
      status: null,
      sort: 'streefdatum',
    });
    expect(filterQuery(parseActionFilter(new URLSearchParams()))).toBe('');
  });

  it('a search pattern matches %, _ and \\ literally', () => {
    expect(likePattern('50%')).toBe('%50\\%%');
    expect(likePattern('a_b\\c')).toBe('%a\\_b\\\\c%');
  });

  const a = {
    title: 'Bèta',
    dueDate: '2027-01-01',
    priority: 'laag' as const,
    updatedAt: '2026-01-03',
    status: 'voorstel' as const,
  };
  const b = { title: 'alfa', dueDate: null, priority: 'hoog' as const, updatedAt: '2026-01-01', status: 'gereed' as const };
  const c = {
    title: 'Gamma 10',
    dueDate: '2020-05-01',
    priority: 'normaal' as const,
    updatedAt: '2026-01-02',
    status: 'besloten' as const,
  };
  it('sorts by due date (none last), priority, title (Dutch) and last change (newest first)', () => {
    expect(sortActions([a, b, c], 'streefdatum').map((x) => x.title)).toEqual(['Gamma 10', 'Bèta', 'alfa']);
    expect(sortActions([a, b, c], 'prioriteit').map((x) => x.title)).toEqual(['alfa', 'Gamma 10', 'Bèta']);
    expect(sortActions([a, b, c], 'titel').map((x) => x.title)).toEqual(['alfa', 'Bèta', 'Gamma 10']);
    expect(sortActions([a, b, c], 'gewijzigd').map((x) => x.title)).toEqual(['Bèta', 'Gamma 10', 'alfa']);
  });

  it('"alleen te laat" keeps open actions whose due date has passed in the Netherlands', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const overdueDone = { ...c, title: 'Klaar', status: 'gereed' as const };
    expect(onlyOverdue([a, b, c, overdueDone], true, now).map((x) => x.title)).toEqual(['Gamma 10']);
    expect(onlyOverdue([a, b], false, now)).toHaveLength(2);
  });
});

describe('moving a card by keyboard', () => {
  it('goes to the nearest allowed column in that direction', () => {
    expect(boardTarget('voorstel', 'right')).toBe('besloten');
    expect(boardTarget('voorstel', 'left')).toBeNull();
    expect(boardTarget('besloten', 'left')).toBe('voorstel');
    expect(boardTarget('in_uitvoering', 'right')).toBe('gereed');
    expect(boardTarget('gereed', 'right')).toBeNull(); // done is never vervallen
    expect(boardTarget('gereed', 'left')).toBe('in_uitvoering');
    expect(boardTarget('vervallen', 'left')).toBe('voorstel');
    expect(boardTarget('vervallen', 'right')).toBeNull();
  });
  it('says where a card can go when it cannot move that way', () => {
    expect(noMoveMessage('X', 'gereed', 'right')).toBe(
      'Actie X kan niet verder naar rechts. Vanuit Gereed kan zij alleen naar In uitvoering.'
    );
  });
});
