import type { z } from "zod";
import type { GuardSpec } from "./guard";

/** Declares a guarded operation once; server actions, route handlers and tests all run this same spec. */
export function defineOperation<S extends z.ZodType, T>(spec: GuardSpec<S, T>): GuardSpec<S, T> {
  return spec;
}
