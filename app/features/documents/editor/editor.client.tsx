// The collaborative editor. Client only: it is loaded on document pages, after hydration.
import { HocuspocusProvider } from '@hocuspocus/provider';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
// ProseMirror's own base styles as a stylesheet of ours: tiptap would inject them as a <style> element,
// which the Content Security Policy blocks, and without `white-space: pre-wrap` the browser turns a
// space at the end of a line into U+00A0.
import 'prosemirror-view/style/prosemirror.css';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { Anchor } from '../anchors.ts';
import { COMMENTS_CHANGED, USER_TOKEN_PREFIX, type RefusalReason } from '../collab-protocol.ts';
import { LocalCopy } from './local-copy.tsx';
import { SavedState } from './saved-state.ts';
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
  title: string;
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
  saved: SavedState;
}

// Reconnect soon after the server is back (within about 2 s), spread over time so that a thousand
// pages do not arrive at once: full jitter between 100 ms and the delay, which grows to at most 1.5 s.
const RECONNECT = { delay: 500, initialDelay: 0, minDelay: 100, maxDelay: 1_500, factor: 1.5, jitter: true } as const;
/** While refused, try again this often (and whenever the tab gets focus): after a new log-in it continues. */
const RETRY_REFUSED_MS = { 'session-ended': 3_000, 'other-user': 3_000, 'no-access': 30_000, unavailable: 3_000 } as const;
const REASONS: readonly RefusalReason[] = ['session-ended', 'other-user', 'no-access'];
/** Refused for a reason the server did not name (an error while opening): not a loss of access. */
type Refusal = RefusalReason | 'unavailable';

let sessions = 0;

async function hasLocalCopy(name: string): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((database) => database.name === name);
  } catch {
    return false;
  }
}

