// Counts in Dutch sentences: "1 document", "2 documenten", "1.234 cijfers". One place, so that no
// screen, e-mail or notification says "1 documenten" or "werkruimte(n)".
const rules = new Intl.PluralRules('nl-NL');
const numbers = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** The number as Dutch writes it: 1.234 (a full stop groups thousands), 2,5. */
export const formatCount = (n: number): string => numbers.format(n);

/** The word that goes with the count, without the count: pluralWord(1, 'heeft', 'hebben') → 'heeft'. */
export const pluralWord = (n: number, one: string, many: string): string => (rules.select(n) === 'one' ? one : many);

/** The count with its noun: plural(1, 'document', 'documenten') → '1 document'; plural(0, …) → '0 documenten'. */
export const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${pluralWord(n, one, many)}`;
