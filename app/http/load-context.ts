import type { DB } from '../../db/index.ts';
import type { Session, SessionUser } from '../auth/session.server.ts';
import type { Collab } from '../collab/hocuspocus.server.ts';
import type { Mailer } from '../core/mailer.server.ts';

// What server.ts hands every loader and action. Authentication happens once, in server.ts,
// so that pages and (later) the collaboration endpoint read the same session the same way.
export interface AppContext {
  db: DB;
  user: SessionUser | null;
  session: Session | null;
  cspNonce: string;
  clientIp: string;
  secureCookies: boolean;
  /** Sockets are closed and pages told of changes by the table of consequences, never by a route. */
  collab: Pick<Collab, 'changeDocument' | 'readState'>;
  /** Null when no SMTP server is configured: then nothing is e-mailed. */
  mailer: Mailer | null;
}

declare module '@remix-run/server-runtime' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
