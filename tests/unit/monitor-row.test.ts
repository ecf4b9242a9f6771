import { describe, expect, it } from 'vitest';
import { protectRow } from '../../app/features/analysis/disclosure.ts';
import { showRow } from '../../app/features/analysis/monitor-row.ts';

const ids = ['a', 'b', 'c'];
const people = (exactFor: string[]) =>
  protectRow(
    new Map([
      ['a', 10_000],
      ['b', 20_000],
      ['c', 40_000],
    ]),
    ids,
    { isCount: true, threshold: 10, exactFor: new Set(exactFor) }
  );

describe('one monitor row as a viewer may see it', () => {
  it('gives per 1,000 inhabitants and an index against the region, from the figures this viewer sees', () => {
    const exact = new Set(ids);
    const row = showRow(
      new Map([
        ['a', 50],
        ['b', 100],
        ['c', 420],
      ]),
      ids,
      { isCount: true, threshold: 10, exactFor: exact },
      people(ids),
      true
    );
    expect(row.cells['a']).toEqual({ kind: 'exact', display: '50', value: 50, perThousand: 5, index: 61 });
    // Region: 570 of 70,000 = 8.142… per 1,000.
    expect(row.total).toEqual({ kind: 'exact', display: '570', value: 570, perThousand: 8.1, index: 100 });
    expect(row.cells['c']!.index).toBe(129); // 10.5 / 8.142
    expect(row.covered).toBe(3);
  });

  it('never computes a rate or index from a hidden figure, and the region rate covers only gemeenten with a figure', () => {
    const row = showRow(
      new Map([
        ['a', 4],
        ['b', 100],
      ]),
      ids,
      { isCount: true, threshold: 10, exactFor: new Set() },
      people([]),
      true
    );
    expect(row.cells['a']).toMatchObject({ kind: 'small', display: '< 10', value: null, perThousand: null, index: null });
    // One hidden cell: the next smallest goes too, so neither can be recomputed from the total.
    expect(row.cells['b']).toMatchObject({ kind: 'suppressed', value: null, perThousand: null });
    expect(row.cells['c']).toMatchObject({ kind: 'missing', display: '–' });
    expect(row.total).toMatchObject({ kind: 'rounded', value: 105 });
    expect(row.total.perThousand).toBe(3.5); // 105 of the 30,000 inhabitants of a and b, not of all 70,000
    expect(row.covered).toBe(2);
  });

  it('shows no rate for an indicator that is not rated (a percentage, or the inhabitants themselves)', () => {
    const row = showRow(new Map([['a', 12.5]]), ids, { isCount: false, threshold: 10, exactFor: new Set() }, people([]), false);
    expect(row.cells['a']).toEqual({ kind: 'exact', display: '12,5', value: 12.5, perThousand: null, index: null });
    expect(row.total.perThousand).toBeNull();
  });
});
