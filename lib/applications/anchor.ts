// `applicationAnchor`: lowercase kebab-case, 3–64 characters, starting with a
// letter, no leading/trailing/consecutive hyphens; unique and immutable.
import { z } from "zod";

export const ANCHOR_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export const anchorSchema = z
  .string()
  .min(3, "must be at least 3 characters")
  .max(64, "must be at most 64 characters")
  .regex(ANCHOR_PATTERN, "must be lowercase kebab-case: a letter first, then letters, digits and single hyphens");

export function isAnchor(value: unknown): value is string {
  return anchorSchema.safeParse(value).success;
}
