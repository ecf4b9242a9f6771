// The ways sources write a gemeente's name: CBS StatLine writes 'Hengelo (O.)', the provincie
// 'Hengelo (Overijssel)', others 'Hengelo Ov'. Keyed by CBS code; the name in Thuisplan counts too.

/** Other spellings per CBS code, besides the name the gemeente has in Thuisplan. */
const SPELLINGS: Record<string, readonly string[]> = {
  GM0147: ['Borne'],
  GM0153: ['Enschede'],
  GM0158: ['Haaksbergen'],
  // Punctuation does not count: these cover 'Hengelo (O)', 'Hengelo O' and 'Hengelo Ov' too.
  GM0164: ['Hengelo (O.)', 'Hengelo (Ov.)', 'Hengelo (Overijssel)'],
  GM0168: ['Losser'],
  GM0173: ['Oldenzaal'],
  GM1735: ['Hof van Twente', 'Hof v. Twente'],
  GM1774: ['Dinkelland'],
};

/** Compares names without case, accents, punctuation or extra spaces: 'Hengelo (O.)' is 'hengelo o'. */
export const normaliseGemeenteName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The normalised names a gemeente is known by: its name, its name without the province in brackets
 * ('Hengelo' for 'Hengelo (O)') and the spellings above.
 */
export function namesOf(gemeente: { cbsCode: string; name: string }): Set<string> {
  const names = [gemeente.name, gemeente.name.replace(/\s*\(.*\)$/, ''), ...(SPELLINGS[gemeente.cbsCode.toUpperCase()] ?? [])];
  return new Set(names.map(normaliseGemeenteName).filter(Boolean));
}

/**
 * A name → gemeente map for a set of gemeenten. A name two of them share is left out, so a bare
 * name that could mean either is never guessed ('Hengelo' is also a village in Bronckhorst, but that
 * is no gemeente of its own; within one region the bare name is only ambiguous if two gemeenten have it).
 */
export function gemeentenByName<G extends { cbsCode: string; name: string }>(gemeenten: readonly G[]): Map<string, G> {
  const byName = new Map<string, G>();
  const shared = new Set<string>();
  for (const gemeente of gemeenten) {
    for (const name of namesOf(gemeente)) {
      const other = byName.get(name);
      if (other && other !== gemeente) shared.add(name);
      else byName.set(name, gemeente);
    }
  }
  for (const name of shared) byName.delete(name);
  return byName;
}
