import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Client } from './http.ts';

/** A Node editor: a Hocuspocus provider that sends the session cookie and an Origin, like a browser. */
export function connectEditor(baseUrl: string, cookie: string | null, documentId: string, origin = baseUrl) {
  const headers: Record<string, string> = { origin, ...(cookie ? { cookie } : {}) };
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket,
    delay: 50,
    minDelay: 50,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentId, document: doc, token: 'sessie' });
  provider.attach();
  const close = () => {
    provider.destroy();
    socket.destroy();
    doc.destroy();
  };
  return { doc, provider, socket, close };
}

export type NodeEditor = ReturnType<typeof connectEditor>;

export function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

export const synced = (editor: NodeEditor, timeoutMs?: number) =>
  waitFor(() => editor.provider.isSynced && editor.provider.unsyncedChanges === 0, timeoutMs, 'sync');

/** The authorised scope the server gave, or 'refused'. */
export function authResult(editor: NodeEditor, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    editor.provider.on('authenticated', ({ scope }: { scope: string }) => {
      clearTimeout(timer);
      resolve(scope);
    });
    editor.provider.on('authenticationFailed', () => {
      clearTimeout(timer);
      resolve('refused');
    });
    editor.socket.on('close', () => {
      setTimeout(() => {
        clearTimeout(timer);
        resolve(editor.provider.authorizedScope ?? 'closed');
      }, 200);
    });
  });
}

export async function createDocument(
  client: Client,
  slug: string,
  title: string,
  template = 'leeg',
  step = '2'
): Promise<string> {
  const reply = await client.post(`/w/${slug}/documenten`, { title, step, template });
  const id = reply.location?.split('/').pop();
  if (reply.status !== 302 || !id) throw new Error(`could not create document: ${reply.status} ${reply.body.slice(0, 300)}`);
  return id;
}

export function text(doc: Y.Doc): string {
  return doc.getXmlFragment('default').toString();
}
