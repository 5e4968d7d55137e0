// A first or last name, as the account stores it and applications receive it
// (the firstName / lastName claims, docs 12). One rule for every place a
// user types one — the Profile page, the consent step, the errand — and for
// the names a sign-in provider asserts, so a name no page would accept
// cannot arrive through another.
import { z } from "zod";

export const NAME_MAX_LENGTH = 100;

// Letters, marks, spaces and the punctuation real names use; no control or
// formatting characters that would spoof what an application shows.
const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .,'’\-()]*$/u;

/** A name as typed: normalized, trimmed, inner whitespace collapsed; empty is allowed (the Profile page clears a name so). Issues carry message keys. */
export const nameSchema = z
  .string()
  .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(z.string().max(NAME_MAX_LENGTH, "nameTooLong").regex(NAME_PATTERN, "nameInvalid"));

/** A missing name the user supplies while signing in (consent step, errand): as above, and never empty. */
export const suppliedNameSchema = nameSchema.pipe(z.string().min(1, "nameRequired"));

/** The missing names a consent answer carries, each supplied or left out. */
export const suppliedNamesSchema = z.strictObject({ firstName: suppliedNameSchema, lastName: suppliedNameSchema }).partial();
export type SuppliedNames = z.output<typeof suppliedNamesSchema>;

/** A name an upstream sign-in provider asserts (docs 11, 25): as a typed one, or none when the rule refuses it (the user can supply one later). */
export function nameFromUpstream(value: string | null | undefined): string | null {
  const parsed = suppliedNameSchema.safeParse(value ?? "");
  return parsed.success ? parsed.data : null;
}
