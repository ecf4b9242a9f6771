// The collaborative editor. Client only: it is loaded on document pages, after hydration.
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';
import type { Anchor } from '../anchors.ts';
import { Guidance } from './guidance.ts';
import { findHeading, HeadingTarget, refreshHeadingTarget } from './heading-target.ts';
import { LocalCopy } from './local-copy.tsx';
import { useCollaboration, useCollaborationSession, type Session } from './use-collaboration.ts';
import {
  anchoredThreadIds,
  CommentHighlights,
  ReadOnlyGuard,
  refreshHighlights,
  selectionAnchor,
  threadAtCaret,
  type HighlightedThread,
} from './comment-highlights.ts';

export interface EditorUser {
  id: string;
  name: string;
  color: string;
}

// A paste larger than the server accepts in one message would be refused and retried forever.
const MAX_PASTE_BYTES = 1_500_000;
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** What the comment panel and the editor share: the anchored threads, the reader's selection, live changes. */
export interface EditorComments {
  /** May select text to comment on it (a commentator reads the text as an editable, guarded view). */
  canComment: boolean;
  threads: readonly HighlightedThread[];
  activeThreadId: string | null;
  onSelection(selection: { anchor: Anchor; quote: string } | null): void;
  onThreadClick(threadId: string): void;
  /** The server says the comments changed (someone else commented): fetch them again. */
  onChanged(): void;
  /** Which threads' words are in the text now (after others deleted some, fewer). */
  onAnchored(threadIds: string[]): void;
}

interface EditorProps {
  documentId: string;
  title: string;
  user: EditorUser;
  canEdit: boolean;
  label: string;
  comments?: EditorComments;
  /** Open the document at the first heading with this text (the page's ?kop=). */
  openAtHeading?: string | null;
}

/**
 * Another person's caret with their name. Colours go through the CSSOM (element.style), never a style
 * attribute: the Content Security Policy allows no inline style attributes (server.ts).
 */
function renderCaret(person: { name?: string; color?: string }): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.textContent = person.name ?? '';
  // The CSSOM ignores a value that is not a colour.
  caret.style.borderColor = person.color ?? '';
  label.style.backgroundColor = person.color ?? '';
  caret.append(label);
  return caret;
}

/** A fresh editor for each collaboration session (use-collaboration.ts). */
export default function CollaborativeEditor(props: EditorProps) {
  const { documentId, user, canEdit } = props;
  const session = useCollaborationSession(documentId, user.id, canEdit);
  if (!session) {
    return (
      <p className="editor__status" role="status">
        Editor laden…
      </p>
    );
  }
  return <EditorSession key={session.id} {...props} session={session} />;
}

