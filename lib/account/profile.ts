// The profile: first and last name — what applications receive as firstName /
// lastName when the user shares them. Empty clears a name.
import { z } from "zod";
import { updateAccount } from "@/db/queries/identity";
import type { Executor } from "@/db/client";
import { nameSchema } from "../identity/profile-name";

export const profileNameSchema = z.strictObject({ firstName: nameSchema, lastName: nameSchema });

export type ProfileNameInput = z.input<typeof profileNameSchema>;

/** Validates and saves; returns the field errors (message keys) instead when the input is not acceptable. */
export async function updateProfileName(
  db: Executor,
  accountId: string,
  input: ProfileNameInput,
): Promise<{ ok: true; firstName: string | null; lastName: string | null } | { ok: false; errors: Partial<Record<"firstName" | "lastName", string>> }> {
  const parsed = profileNameSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Partial<Record<"firstName" | "lastName", string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "firstName" || field === "lastName") && !errors[field]) errors[field] = issue.message.startsWith("name") ? issue.message : "nameInvalid";
    }
    return { ok: false, errors };
  }
  const firstName = parsed.data.firstName || null;
  const lastName = parsed.data.lastName || null;
  await updateAccount(db, accountId, { firstName, lastName });
  return { ok: true, firstName, lastName };
}
