// Size limits on rule content. Evaluation cost grows with the number of
// entries and the length of each pattern, so every list an outsider can send
// (the `/establish` narrowing fields) is capped tightly; lists an application
// owner stores are capped loosely, only to keep a stored rule from becoming
// unbounded.

/** Entries per narrowing array on `/establish`. */
export const MAX_NARROWING_ENTRIES = 32;

/** Items in one narrowing entry's list (allowed emails, Steam IDs, …). */
export const MAX_NARROWING_LIST_ITEMS = 256;

/** Items in one stored application rule's list. */
export const MAX_RULE_LIST_ITEMS = 1_000;

/** Longest email glob: an email address itself is at most 320 characters. */
export const MAX_EMAIL_PATTERN_LENGTH = 320;

/** Account aliases and sector subjects (wire contract: 1..128). */
export const MAX_OPAQUE_VALUE_LENGTH = 128;

/** GitHub organization logins are at most 39 characters; leave headroom. */
export const MAX_GITHUB_ORG_LENGTH = 100;

/** Federation connector anchors are short opaque tokens. */
export const MAX_CONNECTOR_ANCHOR_LENGTH = 128;

/** URLs in rules and declarations (callback, redirect, post-logout). */
export const MAX_URL_LENGTH = 2_048;

/** A DNS name is at most 253 characters in its dotted form. */
export const MAX_HOSTNAME_LENGTH = 253;