function EditorSession({ title, user, canEdit, label, comments, openAtHeading, session }: EditorProps & { session: Session }) {
  const { ydoc, provider, local } = session;
  // The editor is made once per session; it reads the latest comment props through this ref.
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  const { connection, synced, refused, editable, present, notice, setNotice, status, stranded } = useCollaboration(session, {
    canEdit,
    userName: user.name,
    comments,
  });

  // A commentator moves through the text with the keyboard to select words; they still cannot change it.
  const selectable = !editable && !refused && Boolean(comments?.canComment);
  const stickyRef = useStickyHeight();
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const caretRef = useRef(editable || selectable);
  caretRef.current = editable || selectable;
  const editor = useEditor(
    {
      immediatelyRender: false,
      injectCSS: false,
      editable: editable || selectable,
      extensions: [
        StarterKit.configure({
          undoRedo: false, // the Collaboration extension brings a shared-document-aware undo
          link: { openOnClick: false, autolink: true, isAllowedUri: (url) => SAFE_LINK.test(url) },
        }),
        TableKit.configure({ table: { resizable: false } }),
        Collaboration.configure({ document: ydoc }),
        CollaborationCaret.configure({
          provider,
          user: { name: user.name, color: user.color },
          render: renderCaret,
        }),
        Guidance,
        HeadingTarget.configure({ heading: () => openAtHeading ?? null, focusable: () => !caretRef.current }),
        ReadOnlyGuard.configure({ readOnly: () => !editableRef.current }),
        CommentHighlights.configure({
          threads: () => commentsRef.current?.threads ?? [],
          activeThreadId: () => commentsRef.current?.activeThreadId ?? null,
        }),
      ],
      onSelectionUpdate: ({ editor: e }) => {
        const current = commentsRef.current;
        if (!current) return;
        current.onSelection(selectionAnchor(e.state));
        // A caret inside highlighted words points at their thread, for keyboard users as for the mouse.
        const threadId = threadAtCaret(e.state, current.threads);
        if (threadId) current.onThreadClick(threadId);
      },
      editorProps: {
        attributes: () => ({
          'aria-label': label,
          'aria-multiline': 'true',
          'aria-readonly': editableRef.current ? 'false' : 'true',
          role: 'textbox',
          class: 'editor-content',
        }),
        // Scrolling to the caret keeps it clear of the sticky toolbar (read when ProseMirror scrolls).
        scrollMargin: {
          get top() {
            return (stickyRef.current?.offsetHeight ?? 0) + 16;
          },
          left: 5,
          right: 5,
          bottom: 16,
        },
        handleDOMEvents: {
          // Chromium types a tab as <span style="white-space:pre">, a style attribute our CSP refuses (and reports).
          // ProseMirror inserts it instead and draws the text itself (white-space: pre-wrap keeps the tab).
          beforeinput: (view, event) => {
            const data = (event as InputEvent).data;
            if ((event as InputEvent).inputType !== 'insertText' || !data?.includes('\t') || !view.editable) return false;
            event.preventDefault();
            view.dispatch(view.state.tr.insertText(data));
            return true;
          },
        },
        handleClick: (_view, _pos, event) => {
          const threadId = (event.target as HTMLElement | null)?.closest?.('[data-thread-id]')?.getAttribute('data-thread-id');
          if (threadId) commentsRef.current?.onThreadClick(threadId);
          return false;
        },
        handlePaste: (_view, event) => {
          const pasted = event.clipboardData?.getData('text/html') || event.clipboardData?.getData('text/plain') || '';
          const size = new TextEncoder().encode(pasted).length;
          if (size > MAX_PASTE_BYTES) {
            setNotice('Wat u plakt is te groot (meer dan 1,5 MB). Plak het in delen.');
            return true;
          }
          return false;
        },
      },
    },
    [ydoc, provider]
  );

  useEffect(() => {
    editor?.setEditable(editable || selectable);
    if (editor && !editor.isDestroyed && openAtHeading) refreshHeadingTarget(editor.view);
  }, [editor, editable, selectable, openAtHeading]);

  const threads = comments?.threads;
  const activeThreadId = comments?.activeThreadId ?? null;
  useEffect(() => {
    if (editor && !editor.isDestroyed) refreshHighlights(editor);
  }, [editor, threads, activeThreadId]);

  const headingNotice = useOpenAtHeading(editor, synced, openAtHeading ?? null, editable || selectable);

  // Tell the comment panel which threads lost their words, as the text changes.
  useEffect(() => {
    if (!editor || !synced) return;
    let last = '';
    const report = () => {
      const current = commentsRef.current;
      if (!current) return;
      const ids = anchoredThreadIds(editor.state, current.threads);
      const key = ids.join(',');
      if (key !== last) {
        last = key;
        current.onAnchored(ids);
      }
    };
    report();
    editor.on('update', report);
    return () => void editor.off('update', report);
  }, [editor, synced, threads]);

  return (
    <div className="editor">
      <div className="editor__sticky" ref={stickyRef}>
        <div className="editor__bar">
          <p className="editor__status" role="status" aria-live="polite" data-testid="save-status" data-state={connection}>
            {status}
          </p>
          <p className="editor__presence">
            <span className="visually-hidden">Nu in dit document: </span>
            {present.map((p, i) => (
              <span key={i} className="editor__person" style={{ borderColor: p.color }}>
                {p.name}
              </span>
            ))}
          </p>
        </div>
        {editor && editable ? <Toolbar editor={editor} /> : null}
      </div>
      {refused === 'session-ended' || refused === 'other-user' ? (
        <p>
          <a
            className="utrecht-link"
            href={`/login?terug=${encodeURIComponent(window.location.pathname)}`}
            target="_blank"
            rel="noopener"
          >
            Opnieuw inloggen (opent in een nieuw tabblad)
          </a>{' '}
          — daarna gaat u hier vanzelf verder.
        </p>
      ) : null}
      {stranded && editor ? <LocalCopy title={title} ydoc={ydoc} local={local} /> : null}
      {notice ? (
        <p className="editor__notice" role="alert">
          {notice}
        </p>
      ) : null}
      {openAtHeading ? (
        <p
          className={`editor__heading-notice${headingNotice.startsWith('De kop') ? ' editor__notice' : ''}`}
          role="status"
          data-testid="heading-notice"
        >
          {headingNotice}
        </p>
      ) : null}
      <EditorContent editor={editor} />
    </div>
  );
}

