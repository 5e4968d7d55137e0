// Every setting the server reads, parsed and validated once. Nothing else in
// the codebase reads process.env. Development needs no setup: secrets that are
// not given are generated once and kept in the data directory.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "./http/client-address";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
const optionalUrl = optionalString.pipe(z.url().optional());
/** Where browsers reach this server: an http(s) origin, since every surface lives at a fixed path below it. */
const publicOrigin = optionalString.pipe(
  z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as https://auth.example.com" })
    .refine((value) => {
      // Not an http(s) URL at all: the check above already says so. (`new URL`, not URL.parse: Node 20.9 lacks it.)
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return true;
      }
      if (!/^https?:$/.test(url.protocol)) return true;
      return url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    }, "must be the server's origin alone (scheme, host and port), with no path, query or credentials")
    .optional(),
);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: publicOrigin,
  DATABASE_URL: optionalString,
  /** Connections to DATABASE_URL; unset = two per core of this machine (postgres.js pipelines queries on each). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  SUDOMIMUS_DATA_DIR: z.string().trim().min(1).default(".data"),
  /** 32+ random bytes, base64/base64url or hex; derives the AEAD key, the secret-hash pepper and cookie keys. */
  SUDOMIMUS_SECRET: optionalString,
  SMTP_URL: optionalUrl,
  SMTP_FROM: z.string().trim().min(3).default("Sudomimus <no-reply@sudomimus.localhost>"),
  /** "on" shows the development mailbox page; defaults to on exactly when no SMTP server is configured. */
  SUDOMIMUS_DEV_MAILBOX: z.enum(["on", "off"]).optional(),
  /** The `iss` header of Connect access/refresh tokens (docs: always "sudomimus.com"). */
  SUDOMIMUS_TOKEN_ISSUER: z.string().trim().min(1).default("sudomimus.com"),
  /** Domain of SYNTHETIC proxy email addresses (`…@proxy.<domain>`). */
  SUDOMIMUS_PROXY_EMAIL_DOMAIN: z.string().trim().min(3).default("proxy.sudomimus.email"),
  STEAM_WEB_API_URL: z.url().default("https://api.steampowered.com"),
  STEAM_WEB_API_KEY: optionalString,
  STEAM_OPENID_URL: z.url().default("https://steamcommunity.com/openid/login"),
  /** "Sign in with Google": an OAuth client of the operator's Google Cloud project; unset = not offered. */
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_ISSUER: z.url().default("https://accounts.google.com"),
  /** "Sign in with GitHub": an OAuth app of the operator's; unset = not offered. */
  GITHUB_CLIENT_ID: optionalString,
  GITHUB_CLIENT_SECRET: optionalString,
  GITHUB_URL: z.url().default("https://github.com"),
  GITHUB_API_URL: z.url().default("https://api.github.com"),
  /** "Sign in with Discord": an OAuth2 application of the operator's; unset = not offered. */
  DISCORD_CLIENT_ID: optionalString,
  DISCORD_CLIENT_SECRET: optionalString,
  DISCORD_URL: z.url().default("https://discord.com"),
  DISCORD_API_URL: z.url().default("https://discord.com/api"),
  /** "Sign in with Battle.net": an API client of the operator's (develop.battle.net); unset = not offered. */
  BATTLENET_CLIENT_ID: optionalString,
  BATTLENET_CLIENT_SECRET: optionalString,
  /** Authorize, token and userinfo share one host per region (e.g. https://oauth.battlenet.com.cn for China). */
  BATTLENET_URL: z.url().default("https://oauth.battle.net"),
  /** "Sign in with X": an OAuth 2.0 confidential client of the operator's (developer.x.com); unset = not offered. */
  X_CLIENT_ID: optionalString,
  X_CLIENT_SECRET: optionalString,
  X_URL: z.url().default("https://x.com"),
  X_API_URL: z.url().default("https://api.x.com"),
  /** DNS servers for domain verification, comma-separated `host[:port]` (IPv6 as `[addr]:port`); unset: the system resolver. */
  DNS_SERVERS: optionalString.refine((value) => value === undefined || parseDnsServers(value) !== null, {
    message: "expected comma-separated IP addresses with optional ports, e.g. 127.0.0.1:5353,[::1]:53",
  }),
  /** Reverse proxies in front of the server (addresses or CIDR ranges): their X-Forwarded-For names the client. */
  TRUSTED_PROXIES: optionalString.refine((value) => value === undefined || parseTrustedProxies(value) !== null, {
    message: "expected comma-separated IP addresses or CIDR ranges, e.g. 127.0.0.1,::1,10.0.0.0/8",
  }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Lifetime of a device authorization session (`expiresIn`, docs 20: production default 600). */
  /** Sign-in codes mailed for one network address per 15 minutes (lib/identity/email-codes.ts). */
  SUDOMIMUS_EMAIL_CODES_PER_CLIENT_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(100),
  SUDOMIMUS_DEVICE_CODE_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(600),
  /** Minimum seconds between /device-token polls (`interval`, RFC 8628 default 5). */
  SUDOMIMUS_DEVICE_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
});

