import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeAnchorPosition, encodeAnchorPosition, resolveAnchor } from '../../app/features/documents/anchors.ts';
import { FRAGMENT, stateFromContent } from '../../app/features/documents/rich-text.ts';
import { anchorOn, findText } from '../helpers/anchors.ts';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function twoReplicas() {
  const state = stateFromContent([paragraph('Inleiding.'), paragraph('Wij willen zorg en wonen dichter bij elkaar brengen.')]);
  const a = new Y.Doc();
  const b = new Y.Doc();
  Y.applyUpdate(a, state);
  Y.applyUpdate(b, state);
  return { a, b };
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('comment anchors', () => {
  it('cover the selected words', () => {
    const { a } = twoReplicas();
    expect(resolveAnchor(a, anchorOn(a, 'zorg en wonen'))).toMatchObject({ status: 'ok', text: 'zorg en wonen' });
  });

  it('stay on their words while two replicas type before, inside, at both edges and after them', () => {
    const { a, b } = twoReplicas();
    const anchor = anchorOn(a, 'zorg en wonen');
    const at = (doc: Y.Doc) => findText(doc, 'zorg en wonen');
    // Concurrent: a types before and right at the start; b inside, right at the end and after.
    const inA = at(a);
    a.transact(() => {
      inA.type.insert(inA.index, 'goede ');
      inA.type.insert(0, 'Samen: ');
    });
    const inB = at(b);
    b.transact(() => {
      inB.type.insert(inB.index + 'zorg en wonen'.length, ' samen');
      inB.type.insert(inB.index + 'zorg en'.length, ' betaalbaar');
      inB.type.insert(inB.type.length, ' Nu.');
    });
    b.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlElement('paragraph')]);
    sync(a, b);
    expect(a.getXmlFragment(FRAGMENT).toString()).toBe(b.getXmlFragment(FRAGMENT).toString());
    for (const doc of [a, b]) {
      expect(resolveAnchor(doc, anchor)).toMatchObject({ status: 'ok', text: 'zorg en betaalbaar wonen' });
    }
  });

  it('report deleted words, or a deleted paragraph, as deleted', () => {
    const { a } = twoReplicas();
    const anchor = anchorOn(a, 'zorg en wonen');
    const found = findText(a, 'zorg en wonen');
    found.type.delete(found.index, 'zorg en wonen'.length);
    expect(resolveAnchor(a, anchor)).toEqual({ status: 'deleted' });

    const { b } = twoReplicas();
    const other = anchorOn(b, 'zorg en wonen');
    b.getXmlFragment(FRAGMENT).delete(1, 1);
    expect(resolveAnchor(b, other)).toEqual({ status: 'deleted' });
  });

  it('refuse positions that are not in the document, and garbage', () => {
    const { a } = twoReplicas();
    const stranger = new Y.Doc();
    stranger.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlText('andere tekst')]);
    const foreign = anchorOn(stranger, 'andere');
    expect(resolveAnchor(a, foreign)).toEqual({ status: 'invalid' });
    expect(resolveAnchor(a, { start: 'bm9n!', end: '' })).toEqual({ status: 'invalid' });
    const otherRoot = encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(a.getText('elders'), 0));
    expect(resolveAnchor(a, { start: otherRoot, end: otherRoot })).toEqual({ status: 'invalid' });
    expect(decodeAnchorPosition('x'.repeat(500))).toBeNull();
  });
});
