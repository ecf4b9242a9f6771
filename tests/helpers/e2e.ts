import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startCbsFixtureServer, type CbsFixtureServer } from '../fixtures/cbs/server.ts';
import { launchBrowser } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

/**
 * A real server and a Chromium for the tests of one file; both are gone after the file. With `cbs`, the
 * server asks a CBS fixture server (tests/fixtures/cbs) instead of CBS.
 */
export function withServerAndBrowser(): { server: TestServer; browser: Browser };
export function withServerAndBrowser(options: { cbs: true }): { server: TestServer; browser: Browser; cbs: CbsFixtureServer };
export function withServerAndBrowser(options: { cbs?: boolean } = {}) {
  const env = {} as { server: TestServer; browser: Browser; cbs?: CbsFixtureServer };
  beforeAll(async () => {
    env.cbs = options.cbs ? await startCbsFixtureServer() : undefined;
    const settings: Record<string, string> = env.cbs
      ? { CBS_ODATA_V3_URL: env.cbs.v3BaseUrl, CBS_ODATA_V4_URL: env.cbs.v4BaseUrl }
      : {};
    [env.server, env.browser] = await Promise.all([startServer(settings), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    await env.cbs?.close();
  });
  return env;
}
