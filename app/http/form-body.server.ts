import type express from 'express';
import getRawBody from 'raw-body';
import { MAX_CSV_BYTES } from '../features/analysis/csv-limits.ts';

// Every request body that reaches the app is read here, once, before an action sees it: only forms, and
// bounded by route. Remix itself reads any body whole into memory: four 100 MB log-ins took 1.3 GB and
// stalled every other request for over 20 seconds.

/** An ordinary form. The largest (a CBS import with all its indicators, a 4,000-character text) is tens of kB. */
export const MAX_FORM_BYTES = 1024 * 1024;

const FORM_MB = MAX_FORM_BYTES / 1024 / 1024;
const FILE_MB = MAX_CSV_BYTES / 1024 / 1024;

interface Limit {
  bytes: number;
  /** What a refused request is told (413). */
  tooLarge: string;
}

const FORM: Limit = {
  bytes: MAX_FORM_BYTES,
  tooLarge: `Het verzoek is te groot. Een formulier mag ten hoogste ${FORM_MB} MB bevatten; een bestand ten hoogste ${FILE_MB} MB. Er is niets veranderd.`,
};

/** Routes that take more than an ordinary form; single fetch posts to the same path with ".data". */
const LIMITS: ReadonlyArray<{ path: RegExp } & Limit> = [
  {
    // The CSV upload: the file (the import's own limit) with the other fields and the multipart framing, and
    // room for a file a little too large to reach the page, which then says so beside the form.
    path: /^\/w\/[^/]+\/analyse\/import(\.data)?\/?$/,
    bytes: MAX_CSV_BYTES + MAX_FORM_BYTES,
    tooLarge: `Het bestand is groter dan ${FILE_MB} MB. Splits het in kleinere bestanden. Er is niets veranderd.`,
  },
];

export function bodyLimit(path: string): Limit {
  return LIMITS.find((l) => l.path.test(path)) ?? FORM;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
const NOT_A_FORM =
  'Dit is geen formulier: Thuisplan neemt hier alleen formulieren aan (application/x-www-form-urlencoded of multipart/form-data). Er is niets veranderd.';
const UNREADABLE = 'Het formulier is niet goed verstuurd (onvolledig of beschadigd). Er is niets veranderd; probeer het opnieuw.';

/** How long a refused request's remaining body is read (and dropped) before its connection is closed. */
const LINGER_MS = 2000;

function refuse(req: express.Request, res: express.Response, status: number, message: string) {
  res.status(status).type('text/plain; charset=utf-8').send(message);
  // Closing at once on a body still coming would reset the connection, and the client could lose this
  // answer with it (it is still sending): drop what comes for a moment, then close.
  req.unpipe();
  req.resume();
  if (req.complete) return;
  const close = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  req.once('end', () => clearTimeout(close));
}

/**
 * Reads the body of a POST (or other method with a body) into `res.locals.body`, for the Remix handler.
 * Refused: other content than a form (415), more than the route's limit (413: at once from Content-Length,
 * else as soon as a streamed body passes it), a body that breaks off (400).
 */
export const readFormBody: express.RequestHandler = (req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  if (!req.is(FORM_TYPES)) return refuse(req, res, 415, NOT_A_FORM);
  const limit = bodyLimit(req.path);
  getRawBody(req, { length: req.get('content-length'), limit: limit.bytes }, (error, body) => {
    if (error) return refuse(req, res, error.status === 413 ? 413 : 400, error.status === 413 ? limit.tooLarge : UNREADABLE);
    res.locals.body = body;
    next();
  });
};

/** A request's form, as an action reads it; a body that is no readable form is a 400, never a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response(UNREADABLE, { status: 400, statusText: 'Ongeldig formulier' });
  }
}
