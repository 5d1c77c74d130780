export * from "./audit";
export * from "./departments";
export * from "./staff";
