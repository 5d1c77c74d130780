import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, createLocalJWKSet, type JWK, type CryptoKey } from "jose";

/**
 * A local stand-in for the LINE platform: the subset of LINE Login and the Messaging API that Yakuba uses, on
 * LINE's own paths with LINE's JSON shapes, plus `/__sim/*` control endpoints for development and tests.
 * Plain node:http so it runs under tsx, Vitest and the dev command alike.
 */

export type SimUser = { userId: string; displayName: string; pictureUrl?: string; language?: string };

export type FailureConfig = {
  /** Share of message requests (push/multicast) that fail, 0..1. */
  rate: number;
  /** Statuses to pick from for a failure (5xx or 429). */
  statuses: number[];
  /** Share of failures where LINE accepted the message but the answer was lost (the retry key must catch it). */
  acceptedThenLost: number;
  retryAfterSeconds: number;
  /** Added to every message request. */
  latencyMs: number;
  seed: number;
};

export type Delivery = {
  requestId: string;
  kind: "push" | "multicast";
  to: string[];
  messages: unknown[];
  retryKey: string | null;
  at: number;
};

export type RecordedCall = { at: number; method: string; path: string; status: number; retryKey: string | null };

export type ChatEntry =
  | { at: number; from: "bot"; messages: unknown[]; requestId: string }
  | { at: number; from: "user"; event: Record<string, unknown>; webhookStatus: number | null };

export type LineSimulatorOptions = {
  port?: number;
  host?: string;
  channelAccessToken: string;
  channelSecret: string;
  loginChannelId: string;
  /** Where follow/unfollow/postback events are delivered, signed with the channel secret. */
  webhookUrl?: string;
  issuer?: string;
  /** Requests per second for push/multicast before answering 429, as LINE does (2,000). */
  messageRateLimitPerSecond?: number;
  users?: SimUser[];
  quiet?: boolean;
};

export type SimStats = {
  messageRequests: number;
  accepted: number;
  retryKeyConflicts: number;
  injectedFailures: number;
  rateLimited: number;
  duplicateDeliveries: number;
  recipientsDelivered: number;
};

