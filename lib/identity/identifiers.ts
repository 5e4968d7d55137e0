// The opaque, human-readable identifiers the docs show: sector subjects
// (`sub_9SQ5535CRWNDDM2T`), account aliases
// (`quiet-meadow-7h2k-9m4p-3fnp-falcon`) and connector anchors
// (`Bastion-K7Q2-M9XB-3FNP-Covenant`). Random, never derived from the account
// id, so nothing can be reversed into it. Consumers must treat them as opaque.
import crypto from "node:crypto";

/** Crockford base32: no I, L, O, U — nothing a human can misread. */
export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Uniform random characters from an alphabet (rejection sampling, no modulo bias). */
export function randomFromAlphabet(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

const pick = (words: readonly string[]) => words[crypto.randomInt(words.length)] as string;

const ADJECTIVES = [
  "quiet", "bold", "amber", "brisk", "calm", "clever", "crisp", "dapper", "eager", "fair", "gentle", "golden",
  "hardy", "honest", "humble", "jolly", "keen", "kind", "lively", "lucid", "mellow", "merry", "nimble", "noble",
  "plucky", "polished", "proud", "rapid", "rosy", "rustic", "serene", "sharp", "shy", "silent", "silver", "sleek",
  "steady", "sunny", "swift", "tidy", "vivid", "warm", "wild", "wise", "witty", "young", "zesty", "azure",
] as const;
const PLACES = [
  "meadow", "harbor", "forest", "river", "canyon", "valley", "summit", "lagoon", "prairie", "glacier", "orchard",
  "island", "delta", "tundra", "grove", "marsh", "ridge", "cove", "bay", "dune", "fjord", "heath", "brook", "cliff",
] as const;
const ANIMALS = [
  "falcon", "otter", "badger", "heron", "lynx", "marten", "owl", "puffin", "raven", "salmon", "stoat", "swift",
  "wren", "beaver", "bison", "crane", "egret", "ferret", "gecko", "ibis", "koala", "lemur", "moose", "newt",
] as const;
const FORTS = ["Bastion", "Citadel", "Rampart", "Keep", "Redoubt", "Bulwark", "Garrison", "Parapet"] as const;
const PACTS = ["Covenant", "Accord", "Charter", "Compact", "Treaty", "Concord", "Pledge", "Oath"] as const;

const group = (length: number) => randomFromAlphabet(CROCKFORD_ALPHABET, length);

export function newSectorSubject(): string {
  return `sub_${group(16)}`;
}

export function newAccountAlias(): string {
  const middle = [group(4), group(4), group(4)].join("-").toLowerCase();
  return `${pick(ADJECTIVES)}-${pick(PLACES)}-${middle}-${pick(ANIMALS)}`;
}

export function newConnectorAnchor(): string {
  return `${pick(FORTS)}-${group(4)}-${group(4)}-${group(4)}-${pick(PACTS)}`;
}

/** Anchors of sectors and organizations the system names itself: readable, unique enough, retried on collision. */
export function newResourceAnchor(prefix: string): string {
  return `${prefix}-${group(8).toLowerCase()}`;
}
