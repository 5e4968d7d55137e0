// A Connect client, written the way an integrating backend (or the official
// SDK) would: sign /establish and /revoke-all with the client-auth key, call
// the JSON API over HTTP, verify tokens locally with the key from /info. The
// built-in relying parties (/demo, the With portal) use it against this very
// server, so they exercise exactly what integrators get.
import crypto from "node:crypto";
import { compactVerify, importPKCS8, importSPKI, SignJWT } from "jose";

export class ConnectApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "ConnectApiError";
  }
}

export interface ConnectClientOptions {
  baseUrl: string;
  applicationAnchor: string;
  clientAuthPrivateKeyPem: string;
  fetch?: typeof fetch;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  claims: Record<string, { requirement: string; state: string }>;
}

export interface VerifiedAccessToken {
  header: { kty: string; iss: string; aud: string; sub: string; iat: number; exp: number; jti: string };
  body: { subject: string; firstName?: string; lastName?: string; emailAddress?: string };
}

export class ConnectClient {
  private publicKey: Promise<CryptoKey> | undefined;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ConnectClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  private async call<T>(path: string, body: unknown, signed = false): Promise<T> {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (signed) headers.authorization = `SudomimusClientJWT ${await this.clientJwt(text)}`;
    const response = await this.fetch(`${this.options.baseUrl}/connect-api${path}`, { method: "POST", headers, body: text });
    const raw = await response.text();
    const parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (!response.ok) {
      const reason = typeof parsed.reason === "string" ? parsed.reason : undefined;
      throw new ConnectApiError(response.status, reason, `${path} answered ${response.status} ${reason ?? ""}`.trim());
    }
    return parsed as T;
  }

  private async clientJwt(body: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ jti: crypto.randomUUID(), body_sha256: crypto.createHash("sha256").update(body).digest("base64") })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .setIssuer(this.options.applicationAnchor)
      .setAudience("sudomimus-connect")
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(await importPKCS8(this.options.clientAuthPrivateKeyPem, "RS256"));
  }

  establish(narrowing: Record<string, unknown>): Promise<{ exposureKey: string; hiddenKey: string }> {
    return this.call("/establish", { applicationAnchor: this.options.applicationAnchor, ...narrowing }, true);
  }

  redeem(keys: { exposureKey: string; hiddenKey: string; confirmationKey: string }): Promise<TokenPair> {
    return this.call("/redeem", keys);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.call("/refresh", { refreshToken });
  }

  introspect(accessToken: string): Promise<{ status: string; recommendedRecheckSeconds: number }> {
    return this.call("/introspect", { accessToken });
  }

  logout(refreshToken: string): Promise<{ revoked: boolean }> {
    return this.call("/logout", { refreshToken });
  }

  revokeAll(subject: string): Promise<{ revokedCount: number }> {
    return this.call("/revoke-all", { subject }, true);
  }

  info(locale: string): Promise<{ applicationAnchor: string; applicationName: string; applicationPublicKey: string }> {
    return this.call("/info", { applicationAnchor: this.options.applicationAnchor, locale });
  }

  /** Signature (key from /info, cached), kind and expiry — what every protected request should check. */
  async verifyAccessToken(token: string, now = new Date()): Promise<VerifiedAccessToken> {
    this.publicKey ??= this.info("en-US").then((info) => importSPKI(info.applicationPublicKey, "RS256"));
    const { payload, protectedHeader } = await compactVerify(token, await this.publicKey);
    const header = protectedHeader as unknown as VerifiedAccessToken["header"];
    if (header.kty !== "Access") throw new ConnectApiError(401, "TokenKindMismatch", "not an access token");
    if (header.aud !== this.options.applicationAnchor) throw new ConnectApiError(401, "TokenAudienceMismatch", "issued for another application");
    if (header.exp * 1000 <= now.getTime()) throw new ConnectApiError(401, "TokenExpired", "the access token has expired");
    return { header, body: JSON.parse(new TextDecoder().decode(payload)) as VerifiedAccessToken["body"] };
  }

  /** After a key rotation: fetch the public key again on next use. */
  clearPublicKeyCache(): void {
    this.publicKey = undefined;
  }
}
