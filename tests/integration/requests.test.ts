import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisPages } from '../helpers/analysis.ts';
import { Client, loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD, startServer, type DemoUser, type TestServer } from '../helpers/server.ts';

// What the server does with requests before any page sees them: body limits, HSTS, the start-up warning.

let server: TestServer;
const clients = {} as Record<DemoUser, Client>;
const { upload, count } = analysisPages(() => server, clients);
beforeAll(async () => {
  // TRUST_PROXY: the HSTS test below also asks as if through an HTTPS proxy.
  server = await startServer({ TRUST_PROXY: '1' });
  clients.enschede = await loggedIn(server.url, DEMO.enschede, DEMO_PASSWORD);
});
afterAll(() => server?.stop());

const MB = 1024 * 1024;

/** Sends only a request's head (no body) and reads the reply; rejects after `timeout` ms. */
function headOnly(head: string, timeout = 5000): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(head));
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply within ${timeout} ms`));
    }, timeout);
    socket.on('data', (d) => {
      reply += d;
      const [headers, body = ''] = reply.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(headers!)?.[1] ?? NaN);
      if (Buffer.byteLength(body) >= length) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(reply.split(' ')[1]), body, ms: performance.now() - started });
      }
    });
    socket.on('error', reject);
  });
}

/** Streams a chunked body of up to `total` bytes until the server answers; counts what it sent. */
function streamed(path: string, total: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'transfer-encoding': 'chunked' },
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const write = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', write);
      }
      if (!answered) request.end();
    };
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.on('data', (d) => (body += d));
      response.on('end', () => resolve({ status: response.statusCode!, body, sent }));
      response.on('error', () => resolve({ status: response.statusCode!, body, sent }));
    });
    // The server closes the connection after refusing: writing on may fail, which is expected.
    request.on('error', (error) => (answered ? undefined : reject(error)));
    write();
  });
}

async function timedGet(path: string) {
  const started = performance.now();
  const reply = await new Client(server.url).get(path);
  return { status: reply.status, ms: performance.now() - started };
}

describe('request body limits', () => {
  it('a log-in announcing 100 MB is refused with 413 at once, without its body being sent', async () => {
    const reply = await headOnly(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${100 * MB}\r\n\r\n`
    );
    expect(reply.status).toBe(413);
    expect(reply.body).toContain('Het verzoek is te groot');
    expect(reply.ms).toBeLessThan(1000);
  });

  it('a streamed (chunked) body over the limit is cut off with 413, and other requests are answered meanwhile', async () => {
    const huge = streamed('/login', 100 * MB);
    await new Promise((r) => setTimeout(r, 100));
    const meanwhile = await timedGet('/login');
    const reply = await huge;
    expect(reply.status).toBe(413);
    expect(reply.body).toContain('Het verzoek is te groot');
    expect(reply.sent).toBeLessThan(20 * MB);
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.ms).toBeLessThan(1000);
  });

  it('a form of over 1 MB on an ordinary page is refused with 413', async () => {
    const reply = await new Client(server.url).post('/login', { email: DEMO.enschede, password: 'x'.repeat(2 * MB) });
    expect(reply.status).toBe(413);
    expect(reply.body).toContain('Het verzoek is te groot');
  });

  it('a normal log-in still works', async () => {
    const client = await loggedIn(server.url, DEMO.regie, DEMO_PASSWORD);
    expect(client.cookie).toBeTruthy();
  });

  it('the CSV upload keeps its own, larger limit: a legit 3 MB file is accepted', async () => {
    // A figure, then empty rows of blank cells (as a sheet with formatted but empty cells may be saved).
    const rows = ['gemeente;indicator;periode;waarde', 'GM0153;bevolking;2023;160000'];
    const csv = `${rows.join('\r\n')}\r\n${`${' '.repeat(200)};;;\r\n`.repeat(16_000)}`;
    expect(csv.length).toBeGreaterThan(3 * MB);
    const before = count('data_imports');
    const reply = await upload('enschede', csv);
    expect(reply.status, reply.body.slice(0, 500)).toBe(302);
    expect(count('data_imports')).toBe(before + 1);
  });
});

describe('HSTS', () => {
  it('is not sent over plain HTTP', async () => {
    const reply = await new Client(server.url).get('/login');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('strict-transport-security')).toBeNull();
  });
  it('is sent over HTTPS (here: through a trusted proxy)', async () => {
    const reply = await new Client(server.url).get('/login', { 'x-forwarded-proto': 'https' });
    expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});

describe('start-up warning about APP_ORIGIN', () => {
  it('is printed in production without APP_ORIGIN', async () => {
    await expect.poll(() => server.output()).toContain('APP_ORIGIN is niet ingesteld');
  });
  it('is not printed with APP_ORIGIN', async () => {
    const configured = await startServer((url) => ({ APP_ORIGIN: url }));
    try {
      expect(configured.output()).not.toContain('APP_ORIGIN is niet ingesteld');
    } finally {
      await configured.stop();
    }
  });
});
