export * from "./keyring";
export * from "./random-key";
export * from "./rsa";
export * from "./seal";
export * from "./secret-hash";
