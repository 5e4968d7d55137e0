export * from "./connect-tokens";