/**
 * Once the text has arrived: scrolls to the heading the page was opened at and puts the focus there (the caret
 * at its start in an editable view, the heading itself in a read-only one). Returns what to announce: where
 * the document opened, or that the heading is not (or no longer) in it.
 */
function useOpenAtHeading(editor: Editor | null, synced: boolean, heading: string | null, caret: boolean): string {
  const [message, setMessage] = useState('');
  const done = useRef(false);
  useEffect(() => {
    if (!editor || !synced || !heading || done.current) return;
    done.current = true;
    // After the synced text has been drawn.
    const frame = requestAnimationFrame(() => {
      if (editor.isDestroyed) return;
      const pos = findHeading(editor.state.doc, heading);
      if (pos === null) {
        setMessage(`De kop “${heading}” staat niet (meer) in dit document.`);
        return;
      }
      const element = editor.view.nodeDOM(pos) as HTMLElement | null;
      if (caret)
        editor
          .chain()
          .setTextSelection(pos + 1)
          .focus(undefined, { scrollIntoView: false })
          .run();
      else element?.focus({ preventScroll: true });
      element?.scrollIntoView({ block: 'start' });
      setMessage(`Geopend bij kop “${heading}”.`);
    });
    return () => cancelAnimationFrame(frame);
  }, [editor, synced, heading, caret]);
  return message;
}

/**
 * The sticky bar's height as --editor-sticky-height on the page, for the CSS scroll-padding-top that keeps a
 * focused element from hiding under it (editor.css). Set through the CSSOM: the CSP allows no style attribute.
 */
function useStickyHeight() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--editor-sticky-height', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--editor-sticky-height');
    };
  }, []);
  return ref;
}

function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  });
  const [focused, setFocused] = useState(0);
  const moveFocus = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const buttonsInBar = [...event.currentTarget.querySelectorAll('button')];
    const current = buttonsInBar.indexOf(document.activeElement as HTMLButtonElement);
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttonsInBar.length - 1 }[event.key];
    if (next === undefined || current === -1) return;
    event.preventDefault();
    buttonsInBar[(next + buttonsInBar.length) % buttonsInBar.length]?.focus();
  };
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = (editor.getAttributes('link').href as string | undefined) ?? 'https://';
    const url = window.prompt('Adres van de link (https://, http:// of mailto:). Leeg maken haalt de link weg.', previous);
    if (url === null) return;
    if (url.trim() === '') chain().unsetLink().run();
    else if (SAFE_LINK.test(url.trim())) chain().setLink({ href: url.trim() }).run();
    else window.alert('Alleen links die beginnen met https://, http:// of mailto: zijn toegestaan.');
  };
  const buttons: Array<[label: string, pressed: boolean | undefined, run: () => void, shortcut?: string]> = [
    ['Kop 2', state.h2, () => chain().toggleHeading({ level: 2 }).run()],
    ['Kop 3', state.h3, () => chain().toggleHeading({ level: 3 }).run()],
    ['Vet', state.bold, () => chain().toggleBold().run(), 'Control+B'],
    ['Cursief', state.italic, () => chain().toggleItalic().run(), 'Control+I'],
    ['Opsomming', state.bulletList, () => chain().toggleBulletList().run()],
    ['Genummerde lijst', state.orderedList, () => chain().toggleOrderedList().run()],
    ['Citaat', state.blockquote, () => chain().toggleBlockquote().run()],
    ['Link', state.link, setLink],
    ['Tabel invoegen', undefined, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()],
    ['Ongedaan maken', undefined, () => chain().undo().run(), 'Control+Z'],
    ['Opnieuw', undefined, () => chain().redo().run(), 'Control+Shift+Z'],
  ];
  return (
    // One tab stop for the whole toolbar; arrow keys, Home and End move within it (WAI-ARIA toolbar pattern).
    <div className="editor__toolbar" role="toolbar" aria-label="Opmaak" onKeyDown={moveFocus}>
      {buttons.map(([label, pressed, run, shortcut], index) => (
        <button
          key={label}
          type="button"
          className="utrecht-button utrecht-button--secondary-action editor__button"
          aria-pressed={pressed}
          aria-keyshortcuts={shortcut}
          tabIndex={index === focused ? 0 : -1}
          onFocus={() => setFocused(index)}
          onClick={run}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
