// Comment anchors in the editor: highlights the words of each open thread, and turns the reader's
// selection into an anchor. Works for read-only readers too: anchors never change the text.
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { decodeAnchorPosition, encodeAnchorPosition, stickyPosition, type Anchor } from '../anchors.ts';

export interface HighlightedThread {
  id: string;
  anchor: Anchor;
  /** Resolved threads are followed (to tell whether their words remain) but not highlighted. */
  open: boolean;
}

export interface CommentHighlightOptions {
  threads: () => readonly HighlightedThread[];
  activeThreadId: () => string | null;
}

const key = new PluginKey<DecorationSet>('comment-highlights');

interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<unknown, unknown> } | null;
}

function ySync(state: EditorState): YSyncState | null {
  const sync = ySyncPluginKey.getState(state) as YSyncState | undefined;
  return sync?.binding ? sync : null;
}

/** The range of an anchor in the editor now, or null when its words are gone. */
export function rangeOf(state: EditorState, anchor: Anchor): { from: number; to: number } | null {
  const sync = ySync(state);
  const start = decodeAnchorPosition(anchor.start);
  const end = decodeAnchorPosition(anchor.end);
  if (!sync || !start || !end) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- y-tiptap's mapping type is internal
  const mapping = sync.binding!.mapping as any;
  const from = relativePositionToAbsolutePosition(sync.doc, sync.type, start, mapping);
  const to = relativePositionToAbsolutePosition(sync.doc, sync.type, end, mapping);
  return from !== null && to !== null && from < to ? { from, to } : null;
}

function decorations(state: EditorState, options: CommentHighlightOptions): DecorationSet {
  const active = options.activeThreadId();
  const found: Decoration[] = [];
  for (const thread of options.threads()) {
    if (!thread.open) continue;
    const range = rangeOf(state, thread.anchor);
    if (!range) continue;
    found.push(
      Decoration.inline(range.from, range.to, {
        class: thread.id === active ? 'comment-anchor comment-anchor--active' : 'comment-anchor',
        'data-thread-id': thread.id,
      })
    );
  }
  return DecorationSet.create(state.doc, found);
}

export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: 'commentHighlights',
  addOptions() {
    return { threads: () => [], activeThreadId: () => null };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => decorations(state, options),
          apply: (tr, previous, _old, state) =>
            tr.docChanged || tr.getMeta(key) ? decorations(state, options) : previous.map(tr.mapping, tr.doc),
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ];
  },
});

/**
 * For readers who may comment but not write: the text stays selectable by keyboard (an editable
 * view) while every local change is dropped. Only changes that arrive from the shared document pass.
 * The server refuses writes from such a connection as well; this keeps the screen honest.
 */
export const ReadOnlyGuard = Extension.create<{ readOnly: () => boolean }>({
  name: 'readOnlyGuard',
  addOptions() {
    return { readOnly: () => false };
  },
  addProseMirrorPlugins() {
    const { readOnly } = this.options;
    return [
      new Plugin({
        filterTransaction: (tr) => !tr.docChanged || !readOnly() || Boolean(tr.getMeta(ySyncPluginKey)),
      }),
    ];
  },
});

/** The ids of the threads whose words are in the text now. */
export function anchoredThreadIds(state: EditorState, threads: readonly HighlightedThread[]): string[] {
  return threads.filter((t) => rangeOf(state, t.anchor)).map((t) => t.id);
}

/** The open thread whose words hold the caret, if any. */
export function threadAtCaret(state: EditorState, threads: readonly HighlightedThread[]): string | null {
  const { empty, from } = state.selection;
  if (!empty) return null;
  for (const thread of threads) {
    if (!thread.open) continue;
    const range = rangeOf(state, thread.anchor);
    if (range && range.from <= from && from <= range.to) return thread.id;
  }
  return null;
}

/** Redraws the highlights after the list of threads or the active thread changed. */
export function refreshHighlights(editor: Editor): void {
  editor.view.dispatch(editor.state.tr.setMeta(key, true));
}

/** The selection as an anchor that does not grow when others type at its edges, with its words. */
export function selectionAnchor(state: EditorState): { anchor: Anchor; quote: string } | null {
  const { from, to, empty } = state.selection;
  const sync = ySync(state);
  if (empty || !sync) return null;
  const quote = state.doc.textBetween(from, to, '\n', ' ').trim();
  if (!quote) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- y-tiptap's mapping type is internal
  const mapping = sync.binding!.mapping as any;
  const start = stickyPosition(sync.doc, absolutePositionToRelativePosition(from, sync.type, mapping), 'start');
  const end = stickyPosition(sync.doc, absolutePositionToRelativePosition(to, sync.type, mapping), 'end');
  return { anchor: { start: encodeAnchorPosition(start), end: encodeAnchorPosition(end) }, quote };
}
