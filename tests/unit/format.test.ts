import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isValidIsoDate } from '../../app/lib/time.ts';
import { safeRedirect } from '../../app/core/validation.ts';

describe('Dutch dates', () => {
  it('shows calendar dates as dd-mm-jjjj', () => {
    expect(formatDate('2026-11-25')).toBe('25-11-2026');
    expect(formatDate(null)).toBe('');
  });
  it('shows UTC timestamps in Dutch local time', () => {
    expect(formatDateTime('2026-11-25T11:04:00.000Z')).toBe('25-11-2026 12:04');
    expect(formatDateTime('2026-07-01T11:04:00.000Z')).toBe('01-07-2026 13:04');
  });
  it('accepts only real dates', () => {
    expect(isValidIsoDate('2026-02-28')).toBe(true);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('25-11-2026')).toBe(false);
    expect(isValidIsoDate('2026-1-1')).toBe(false);
  });
});

describe('safeRedirect', () => {
  it('keeps paths on this site and refuses others', () => {
    expect(safeRedirect('/w/regio')).toBe('/w/regio');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('/\t/evil.example')).toBe('/');
    expect(safeRedirect('/%09/evil.example')).toBe('/%09/evil.example');
    expect(safeRedirect('/w/regio?x=1#a')).toBe('/w/regio?x=1#a');
    expect(safeRedirect(null)).toBe('/');
  });
});
