// One Node process: security headers, static files, sessions and the Remix app on one port.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
// Not the package's createRequestHandler: the body the Remix request carries is the one readFormBody read.
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js';
import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import helmet, { strictTransportSecurity } from 'helmet';
import { sql } from 'kysely';
import { readFormBody } from './app/http/form-body.server.ts';
import { allowedOrigins, isSameOrigin, missingAppOriginWarning } from './app/auth/origin.server.ts';
import { blankSessionCookie, readSessionToken, sessionCookie, validateSessionToken } from './app/auth/session.server.ts';
import './app/http/load-context.ts';
import { createCollab } from './app/collab/hocuspocus.server.ts';
import { createMailer } from './app/core/mailer.server.ts';
import { emailNotifications } from './app/core/notifications.server.ts';
import { followChangesWith } from './app/core/transaction.server.ts';
import { sendDueReminders } from './app/features/review-rounds/reminders.server.ts';
import { todayInNL } from './app/features/review-rounds/review-forms.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { kyselyFor, openSqlite, DEFAULT_DATABASE_PATH } from './db/index.ts';
import { prepareDatabase } from './setup/prepare.ts';

const production = process.env.NODE_ENV === 'production';
const originWarning = production ? missingAppOriginWarning() : null;
if (originWarning) console.warn(originWarning);
const databasePath = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
const sqlite = openSqlite(databasePath);
const db = kyselyFor(sqlite);
const checkpointer = startCheckpointer(sqlite);
const startupLines = await prepareDatabase(db, {
  demo: process.env.THUISPLAN_DEMO !== '0',
  demoPassword: process.env.THUISPLAN_DEMO_PASSWORD,
  demoPasswordFile: path.join(path.dirname(databasePath), 'demo-wachtwoord.txt'),
  demoFigures: process.env.THUISPLAN_DEMO_FIGURES !== '0',
});

const app = express();
const server = http.createServer(app);
const collab = createCollab({ sqlite, db, server });
const mailer = createMailer();
// What follows a committed change (the table in app/core/consequences.ts), carried out here for every
// route, job and reminder alike.
followChangesWith(db, (consequences, notificationIds) => {
  for (const c of consequences) {
    if (c.kind === 'close-user') collab.closeUserConnections(c.userId, c.sessionId);
    else if (c.kind === 'close-document') collab.closeDocumentConnections(c.documentId);
    else if (c.kind === 'announce-comments') collab.announce(c.documentId, 'comments');
    else void emailNotifications(db, mailer, notificationIds); // slow: never holds up the response
  }
});
app.disable('x-powered-by');
// A number counts proxy hops; as a string ("1") Express would read it as the address 0.0.0.1.
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) app.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
const forceSecureCookies = process.env.COOKIE_SECURE === '1';

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
});
app.use(
  helmet({
    // The Vite dev server injects inline scripts; production pages allow only our own and nonce'd ones.
    contentSecurityPolicy: production
      ? {
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
            // No inline style attributes either (style-src-attr falls back to this): scripts set a colour or a
            // size through the CSSOM (element.style), which the policy does not restrict.
            styleSrc: ["'self'"],
            imgSrc: ["'self'", 'data:'],
            connectSrc: ["'self'"],
            fontSrc: ["'self'"],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
            upgradeInsecureRequests: forceSecureCookies ? [] : null,
          },
        }
      : false,
    crossOriginEmbedderPolicy: false,
    // Not helmet's no-referrer: under it Chromium sends "Origin: null" with a plain form POST,
    // which the Origin check below must refuse. same-origin still sends nothing to other sites.
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only means something over HTTPS; sent over plain HTTP it is at best ignored (below).
    strictTransportSecurity: false,
  })
);
// req.secure: TLS here, or X-Forwarded-Proto from a proxy that TRUST_PROXY trusts.
const hsts = strictTransportSecurity();
app.use((req, res, next) => (req.secure ? hsts(req, res, next) : next()));
// Level 1: the monitor page is half a megabyte of HTML; level 6 took 3.8 ms to gzip it to 35 kB, level 1
// 1.5 ms to 44 kB (measured on the bench/import page): time on the server matters more than 9 kB.
app.use(compression({ level: 1 }));

