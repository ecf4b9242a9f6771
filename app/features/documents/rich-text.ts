// The document's text as a plain tree, read from and written to the Yjs XML that the editor
// (tiptap, through y-tiptap) keeps in the fragment "default". Server-side rendering of versions,
// comparison, templates and restores all go through this one mapping, so no editor code runs on the server.
import * as Y from 'yjs';

export const FRAGMENT = 'default';

export interface Mark {
  type: string;
  attrs?: Record<string, unknown>;
}
export type RichNode =
  { type: 'text'; text: string; marks?: Mark[] } | { type: string; attrs?: Record<string, unknown>; content?: RichNode[] };

export function isText(node: RichNode): node is { type: 'text'; text: string; marks?: Mark[] } {
  return node.type === 'text';
}

function fromYText(text: Y.XmlText): RichNode[] {
  return (text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, Record<string, unknown>> }>)
    .filter((d) => typeof d.insert === 'string')
    .map((d) => {
      const marks = Object.entries(d.attributes ?? {}).map(([type, attrs]) => ({
        // y-tiptap may suffix a mark name with a hash to keep overlapping marks apart.
        type: type.split('--')[0],
        ...(attrs && Object.keys(attrs).length ? { attrs } : {}),
      }));
      return { type: 'text', text: d.insert as string, ...(marks.length ? { marks } : {}) };
    });
}

function fromYChildren(children: Array<Y.XmlElement | Y.XmlText | Y.XmlHook>): RichNode[] {
  return children.flatMap((child) => {
    if (child instanceof Y.XmlText) return fromYText(child);
    if (child instanceof Y.XmlElement) {
      const attrs = child.getAttributes() as Record<string, unknown>;
      return [
        {
          type: child.nodeName,
          ...(Object.keys(attrs).length ? { attrs } : {}),
          content: fromYChildren(child.toArray() as Array<Y.XmlElement | Y.XmlText>),
        },
      ];
    }
    return [];
  });
}

export function readFragment(doc: Y.Doc): RichNode[] {
  return fromYChildren(doc.getXmlFragment(FRAGMENT).toArray() as Array<Y.XmlElement | Y.XmlText>);
}

export function readState(state: Uint8Array): RichNode[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const content = readFragment(doc);
  doc.destroy();
  return content;
}

function toYChildren(nodes: RichNode[]): Array<Y.XmlElement | Y.XmlText> {
  const out: Array<Y.XmlElement | Y.XmlText> = [];
  let text: Y.XmlText | null = null;
  let pending: Array<{ insert: string; attributes?: Record<string, unknown> }> = [];
  const flush = () => {
    if (text) text.applyDelta(pending);
    text = null;
    pending = [];
  };
  for (const node of nodes) {
    if (isText(node)) {
      if (!text) {
        text = new Y.XmlText();
        out.push(text);
      }
      const attributes = Object.fromEntries((node.marks ?? []).map((m) => [m.type, m.attrs ?? {}]));
      pending.push({ insert: node.text, ...(node.marks?.length ? { attributes } : {}) });
    } else {
      flush();
      const element = new Y.XmlElement(node.type);
      for (const [key, value] of Object.entries(node.attrs ?? {})) {
        if (value !== null && value !== undefined) element.setAttribute(key, value as string);
      }
      element.insert(0, toYChildren(node.content ?? []));
      out.push(element);
    }
  }
  flush(); // Yjs keeps edits to a not yet inserted XmlText and applies them on insertion.
  return out;
}

/** Replaces the whole text of the document with `content`, as one change (one Yjs transaction). */
export function replaceFragment(doc: Y.Doc, content: RichNode[]): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, toYChildren(content));
  });
}

export function stateFromContent(content: RichNode[]): Uint8Array {
  const doc = new Y.Doc();
  replaceFragment(doc, content);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * Guidance from a template: the question a chapter answers. A block of its own (an atom with the text in its
 * attribute `text`), never the user's text: it is left out of exports, comparisons and plain text.
 */
export const GUIDANCE = 'guidance';
export const GUIDANCE_LABEL = 'Leidraad';

export function guidanceNode(text: string): RichNode {
  return { type: GUIDANCE, attrs: { text } };
}

export function guidanceText(node: RichNode): string | null {
  return node.type === GUIDANCE && !isText(node) ? String(node.attrs?.text ?? '') : null;
}

const LINE_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** The user's text in reading order: one line per paragraph or heading, one per table row ("a | b"); no guidance. */
export function plainLines(nodes: RichNode[]): string[] {
  const lines: string[] = [];
  const text = (node: RichNode): string => {
    if (isText(node)) return node.text;
    if (node.type === 'hardBreak') return ' ';
    return (node.content ?? []).map(text).join(node.type === 'tableCell' || node.type === 'tableHeader' ? ' ' : '');
  };
  const walk = (node: RichNode) => {
    if (isText(node) || node.type === GUIDANCE) return;
    if (node.type === 'tableRow') {
      lines.push((node.content ?? []).map((cell) => text(cell).trim()).join(' | '));
    } else if (LINE_BLOCKS.has(node.type)) {
      lines.push(text(node));
    } else {
      (node.content ?? []).forEach(walk);
    }
  };
  nodes.forEach(walk);
  return lines;
}

export function characterCount(nodes: RichNode[]): number {
  return plainLines(nodes).reduce((n, line) => n + line.length, 0);
}

/** The document's headings in reading order (their text, trimmed; empty headings left out). */
export function headingTexts(nodes: RichNode[]): string[] {
  const text = (node: RichNode): string => (isText(node) ? node.text : (node.content ?? []).map(text).join(''));
  const found: string[] = [];
  const walk = (node: RichNode) => {
    if (isText(node) || node.type === GUIDANCE) return;
    if (node.type === 'heading') {
      const value = text(node).trim();
      if (value) found.push(value);
    } else (node.content ?? []).forEach(walk);
  };
  nodes.forEach(walk);
  return found;
}
