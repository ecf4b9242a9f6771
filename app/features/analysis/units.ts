// What an indicator's unit allows: which CBS units fit it, and which values are plausible. One place
// for CBS imports and CSV files alike, so that a percentage never lands in a count.
import type { IndicatorUnit } from '../../../db/schema.ts';

export const UNIT_LABELS: Record<IndicatorUnit, string> = {
  aantal: 'aantal',
  procent: '%',
  per_1000: 'per 1.000',
  euro: 'euro',
};

// CBS writes units as free text: 'aantal', '%', 'per 1 000 inwoners', 'euro', 'x 1 000', '1 000 euro'…
// Only the plain ones fit; a scaled unit ('x 1 000') would need a conversion nobody asked for.
const CBS_UNITS: Record<IndicatorUnit, RegExp> = {
  aantal: /^aantal( personen| huishoudens| woningen| woonruimten)?$/i,
  procent: /^(%|procent(en)?)$/i,
  per_1000: /^per 1[ .]?000( [a-z ]+)?$/i,
  euro: /^(euro|€)$/i,
};

/** Why a CBS topic cannot feed an indicator of this unit, or null when it fits. */
export function cbsUnitProblem(
  topic: { key: string; title: string; unit: string; datatype: string | null },
  indicator: { name: string; unit: IndicatorUnit }
): string | null {
  if (topic.datatype && /^string$/i.test(topic.datatype)) {
    return `De CBS-kolom ‘${topic.title}’ (${topic.key}) bevat tekst, geen getallen.`;
  }
  const unit = topic.unit.replace(/\s+/g, ' ').trim();
  if (CBS_UNITS[indicator.unit].test(unit)) return null;
  return `De CBS-kolom ‘${topic.title}’ (${topic.key}) is in ‘${unit || 'geen eenheid'}’; de indicator ‘${
    indicator.name
  }’ is in ‘${UNIT_LABELS[indicator.unit]}’. Kies een kolom in ‘${UNIT_LABELS[indicator.unit]}’.`;
}

/** Why a value is implausible for the unit, or null. Counts are whole and not negative; shares stay in range. */
export function valueProblem(unit: IndicatorUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'geen getal';
  switch (unit) {
    case 'aantal':
      // Safe integers only: 1e23 is "an integer" to JavaScript, and no count of people.
      return Number.isSafeInteger(value) && value >= 0 ? null : 'geen aantal (een heel getal van 0 of meer)';
    case 'procent':
      return value >= 0 && value <= 100 ? null : 'geen percentage (van 0 tot en met 100)';
    case 'per_1000':
      return value >= 0 && value <= 1000 ? null : 'geen aantal per 1.000 (van 0 tot en met 1.000)';
    case 'euro':
      return null;
  }
}
