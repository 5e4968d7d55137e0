// Calling the With API with the stored session: refresh through Connect
// first when the access token has under a minute left, and once more when
// the API still refuses the token (expired meanwhile, a rotated key or
// subject). Each rotated pair is stored before it is used; a refresh Connect
// refuses ends the session here too.
import { ApiError, callJson } from "./api";
import type { Endpoints } from "./args";
import { accessTokenSecondsLeft, forgetSession, writeSession, type StoredSession } from "./credentials";

export class SessionEnded extends Error {
  override name = "SessionEnded";
}

const REFRESH_MARGIN_SECONDS = 60;

async function refreshed(file: string, session: StoredSession, endpoints: Endpoints): Promise<StoredSession> {
  let pair: { accessToken: string; refreshToken: string };
  try {
    pair = await callJson(`${endpoints.connectApi}/refresh`, { body: { refreshToken: session.refreshToken } });
  } catch (error) {
    // 401/403: the refresh token is spent, expired or revoked, or the account cannot sign in any more.
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      forgetSession(file);
      throw new SessionEnded(`Your session has ended (${error.code}). Run \`sudomimus login\` to sign in again.`);
    }
    throw error;
  }
  return writeSession(file, { applicationAnchor: session.applicationAnchor, endpoints: session.endpoints, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
}

/**
 * Calls `path` of the With API as the signed-in account of the session in
 * `file`, at the endpoints it was made at: a GET, or a PUT of `put`.
 */
export async function withApi<T>(file: string, session: StoredSession, path: string, put?: unknown): Promise<T> {
  const { endpoints } = session;
  const call = (accessToken: string) =>
    callJson<T>(`${endpoints.withApi}${path}`, put === undefined ? { method: "GET", bearer: accessToken } : { method: "PUT", body: put, bearer: accessToken });
  let current = accessTokenSecondsLeft(session.accessToken) < REFRESH_MARGIN_SECONDS ? await refreshed(file, session, endpoints) : session;
  try {
    return await call(current.accessToken);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    current = await refreshed(file, current, endpoints);
    return call(current.accessToken);
  }
}
