import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/auth/permissions";
import { actionLabel, actionOptionGroups, AREA_LABELS, areaOf } from "./labels";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["lib", "app", "components", "scripts", "db"];

/** Every non-test TypeScript source of the app. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" || name === "fixtures" ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

// Dotted strings in the code that are not audit codes: file names, hosts, form field paths.
const NOT_AUDIT = /\.(csv|png|jpe?g|pdf|json|ts|tsx|js|txt|ttf|otf|xlsx?)$|^lin\.ee$|\.example$/;
const NOT_AUDIT_EXACT = new Set([
  "counter.after", "counter.before", "templates.approved", "error.lines",
  "a.b", // a field path in a comment of lib/reservations/field-errors.ts
  "auth.login", // the log context of a database failure in lib/auth/credentials.ts, not an audit entry
  "payment.timing", "payment.items", // field paths of the form editor (app/(admin)/admin/(console)/forms/[formId]/edit)
]);
// The payment provider's event and object types (Stripe's protocol), kept in payment_events.type; the audit log
// records the payment's own state instead (payment.succeeded, payment.refunded … in lib/payments/apply.ts).
const PROVIDER_EVENT_TYPES = new Set([
  "checkout.session", "checkout.session.completed", "checkout.session.expired", "checkout.session.async_payment_failed",
  "checkout.session.retrieved", "payment_intent.payment_failed", "refund.created", "refund.updated", "refund.retrieved",
]);

/**
 * Audit codes are dotted lower-case words ("filing.approve", "line.message.sent"), written as literals in
 * `action: "…"`, `audit("…")` or a worker's finish(…, "…"). Scanning every literal of that shape finds the codes
 * of domains that do not exist yet; a dotted literal that is not an audit code goes into NOT_AUDIT_EXACT.
 */
function codesInSource(): { codes: Map<string, string>; templates: Map<string, string> } {
  const codes = new Map<string, string>();
  const templates = new Map<string, string>();
  for (const file of SOURCE_DIRS.flatMap((dir) => sources(path.join(ROOT, dir)))) {
    const text = readFileSync(file, "utf8");
    const where = path.relative(ROOT, file);
    for (const match of text.matchAll(/["'`]([a-z][a-z_]*(?:\.[a-z_]+)+)["'`]/g)) {
      const code = match[1]!;
      if (NOT_AUDIT.test(code) || NOT_AUDIT_EXACT.has(code) || PROVIDER_EVENT_TYPES.has(code)) continue;
      if (!codes.has(code)) codes.set(code, where);
    }
    // `filing.${data.decision}`: a family of codes named by what follows the prefix.
    for (const match of text.matchAll(/(?:action:\s*|audit\((?:\s*\w+,)?\s*)`([a-z][a-z_]*(?:\.[a-z_]+)*\.)\$\{/g)) templates.set(match[1]!, where);
  }
  return { codes, templates };
}

describe("audit action labels", () => {
  const { codes, templates } = codesInSource();

  it("finds the codes the code base writes (the scan itself works)", () => {
    for (const code of ["filing.approve", "line.message.sent", "auth.login_failed", "jpki.verified", "grant.result_imported", "form_submission.fix_fee", "payment.succeeded"]) {
      expect(codes.has(code), code).toBe(true);
    }
    expect(templates.has("filing.")).toBe(true);
    expect(templates.has("form_submission.")).toBe(true);
    // Provider event types are left to the payment log, not counted as audit codes.
    expect(codes.has("checkout.session.completed")).toBe(false);
  });

  it("names every code written anywhere in the code base in Japanese", () => {
    const unnamed = [...codes].filter(([code]) => !actionLabel(code)).map(([code, file]) => `${code} (${file})`);
    expect(unnamed).toEqual([]);
  });

  it("names every action of the permission table (the guard records them)", () => {
    expect(ACTIONS.filter((action) => !actionLabel(action))).toEqual([]);
  });

  it("names the decisions behind `filing.${decision}`", () => {
    for (const decision of ["approve", "reject", "return"]) expect(actionLabel(`filing.${decision}`)).not.toBe("");
    // lib/forms/review.ts: `form_submission.${decision}` and `form_submission.${how}` (issued at the counter or mailed).
    for (const decision of ["approve", "reject", "return", "issued", "mailed"]) expect(actionLabel(`form_submission.${decision}`)).not.toBe("");
    for (const prefix of templates.keys()) expect(Object.keys(AREA_LABELS)).toContain(prefix.split(".")[0]);
  });

  it("gives every area of a found code a Japanese name", () => {
    const areas = [...new Set([...codes.keys()].map(areaOf))];
    expect(areas.filter((area) => !AREA_LABELS[area])).toEqual([]);
  });

  it("offers the filter as groups of labels by area, every option labelled", () => {
    const groups = actionOptionGroups();
    const filing = groups.find((group) => group.area === "filing")!;
    expect(filing.label).toBe("申請");
    expect(filing.options).toContainEqual({ value: "filing.approve", label: "申請の承認" });
    for (const group of groups) for (const option of group.options) expect(option.label).not.toBe("");
    for (const area of ["reservation", "broadcast", "topic", "segment", "form", "form_submission", "emergency", "payment"]) {
      expect(groups.find((group) => group.area === area)?.label, area).toBe(AREA_LABELS[area]);
    }
    expect(groups.find((group) => group.area === "reservation")!.options).toContainEqual({ value: "reservation.book", label: "予約" });
  });

  it("leaves an unknown code unnamed rather than guessing", () => {
    expect(actionLabel("nothing.here")).toBe("");
  });
});
