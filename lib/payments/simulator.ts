import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { renderHostedPage } from "./simulator-page";
import { type FormObject, formList, formRecord, formString, parseStripeForm, stripeError, stripeSignatureHeader } from "./simulator-protocol";

/**
 * A local stand-in for Stripe Checkout: the API subset the app uses (create, retrieve and expire Checkout
 * Sessions; create and retrieve refunds) with Bearer keys and Idempotency-Key, a hosted page where the resident
 * pays, is declined or goes back, and webhooks signed exactly as Stripe signs them, retried on failure.
 */

export type PaymentSimulatorOptions = {
  port?: number;
  host?: string;
  secretKey: string;
  webhookSecret: string;
  webhookUrl: string | null;
  /** Delays between webhook delivery attempts (Stripe retries for days; tests want milliseconds). */
  retryDelaysMs?: number[];
};

type Session = {
  id: string;
  object: "checkout.session";
  amount_total: number;
  amount_subtotal: number;
  currency: string;
  client_reference_id: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: "payment";
  payment_intent: string | null;
  payment_status: "paid" | "unpaid";
  status: "open" | "complete" | "expired";
  success_url: string;
  cancel_url: string;
  url: string | null;
  allowed_payment_method_types: string[];
  intentMetadata: Record<string, string>;
  description: string;
};
type Refund = { id: string; object: "refund"; amount: number; currency: string; created: number; payment_intent: string; status: string; metadata: Record<string, string>; reason: string | null };
export type SimulatorEvent = { id: string; object: "event"; api_version: string; created: number; type: string; data: { object: unknown }; livemode: false; pending_webhooks: number; request: { id: string | null; idempotency_key: string | null } };
export type Delivery = { eventId: string; type: string; status: number | null; at: number };

