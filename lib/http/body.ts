// Reading and validating request bodies at the route edge. Bodies are read as
// raw bytes first (the client-auth JWT signs the exact bytes) with a hard size
// limit, then parsed; every failure is a 400/413 with a reason, never a 500.
import type { z } from "zod";
import { SudomimusError, invalid } from "../errors";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

// The API fast path (lib/server) has the whole body in hand before the route
// runs; it hands the bytes over beside the Request instead of wrapping them in
// a stream only to read them back out. Every body read goes through here.
const BUFFERED_BODY = Symbol.for("sudomimus.http.bufferedBody");
type WithBufferedBody = Request & { [BUFFERED_BODY]?: Uint8Array };

/** A bodiless Request carrying `bytes` as its body for readRawBody. */
export function requestWithBufferedBody(url: URL, init: { method: string; headers: Headers }, bytes: Uint8Array): Request {
  const request = new Request(url, init) as WithBufferedBody;
  request[BUFFERED_BODY] = bytes;
  return request;
}

export async function readRawBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const buffered = (request as WithBufferedBody)[BUFFERED_BODY];
  if (buffered) {
    if (buffered.byteLength > maxBytes) throw tooLarge(maxBytes);
    return buffered;
  }
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): SudomimusError {
  return new SudomimusError("PayloadTooLarge", { message: `The request body must not exceed ${maxBytes} bytes.` });
}

export function parseJsonBytes(bytes: Uint8Array): unknown {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") throw invalid("body", "The request body must be a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw invalid("body", "The request body is not valid JSON.");
  }
}

/**
 * Whether text carries U+0000. JSON and forms may carry it, but PostgreSQL
 * stores it in neither text (SQLSTATE 22021) nor jsonb (22P05) and refuses
 * the whole query — so no request value may hold it, whatever field it is in.
 */
export function hasNulCharacter(text: string): boolean {
  return text.includes("\u0000");
}

/** Where a string of a parsed JSON value holds U+0000 (for a key: the object it is a member of), else null. */
function nulCharacterPath(value: unknown): PropertyKey[] | null {
  // Iterative, and each entry links to its parent instead of copying its path:
  // a deeply nested body costs neither the stack nor quadratic time.
  type Entry = { value: unknown; key: PropertyKey; parent: Entry | null };
  const pathOf = (entry: Entry): PropertyKey[] => {
    const path: PropertyKey[] = [];
    for (let at = entry; at.parent; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const pending: Entry[] = [{ value, key: "", parent: null }];
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    const current = entry.value;
    if (typeof current === "string") {
      if (hasNulCharacter(current)) return pathOf(entry);
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, key: index, parent: entry }));
    } else if (typeof current === "object" && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (hasNulCharacter(key)) return pathOf(entry);
        pending.push({ value: item, key, parent: entry });
      }
    }
  }
  return null;
}

/**
 * Validates with a zod schema; the first problem becomes `Invalid <top-level field>`
 * with a message naming the exact path, so integrators see what to fix.
 */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid("body", "The request body must be a JSON object.");
  }
  const nul = nulCharacterPath(value);
  if (nul) throw invalidAt(nul, "must not contain the NUL character (U+0000)");
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidAt(issue?.path ?? [], issue?.message ?? "invalid value");
}

function invalidAt(path: PropertyKey[], message: string) {
  return path.length > 0 ? invalid(String(path[0]), `${formatPath(path)}: ${message}`) : invalid("body", `body: ${message}`);
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

export async function readJson<T>(request: Request, schema: z.ZodType<T>, maxBytes?: number): Promise<{ body: T; raw: Uint8Array }> {
  const raw = await readRawBody(request, maxBytes);
  return { body: parseWith(schema, parseJsonBytes(raw)), raw };
}
