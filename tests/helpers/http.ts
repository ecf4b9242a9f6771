// A minimal HTTP client for the integration tests: a session cookie, same-origin POSTs, no redirects followed.

export interface Reply {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

export class Client {
  cookie: string | null = null;
  constructor(
    readonly baseUrl: string,
    readonly origin: string = baseUrl
  ) {}

  async request(
    method: string,
    path: string,
    form?: Record<string, string> | URLSearchParams,
    headers: Record<string, string> = {}
  ): Promise<Reply> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' ? { origin: this.origin, 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const [name, value] = pair.split('=');
      if (name === 'thuisplan_sessie') this.cookie = value ? `${name}=${value}` : null;
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      headers: response.headers,
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, form: Record<string, string> | URLSearchParams, headers?: Record<string, string>) {
    return this.request('POST', path, form, headers);
  }

  async login(email: string, password: string): Promise<Reply> {
    return this.post('/login', { email, password, terug: '/' });
  }
}

export async function loggedIn(baseUrl: string, email: string, password: string): Promise<Client> {
  const client = new Client(baseUrl);
  const reply = await client.login(email, password);
  if (reply.status !== 302 || !client.cookie) throw new Error(`login failed for ${email}: ${reply.status}`);
  return client;
}
