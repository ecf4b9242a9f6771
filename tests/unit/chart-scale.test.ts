import { describe, expect, it } from 'vitest';
import { niceScale, tickLabel, type Scale } from '../../app/features/analysis/chart-scale.ts';

const labels = (scale: Scale) => scale.ticks.map((t) => t.label);

/** Every step is 1, 2 or 5 × 10^n, and the ticks are evenly spaced by it from min to max. */
function expectNice(scale: Scale) {
  const mantissa = scale.step / 10 ** Math.floor(Math.log10(scale.step) + 1e-9);
  expect([1, 2, 5]).toContainEqual(Number(mantissa.toFixed(6)));
  expect(scale.ticks[0]!.value).toBe(scale.min);
  expect(scale.ticks.at(-1)!.value).toBe(scale.max);
  scale.ticks.forEach((t, i) => expect(t.value).toBeCloseTo(scale.min + i * scale.step, 9));
}

describe('nice chart axes', () => {
  it('0–2,3 (rates per 1.000): steps of 0,5 up to 2,5, not 0 / 0,8 / 1,5 / 2,3', () => {
    const scale = niceScale([0.4, 1.1, 2.3]);
    expectNice(scale);
    expect(scale.step).toBe(0.5);
    expect(scale.max).toBe(2.5);
    expect(labels(scale)).toEqual(['0,0', '0,5', '1,0', '1,5', '2,0', '2,5']);
  });

  it('0–0,07: steps of 0,02 with two decimals', () => {
    const scale = niceScale([0.01, 0.07]);
    expectNice(scale);
    expect(labels(scale)).toEqual(['0,00', '0,02', '0,04', '0,06', '0,08']);
  });

  it('0–14.100: steps of 5.000 with Dutch thousands separators', () => {
    const scale = niceScale([8012, 14100, 3950]);
    expectNice(scale);
    expect(labels(scale)).toEqual(['0', '5.000', '10.000', '15.000']);
  });

  it('a percentage from 12,5 to 87,5: from 0% to 100% in steps of 20', () => {
    const scale = niceScale([12.5, 50, 87.5], { percent: true });
    expectNice(scale);
    expect(labels(scale)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(tickLabel(2.5, 0.5, true)).toBe('2,5%');
  });

  it('a maximum that is itself a tick stays the top of the axis', () => {
    expect(niceScale([0, 100]).max).toBe(100);
    expect(niceScale([10]).ticks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('all-zero data, no data and nulls: the axis 0–1', () => {
    for (const values of [[0, 0, 0], [], [null, null], [Number.NaN]]) {
      const scale = niceScale(values);
      expectNice(scale);
      expect(labels(scale)).toEqual(['0', '1']);
    }
  });

  it('a single value: from 0 up to the first tick at or above it', () => {
    const scale = niceScale([7]);
    expectNice(scale);
    expect(scale.max).toBe(8);
    expect(labels(scale)).toEqual(['0', '2', '4', '6', '8']);
    expect(niceScale([0.3]).max).toBeCloseTo(0.3, 9);
  });

  it('negative values (not expected) are handled: the axis goes below zero, without a "-0"', () => {
    const scale = niceScale([-3.2, 4.1]);
    expectNice(scale);
    expect(scale.min).toBeLessThanOrEqual(-3.2);
    expect(scale.max).toBeGreaterThanOrEqual(4.1);
    expect(labels(scale)).toContain('0');
    expect(labels(scale)).not.toContain('-0');
    const below = niceScale([-7]);
    expectNice(below);
    expect(below.max).toBe(0);
    expect(below.min).toBe(-8);
  });

  it('every tick covers the data: the axis maximum is at or above the largest value', () => {
    for (const max of [0.001, 0.9, 1, 1.01, 3.7, 9.99, 42, 99.5, 123, 987654]) {
      const scale = niceScale([max / 3, max]);
      expectNice(scale);
      expect(scale.max).toBeGreaterThanOrEqual(max);
      expect(scale.ticks.length).toBeGreaterThanOrEqual(2);
      expect(scale.ticks.length).toBeLessThanOrEqual(6);
    }
  });
});
