// Cross-site request forgery: a state-changing request must come from our own origin.
// SameSite=Lax cookies already stop most of it; this check also covers same-site subdomains.

export function allowedOrigins(host: string | undefined, protocol: string): string[] {
  const configured = process.env.APP_ORIGIN?.split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  if (configured && configured.length > 0) return configured;
  return host ? [`${protocol}://${host}`] : [];
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