const NO_FAILURES: FailureConfig = { rate: 0, statuses: [500], acceptedThenLost: 0, retryAfterSeconds: 1, latencyMs: 0, seed: 1 };
const MAX_RECORDED_CALLS = 5000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LineSimulator {
  readonly users = new Map<string, SimUser>();
  readonly deliveries: Delivery[] = [];
  readonly calls: RecordedCall[] = [];
  readonly chats = new Map<string, ChatEntry[]>();
  readonly richMenus = new Map<string, { body: unknown; image: { contentType: string; bytes: number; sha256: string } | null }>();
  defaultRichMenuId: string | null = null;
  stats: SimStats = this.emptyStats();
  private failures: FailureConfig = NO_FAILURES;
  private random = mulberry32(1);
  private acceptedRetryKeys = new Map<string, string>();
  private deliveredCount = new Map<string, number>();
  private windowSecond = 0;
  private windowCount = 0;
  private server: Server | null = null;
  private keys: { privateKey: CryptoKey; publicJwk: JWK; kid: string } | null = null;
  url = "";

  constructor(readonly options: LineSimulatorOptions) {
    for (const user of options.users ?? []) this.users.set(user.userId, user);
  }

  private emptyStats(): SimStats {
    return { messageRequests: 0, accepted: 0, retryKeyConflicts: 0, injectedFailures: 0, rateLimited: 0, duplicateDeliveries: 0, recipientsDelivered: 0 };
  }

  get issuer(): string {
    return this.options.issuer ?? "https://access.line.me";
  }

  async start(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const kid = randomBytes(8).toString("hex");
    this.keys = { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }, kid };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.json(res, 500, { message: String(error) });
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://${this.options.host ?? "127.0.0.1"}:${address.port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  setFailures(config: Partial<FailureConfig>): void {
    this.failures = { ...NO_FAILURES, ...config };
    this.random = mulberry32(this.failures.seed);
  }

  reset(): void {
    this.deliveries.length = 0;
    this.calls.length = 0;
    this.chats.clear();
    this.acceptedRetryKeys.clear();
    this.deliveredCount.clear();
    this.stats = this.emptyStats();
    this.failures = NO_FAILURES;
  }

  /** Issues an ID token the way LINE Login does for a LIFF app (ES256, iss/sub/aud/exp/iat/nonce/amr/name). */
  async issueIdToken(claims: { sub: string; name?: string; picture?: string; aud?: string; nonce?: string; expiresInSeconds?: number; issuedAt?: number }): Promise<string> {
    if (!this.keys) throw new Error("simulator not started");
    const iat = claims.issuedAt ?? Math.floor(Date.now() / 1000);
    const known = this.users.get(claims.sub);
    const name = claims.name ?? known?.displayName;
    if (!known) this.users.set(claims.sub, { userId: claims.sub, displayName: name ?? "LINE ユーザー" });
    const jwt = new SignJWT({ amr: ["linesso"], ...(name ? { name } : {}), ...(claims.picture ? { picture: claims.picture } : {}), ...(claims.nonce ? { nonce: claims.nonce } : {}) })
      .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: this.keys.kid })
      .setIssuer(this.issuer)
      .setSubject(claims.sub)
      .setAudience(claims.aud ?? this.options.loginChannelId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (claims.expiresInSeconds ?? 3600));
    return jwt.sign(this.keys.privateKey);
  }

  /** Builds a LINE webhook event, signs the body with the channel secret and posts it to the webhook URL. */
  async sendWebhookEvent(input: { type: "follow" | "unfollow" | "postback" | "message"; userId: string; data?: string; text?: string; webhookEventId?: string; isRedelivery?: boolean; signature?: "valid" | "forged" | "missing" }): Promise<{ status: number; body: string; event: Record<string, unknown> }> {
    if (!this.options.webhookUrl) throw new Error("webhookUrl is not configured");
    const event: Record<string, unknown> = {
      type: input.type,
      mode: "active",
      timestamp: Date.now(),
      source: { type: "user", userId: input.userId },
      webhookEventId: input.webhookEventId ?? `01${randomBytes(12).toString("hex").toUpperCase()}`,
      deliveryContext: { isRedelivery: input.isRedelivery ?? false },
    };
    if (input.type !== "unfollow") event.replyToken = randomBytes(16).toString("hex");
    if (input.type === "follow") event.follow = { isUnblocked: false };
    if (input.type === "postback") event.postback = { data: input.data ?? "" };
    if (input.type === "message") event.message = { id: String(Date.now()), type: "text", quoteToken: randomBytes(8).toString("hex"), text: input.text ?? "" };
    const body = JSON.stringify({ destination: "U" + createHash("md5").update(this.options.loginChannelId).digest("hex"), events: [event] });
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "user-agent": "LineBotWebhook/2.0" };
    const signature = input.signature ?? "valid";
    if (signature !== "missing") {
      const secret = signature === "forged" ? "not-the-channel-secret" : this.options.channelSecret;
      headers["x-line-signature"] = createHmac("sha256", secret).update(body).digest("base64");
    }
    let status: number | null = null;
    let text = "";
    try {
      const response = await fetch(this.options.webhookUrl, { method: "POST", headers, body });
      status = response.status;
      text = await response.text();
    } finally {
      this.chat(input.userId).push({ at: Date.now(), from: "user", event, webhookStatus: status });
    }
    return { status: status ?? 0, body: text, event };
  }

  chat(userId: string): ChatEntry[] {
    let entries = this.chats.get(userId);
    if (!entries) this.chats.set(userId, (entries = []));
    return entries;
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", "x-line-request-id": randomUUID(), ...headers });
    res.end(JSON.stringify(body));
  }

  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private record(req: IncomingMessage, path: string, status: number): void {
    this.calls.push({ at: Date.now(), method: req.method ?? "GET", path, status, retryKey: (req.headers["x-line-retry-key"] as string | undefined) ?? null });
    if (this.calls.length > MAX_RECORDED_CALLS) this.calls.splice(0, this.calls.length - MAX_RECORDED_CALLS);
  }

  private authorized(req: IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${this.options.channelAccessToken}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const path = url.pathname;
    const method = req.method ?? "GET";
    const send = (status: number, body: unknown, headers?: Record<string, string>) => {
      // Answering before the body was read would leave the keep-alive connection stuck: drain it.
      if (!req.readableEnded) req.resume();
      this.record(req, path, status);
      this.json(res, status, body, headers);
    };

    // LINE Login
    if (method === "GET" && path === "/oauth2/v2.1/certs") return send(200, { keys: [this.keys!.publicJwk] });
    if (method === "POST" && path === "/oauth2/v2.1/verify") {
      const form = new URLSearchParams((await this.readBody(req)).toString("utf8"));
      return this.verifyIdToken(form, send);
    }

    // Simulator controls (never part of LINE)
    if (path.startsWith("/__sim/")) return this.handleControl(req, res, method, path, url, send);

    if (!path.startsWith("/v2/bot/")) return send(404, { message: "Not found" });
    if (!this.authorized(req)) return send(401, { message: "Authentication failed. Confirm that the access token in the authorization header is valid." });

    const profile = path.match(/^\/v2\/bot\/profile\/([^/]+)$/);
    if (method === "GET" && profile) {
      const user = this.users.get(decodeURIComponent(profile[1]!));
      return user ? send(200, { userId: user.userId, displayName: user.displayName, pictureUrl: user.pictureUrl, language: user.language ?? "ja" }) : send(404, { message: "Not found" });
    }
    if (method === "POST" && (path === "/v2/bot/message/push" || path === "/v2/bot/message/multicast")) {
      return this.handleMessage(req, path.endsWith("push") ? "push" : "multicast", send);
    }
    if (method === "POST" && path === "/v2/bot/richmenu") {
      const body = JSON.parse((await this.readBody(req)).toString("utf8") || "{}") as { size?: { width?: number; height?: number }; areas?: unknown[]; name?: string; chatBarText?: string; selected?: boolean };
      const details: { message: string; property: string }[] = [];
      if (body.size?.width !== 2500 || ![1686, 843].includes(body.size?.height ?? 0)) details.push({ message: "invalid size", property: "size" });
      if (!Array.isArray(body.areas) || body.areas.length === 0 || body.areas.length > 20) details.push({ message: "must be between 1 and 20", property: "areas" });
      if (!body.name || body.name.length > 300) details.push({ message: "invalid name", property: "name" });
      if (!body.chatBarText || body.chatBarText.length > 14) details.push({ message: "size must be between 1 and 14", property: "chatBarText" });
      if (typeof body.selected !== "boolean") details.push({ message: "must be specified", property: "selected" });
      if (details.length > 0) return send(400, { message: "The request body has 1 error(s)", details });
      const richMenuId = `richmenu-${randomBytes(16).toString("hex")}`;
      this.richMenus.set(richMenuId, { body, image: null });
      return send(200, { richMenuId });
    }
    const content = path.match(/^\/v2\/bot\/richmenu\/([^/]+)\/content$/);
    if (method === "POST" && content) {
      const menu = this.richMenus.get(content[1]!);
      const contentType = String(req.headers["content-type"] ?? "");
      const bytes = await this.readBody(req);
      if (!menu) return send(404, { message: "Not found" });
      if (!/^image\/(png|jpeg)$/.test(contentType)) return send(415, { message: "Unsupported Media Type" });
      if (bytes.length === 0 || bytes.length > 1024 * 1024) return send(400, { message: "Image size must be 1MB or less" });
      if (menu.image) return send(400, { message: "An image has already been uploaded to the richmenu" });
      menu.image = { contentType, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
      return send(200, {});
    }
    const setDefault = path.match(/^\/v2\/bot\/user\/all\/richmenu\/([^/]+)$/);
    if (method === "POST" && setDefault) {
      const menu = this.richMenus.get(setDefault[1]!);
      if (!menu) return send(404, { message: "richmenu not found" });
      if (!menu.image) return send(400, { message: "must upload richmenu image before applying it to user" });
      this.defaultRichMenuId = setDefault[1]!;
      return send(200, {});
    }
    if (method === "GET" && path === "/v2/bot/user/all/richmenu") {
      return this.defaultRichMenuId ? send(200, { richMenuId: this.defaultRichMenuId }) : send(404, { message: "no default richmenu" });
    }
    if (method === "GET" && path === "/v2/bot/richmenu/list") {
      return send(200, { richmenus: [...this.richMenus.entries()].map(([richMenuId, menu]) => ({ richMenuId, ...(menu.body as object) })) });
    }
    return send(404, { message: "Not found" });
  }

  private async verifyIdToken(form: URLSearchParams, send: (status: number, body: unknown) => void): Promise<void> {
    const idToken = form.get("id_token");
    const clientId = form.get("client_id");
    if (!idToken || !clientId) return send(400, { error: "invalid_request", error_description: "id_token and client_id are required" });
    try {
      const { payload } = await jwtVerify(idToken, createLocalJWKSet({ keys: [this.keys!.publicJwk] }), { algorithms: ["ES256"], issuer: this.issuer });
      if (payload.aud !== clientId) return send(400, { error: "invalid_request", error_description: "Invalid IdToken Audience." });
      const nonce = form.get("nonce");
      if (nonce && payload.nonce !== nonce) return send(400, { error: "invalid_request", error_description: "Invalid IdToken Nonce." });
      const userId = form.get("user_id");
      if (userId && payload.sub !== userId) return send(400, { error: "invalid_request", error_description: "Invalid IdToken Subject Identifier." });
      return send(200, payload);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_JWT_EXPIRED") return send(400, { error: "invalid_request", error_description: "IdToken expired." });
      return send(400, { error: "invalid_request", error_description: "Invalid IdToken." });
    }
  }

  private async handleMessage(req: IncomingMessage, kind: "push" | "multicast", send: (status: number, body: unknown, headers?: Record<string, string>) => void): Promise<void> {
    const raw = await this.readBody(req);
    this.stats.messageRequests++;
    if (this.failures.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.failures.latencyMs));
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.windowSecond) {
      this.windowSecond = second;
      this.windowCount = 0;
    }
    if (++this.windowCount > (this.options.messageRateLimitPerSecond ?? 2000)) {
      this.stats.rateLimited++;
      return send(429, { message: "The API rate limit has been exceeded. Try again later." });
    }
    const retryKey = (req.headers["x-line-retry-key"] as string | undefined) ?? null;
    if (retryKey !== null && !UUID_PATTERN.test(retryKey)) return send(400, { message: "The value for the 'X-Line-Retry-Key' header is invalid" });
    let body: { to?: unknown; messages?: unknown };
    try {
      body = JSON.parse(raw.toString("utf8")) as typeof body;
    } catch {
      return send(400, { message: "The request body could not be parsed as JSON" });
    }
    const to = kind === "push" ? (typeof body.to === "string" ? [body.to] : []) : Array.isArray(body.to) ? (body.to as string[]) : [];
    const messages = Array.isArray(body.messages) ? body.messages : [];
    if (to.length === 0) return send(400, { message: "The property, 'to', in the request body is invalid" });
    if (kind === "multicast" && to.length > 500) return send(400, { message: "The request body has 1 error(s)", details: [{ message: "Size must be between 1 and 500", property: "to" }] });
    if (messages.length === 0 || messages.length > 5) return send(400, { message: "The request body has 1 error(s)", details: [{ message: "Size must be between 1 and 5", property: "messages" }] });

    if (retryKey && this.acceptedRetryKeys.has(retryKey)) {
      this.stats.retryKeyConflicts++;
      return send(409, { message: "The retry key is already accepted", sentMessages: [] }, { "x-line-accepted-request-id": this.acceptedRetryKeys.get(retryKey)! });
    }
    const failure = this.failures.rate > 0 && this.random() < this.failures.rate;
    const status = failure ? this.failures.statuses[Math.floor(this.random() * this.failures.statuses.length)] ?? 500 : 200;
    const acceptedAnyway = failure && status >= 500 && this.random() < this.failures.acceptedThenLost;
    if (failure && !acceptedAnyway) {
      this.stats.injectedFailures++;
      if (status === 429) return send(429, { message: "The API rate limit has been exceeded. Try again later." }, { "retry-after": String(this.failures.retryAfterSeconds) });
      return send(status, { message: "An error occurred in the server" });
    }
    const requestId = randomUUID();
    if (retryKey) this.acceptedRetryKeys.set(retryKey, requestId);
    this.accept({ requestId, kind, to, messages, retryKey, at: Date.now() });
    if (acceptedAnyway) {
      this.stats.injectedFailures++;
      return send(status, { message: "An error occurred in the server" });
    }
    return send(200, kind === "push" ? { sentMessages: messages.map(() => ({ id: String(Date.now()) + randomBytes(3).toString("hex"), quoteToken: randomBytes(8).toString("hex") })) } : {}, { "x-line-request-id": requestId });
  }

  private accept(delivery: Delivery): void {
    this.stats.accepted++;
    this.deliveries.push(delivery);
    const fingerprint = createHash("sha1").update(JSON.stringify(delivery.messages)).digest("hex");
    for (const userId of delivery.to) {
      const key = `${userId}\u0000${fingerprint}`;
      const count = (this.deliveredCount.get(key) ?? 0) + 1;
      this.deliveredCount.set(key, count);
      if (count > 1) this.stats.duplicateDeliveries++;
      this.stats.recipientsDelivered++;
      if (this.chats.has(userId) || this.users.has(userId)) this.chat(userId).push({ at: delivery.at, from: "bot", messages: delivery.messages, requestId: delivery.requestId });
    }
  }

  private async handleControl(req: IncomingMessage, _res: ServerResponse, method: string, path: string, url: URL, send: (status: number, body: unknown) => void): Promise<void> {
    const readJson = async <T>() => JSON.parse((await this.readBody(req)).toString("utf8") || "{}") as T;
    if (method === "GET" && path === "/__sim/state") {
      return send(200, { stats: this.stats, deliveries: this.deliveries.length, calls: this.calls.slice(-200), richMenus: [...this.richMenus.entries()].map(([id, menu]) => ({ id, ...menu })), defaultRichMenuId: this.defaultRichMenuId });
    }
    if (method === "GET" && path === "/__sim/chat") {
      const userId = url.searchParams.get("userId") ?? "";
      return send(200, { user: this.users.get(userId) ?? null, entries: this.chats.get(userId) ?? [] });
    }
    if (method === "POST" && path === "/__sim/id-token") {
      const body = await readJson<{ sub?: string; name?: string; nonce?: string; aud?: string; expiresInSeconds?: number }>();
      if (!body.sub || !/^U[0-9a-f]{32}$/.test(body.sub)) return send(400, { message: "sub must be a LINE user ID" });
      return send(200, { idToken: await this.issueIdToken({ ...body, sub: body.sub }) });
    }
    if (method === "POST" && path === "/__sim/webhook") {
      const body = await readJson<Parameters<LineSimulator["sendWebhookEvent"]>[0]>();
      if (!["follow", "unfollow", "postback", "message"].includes(body.type) || !/^U[0-9a-f]{32}$/.test(body.userId ?? "")) return send(400, { message: "type and userId are required" });
      if (!this.users.has(body.userId)) this.users.set(body.userId, { userId: body.userId, displayName: "LINE ユーザー" });
      const result = await this.sendWebhookEvent(body);
      return send(200, { webhookStatus: result.status, event: result.event });
    }
    if (method === "POST" && path === "/__sim/failures") {
      this.setFailures(await readJson<Partial<FailureConfig>>());
      return send(200, this.failures);
    }
    if (method === "POST" && path === "/__sim/reset") {
      this.reset();
      return send(200, {});
    }
    return send(404, { message: "Not found" });
  }
}

export async function startLineSimulator(options: LineSimulatorOptions): Promise<LineSimulator> {
  const simulator = new LineSimulator(options);
  await simulator.start();
  return simulator;
}
