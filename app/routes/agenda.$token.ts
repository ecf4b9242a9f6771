// A user's agenda for calendar apps: /agenda/<token>.ics, outside the session (a calendar app sends no
// cookie; the secret token is the credential). GET only. An unknown, renewed or malformed token, or the
// address of a disabled user, answers the same 404 after the same lookup.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildCalendar } from '../features/calendar/ical.ts';
import { findFeedOwner, listFeedItems } from '../features/calendar/calendar-feed.server.ts';

const HEADERS = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'no-referrer',
};

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const segment = params.token ?? '';
  const hasSuffix = segment.endsWith('.ics');
  // Looked up whatever its form (only its length is checked first), so "no" takes as long every time.
  const owner = await findFeedOwner(context.db, hasSuffix ? segment.slice(0, -4) : segment);
  if (!owner || !hasSuffix) {
    return new Response('Niet gevonden', {
      status: 404,
      headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const origin = new URL(request.url).origin;
  const items = await listFeedItems(context.db, { id: owner.id, isAdmin: owner.isAdmin === 1 }, origin);
  const body = buildCalendar(items, { name: `Thuisplan – ${owner.name}`, origin });
  return new Response(body, {
    status: 200,
    headers: {
      ...HEADERS,
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="thuisplan.ics"',
    },
  });
}
