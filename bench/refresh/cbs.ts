import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFilter } from '../../tests/fixtures/cbs/server.ts';

// A CBS v3 ODataApi made in code for the refresh benchmark: `tables` tables of `topics` count topics
// each, the given regions, yearly periods; every request answered `latencyMs` later (as a distant CBS).
// Filters as CBS does (the fixture server's parser). `revise()` changes figures and makes the last year definitief.

type Row = Record<string, unknown>;

export interface BenchCbs {
  v3BaseUrl: string;
  v4BaseUrl: string;
  requests: number;
  tables: string[];
  topic(table: number, topic: number): string;
  revise(): void;
  close(): Promise<void>;
}

export async function startBenchCbs(options: {
  regions: string[];
  years: number[];
  tables: number;
  topics: number;
  latencyMs: number;
}): Promise<BenchCbs> {
  const tables = Array.from({ length: options.tables }, (_, t) => `9000${t}ned`);
  const topic = (t: number, k: number) => `Onderwerp${t}_${k + 1}`;
  let revised = false;
  const last = options.years.at(-1)!;
  const meta = (value: unknown[]) => ({ 'odata.metadata': 'bench', value });
  const resource = (t: number, name: string): Row | null => {
    switch (name) {
      case 'TableInfos':
        return meta([{ ID: 0, Identifier: tables[t], Title: `Benchtabel ${t}`, Modified: '2026-11-01T02:00:00' }]);
      case 'DataProperties':
        return meta([
          { ID: 0, ParentID: null, Type: 'GeoDimension', Key: 'RegioS', Title: "Regio's" },
          { ID: 1, ParentID: null, Type: 'TimeDimension', Key: 'Perioden', Title: 'Perioden' },
          ...Array.from({ length: options.topics }, (_, k) => ({
            ID: 2 + k,
            ParentID: null,
            Type: 'Topic',
            Key: topic(t, k),
            Title: `Onderwerp ${t}.${k + 1}`,
            Unit: 'aantal',
            Decimals: 0,
            Datatype: 'Long',
          })),
        ]);
      case 'RegioS':
        return meta(options.regions.map((code) => ({ Key: `${code}  `, Title: code, CategoryGroupID: null })));
      case 'Perioden':
        return meta(
          options.years.map((y) => ({
            Key: `${y}JJ00`,
            Title: String(y),
            Status: y === last && !revised ? 'Voorlopig' : 'Definitief',
          }))
        );
      case 'TypedDataSet':
        return meta(
          options.regions.flatMap((code, r) =>
            options.years.map((y) => ({
              RegioS: `${code}  `,
              Perioden: `${y}JJ00`,
              ...Object.fromEntries(
                Array.from({ length: options.topics }, (_, k) => [
                  topic(t, k),
                  1000 + t * 100 + k * 10 + r + (y - 2000) + (revised && y === last && r === 0 ? 3 : 0),
                ])
              ),
            }))
          )
        );
      default:
        return null;
    }
  };
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, table, name] = /^\/ODataApi\/odata\/([^/]+)\/([^/]+)$/.exec(url.pathname) ?? [];
    const t = tables.findIndex((id) => id.toLowerCase() === table?.toLowerCase());
    let body = t >= 0 && name ? resource(t, name) : null;
    if (body && name === 'TypedDataSet') {
      const filter = url.searchParams.get('$filter');
      let rows = body.value as Row[];
      if (filter) rows = rows.filter(parseFilter(filter));
      const select = url.searchParams.get('$select')?.split(',');
      if (select) rows = rows.map((row) => Object.fromEntries(select.map((k) => [k, row[k]])));
      body = meta(rows);
    }
    setTimeout(
      () =>
        res
          .writeHead(body ? 200 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify(body ?? { 'odata.error': { message: { value: 'Resource not found.' } } })),
      options.latencyMs
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    v3BaseUrl: `${origin}/ODataApi/odata`,
    v4BaseUrl: `${origin}/odata/v1/CBS`,
    get requests() {
      return requests;
    },
    tables,
    topic,
    revise: () => {
      revised = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
