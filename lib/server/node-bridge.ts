// Between Node's http objects and the Web Request/Response the route
// modules speak. Bodies are read with a hard cap first: no handler ever sees
// more than MAX_BRIDGE_BODY_BYTES.
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestWithBufferedBody } from "../http/body";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { serializedBody } from "../http/respond";

export const MAX_BRIDGE_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > MAX_BRIDGE_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** `clientAddress`: who the request is from, as the server resolved it (lib/http/client-address.ts). */
export async function toWebRequest(req: IncomingMessage, origin: string, clientAddress: string | undefined): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // Never a value the client chose: rate limits key on it.
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (clientAddress) headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", origin);
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  return requestWithBufferedBody(url, { method, headers }, await readBody(req));
}

export async function sendWebResponse(res: ServerResponse, response: Response, extraHeaders: readonly { key: string; value: string }[]): Promise<void> {
  const text = serializedBody(response);
  const body = text === null ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text);
  for (const { key, value } of extraHeaders) res.setHeader(key, value);
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.setHeader("content-length", body.length);
  res.writeHead(response.status);
  res.end(body);
}
