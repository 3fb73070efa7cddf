import type { ServerResponse } from 'node:http';

/** Answers with a JSON body, unless an answer already went out (a deadline may have answered first). */
export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