/**
 * Whether PUBLIC_URL names this machine (localhost, 127.0.0.0/8, ::1). The
 * development mailbox shows everyone's sign-in codes to whoever opens it, so
 * without SMTP it is on by default only there: a deployment that forgot
 * SMTP_URL must fail closed (codes undelivered), never hand out codes.
 */
function servesThisMachineOnly(publicUrl: string): boolean {
  const host = new URL(publicUrl).hostname;
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

export interface Config {
  port: number;
  publicUrl: string;
  /** True when PUBLIC_URL is https: cookies get `Secure`, pages get HSTS. */
  secure: boolean;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  secret: Buffer;
  smtpUrl: string | undefined;
  smtpFrom: string;
  devMailbox: boolean;
  tokenIssuer: string;
  proxyEmailDomain: string;
  steam: { webApiUrl: string; webApiKey: string | undefined; openIdUrl: string };
  /** Consumer sign-in providers with credentials configured (the others are not offered). */
  social: {
    google: { issuer: string; clientId: string; clientSecret: string } | null;
    github: { url: string; apiUrl: string; clientId: string; clientSecret: string } | null;
    discord: { url: string; apiUrl: string; clientId: string; clientSecret: string } | null;
    battlenet: { url: string; clientId: string; clientSecret: string } | null;
    x: { url: string; apiUrl: string; clientId: string; clientSecret: string } | null;
  };
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** The resolvers domain verification asks; undefined = the system's. */
  dnsServers: string[] | undefined;
  /** Email codes one network address may have mailed per 15 minutes. */
  emailCodesPerClientAddress: number;
  /** TRUSTED_PROXIES: empty when the socket's peer is always the client. */
  trustedProxies: string[];
  device: { codeTtlSeconds: number; pollIntervalSeconds: number };
}

/** One resolver address: an IPv4 or IPv6 address, a port after `:` (IPv6 then in brackets). */
function isDnsServer(entry: string): boolean {
  if (net.isIP(entry) !== 0) return true;
  const withPort = /^(?:\[([^\]]+)\]|([^:\[\]]+)):(\d{1,5})$/.exec(entry);
  if (!withPort) return /^\[([^\]]+)\]$/.test(entry) && net.isIPv6(entry.slice(1, -1));
  const [, ipv6, ipv4, port] = withPort;
  const portOk = Number(port) >= 1 && Number(port) <= 65535;
  return portOk && (ipv6 !== undefined ? net.isIPv6(ipv6) : net.isIPv4(ipv4!));
}

/** `DNS_SERVERS` as node's Resolver#setServers takes it, or null when an entry is not a resolver address. */
export function parseDnsServers(value: string): string[] | null {
  const servers = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  return servers.length > 0 && servers.every(isDnsServer) ? servers : null;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function decodeSecret(value: string): Buffer {
  const bytes = /^[0-9a-f]+$/i.test(value) && value.length % 2 === 0 ? Buffer.from(value, "hex") : Buffer.from(value, "base64url");
  if (bytes.length < 32) throw new ConfigError("SUDOMIMUS_SECRET must encode at least 32 random bytes (e.g. `openssl rand -hex 32`).");
  return bytes;
}

/** The generated development secret, created once with owner-only permissions. */
function persistedSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, "secret.key");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return decodeSecret(fs.readFileSync(file, "utf8").trim());
}

