// Every rules-engine schema in one import. The definitions live in one file
// per layer (plus the `/establish` narrowing and the rule-set envelope).
export * from "./authentication-schemas";
export * from "./realize-schemas";
export * from "./return-schemas";
export * from "./establish-schemas";
export * from "./rule-set-schema";
export * from "./ttl-fields";
