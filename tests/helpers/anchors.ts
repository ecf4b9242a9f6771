import * as Y from 'yjs';
import { encodeAnchorPosition, type Anchor } from '../../app/features/documents/anchors.ts';
import { FRAGMENT } from '../../app/features/documents/rich-text.ts';

/** The XmlText holding `phrase`, and where the phrase starts in it. */
export function findText(doc: Y.Doc, phrase: string): { type: Y.XmlText; index: number } {
  const visit = (node: Y.XmlFragment | Y.XmlElement): { type: Y.XmlText; index: number } | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        const text = (child.toDelta() as Array<{ insert: unknown }>)
          .map((d) => (typeof d.insert === 'string' ? d.insert : ' '))
          .join('');
        const index = text.indexOf(phrase);
        if (index >= 0) return { type: child, index };
      } else if (child instanceof Y.XmlElement) {
        const found = visit(child);
        if (found) return found;
      }
    }
    return null;
  };
  const found = visit(doc.getXmlFragment(FRAGMENT));
  if (!found) throw new Error(`"${phrase}" staat niet in het document`);
  return found;
}

/** An anchor on `phrase`, as the editor makes one from a selection: the start sticks to the first character, the end to the last. */
export function anchorOn(doc: Y.Doc, phrase: string): Anchor {
  const { type, index } = findText(doc, phrase);
  return {
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(type, index, 0)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(type, index + phrase.length, -1)),
  };
}
