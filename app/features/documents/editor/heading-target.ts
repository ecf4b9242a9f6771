// Opening a document at a heading (?kop=<heading>, as checklist items and actions link to the plan): the
// first heading with that text is marked, so the reader sees where they landed, in an editable view and
// a read-only one alike. The mark follows the text: a heading renamed since no longer has it.
import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** The position of the first heading whose text (trimmed) is `text`, or null. */
export function findHeading(doc: ProseMirrorNode, text: string): number | null {
  const wanted = text.trim();
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type.name === 'heading') {
      if (node.textContent.trim() === wanted) found = pos;
      return false;
    }
    return true;
  });
  return found;
}

const key = new PluginKey<DecorationSet>('heading-target');

interface HeadingTargetOptions {
  heading: () => string | null;
  /** True in a read-only view: the heading itself takes the focus (an editable view puts its caret there). */
  focusable: () => boolean;
}

function decorations(state: EditorState, { heading: text, focusable }: HeadingTargetOptions): DecorationSet {
  const heading = text();
  const pos = heading ? findHeading(state.doc, heading) : null;
  if (pos === null) return DecorationSet.empty;
  const node = state.doc.nodeAt(pos)!;
  // tabindex -1: a read-only view cannot hold a caret, so the heading itself takes the focus. Never in an
  // editable view: a focusable element inside it would take the focus from the text when clicked.
  return DecorationSet.create(state.doc, [
    Decoration.node(
      pos,
      pos + node.nodeSize,
      focusable() ? { class: 'heading-target', tabindex: '-1' } : { class: 'heading-target' }
    ),
  ]);
}

export const HeadingTarget = Extension.create<HeadingTargetOptions>({
  name: 'headingTarget',
  addOptions() {
    return { heading: () => null, focusable: () => false };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => decorations(state, options),
          apply: (tr, previous, _old, state) => (tr.docChanged || tr.getMeta(key) ? decorations(state, options) : previous),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});

/** Draws the mark again (after the view turned editable or read-only). */
export function refreshHeadingTarget(view: { state: EditorState; dispatch: (tr: EditorState['tr']) => void }): void {
  view.dispatch(view.state.tr.setMeta(key, true));
}
