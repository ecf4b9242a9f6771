// Cross-site request forgery: a state-changing request must come from our own origin.
// SameSite=Lax cookies already stop most of it; this check also covers same-site subdomains.

function configuredOrigins(): string[] {
  return (process.env.APP_ORIGIN ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

export function allowedOrigins(host: string | undefined, protocol: string): string[] {
  const configured = configuredOrigins();
  if (configured.length > 0) return configured;
  return host ? [`${protocol}://${host}`] : [];
}

/** Without APP_ORIGIN the check compares with the Host header, which the sender of a request chooses. */
export function missingAppOriginWarning(): string | null {
  if (configuredOrigins().length > 0) return null;
  return [
    'Let op: APP_ORIGIN is niet ingesteld. De Origin-controle tegen cross-site verzoeken (CSRF) vergelijkt nu met de',
    'Host-header van elk verzoek, en die kiest de afzender (bijvoorbeeld via DNS-rebinding of een proxy die hem doorgeeft):',
    'een verzoek van een andere site kan zo voor een eigen verzoek doorgaan. Stel het publieke adres in, bijvoorbeeld',
    'APP_ORIGIN=https://thuisplan.example.nl (meerdere adressen komma-gescheiden).',
  ].join('\n');
}

/** The origin a request says it comes from: the Origin header, else the Referer's origin. */
export function requestOrigin(headers: { origin?: string; referer?: string }): string | null {
  if (headers.origin && headers.origin !== 'null') return headers.origin;
  if (headers.referer) {
    try {
      return new URL(headers.referer).origin;
    } catch {
      return null;
    }
  }
  return null;
}

export function isSameOrigin(headers: { origin?: string; referer?: string }, allowed: string[]): boolean {
  const origin = requestOrigin(headers);
  return origin !== null && allowed.includes(origin);
}
