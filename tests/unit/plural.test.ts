import { describe, expect, it } from 'vitest';
import { formatCount, plural, pluralWord } from '../../app/lib/plural.ts';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'document', 'documenten')).toBe('1 document');
    expect(plural(0, 'document', 'documenten')).toBe('0 documenten');
    expect(plural(2, 'werkruimte', 'werkruimten')).toBe('2 werkruimten');
    expect(plural(1.5, 'cijfer', 'cijfers')).toBe('1,5 cijfers');
  });

  it('writes the number the Dutch way', () => {
    expect(plural(1234, 'cijfer', 'cijfers')).toBe('1.234 cijfers');
    expect(formatCount(1234567)).toBe('1.234.567');
  });

  it('gives the word alone for verbs and the like', () => {
    expect(pluralWord(1, 'heeft', 'hebben')).toBe('heeft');
    expect(pluralWord(3, 'heeft', 'hebben')).toBe('hebben');
  });
});
