// Publishing DNS records in the DNS fixture the server under test resolves
// through (tests/fixtures/dns-server.ts), as a domain owner would at their
// DNS provider.
import { testEnv } from "./env";

async function control(method: "PUT" | "DELETE", path: string, body?: unknown): Promise<void> {
  if (!testEnv.dnsControlUrl) throw new Error("TEST_DNS_CONTROL_URL is not set: run tests through `npm test`.");
  const response = await fetch(`${testEnv.dnsControlUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`DNS fixture answered ${response.status} to ${method} ${path}`);
}

export const publishTxt = (name: string, values: string[]) => control("PUT", `/records/${encodeURIComponent(name)}`, values);
export const removeTxt = (name: string) => control("DELETE", `/records/${encodeURIComponent(name)}`);
