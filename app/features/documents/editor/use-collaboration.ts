// The editor page's side of co-writing (decision record 0005): one Hocuspocus provider per session, its
// connection, the server's verdict on the rights, the saved state and what the page says about them.
// The tiptap editor (editor.client.tsx) only reads what these hooks return.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { COMMENTS_CHANGED, USER_TOKEN_PREFIX, type RefusalReason } from '../collab-protocol.ts';
import { SavedState } from './saved-state.ts';

type Connection = 'verbinden' | 'verbonden' | 'offline';

export interface Session {
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
export function useCollaborationSession(documentId: string, userId: string, canEdit: boolean): Session | null {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    let stopped = false;
    let stop = () => {};
    const localName = `thuisplan:${userId}:${documentId}`;
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
        token: `${USER_TOKEN_PREFIX}${userId}`,
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
  }, [documentId, userId, canEdit]);
  return session;
}

/** The session's events as state, and the status line the page shows for them. */
export function useCollaboration(
  { provider, local, saved }: Session,
  { canEdit, userName, comments }: { canEdit: boolean; userName: string; comments?: { onChanged(): void } }
) {
  // The listeners are registered once per session; they tell the latest comment panel through this ref.
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
  const unsent = saveState !== 'saved';
  const status = refused
    ? REFUSED[refused](unsent, userName)
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

  return { connection, synced, refused, editable, present, notice, setNotice, status, stranded };
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
