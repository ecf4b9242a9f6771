// Comment anchors: a range of document text held as two Yjs relative positions, stored outside the
// document. A relative position names a character (by its Yjs item id), not an offset, so the
// range follows its words while others type before, inside or after it.
import * as Y from 'yjs';
import { FRAGMENT } from './rich-text.ts';

export interface Anchor {
  start: string; // base64 of Y.encodeRelativePosition
  end: string;
}

export type ResolvedRange =
  | { status: 'ok'; text: string; from: number; to: number }
  | { status: 'deleted' } // the words are gone; the thread keeps its quote
  | { status: 'invalid' }; // not a position in this document

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_ENCODED = 200;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function encodeAnchorPosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

export function decodeAnchorPosition(encoded: string): Y.RelativePosition | null {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED || !BASE64.test(encoded)) return null;
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** Re-anchors a position with the association that keeps a range from growing at that edge. */
export function stickyPosition(doc: Y.Doc, position: Y.RelativePosition, edge: 'start' | 'end'): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return position;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, edge === 'start' ? 0 : -1);
}

interface TextMap {
  text: string;
  /** Offset in `text` where each XmlText starts. */
  textStart: Map<Y.AbstractType<any>, number>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
  /** For each element (and the fragment), the offset in `text` before each child, and after the last. */
  childStart: Map<Y.AbstractType<any>, number[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The document as plain text (a line break after each block), with where each Yjs type lies in it. */
function textMap(fragment: Y.XmlFragment): TextMap {
  const map: TextMap = { text: '', textStart: new Map(), childStart: new Map() };
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    const offsets: number[] = [];
    for (const child of node.toArray()) {
      offsets.push(map.text.length);
      if (child instanceof Y.XmlText) {
        map.textStart.set(child, map.text.length);
        map.text += child
          .toDelta()
          .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ' '))
          .join('');
      } else if (child instanceof Y.XmlElement) {
        visit(child);
        map.text += '\n';
      }
    }
    offsets.push(map.text.length);
    map.childStart.set(node, offsets);
  };
  visit(fragment);
  return map;
}

function offsetOf(map: TextMap, doc: Y.Doc, position: Y.RelativePosition): number | 'deleted' | 'invalid' {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute) {
    // A character this document has seen but has since collected as deleted, or one it never had.
    const id = position.item ?? position.type;
    return id && Y.getState(doc.store, id.client) > id.clock ? 'deleted' : 'invalid';
  }
  const textStart = map.textStart.get(absolute.type);
  if (textStart !== undefined) return textStart + absolute.index;
  const children = map.childStart.get(absolute.type);
  if (children) return children[Math.min(absolute.index, children.length - 1)] ?? 'invalid';
  // A type that is no longer in the tree: its paragraph was deleted with the words in it.
  let item = absolute.type._item;
  while (item) {
    if (item.deleted) return 'deleted';
    item = (item.parent as Y.AbstractType<Y.YEvent<never>>)._item;
  }
  return 'invalid';
}

/** Where an anchor lies in the document now, and the words it covers. */
export function resolveAnchor(doc: Y.Doc, anchor: Anchor): ResolvedRange {
  const start = decodeAnchorPosition(anchor.start);
  const end = decodeAnchorPosition(anchor.end);
  if (!start || !end) return { status: 'invalid' };
  const fragment = doc.getXmlFragment(FRAGMENT);
  const map = textMap(fragment);
  const from = offsetOf(map, doc, start);
  const to = offsetOf(map, doc, end);
  if (from === 'invalid' || to === 'invalid') return { status: 'invalid' };
  if (from === 'deleted' || to === 'deleted' || to <= from) return { status: 'deleted' };
  const text = map.text.slice(from, to).trim();
  return text ? { status: 'ok', text, from, to } : { status: 'deleted' };
}

/** Reads an anchor against a stored state; for many anchors, load the document once with `docFromState`. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  if (state.length > 0) Y.applyUpdate(doc, state);
  return doc;
}
