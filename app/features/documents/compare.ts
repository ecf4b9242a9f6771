import { diffLines, diffWords } from 'diff';
import { plainLines, type RichNode } from './rich-text.ts';

export interface DiffPart {
  value: string;
  change: 'added' | 'removed' | 'same';
}

// A word diff of two very different long texts can take seconds; past this it compares whole lines.
const WORD_DIFF_TIMEOUT_MS = 300;

/** Word-level differences between two texts, line by line in reading order (whole lines when the texts differ too much). */
export function compareContent(
  from: RichNode[],
  to: RichNode[]
): { parts: DiffPart[]; added: number; removed: number; byLine: boolean } {
  const [a, b] = [plainLines(from).join('\n'), plainLines(to).join('\n')];
  const words = diffWords(a, b, { timeout: WORD_DIFF_TIMEOUT_MS });
  const changes = words ?? diffLines(a, b);
  const parts = changes.map((p) => ({
    value: p.value,
    change: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
  }));
  const count = (kind: DiffPart['change']) =>
    parts.filter((p) => p.change === kind).reduce((n, p) => n + p.value.trim().split(/\s+/).filter(Boolean).length, 0);
  return { parts, added: count('added'), removed: count('removed'), byLine: words === undefined };
}
