// `npm run serve`: the live report on http://127.0.0.1:<port>/ with the headers that make the page
// cross-origin isolated (COOP same-origin + COEP require-corp), so SharedArrayBuffer exists and the
// wasm backend trains on threads. Static files only, from <out>/live; nothing is written.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ReportError } from '../errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.wasm': 'application/wasm', '.css': 'text/css', '.ts': 'text/plain; charset=utf-8', '.csv': 'text/csv',
};

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Starts the server; port 0 picks a free one. Resolves once it listens. */
export function serveLive(root: string, port: number, host = '127.0.0.1'): Promise<Server> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new ReportError(`${root}/index.html not found: expected the live report there; run \`npm run report\` first (or pass --dir)`);
  }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(resolve(root) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...ISOLATION_HEADERS }).end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
      ...ISOLATION_HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? new ReportError(`port ${port} on ${host} is in use; pick another with --port <n>`) : e));
    server.listen(port, host, () => ok(server));
  });
}

function parse(argv: string[]): { dir: string; port: number } {
  const o = { dir: resolve(__dirname, '..', 'out', 'live'), port: 8765 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[++i];
    if (a === '--port' && v !== undefined && /^\d+$/.test(v) && Number(v) < 65536) o.port = Number(v);
    else if (a === '--dir' && v !== undefined) o.dir = resolve(v);
    else throw new ReportError(`serve: unknown or incomplete option ${JSON.stringify(a)}${v === undefined ? '' : ` ${JSON.stringify(v)}`}; valid: --port <0-65535>, --dir <folder holding index.html>`);
  }
  return o;
}

if (require.main === module) {
  (async () => {
    const o = parse(process.argv.slice(2));
    const server = await serveLive(o.dir, o.port);
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : o.port;
    console.log(`live report: http://127.0.0.1:${port}/ (cross-origin isolated; Ctrl-C stops)`);
  })().catch((e: unknown) => {
    console.error(e instanceof ReportError ? `serve: ${e.message}` : e);
    process.exit(1);
  });
}
