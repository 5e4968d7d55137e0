// The user code of a device session (device.yaml `UserCode`): eight
// characters of Crockford's base32 alphabet shown as XXXX-XXXX. People copy
// it by eye, so what they type is forgiven the way Crockford intends —
// lowercase, spaces and hyphens anywhere, O for 0, I and L for 1 — before it
// is compared. Pure and dependency-free: the browser uses it to tidy input.
export const USER_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const USER_CODE_LENGTH = 8;
export const USER_CODE_PATTERN = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;

/** Eight alphabet characters as the wire shows them: `WDJB-MJHT`. */
export function formatUserCode(characters: string): string {
  return `${characters.slice(0, 4)}-${characters.slice(4)}`;
}

/** The characters a person typed, forgiven: uppercase, separators dropped, O→0, I/L→1. */
export function userCodeCharacters(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

/** The canonical `XXXX-XXXX` form of what was typed, or null when it cannot be a user code. */
export function normalizeUserCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const characters = userCodeCharacters(input);
  if (characters.length !== USER_CODE_LENGTH) return null;
  for (const character of characters) if (!USER_CODE_ALPHABET.includes(character)) return null;
  return formatUserCode(characters);
}
