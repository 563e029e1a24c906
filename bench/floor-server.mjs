/**
 * The "floor" of the API benchmarks: the least a Node HTTP server can do on this machine. It answers
 * every request with 200 and the JSON body given in FLOOR_BODY (the runner passes the body the API
 * server's /api/health just returned, so both send the same number of bytes). Plain JavaScript so
 * that it starts as fast as bare Node, without a TypeScript loader. Started by bench/run.ts.
 */
import { createServer } from 'node:http';

const body = Buffer.from(process.env.FLOOR_BODY ?? '{"status":"ok"}');
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };

createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
