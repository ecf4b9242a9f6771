// The peer the issue names: Hocuspocus's own Server with @hocuspocus/extension-sqlite (default debounce).
// No authentication and no per-update durability: what a plain Hocuspocus deployment does.
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const port = Number(process.env.PORT);
const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions: [new SQLite({ database: process.env.DATABASE_PATH })],
});
await server.listen();
console.log(`peer luistert op ${port}`);