app.get('/healthz', async (_req, res) => {
  try {
    await sql`select 1`.execute(db);
    res.json({ status: 'ok', database: 'ok' });
  } catch {
    res.status(503).json({ status: 'error', database: 'onbereikbaar' });
  }
});

const vite = production
  ? undefined
  : await import('vite').then((v) => v.createServer({ server: { middlewareMode: true, hmr: { server } } }));
if (vite) {
  app.use(vite.middlewares);
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }));
  app.use(express.static('build/client', { maxAge: '1h' }));
}
app.use(express.static('public', { maxAge: '1h' }));

// A state-changing request must come from our own origin.
app.use((req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  if (isSameOrigin(req.headers, allowedOrigins(req.get('host'), req.protocol))) return next();
  res.status(403).type('text/plain; charset=utf-8').send('Verzoek geweigerd: onbekende herkomst (Origin).');
});

// Authentication happens here, once; loaders and actions read context.user.
app.use(async (req, res, next) => {
  const secure = forceSecureCookies || req.secure;
  res.locals.secureCookies = secure;
  res.locals.user = null;
  res.locals.session = null;
  const token = readSessionToken(req.headers.cookie);
  if (!token) return next();
  try {
    const result = await validateSessionToken(db, token);
    if (!result) {
      res.append('Set-Cookie', blankSessionCookie(secure));
    } else {
      res.locals.user = result.user;
      res.locals.session = result.session;
      if (result.renewed) res.append('Set-Cookie', sessionCookie(token, new Date(result.session.expiresAt), secure));
    }
    next();
  } catch (error) {
    next(error);
  }
});

// Forms only, each within its route's limit, read whole before an action sees them.
app.use(readFormBody);

// The server listens before the app's bundle is loaded (over a second on a loaded machine): editors that
// reconnect after a restart need only /collab; the first page requests wait for the bundle.
const productionBuild = vite ? null : (import(pathToFileURL(path.resolve('build/server/index.js')).href) as Promise<ServerBuild>);
const build = vite ? () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild> : () => productionBuild!;
const handleRequest = createRequestHandler(build, production ? 'production' : 'development');

app.all('*', async (req, res, next) => {
  try {
    // Node's stream of the body has been read by readFormBody; the request carries what it read.
    let request = createRemixRequest(req, res);
    if (res.locals.body) request = new Request(request, { body: res.locals.body });
    const context: AppLoadContext = {
      db,
      user: res.locals.user,
      session: res.locals.session,
      cspNonce: res.locals.cspNonce,
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'onbekend',
      secureCookies: res.locals.secureCookies,
      collab,
      mailer,
    };
    await sendRemixResponse(res, await handleRequest(request, context));
  } catch (error) {
    next(error);
  }
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(
    `Thuisplan luistert op http://localhost:${actualPort} (${
      production ? 'productie' : 'ontwikkeling'
    }, database ${databasePath})`
  );
  for (const line of startupLines) console.log(line);
});

// Review rounds whose deadline nears remind their silent invitees, once; checked every hour.
async function remindDueRounds() {
  try {
    await sendDueReminders(db, todayInNL()); // e-mailed as a consequence of each reminder
  } catch (error) {
    console.error('Herinneringen voor reviewrondes niet verstuurd', error);
  }
}
const reminders = setInterval(() => void remindDueRounds(), 60 * 60 * 1000);
reminders.unref();
void remindDueRounds();

async function shutdown(signal: string) {
  console.log(`${signal}: Thuisplan stopt`);
  clearInterval(reminders);
  await collab.destroy();
  server.close();
  server.closeAllConnections();
  await vite?.close();
  await checkpointer.stop();
  await db.destroy();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
