// The CLI's HTTP calls: JSON in, JSON out, and every refusal as an ApiError
// carrying the server's `reason` (Connect, With) or `error` (RFC 8628).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The `reason` or `error` symbol; "unreachable" when no answer came. */
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function callJson<T>(url: string, init: { method?: "GET" | "POST" | "PUT"; body?: unknown; bearer?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  let response: Response;
  try {
    response = await fetch(url, { method: init.method ?? "POST", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), redirect: "error" });
  } catch (error) {
    throw new ApiError(0, "unreachable", `Cannot reach ${new URL(url).origin}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new ApiError(response.status, "not_json", `${url} answered ${response.status} with something that is not JSON — is this a Sudomimus endpoint?`);
  }
  if (!response.ok) {
    const code = typeof body.reason === "string" ? body.reason : typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
    const detail = typeof body.message === "string" ? body.message : typeof body.error_description === "string" ? body.error_description : "";
    throw new ApiError(response.status, code, detail ? `${code}: ${detail}` : code, body);
  }
  return body as T;
}
