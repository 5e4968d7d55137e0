// TXT lookups for domain verification, through node's resolver (c-ares):
// the system's resolvers, or the ones DNS_SERVERS names. The lookup is a
// runtime dependency (Deps.resolveTxt) like fetch, so tests point a real
// resolver at a local DNS server. A short timeout with one retry: a click on
// Verify should answer in seconds, and a retry is the user's to make.
import dns from "node:dns";

/** The TXT records of a name, each as its character-strings (joined, they are the record's value). */
export type TxtLookup = (name: string) => Promise<string[][]>;

export function createTxtLookup(options: { servers?: string[]; timeoutMs?: number; tries?: number } = {}): TxtLookup {
  const resolver = new dns.promises.Resolver({ timeout: options.timeoutMs ?? 2500, tries: options.tries ?? 2 });
  if (options.servers) resolver.setServers(options.servers);
  return (name) => resolver.resolveTxt(name);
}
