/** `npm run dev -- -p 3400 -H 127.0.0.1 --turbopack`: the port and host for `next dev` and for APP_URL. */
export interface DevArgs {
  port: number;
  /** The host given with -H/--hostname, if any. */
  hostname?: string;
  /** Everything else, passed on to `next dev` unchanged. */
  rest: string[];
}

const PORT_FLAGS = new Set(["-p", "--port"]);
const HOST_FLAGS = new Set(["-H", "--hostname"]);

function parsePort(value: string | undefined, from: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/u.test(value ?? "") || port < 1 || port > 65_535) throw new Error(`${from}: port must be 1–65535, got ${JSON.stringify(value ?? "")}`);
  return port;
}

export function readDevArgs(argv: readonly string[], env: Record<string, string | undefined>): DevArgs {
  let port = env.PORT ? parsePort(env.PORT, "PORT") : 3000;
  let hostname: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (PORT_FLAGS.has(flag)) port = parsePort(inline ?? argv[++i], flag);
    else if (HOST_FLAGS.has(flag)) hostname = inline ?? argv[++i];
    else rest.push(arg);
  }
  return { port, hostname, rest };
}

/** The URL a browser on this machine opens: a wildcard bind (0.0.0.0, ::) is reached as localhost. */
export function devAppUrl({ port, hostname }: DevArgs): string {
  const host = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname.includes(":") ? `[${hostname}]` : hostname;
  return `http://${host}:${port}`;
}
