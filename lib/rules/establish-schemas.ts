// The three optional narrowing fields of the `/establish` body. Absent means
// "no narrowing"; present means a non-empty, bounded list. An empty list is
// refused because "allow nothing" is already what removing the application's
// rules expresses, and a silently-empty narrowing is almost always a bug.
import { z } from "zod";
import { authenticationConstraintSchema } from "./authentication-schemas";
import { MAX_NARROWING_ENTRIES } from "./limits";
import { realizeConstraintSchema } from "./realize-schemas";
import { returnMethodDeclarationSchema } from "./return-schemas";

function narrowingArray<T extends z.ZodType>(item: T, field: string) {
  return z
    .array(item)
    .min(1, `${field} must not be an empty array; omit the field for no narrowing`)
    .max(MAX_NARROWING_ENTRIES, `${field} may carry at most ${MAX_NARROWING_ENTRIES} entries`);
}

export const authenticationConstraintsSchema = narrowingArray(authenticationConstraintSchema, "authenticationConstraints");
export const realizeConstraintsSchema = narrowingArray(realizeConstraintSchema, "realizeConstraints");
export const returnMethodsSchema = narrowingArray(returnMethodDeclarationSchema, "returnMethods");

/**
 * Spread into the `/establish` body schema:
 * `z.strictObject({ applicationAnchor: …, ...establishNarrowingShape })`.
 */
export const establishNarrowingShape = {
  authenticationConstraints: authenticationConstraintsSchema.optional(),
  realizeConstraints: realizeConstraintsSchema.optional(),
  returnMethods: returnMethodsSchema.optional(),
};

/** The narrowing fields alone, e.g. for storing on the inquiry and reading back. */
export const establishNarrowingSchema = z.strictObject(establishNarrowingShape);
export type EstablishNarrowing = z.output<typeof establishNarrowingSchema>;
