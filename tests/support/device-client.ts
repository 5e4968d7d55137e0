// What a device-flow client does (docs 19–20), written from device.yaml: start
// a session, then poll no faster than the interval, backing off on slow_down.
// Every call can target another server than the suite's (a server started
// with other device settings).
import { requireServer } from "./env";

export interface DeviceAuthorization {
  applicationAnchor: string;
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresIn: number;
  interval: number;
}

export interface DeviceAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function postTo<T = Record<string, unknown>>(base: string, path: string, body: unknown): Promise<DeviceAnswer<T>> {
  const response = await fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
}

export async function authorizeDevice(applicationAnchor: string, base = requireServer()): Promise<DeviceAuthorization> {
  const answer = await postTo<DeviceAuthorization>(base, "/device-api/device-authorize", { applicationAnchor });
  if (answer.status !== 200) throw new Error(`device-authorize: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export interface TokenAnswer {
  applicationAnchor?: string;
  accessToken?: string;
  refreshToken?: string;
  claims?: Record<string, { requirement: string; state: string }>;
  error?: string;
  interval?: number;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One device's polling, paced by the interval the server gave (and grew). */
export class DevicePoller {
  private lastPollAt = 0;
  interval: number;

  constructor(
    readonly authorization: DeviceAuthorization,
    private readonly base = requireServer(),
  ) {
    this.interval = authorization.interval;
  }

  /** Polls now, whatever the interval says (to provoke slow_down). */
  async pollNow(): Promise<DeviceAnswer<TokenAnswer>> {
    this.lastPollAt = Date.now();
    const answer = await postTo<TokenAnswer>(this.base, "/device-api/device-token", { deviceCode: this.authorization.deviceCode });
    if (answer.body.error === "slow_down" && answer.body.interval) this.interval = answer.body.interval;
    return answer;
  }

  /** Waits out the interval since the last poll, then polls. */
  async poll(): Promise<DeviceAnswer<TokenAnswer>> {
    const wait = this.lastPollAt + this.interval * 1000 + 50 - Date.now();
    if (wait > 0) await sleep(wait);
    return this.pollNow();
  }

  /** Polls at the pace asked for until the answer is not pending. */
  async pollUntilSettled(deadlineMs = 60_000): Promise<DeviceAnswer<TokenAnswer>> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const answer = await this.poll();
      if (answer.body.error !== "authorization_pending" && answer.body.error !== "slow_down") return answer;
      if (Date.now() > deadline) throw new Error("the device session never settled");
    }
  }
}
