import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { compareContent } from '../../app/features/documents/compare.ts';
import { templateContent, WOONZORGVISIE_CHAPTERS } from '../../app/features/documents/templates.ts';
import {
  guidanceText,
  plainLines,
  readFragment,
  readState,
  replaceFragment,
  stateFromContent,
  type RichNode,
} from '../../app/features/documents/rich-text.ts';

const content: RichNode[] = [
  { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Opgave in beeld' }] },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Vet ', marks: [{ type: 'bold' }] },
      { type: 'text', text: 'en een ' },
      { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://www.cbs.nl' } }] },
    ],
  },
  {
    type: 'bulletList',
    content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'punt' }] }] }],
  },
];

describe('rich text <-> Yjs', () => {
  it('round-trips nodes, attributes and marks', () => {
    expect(readState(stateFromContent(content))).toEqual(content);
  });
  it('replaces the whole text as one change that merges into a live document', () => {
    const live = new Y.Doc();
    replaceFragment(live, content);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    replaceFragment(live, [{ type: 'paragraph', content: [{ type: 'text', text: 'nieuw' }] }]);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live, Y.encodeStateVector(other)));
    expect(plainLines(readFragment(other))).toEqual(['nieuw']);
  });
  it('reads the text line by line, a table row as one line', () => {
    expect(plainLines(content)).toEqual(['Opgave in beeld', 'Vet en een link', 'punt']);
    const cell = (type: string, t: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });
    const table: RichNode[] = [
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'Groep'), cell('tableHeader', 'Aantal')] },
          { type: 'tableRow', content: [cell('tableCell', 'Statushouders'), cell('tableCell', '120')] },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'een' }, { type: 'hardBreak' }, { type: 'text', text: 'twee' }] },
    ];
    expect(plainLines(table)).toEqual(['Groep | Aantal', 'Statushouders | 120', 'een twee']);
  });
});

describe('guidance from a template', () => {
  it('is a block of its own after each chapter heading, followed by an empty paragraph for the user', () => {
    const nodes = templateContent('woonzorgvisie');
    expect(nodes).toHaveLength(WOONZORGVISIE_CHAPTERS.length * 3);
    expect(nodes.slice(0, 3)).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Opgave in beeld' }] },
      { type: 'guidance', attrs: { text: WOONZORGVISIE_CHAPTERS[0][1] } },
      { type: 'paragraph', content: [] },
    ]);
    expect(JSON.stringify(nodes)).not.toContain('italic');
  });
  it('survives the trip through Yjs, and is left out of the plain text and of comparisons', () => {
    const nodes = templateContent('woonzorgvisie');
    const stored = readState(stateFromContent(nodes));
    expect(stored.filter((n) => n.type === 'guidance').map((n) => guidanceText(n))).toEqual(
      WOONZORGVISIE_CHAPTERS.map(([, prompt]) => prompt)
    );
    const lines = plainLines(stored).join('\n');
    for (const [, prompt] of WOONZORGVISIE_CHAPTERS) expect(lines).not.toContain(prompt);
    expect(lines).toContain('1. Opgave in beeld');

    const written = stored.map((n, i) =>
      i === 2 ? { type: 'paragraph', content: [{ type: 'text' as const, text: 'Onze eigen tekst.' }] } : n
    );
    const diff = compareContent(stored, written);
    expect(diff.added).toBe(3);
    expect(diff.removed).toBe(0);
    expect(diff.parts.map((p) => p.value).join('')).not.toContain(WOONZORGVISIE_CHAPTERS[0][1]);
  });
});
