// The collaborative editor. Client only: it is loaded on document pages, after hydration.
import { HocuspocusProvider } from '@hocuspocus/provider';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { Anchor } from '../../lib/anchors.ts';
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

type Connection = 'verbinden' | 'verbonden' | 'offline';

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
  user: EditorUser;
  canEdit: boolean;
  label: string;
  comments?: EditorComments;
}

interface Session {
  id: number;
  ydoc: Y.Doc;
  provider: HocuspocusProvider;
  local: IndexeddbPersistence | null;
}

let sessions = 0;

/** One Yjs document, provider and local copy per (document, user, rights); rebuilt when one changes. */
export default function CollaborativeEditor(props: EditorProps) {
  const { documentId, user, canEdit } = props;
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    const ydoc = new Y.Doc();
    // Unsent edits survive a closed tab: they are kept in this browser until the server has them.
    const local = canEdit ? new IndexeddbPersistence(`thuisplan:${user.id}:${documentId}`, ydoc) : null;
    const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const provider = new HocuspocusProvider({
      url: `${protocol}://${window.location.host}/collab`,
      name: documentId,
      document: ydoc,
      token: 'sessie', // the session cookie authenticates; Hocuspocus only needs a token to be sent
    });
    setSession({ id: ++sessions, ydoc, provider, local });
    return () => {
      setSession((current) => (current?.provider === provider ? null : current));
      provider.destroy();
      void local?.destroy();
      ydoc.destroy();
    };
  }, [documentId, user.id, canEdit]);
  if (!session) {
    return (
      <p className="editor__status" role="status">
        Editor laden…
      </p>
    );
  }
  return <EditorSession key={session.id} {...props} session={session} />;
}

function EditorSession({ user, canEdit, label, comments, session }: EditorProps & { session: Session }) {
  const { ydoc, provider, local } = session;
  // The editor is made once per session; it reads the latest comment props through this ref.
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  const [connection, setConnection] = useState<Connection>('verbinden');
  const [unsynced, setUnsynced] = useState(0);
  const [synced, setSynced] = useState(false);
  const [readOnlyByServer, setReadOnlyByServer] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [present, setPresent] = useState<Array<{ name: string; color: string }>>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onStatus = ({ status }: { status: string }) =>
      setConnection(status === 'connected' ? 'verbonden' : status === 'connecting' ? 'verbinden' : 'offline');
    const onUnsynced = ({ number }: { number: number }) => setUnsynced(number);
    const onSynced = () => setSynced(true);
    const onAuthenticated = ({ scope }: { scope: string }) => {
      setReadOnlyByServer(scope === 'readonly');
      setRefused(null);
    };
    const onAuthFailed = () => {
      setRefused('U heeft geen toegang (meer) tot dit document.');
      void local?.clearData(); // no copy of a document one may no longer see stays in this browser
    };
    const onClose = ({ event }: { event: { code: number } }) => {
      if (event.code === 1009) {
        // The server refuses the message whatever happens; retrying would loop for ever.
        provider.disconnect();
        setNotice(
          'Een wijziging was groter dan 2 MB en is niet opgeslagen. Maak de wijziging kleiner en laad de pagina opnieuw.'
        );
      }
    };
    const onStateless = ({ payload }: { payload: string }) => {
      try {
        if ((JSON.parse(payload) as { topic?: string }).topic === 'comments') commentsRef.current?.onChanged();
      } catch {
        // not ours
      }
    };
    const onAwareness = () => {
      const states = [...provider.awareness!.getStates().values()] as Array<{ user?: { name: string; color: string } }>;
      setPresent(states.map((s) => s.user).filter((u): u is { name: string; color: string } => Boolean(u?.name)));
    };
    const listeners: Array<[string, (payload: never) => void]> = [
      ['status', onStatus],
      ['unsyncedChanges', onUnsynced],
      ['synced', onSynced],
      ['authenticated', onAuthenticated],
      ['authenticationFailed', onAuthFailed],
      ['close', onClose],
      ['stateless', onStateless],
    ];
    for (const [event, listener] of listeners) provider.on(event, listener);
    provider.awareness?.on('change', onAwareness);
    // A dead network can leave a websocket looking open for a long time; the browser knows sooner.
    const goOffline = () => provider.disconnect();
    const goOnline = () => void provider.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (provider.hasUnsyncedChanges) event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      for (const [event, listener] of listeners) provider.off(event, listener);
      provider.awareness?.off('change', onAwareness);
    };
  }, [provider, local]);

  const editable = canEdit && !readOnlyByServer && !refused;
  // A commentator moves through the text with the keyboard to select words; they still cannot change it.
  const selectable = !editable && !refused && Boolean(comments?.canComment);
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: editable || selectable,
      extensions: [
        StarterKit.configure({
          undoRedo: false, // the Collaboration extension brings a shared-document-aware undo
          link: { openOnClick: false, autolink: true, isAllowedUri: (url) => SAFE_LINK.test(url) },
        }),
        TableKit.configure({ table: { resizable: false } }),
        Collaboration.configure({ document: ydoc }),
        CollaborationCaret.configure({ provider, user: { name: user.name, color: user.color } }),
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
  }, [editor, editable, selectable]);

  const threads = comments?.threads;
  const activeThreadId = comments?.activeThreadId ?? null;
  useEffect(() => {
    if (editor && !editor.isDestroyed) refreshHighlights(editor);
  }, [editor, threads, activeThreadId]);

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

  const status = refused
    ? refused
    : connection === 'offline'
    ? `Geen verbinding. ${
        editable
          ? 'U kunt doorwerken: uw wijzigingen blijven in deze browser bewaard en worden verstuurd zodra de verbinding terug is.'
          : ''
      }`
    : !synced
    ? 'Verbinden…'
    : unsynced > 0
    ? 'Opslaan…'
    : editable
    ? 'Opgeslagen'
    : 'Alleen lezen: u leest live mee.';

  return (
    <div className="editor">
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
      {notice ? (
        <p className="editor__notice" role="alert">
          {notice}
        </p>
      ) : null}
      {editor && editable ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
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
