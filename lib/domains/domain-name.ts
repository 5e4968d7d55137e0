// The domains Sudomimus accepts for adoption (docs 21): standard ASCII
// host names with at least two labels, written in lowercase. Internationalized
// names (punycode `xn--` labels, or the Unicode form) are not accepted yet.
import { fail } from "../errors";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type DomainNameProblem = "domainInvalid" | "domainInternational";

/** Why `input` is not an adoptable domain, or its normalized form. */
export function checkDomainName(input: string): { domain: string } | { problem: DomainNameProblem } {
  const domain = input.trim().toLowerCase().replace(/\.$/, "");
  if (/[\u0080-\uffff]/.test(domain)) return { problem: "domainInternational" };
  const labels = domain.split(".");
  if (domain.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) return { problem: "domainInvalid" };
  if (labels.some((label) => label.startsWith("xn--"))) return { problem: "domainInternational" };
  // A top-level label is never all digits: that is an IPv4 address, not a domain.
  if (/^\d+$/.test(labels.at(-1)!)) return { problem: "domainInvalid" };
  return { domain };
}

/** The normalized domain, or an `Invalid domain` refusal naming the problem. */
export function parseDomainName(input: string): string {
  const checked = checkDomainName(input);
  if ("problem" in checked) {
    fail("Invalid domain", {
      message: checked.problem === "domainInternational" ? "Internationalized domains are not accepted yet." : "This is not a domain name Sudomimus accepts.",
      body: { field: "domain", code: checked.problem },
    });
  }
  return checked.domain;
}