/**
 * More connections than the machine has cores only make the backends
 * contend. Measured with `npm run bench` on 2 cores: 10 connections spent
 * 1.2 ms of Postgres CPU per redeem and 4 spent 0.65 ms; on a later machine 4
 * spent 0.27–0.36 ms and 2 spent 0.23 ms, serving ~8 % more redeems and
 * refreshes with a lower p99. postgres.js pipelines queries on a busy
 * connection, so a backend then reads several per wake-up. Two at least: a
 * transaction holds its connection for its whole life (none of ours queries
 * outside its own `tx`). A Postgres server on a bigger machine may want more: DATABASE_POOL_SIZE.
 */
const defaultPoolSize = () => Math.max(2, os.availableParallelism());

/**
 * A consumer sign-in provider's settings: configured only when both its
 * client id and secret are set (else it is not offered); its endpoint URLs
 * without trailing slashes.
 */
function credentialed<Urls extends Record<string, string>>(
  clientId: string | undefined,
  clientSecret: string | undefined,
  urls: Urls,
): (Urls & { clientId: string; clientSecret: string }) | null {
  if (!clientId || !clientSecret) return null;
  const trimmed = Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, url.replace(/\/+$/, "")])) as Urls;
  return { ...trimmed, clientId, clientSecret };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.SUDOMIMUS_DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    publicUrl,
    secure: publicUrl.startsWith("https://"),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE ?? defaultPoolSize(),
    dataDir,
    secret: e.SUDOMIMUS_SECRET ? decodeSecret(e.SUDOMIMUS_SECRET) : persistedSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    devMailbox: e.SUDOMIMUS_DEV_MAILBOX ? e.SUDOMIMUS_DEV_MAILBOX === "on" : e.SMTP_URL === undefined && servesThisMachineOnly(publicUrl),
    tokenIssuer: e.SUDOMIMUS_TOKEN_ISSUER,
    proxyEmailDomain: e.SUDOMIMUS_PROXY_EMAIL_DOMAIN,
    steam: { webApiUrl: e.STEAM_WEB_API_URL.replace(/\/+$/, ""), webApiKey: e.STEAM_WEB_API_KEY, openIdUrl: e.STEAM_OPENID_URL },
    social: {
      google: credentialed(e.GOOGLE_CLIENT_ID, e.GOOGLE_CLIENT_SECRET, { issuer: e.GOOGLE_ISSUER }),
      github: credentialed(e.GITHUB_CLIENT_ID, e.GITHUB_CLIENT_SECRET, { url: e.GITHUB_URL, apiUrl: e.GITHUB_API_URL }),
      discord: credentialed(e.DISCORD_CLIENT_ID, e.DISCORD_CLIENT_SECRET, { url: e.DISCORD_URL, apiUrl: e.DISCORD_API_URL }),
      battlenet: credentialed(e.BATTLENET_CLIENT_ID, e.BATTLENET_CLIENT_SECRET, { url: e.BATTLENET_URL }),
      x: credentialed(e.X_CLIENT_ID, e.X_CLIENT_SECRET, { url: e.X_URL, apiUrl: e.X_API_URL }),
    },
    logLevel: e.LOG_LEVEL,
    dnsServers: e.DNS_SERVERS ? parseDnsServers(e.DNS_SERVERS)! : undefined,
    emailCodesPerClientAddress: e.SUDOMIMUS_EMAIL_CODES_PER_CLIENT_ADDRESS,
    trustedProxies: e.TRUSTED_PROXIES ? parseTrustedProxies(e.TRUSTED_PROXIES)! : [],
    device: { codeTtlSeconds: e.SUDOMIMUS_DEVICE_CODE_TTL_SECONDS, pollIntervalSeconds: e.SUDOMIMUS_DEVICE_POLL_INTERVAL_SECONDS },
  };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
