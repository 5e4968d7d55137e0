export * from "./body";
export * from "./respond";