/** One Yjs document, provider and local copy per (document, user, rights); rebuilt when one changes. */
export default function CollaborativeEditor(props: EditorProps) {
  const { documentId, user, canEdit } = props;
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    let stopped = false;
    let stop = () => {};
    const localName = `thuisplan:${user.id}:${documentId}`;
    // Unsent edits survive a closed tab: they are kept in this browser until the server has them. A reader
    // keeps no copy, unless one is left from when they could still write (offered for download then).
    void (canEdit ? Promise.resolve(true) : hasLocalCopy(localName)).then((keepLocal) => {
      if (stopped) return;
      const ydoc = new Y.Doc();
      const local = keepLocal ? new IndexeddbPersistence(localName, ydoc) : null;
      const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const provider = new HocuspocusProvider({
        url: `${protocol}://${window.location.host}/collab`,
        name: documentId,
        document: ydoc,
        // The session cookie authenticates; the token names the user this page (and its local copy) is for.
        token: `${USER_TOKEN_PREFIX}${user.id}`,
        ...RECONNECT,
      });
      const saved = new SavedState(ydoc, provider, local?.whenSynced);
      setSession({ id: ++sessions, ydoc, provider, local, saved });
      stop = () => {
        setSession((current) => (current?.provider === provider ? null : current));
        saved.destroy();
        provider.destroy();
        void local?.destroy();
        ydoc.destroy();
      };
    });
    return () => {
      stopped = true;
      stop();
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

function EditorSession({ title, user, canEdit, label, comments, session }: EditorProps & { session: Session }) {
  const { ydoc, provider, local, saved } = session;
  // The editor is made once per session; it reads the latest comment props through this ref.
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  const [connection, setConnection] = useState<Connection>('verbinden');
  const saveState = useSyncExternalStore(
    saved.subscribe,
    () => saved.state,
    () => 'saved' as const
  );
  const [synced, setSynced] = useState(false);
  const [readOnlyByServer, setReadOnlyByServer] = useState(false);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const [present, setPresent] = useState<Array<{ name: string; color: string }>>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onStatus = ({ status }: { status: string }) => {
      setConnection(status === 'connected' ? 'verbonden' : status === 'connecting' ? 'verbinden' : 'offline');
      // A socket closed while the browser was offline reports its close only later, after the provider
      // already ignored the "online" connect (it still counted as connected): connect now.
      if (status === 'disconnected' && navigator.onLine) void provider.connect();
    };
    const onSynced = () => setSynced(true);
    const onAuthenticated = ({ scope }: { scope: string }) => {
      setReadOnlyByServer(scope === 'readonly');
      setRefused(null);
    };
    // A refusal never deletes the local copy: it holds the words that did not reach the server yet.
    const onAuthFailed = ({ reason }: { reason: string }) =>
      setRefused(REASONS.includes(reason as RefusalReason) ? (reason as RefusalReason) : 'unavailable');
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
        if ((JSON.parse(payload) as { topic?: string }).topic === COMMENTS_CHANGED) commentsRef.current?.onChanged();
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
      ['synced', onSynced],
      ['authenticated', onAuthenticated],
      ['authenticationFailed', onAuthFailed],
      ['close', onClose],
      ['stateless', onStateless],
    ];
    for (const [event, listener] of listeners) provider.on(event, listener);
    provider.awareness?.on('change', onAwareness);
    // A dead network can leave a websocket looking open for a long time; the browser knows sooner.
    const goOffline = () => {
      setConnection('offline');
      provider.disconnect();
    };
    const goOnline = () => void provider.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (saved.state !== 'saved') event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      for (const [event, listener] of listeners) provider.off(event, listener);
      provider.awareness?.off('change', onAwareness);
    };
  }, [provider, local, saved]);

  // A reader's copy left from when they could write goes once the server confirms it holds all of it.
  useEffect(() => {
    if (!canEdit && local && synced && saveState === 'saved') void local.clearData();
  }, [canEdit, local, synced, saveState]);

  // Refused: try again now and then, and when the tab gets focus (after a log-in in another tab).
  useEffect(() => {
    if (!refused) return;
    const retry = () => {
      provider.disconnect();
      void provider.connect();
    };
    const timer = window.setInterval(retry, RETRY_REFUSED_MS[refused]);
    const onVisible = () => document.visibilityState === 'visible' && retry();
    window.addEventListener('focus', retry);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', retry);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refused, provider]);

  const editable = canEdit && !readOnlyByServer && !refused;
  // A commentator moves through the text with the keyboard to select words; they still cannot change it.
  const selectable = !editable && !refused && Boolean(comments?.canComment);
  const editableRef = useRef(editable);
  editableRef.current = editable;
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

  const unsent = saveState !== 'saved';
  const status = refused
    ? REFUSED[refused](unsent, user.name)
    : connection === 'offline' || (connection === 'verbinden' && synced)
    ? `Verbinding herstellen…${
        unsent ? ' Uw wijzigingen staan veilig in deze browser en gaan mee zodra de verbinding terug is.' : ''
      }`
    : !synced
    ? 'Verbinden…'
    : saveState === 'unstorable'
    ? 'U mag dit document niet (meer) bewerken. Wijzigingen die nog niet waren opgeslagen staan alleen in deze browser.'
    : editable && unsent
    ? 'Opslaan…'
    : editable
    ? 'Opgeslagen'
    : 'Alleen lezen: u leest live mee.';
  // Words that can no longer reach the server are offered as a download before anything is cleared.
  const stranded = (refused === 'no-access' && unsent) || saveState === 'unstorable';

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
      {stranded && editor ? <LocalCopy title={title} editor={editor} ydoc={ydoc} local={local} /> : null}
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

const REFUSED: Record<Refusal, (unsent: boolean, name: string) => string> = {
  unavailable: (unsent) =>
    `De server kan dit document nu niet openen; opnieuw proberen…${
      unsent ? ' Uw wijzigingen staan veilig in deze browser.' : ''
    }`,
  'session-ended': (unsent) =>
    unsent
      ? 'U bent uitgelogd; uw wijzigingen staan nog in deze browser.'
      : 'U bent uitgelogd. Log opnieuw in om verder te werken.',
  'other-user': (unsent, name) =>
    `In deze browser is nu iemand anders ingelogd.${
      unsent ? ` Uw wijzigingen staan nog in deze browser; log weer in als ${name} om ze te versturen.` : ''
    }`,
  'no-access': (unsent) =>
    unsent
      ? 'U heeft geen toegang meer tot dit document. Wijzigingen die nog niet waren opgeslagen staan alleen in deze browser.'
      : 'U heeft geen toegang (meer) tot dit document.',
};

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
