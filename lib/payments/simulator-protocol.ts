import { createHmac } from "node:crypto";

/**
 * Stripe's wire formats, as the simulator speaks them: form-encoded request bodies with bracketed keys
 * (`line_items[0][price_data][currency]=jpy`, as stripe-node's qs encoding sends them), JSON error bodies and the
 * `Stripe-Signature: t=…,v1=…` webhook header (HMAC-SHA256 of `${t}.${payload}` keyed by the whsec_ secret).
 */

type FormValue = string | FormObject | FormValue[];
export type FormObject = { [key: string]: FormValue };

/** Parses `a[b][0][c]=x` pairs into nested objects; numeric segments become array slots. */
export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const segments = rawKey.replace(/\]/g, "").split("[");
    let node: FormObject | FormValue[] = root;
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      const key = segment === "" && Array.isArray(node) ? String(node.length) : segment;
      const container = node as Record<string, FormValue>;
      if (last) {
        container[key] = value;
        return;
      }
      const nextIsIndex = /^\d*$/.test(segments[i + 1]!);
      container[key] ??= nextIsIndex ? [] : {};
      node = container[key] as FormObject | FormValue[];
    });
  }
  return root;
}

export function stripeSignatureHeader(payload: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac("sha256", secret).update(`${timestampSeconds}.${payload}`, "utf8").digest("hex");
  return `t=${timestampSeconds},v1=${signature}`;
}

export type StripeErrorBody = { error: { type: string; message: string; param?: string; code?: string } };

export function stripeError(type: string, message: string, extra: { param?: string; code?: string } = {}): StripeErrorBody {
  return { error: { type, message, ...extra } };
}

/** The form's string at `path` (e.g. ["line_items", "0", "quantity"]), or undefined. */
export function formString(form: FormObject, path: string[]): string | undefined {
  let node: FormValue | undefined = form;
  for (const key of path) {
    if (node === undefined || typeof node === "string") return undefined;
    node = (node as Record<string, FormValue>)[key];
  }
  return typeof node === "string" ? node : undefined;
}

/** A flat string map at `path` (metadata), ignoring nested values. */
export function formRecord(form: FormObject, path: string[]): Record<string, string> {
  let node: FormValue | undefined = form;
  for (const key of path) node = node && typeof node !== "string" ? (node as Record<string, FormValue>)[key] : undefined;
  if (!node || typeof node === "string" || Array.isArray(node)) return {};
  return Object.fromEntries(Object.entries(node).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export function formList(form: FormObject, key: string): string[] {
  const node = form[key];
  if (Array.isArray(node)) return node.filter((v): v is string => typeof v === "string");
  if (node && typeof node === "object") return Object.values(node).filter((v): v is string => typeof v === "string");
  return typeof node === "string" ? [node] : [];
}
