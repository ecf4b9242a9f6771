import { describe, expect, it } from 'vitest';
import { formatCell, protectRow } from '../../app/features/analysis/disclosure.ts';
import { parseNumber } from '../../app/features/analysis/csv-import.server.ts';

const ids = ['a', 'b', 'c', 'd'];
const figures = new Map([
  ['a', 120],
  ['b', 4],
  ['c', 31],
  ['d', 12],
]);
const count = (exactFor: string[] = []) => ({ isCount: true, threshold: 10, exactFor: new Set(exactFor) });

describe('small-number protection', () => {
  it('hides counts under the threshold, rounds the others to 5, and suppresses a second cell when one is hidden', () => {
    const { cells, total } = protectRow(figures, ids, count());
    expect(cells.get('a')).toEqual({ kind: 'rounded', value: 120 });
    expect(cells.get('b')).toEqual({ kind: 'small', threshold: 10 });
    expect(cells.get('c')).toEqual({ kind: 'rounded', value: 30 });
    expect(cells.get('d')).toEqual({ kind: 'suppressed' });
    expect(total).toEqual({ kind: 'rounded', value: 165 }); // 167
  });

  it('shows a member their own gemeente exactly, still protecting the others', () => {
    const { cells } = protectRow(figures, ids, count(['b']));
    expect(cells.get('b')).toEqual({ kind: 'exact', value: 4 });
    expect(cells.get('d')).toEqual({ kind: 'rounded', value: 10 });
  });

  it('suppresses the total when no other cell can go (the viewer knows all the others exactly)', () => {
    const { cells, total } = protectRow(figures, ids, count(['a', 'c', 'd']));
    expect(cells.get('b')!.kind).toBe('small');
    expect(total).toEqual({ kind: 'suppressed' });
  });

  it('two hidden cells protect each other; a viewer who sees everything exactly gets the exact total', () => {
    const two = new Map([...figures, ['c', 3]]);
    const { cells } = protectRow(two, ids, count());
    expect([...cells.values()].filter((c) => c.kind === 'suppressed')).toHaveLength(0);
    expect(protectRow(figures, ids, count(ids)).total).toEqual({ kind: 'exact', value: 167 });
  });

  it('does not touch figures that are not counts, and says what it hides', () => {
    const { cells } = protectRow(new Map([['a', 4.25]]), ['a'], { isCount: false, threshold: 10, exactFor: new Set() });
    expect(cells.get('a')).toEqual({ kind: 'exact', value: 4.25 });
    expect(formatCell({ kind: 'small', threshold: 10 })).toBe('< 10');
    expect(formatCell({ kind: 'rounded', value: 161305 })).toBe('161.305');
    expect(formatCell({ kind: 'exact', value: 4.25 }, false)).toBe('4,3');
  });
});

describe('numbers in CSV files', () => {
  it('reads Dutch and English notations, and nothing else', () => {
    expect(parseNumber('1.234,5', true)).toBe(1234.5);
    expect(parseNumber('1234,5', true)).toBe(1234.5);
    expect(parseNumber('1,234.5', false)).toBe(1234.5);
    expect(parseNumber('-12', true)).toBe(-12);
    for (const bad of ['', 'veel', '1.2.3,4', '12,3,4', '1e5', '0x10']) expect(parseNumber(bad, true), bad).toBeNull();
  });
});
