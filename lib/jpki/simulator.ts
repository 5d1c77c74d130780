import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { DEMO_RESIDENTS, type DemoResident } from "@/lib/residents/demo";

/**
 * A local OpenID Connect issuer playing a JPKI identity service (LINE 公的個人認証 / デジタル認証アプリ):
 * discovery, JWKS, authorize (a page where the developer picks a demo My Number card), token (PKCE S256,
 * single-use codes with a short life), userinfo with the 基本4情報. It never knows a My Number.
 */

export type JpkiSimulatorOptions = {
  port?: number;
  host?: string;
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
  identities?: DemoResident[];
  codeTtlSeconds?: number;
};

type PendingCode = {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  scope: string[];
  identity: DemoResident;
  expiresAt: number;
  used: boolean;
};

const BASIC_FOUR = ["name", "address", "birthdate", "gender"] as const;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export class JpkiSimulator {
  url = "";
  private server: Server | null = null;
  private keys: { privateKey: CryptoKey; publicJwk: JWK } | null = null;
  private codes = new Map<string, PendingCode>();
  private accessTokens = new Map<string, { identity: DemoResident; scope: string[]; expiresAt: number }>();
  readonly identities: DemoResident[];

  constructor(readonly options: JpkiSimulatorOptions) {
    this.identities = options.identities ?? DEMO_RESIDENTS;
  }

  subjectOf(identity: DemoResident): string {
    return createHash("sha256").update(`jpki-sim:${identity.key}`).digest("hex");
  }

  async start(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    this.keys = { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: randomBytes(6).toString("hex"), alg: "RS256", use: "sig" } };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.json(res, 500, { error: "server_error", error_description: String(error) });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", resolve));
    this.url = `http://${this.options.host ?? "127.0.0.1"}:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Tests: make every outstanding code expired, as if the user took too long. */
  expireCodes(): void {
    for (const code of this.codes.values()) code.expiresAt = 0;
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
    res.end(JSON.stringify(body));
  }

  private async form(req: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname === "/.well-known/openid-configuration") {
      return this.json(res, 200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        userinfo_endpoint: `${this.url}/userinfo`,
        jwks_uri: `${this.url}/jwks`,
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: ["openid", ...BASIC_FOUR],
        claims_supported: ["sub", "iss", "aud", "exp", "iat", "nonce", ...BASIC_FOUR],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      });
    }
    if (method === "GET" && url.pathname === "/jwks") return this.json(res, 200, { keys: [this.keys!.publicJwk] });
    if (method === "GET" && url.pathname === "/authorize") return this.authorize(url.searchParams, res);
    if (method === "POST" && url.pathname === "/authorize/decision") return this.decide(await this.form(req), res);
    if (method === "POST" && url.pathname === "/token") return this.token(req, await this.form(req), res);
    if (method === "GET" && url.pathname === "/userinfo") return this.userinfo(req, res);
    return this.json(res, 404, { error: "not_found" });
  }

  /** Validates an authorization request; returns an error text for problems that must not redirect. */
  private checkRequest(params: URLSearchParams): { error: string } | { client: JpkiSimulatorOptions["clients"][number]; redirectUri: string } {
    const client = this.options.clients.find((c) => c.clientId === params.get("client_id"));
    if (!client) return { error: "unknown client_id" };
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!client.redirectUris.includes(redirectUri)) return { error: "redirect_uri is not registered" };
    return { client, redirectUri };
  }

  private redirectError(res: ServerResponse, redirectUri: string, state: string | null, error: string, description: string): void {
    const target = new URL(redirectUri);
    target.searchParams.set("error", error);
    target.searchParams.set("error_description", description);
    if (state) target.searchParams.set("state", state);
    target.searchParams.set("iss", this.url);
    res.writeHead(303, { location: target.toString() }).end();
  }

  private protocolError(params: URLSearchParams): string | null {
    if (params.get("response_type") !== "code") return "response_type must be code";
    const scope = (params.get("scope") ?? "").split(" ");
    if (!scope.includes("openid")) return "scope must include openid";
    if (params.get("code_challenge_method") !== "S256" || !params.get("code_challenge")) return "PKCE (S256) is required";
    if (!params.get("nonce")) return "nonce is required";
    if (!params.get("state")) return "state is required";
    return null;
  }

  private authorize(params: URLSearchParams, res: ServerResponse): void {
    const checked = this.checkRequest(params);
    if ("error" in checked) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(checked.error);
      return;
    }
    const problem = this.protocolError(params);
    if (problem) return this.redirectError(res, checked.redirectUri, params.get("state"), "invalid_request", problem);
    const hidden = [...params.entries()].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
    const scenario: Record<string, string> = { ok: "そのまま認証できます", user_cancelled: "利用者がキャンセルします", card_locked: "カードがロックされています", information_differs: "申請内容と住所が異なります" };
    const cards = this.identities
      .map(
        (identity) => `<li><button name="identity" value="${escapeHtml(identity.key)}" style="width:100%;min-height:56px;font-size:18px;margin:6px 0;text-align:left;padding:8px 12px">
          ${escapeHtml(identity.card.name)}（${escapeHtml(identity.card.birthdate)}）<br><small>${escapeHtml(identity.card.address)} — ${escapeHtml(scenario[identity.jpkiScenario] ?? "")}</small></button></li>`,
      )
      .join("");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>JPKI シミュレーター</title></head>
<body style="font-family:sans-serif;font-size:16px;max-width:560px;margin:24px auto;padding:0 16px">
<h1 style="font-size:22px">公的個人認証（シミュレーター）</h1>
<p>マイナンバーカードを読み取ったことにする、デモの本人を選んでください。マイナンバー（個人番号）は扱いません。</p>
<form method="post" action="/authorize/decision">${hidden}<ul style="list-style:none;padding:0">${cards}</ul>
<button name="identity" value="__cancel__" style="min-height:48px;font-size:16px">キャンセルする</button></form></body></html>`);
  }

  private decide(params: URLSearchParams, res: ServerResponse): void {
    const checked = this.checkRequest(params);
    if ("error" in checked) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(checked.error);
      return;
    }
    const problem = this.protocolError(params);
    const state = params.get("state");
    if (problem) return this.redirectError(res, checked.redirectUri, state, "invalid_request", problem);
    const identity = this.identities.find((i) => i.key === params.get("identity"));
    if (!identity || identity.jpkiScenario === "user_cancelled") return this.redirectError(res, checked.redirectUri, state, "access_denied", "user_cancelled");
    if (identity.jpkiScenario === "card_locked") return this.redirectError(res, checked.redirectUri, state, "access_denied", "card_locked");
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, {
      clientId: checked.client.clientId,
      redirectUri: checked.redirectUri,
      codeChallenge: params.get("code_challenge")!,
      nonce: params.get("nonce")!,
      scope: (params.get("scope") ?? "").split(" "),
      identity,
      expiresAt: Date.now() + (this.options.codeTtlSeconds ?? 60) * 1000,
      used: false,
    });
    const target = new URL(checked.redirectUri);
    target.searchParams.set("code", code);
    target.searchParams.set("state", state!);
    target.searchParams.set("iss", this.url);
    res.writeHead(303, { location: target.toString() }).end();
  }

  private clientOf(req: IncomingMessage, form: URLSearchParams) {
    const basic = req.headers.authorization?.match(/^Basic (.+)$/);
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    if (basic) {
      const [user, pass] = Buffer.from(basic[1]!, "base64").toString("utf8").split(":");
      id = decodeURIComponent(user ?? "");
      secret = decodeURIComponent(pass ?? "");
    }
    return this.options.clients.find((c) => c.clientId === id && c.clientSecret === secret);
  }

  private async token(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): Promise<void> {
    const client = this.clientOf(req, form);
    if (!client) return this.json(res, 401, { error: "invalid_client" });
    if (form.get("grant_type") !== "authorization_code") return this.json(res, 400, { error: "unsupported_grant_type" });
    const code = this.codes.get(form.get("code") ?? "");
    if (!code || code.clientId !== client.clientId) return this.json(res, 400, { error: "invalid_grant", error_description: "unknown code" });
    if (code.used) {
      // A replayed code: refuse, and revoke what the first use issued (RFC 6749 §4.1.2).
      for (const [token, grant] of this.accessTokens) if (grant.identity === code.identity) this.accessTokens.delete(token);
      return this.json(res, 400, { error: "invalid_grant", error_description: "code already used" });
    }
    code.used = true;
    if (code.expiresAt < Date.now()) return this.json(res, 400, { error: "invalid_grant", error_description: "code expired" });
    if (form.get("redirect_uri") !== code.redirectUri) return this.json(res, 400, { error: "invalid_grant", error_description: "redirect_uri mismatch" });
    const verifier = form.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== code.codeChallenge) return this.json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({ nonce: code.nonce, auth_time: now })
      .setProtectedHeader({ alg: "RS256", kid: this.keys!.publicJwk.kid! })
      .setIssuer(this.url)
      .setSubject(this.subjectOf(code.identity))
      .setAudience(client.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(this.keys!.privateKey);
    const accessToken = randomBytes(24).toString("base64url");
    this.accessTokens.set(accessToken, { identity: code.identity, scope: code.scope, expiresAt: Date.now() + 300_000 });
    return this.json(res, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 300, id_token: idToken, scope: code.scope.join(" ") });
  }

  private userinfo(req: IncomingMessage, res: ServerResponse): void {
    const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const grant = token ? this.accessTokens.get(token) : undefined;
    if (!grant || grant.expiresAt < Date.now()) return this.json(res, 401, { error: "invalid_token" }, { "www-authenticate": 'Bearer error="invalid_token"' });
    const card = grant.identity.card;
    const claims: Record<string, unknown> = { sub: this.subjectOf(grant.identity) };
    if (grant.scope.includes("name")) claims.name = card.name;
    if (grant.scope.includes("address")) claims.address = { formatted: card.address };
    if (grant.scope.includes("birthdate")) claims.birthdate = card.birthdate;
    if (grant.scope.includes("gender")) claims.gender = card.gender;
    return this.json(res, 200, claims);
  }
}

export async function startJpkiSimulator(options: JpkiSimulatorOptions): Promise<JpkiSimulator> {
  const simulator = new JpkiSimulator(options);
  await simulator.start();
  return simulator;
}