const API_VERSION = "2026-10-28.endive";
const id = (prefix: string) => `${prefix}_sim${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

export class PaymentSimulator {
  url = "";
  readonly sessions = new Map<string, Session>();
  readonly refunds = new Map<string, Refund>();
  readonly events: SimulatorEvent[] = [];
  readonly deliveries: Delivery[] = [];
  private server: Server | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idempotency = new Map<string, { hash: string; status: number; body: unknown }>();
  private failures: { status: number; remaining: number } | null = null;
  private failNextRefund = false;

  constructor(readonly options: PaymentSimulatorOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.json(res, 500, stripeError("api_error", "simulator error"));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", resolve));
    this.url = `http://${this.options.host ?? "127.0.0.1"}:${(this.server.address() as AddressInfo).port}`;
    this.timer = setInterval(() => this.expireDue(), 5000);
    this.timer.unref();
    return this.url;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Tests: the next `count` API requests answer `status` (e.g. 500), as an outage would. */
  failNextRequests(count: number, status = 500): void {
    this.failures = { status, remaining: count };
  }

  /** Tests: the next refund is accepted as pending and then fails (refund.updated with status failed). */
  failNextRefundAsync(): void {
    this.failNextRefund = true;
  }

  /** Resident actions on the hosted page, for tests that do not drive a browser. */
  async pay(sessionId: string): Promise<void> {
    await this.decide(sessionId, "pay");
  }
  async decline(sessionId: string): Promise<void> {
    await this.decide(sessionId, "decline");
  }

  /** Expires a session now, as Stripe does at expires_at; sends checkout.session.expired. */
  async expireNow(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session?.status === "open") await this.expire(session);
  }

  /** Sends a stored event again with a fresh signature, as Stripe's redelivery does. */
  async redeliver(eventId: string): Promise<number | null> {
    const event = this.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    return this.deliverOnce(event);
  }

  /** The body and Stripe-Signature header of an event, signed at `timestampSeconds` (tests: replays, forgeries). */
  signedDelivery(event: SimulatorEvent, timestampSeconds = now(), secret = this.options.webhookSecret): { body: string; signature: string } {
    const body = JSON.stringify(event, null, 2);
    return { body, signature: stripeSignatureHeader(body, secret, timestampSeconds) };
  }

  private expireDue(): void {
    for (const session of this.sessions.values()) if (session.status === "open" && session.expires_at <= now()) void this.expire(session);
  }

  private async expire(session: Session): Promise<void> {
    session.status = "expired";
    session.url = null;
    await this.emit("checkout.session.expired", this.view(session));
  }

  private view(session: Session): Omit<Session, "intentMetadata" | "description"> {
    const { intentMetadata: _m, description: _d, ...rest } = session;
    return rest;
  }

  private async emit(type: string, object: unknown): Promise<SimulatorEvent> {
    const event: SimulatorEvent = { id: id("evt"), object: "event", api_version: API_VERSION, created: now(), type, data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
    this.events.push(event);
    void this.deliverWithRetries(event);
    return event;
  }

  private async deliverWithRetries(event: SimulatorEvent): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [1000, 5000, 30_000];
    for (let attempt = 0; ; attempt++) {
      const status = await this.deliverOnce(event);
      if ((status !== null && status >= 200 && status < 300) || attempt >= delays.length || !this.server) return;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]).unref());
    }
  }

  private async deliverOnce(event: SimulatorEvent): Promise<number | null> {
    if (!this.options.webhookUrl) return null;
    const { body, signature } = this.signedDelivery(event);
    let status: number | null = null;
    try {
      const response = await fetch(this.options.webhookUrl, { method: "POST", headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" }, body, signal: AbortSignal.timeout(20_000) });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = null;
    }
    this.deliveries.push({ eventId: event.id, type: event.type, status, at: Date.now() });
    return status;
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json", "request-id": id("req"), "stripe-version": API_VERSION });
    res.end(JSON.stringify(body));
  }

  private async body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    const page = /^\/c\/pay\/([\w]+)$/.exec(url.pathname);
    if (page) return method === "POST" ? this.hostedDecision(page[1]!, new URLSearchParams(await this.body(req)).get("action"), res) : this.hostedPage(page[1]!, res);
    if (!url.pathname.startsWith("/v1/")) return this.json(res, 404, stripeError("invalid_request_error", `Unrecognized request URL (${method}: ${url.pathname})`));
    if (req.headers.authorization !== `Bearer ${this.options.secretKey}`) {
      return this.json(res, 401, stripeError("invalid_request_error", "Invalid API Key provided"));
    }
    if (this.failures && this.failures.remaining > 0) {
      this.failures.remaining--;
      return this.json(res, this.failures.status, stripeError("api_error", "simulated outage"));
    }
    const raw = method === "POST" ? await this.body(req) : "";
    const key = req.headers["idempotency-key"];
    if (method === "POST" && typeof key === "string") {
      const hash = createHash("sha256").update(`${url.pathname}\n${raw}`).digest("hex");
      const seen = this.idempotency.get(key);
      if (seen && seen.hash !== hash) {
        return this.json(res, 400, stripeError("idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with."));
      }
      if (seen) return this.json(res, seen.status, seen.body);
      const [status, body] = await this.route(method, url.pathname, parseStripeForm(raw));
      if (status < 500) this.idempotency.set(key, { hash, status, body });
      return this.json(res, status, body);
    }
    const [status, body] = await this.route(method, url.pathname, parseStripeForm(raw));
    return this.json(res, status, body);
  }

  private async route(method: string, path: string, form: FormObject): Promise<[number, unknown]> {
    if (method === "POST" && path === "/v1/checkout/sessions") return this.createSession(form);
    const session = /^\/v1\/checkout\/sessions\/([\w]+)(\/expire)?$/.exec(path);
    if (session) {
      const found = this.sessions.get(session[1]!);
      if (!found) return [404, stripeError("invalid_request_error", `No such checkout.session: '${session[1]}'`, { code: "resource_missing" })];
      if (method === "GET" && !session[2]) return [200, this.view(found)];
      if (method === "POST" && session[2]) {
        if (found.status !== "open") return [400, stripeError("invalid_request_error", 'Only Checkout Sessions with a status in ["open"] can be expired.')];
        await this.expire(found);
        return [200, this.view(found)];
      }
    }
    if (method === "POST" && path === "/v1/refunds") return this.createRefund(form);
    const refund = /^\/v1\/refunds\/([\w]+)$/.exec(path);
    if (refund && method === "GET") {
      const found = this.refunds.get(refund[1]!);
      return found ? [200, found] : [404, stripeError("invalid_request_error", `No such refund: '${refund[1]}'`, { code: "resource_missing" })];
    }
    return [404, stripeError("invalid_request_error", `Unrecognized request URL (${method}: ${path})`)];
  }

  private createSession(form: FormObject): [number, unknown] {
    const missing = (param: string) => [400, stripeError("invalid_request_error", `Missing required param: ${param}.`, { param })] as [number, unknown];
    if (formString(form, ["mode"]) !== "payment") return missing("mode");
    const currency = formString(form, ["line_items", "0", "price_data", "currency"]);
    const unitAmount = Number(formString(form, ["line_items", "0", "price_data", "unit_amount"]));
    const quantity = Number(formString(form, ["line_items", "0", "quantity"]) ?? "1");
    const name = formString(form, ["line_items", "0", "price_data", "product_data", "name"]);
    if (currency !== "jpy" || !name) return missing("line_items[0][price_data]");
    if (!Number.isInteger(unitAmount) || !Number.isInteger(quantity) || unitAmount * quantity < 50) {
      return [400, stripeError("invalid_request_error", "The Checkout Session's total amount due must add up to at least ¥50", { param: "line_items" })];
    }
    const successUrl = formString(form, ["success_url"]);
    const cancelUrl = formString(form, ["cancel_url"]);
    if (!successUrl) return missing("success_url");
    const expiresAt = Number(formString(form, ["expires_at"]) ?? now() + 24 * 3600);
    if (expiresAt < now() + 30 * 60 - 5 || expiresAt > now() + 24 * 3600 + 5) {
      return [400, stripeError("invalid_request_error", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", { param: "expires_at" })];
    }
    const sessionId = id("cs_test");
    const session: Session = {
      id: sessionId, object: "checkout.session", amount_total: unitAmount * quantity, amount_subtotal: unitAmount * quantity, currency,
      client_reference_id: formString(form, ["client_reference_id"]) ?? null, created: now(), expires_at: expiresAt, livemode: false,
      locale: formString(form, ["locale"]) ?? null, metadata: formRecord(form, ["metadata"]), mode: "payment", payment_intent: null,
      payment_status: "unpaid", status: "open", success_url: successUrl, cancel_url: cancelUrl ?? successUrl, url: `${this.url}/c/pay/${sessionId}`,
      allowed_payment_method_types: formList(form, "allowed_payment_method_types"), intentMetadata: formRecord(form, ["payment_intent_data", "metadata"]), description: name,
    };
    this.sessions.set(session.id, session);
    return [200, this.view(session)];
  }

  private async createRefund(form: FormObject): Promise<[number, unknown]> {
    const intent = formString(form, ["payment_intent"]);
    const session = [...this.sessions.values()].find((s) => s.payment_intent === intent && s.payment_status === "paid");
    if (!intent || !session) return [400, stripeError("invalid_request_error", `No such payment_intent: '${intent ?? ""}'`, { param: "payment_intent", code: "resource_missing" })];
    const refunded = [...this.refunds.values()].filter((r) => r.payment_intent === intent && r.status !== "failed").reduce((sum, r) => sum + r.amount, 0);
    const amount = Number(formString(form, ["amount"]) ?? session.amount_total - refunded);
    if (!Number.isInteger(amount) || amount <= 0 || amount > session.amount_total - refunded) {
      return [400, stripeError("invalid_request_error", `Refund amount (¥${amount}) is greater than unrefunded amount on charge (¥${session.amount_total - refunded})`, { code: "amount_too_large" })];
    }
    const failing = this.failNextRefund;
    this.failNextRefund = false;
    const refund: Refund = { id: id("re"), object: "refund", amount, currency: "jpy", created: now(), payment_intent: intent, status: failing ? "pending" : "succeeded", metadata: formRecord(form, ["metadata"]), reason: formString(form, ["reason"]) ?? null };
    this.refunds.set(refund.id, refund);
    await this.emit("refund.created", { ...refund });
    if (failing) {
      setTimeout(() => {
        refund.status = "failed";
        void this.emit("refund.updated", { ...refund });
      }, 50).unref();
    }
    return [200, refund];
  }

  private hostedPage(sessionId: string, res: ServerResponse, declined = false): void {
    const session = this.sessions.get(sessionId);
    if (!session) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    const state = session.status === "complete" ? "paid" : session.status === "expired" ? "closed" : declined ? "declined" : "open";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(renderHostedPage({ sessionId, description: session.description, amount: session.amount_total, locale: session.locale === "en" ? "en" : "ja", state }));
  }

  private async decide(sessionId: string, action: string | null): Promise<"paid" | "declined" | "cancel" | "closed"> {
    const session = this.sessions.get(sessionId);
    if (!session || session.status !== "open") return "closed";
    if (action === "pay") {
      session.status = "complete";
      session.payment_status = "paid";
      session.payment_intent = id("pi");
      session.url = null;
      await this.emit("checkout.session.completed", this.view(session));
      return "paid";
    }
    if (action === "decline") {
      const intent = { id: id("pi"), object: "payment_intent", amount: session.amount_total, currency: "jpy", status: "requires_payment_method", metadata: session.intentMetadata, last_payment_error: { type: "card_error", code: "card_declined", decline_code: "generic_decline" } };
      await this.emit("payment_intent.payment_failed", intent);
      return "declined";
    }
    return "cancel";
  }

  private async hostedDecision(sessionId: string, action: string | null, res: ServerResponse): Promise<void> {
    const outcome = await this.decide(sessionId, action);
    const session = this.sessions.get(sessionId);
    if (outcome === "paid") res.writeHead(303, { location: session!.success_url.replace("{CHECKOUT_SESSION_ID}", sessionId) }).end();
    else if (outcome === "cancel") res.writeHead(303, { location: session!.cancel_url.replace("{CHECKOUT_SESSION_ID}", sessionId) }).end();
    else this.hostedPage(sessionId, res, outcome === "declined");
  }
}

export async function startPaymentSimulator(options: PaymentSimulatorOptions): Promise<PaymentSimulator> {
  const simulator = new PaymentSimulator(options);
  await simulator.start();
  return simulator;
}
