// Email addresses as Sudomimus stores and compares them: trimmed, lowercased.
import { z } from "zod";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailAddressSchema = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be an email address"))
  .transform(normalizeEmail);

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}
