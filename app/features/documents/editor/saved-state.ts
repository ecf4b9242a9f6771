// Whether everything in this browser's copy of a document is on the server's disk: the client half of
// the saved-state protocol (decision record 0005; the server half is app/collab/saved-state.server.ts).
//
// Every change made here (typing, or the copy kept in IndexedDB) raises the local version. After the
// provider has sent the change, the page asks "saved?" with its state vector; the server answers only
// when its stored document covers it, and the page checks that the stored state vector it returns does.
// So "Opgeslagen" never rests on a count of messages, which the provider resets on every reconnect.
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { SAVED_ANSWER, SAVED_REQUEST, type SavedAnswer, type SavedRequest } from '../collab-protocol.ts';

export type SaveState = 'saved' | 'unsaved' | 'unstorable';

/** An answer that has not come within this time went out on a socket that died unnoticed: ask again. */
const ANSWER_TIMEOUT_MS = 3_000;

export class SavedState {
  private version = 0;
  private confirmed = 0;
  private unstorable = false;
  private inFlight: { id: number; version: number; sv: Map<number, number>; sentAt: number } | null = null;
  private nextId = 1;
  private readonly listeners = new Set<() => void>();
  private readonly watchdog: ReturnType<typeof setInterval>;

  /** Until the local copy (IndexedDB) is loaded, what it holds is unknown: not "saved". */
  private localLoaded: boolean;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: HocuspocusProvider,
    localCopyLoaded?: Promise<unknown>
  ) {
    this.localLoaded = !localCopyLoaded;
    void localCopyLoaded?.then(() => {
      this.localLoaded = true;
      this.notify();
    });
    doc.on('update', this.onUpdate);
    provider.on('stateless', this.onStateless);
    provider.on('synced', this.request);
    provider.on('authenticated', this.onAuthenticated);
    provider.on('status', this.onStatus);
    this.watchdog = setInterval(() => {
      if (this.inFlight && Date.now() - this.inFlight.sentAt > ANSWER_TIMEOUT_MS) this.onAuthenticated();
    }, 1_000);
  }

  /** 'unstorable': this browser has changes the server refuses (read-only now); they exist only here. */
  get state(): SaveState {
    if (this.confirmed === this.version && this.localLoaded) return 'saved';
    return this.unstorable ? 'unstorable' : 'unsaved';
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  destroy() {
    this.doc.off('update', this.onUpdate);
    this.provider.off('stateless', this.onStateless);
    this.provider.off('synced', this.request);
    this.provider.off('authenticated', this.onAuthenticated);
    this.provider.off('status', this.onStatus);
    clearInterval(this.watchdog);
    this.listeners.clear();
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }

  private onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return; // came from the server: nothing to save
    this.version++;
    this.notify();
    // After the provider's own update listener has sent the change: ask behind it, on the same socket.
    queueMicrotask(this.request);
  };

  private request = () => {
    if (this.inFlight || this.confirmed === this.version) return;
    if (!this.provider.isSynced || !this.provider.isAuthenticated) return; // asked again on "synced"
    const sv = Y.encodeStateVector(this.doc);
    this.inFlight = { id: this.nextId++, version: this.version, sv: Y.decodeStateVector(sv), sentAt: Date.now() };
    const request: SavedRequest = { topic: SAVED_REQUEST, id: this.inFlight.id, sv: toBase64(sv) };
    this.provider.sendStateless(JSON.stringify(request));
  };

  private onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') this.inFlight = null; // its answer, if any, would come on a dead socket
  };

  /** A new connection (the provider may replace a socket without a close event): ask on this one. */
  private onAuthenticated = () => {
    this.inFlight = null;
    queueMicrotask(this.request);
  };

  private onStateless = ({ payload }: { payload: string }) => {
    const inFlight = this.inFlight;
    if (!inFlight || !payload.includes(SAVED_ANSWER)) return;
    let answer: SavedAnswer;
    try {
      answer = JSON.parse(payload) as SavedAnswer;
    } catch {
      return;
    }
    if (answer.topic !== SAVED_ANSWER || answer.id !== inFlight.id) return;
    this.inFlight = null;
    const stored = Y.decodeStateVector(fromBase64(answer.sv));
    const covered = [...inFlight.sv].every(([client, clock]) => (stored.get(client) ?? 0) >= clock);
    if (answer.stored && covered) {
      this.confirmed = Math.max(this.confirmed, inFlight.version);
      this.unstorable = false;
    } else if (!answer.stored) {
      this.unstorable = true;
    }
    this.notify();
    if (answer.stored) this.request();
  };
}
