// Caret colours with at least 4.5:1 contrast against white text labels.
const PALETTE = ['#1f5fa8', '#a3341f', '#2d6a2d', '#6b3fa0', '#8a5a00', '#00666b', '#a0236b', '#4a4a4a'];

/** The same colour for a user every time, so colleagues recognise each other's caret. */
export function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length];
}
