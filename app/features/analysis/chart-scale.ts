// The value axis of a chart: "nice" ticks in steps of 1, 2 or 5 × 10^n, from zero (or below it, for a
// negative figure) up to a tick at or above the largest value, with Dutch number labels. Pure, so that
// the server draws the same axis as any test computes.

export interface Tick {
  value: number;
  label: string;
}

export interface Scale {
  min: number;
  max: number;
  step: number;
  ticks: Tick[];
}

const STEPS = [1, 2, 5, 10];

/** The smallest 1-2-5 × 10^n step that divides `span` into at most `intervals` parts. */
function niceStep(span: number, intervals: number): number {
  const raw = span / intervals;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  // A little tolerance: 2.3 / 5 = 0.45999… must not become a step of 1 for want of a rounding error.
  const nice = STEPS.find((s) => normalized <= s * (1 + 1e-9))!;
  return nice * magnitude;
}

/** How many decimals a step of 1-2-5 × 10^n needs (0,5 → 1; 0,02 → 2; 5000 → 0). */
const decimalsOf = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/** A tick's label: nl-NL, as many decimals as the step needs, '%' for a percentage. */
export function tickLabel(value: number, step: number, percent = false): string {
  const decimals = decimalsOf(step);
  const text = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    value === 0 ? 0 : value // never '-0'
  );
  return percent ? `${text}%` : text;
}

/**
 * The axis for these values (nulls and non-numbers are skipped): it always includes zero, so bars start
 * at the axis and a line's rise is not exaggerated. At most `intervals` steps; all-zero or no data gives
 * the axis 0–1.
 */
export function niceScale(
  values: ReadonlyArray<number | null | undefined>,
  options: { percent?: boolean; intervals?: number } = {}
): Scale {
  const { percent = false, intervals = 5 } = options;
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  const span = high - low;
  const step = span > 0 ? niceStep(span, intervals) : 1;
  const decimals = decimalsOf(step);
  const round = (v: number) => Number(v.toFixed(decimals));
  const min = round(Math.floor(low / step + 1e-9) * step);
  let max = round(Math.ceil(high / step - 1e-9) * step);
  if (max === min) max = round(min + step);
  const ticks: Tick[] = [];
  for (let i = 0; ; i++) {
    const value = round(min + i * step);
    if (value > max + step / 2) break;
    ticks.push({ value, label: tickLabel(value, step, percent) });
  }
  return { min, max, step, ticks };
}
