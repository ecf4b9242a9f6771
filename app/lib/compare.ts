import { diffWords } from 'diff';
import { plainLines, type RichNode } from './rich-text.ts';

export interface DiffPart {
  value: string;
  change: 'added' | 'removed' | 'same';
}

/** Word-level differences between two texts, line by line in reading order. */
export function compareContent(from: RichNode[], to: RichNode[]): { parts: DiffPart[]; added: number; removed: number } {
  const parts = diffWords(plainLines(from).join('\n'), plainLines(to).join('\n')).map((p) => ({
    value: p.value,
    change: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
  }));
  const count = (kind: DiffPart['change']) =>
    parts.filter((p) => p.change === kind).reduce((n, p) => n + p.value.trim().split(/\s+/).filter(Boolean).length, 0);
  return { parts, added: count('added'), removed: count('removed') };
}
