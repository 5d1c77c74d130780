import "server-only";
import { Socket } from "node:net";
import { getConfig } from "@/lib/config/env";

export type ScanResult = { status: "clean" } | { status: "infected"; signature: string } | { status: "error"; detail: string };

/** The virus-scan hook every attachment passes before it is kept. */
export interface AttachmentScanner {
  readonly name: string;
  scan(bytes: Uint8Array): Promise<ScanResult>;
}

const CHUNK = 64 * 1024;

/**
 * ClamAV's daemon over TCP with the INSTREAM command: `zINSTREAM\0`, then chunks each prefixed by its length as a
 * 4-byte big-endian integer, then a zero-length chunk; clamd answers `stream: OK` or `stream: <name> FOUND`.
 */
export class ClamdScanner implements AttachmentScanner {
  readonly name = "clamd";
  constructor(private readonly options: { host: string; port: number; timeoutMs: number }) {}

  scan(bytes: Uint8Array): Promise<ScanResult> {
    return new Promise((resolve) => {
      const socket = new Socket();
      const replies: Buffer[] = [];
      let settled = false;
      const finish = (result: ScanResult) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        resolve(result);
      };
      socket.setTimeout(this.options.timeoutMs, () => finish({ status: "error", detail: "clamd timed out" }));
      socket.on("error", (error) => finish({ status: "error", detail: `clamd: ${error.message}` }));
      socket.on("data", (data) => replies.push(data));
      socket.on("close", () => finish(parseClamdReply(Buffer.concat(replies).toString("utf8"))));
      socket.connect(this.options.port, this.options.host, () => {
        socket.write("zINSTREAM\0");
        for (let offset = 0; offset < bytes.length; offset += CHUNK) {
          const chunk = bytes.subarray(offset, offset + CHUNK);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(chunk.length);
          socket.write(length);
          socket.write(chunk);
        }
        socket.write(Buffer.alloc(4));
      });
    });
  }
}

/** `stream: OK`, `stream: Eicar-Test-Signature FOUND`, or an error line (size limit, unknown command …). */
export function parseClamdReply(reply: string): ScanResult {
  const line = reply.replace(/\0/g, "").trim();
  if (/^stream: OK$/.test(line)) return { status: "clean" };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return { status: "infected", signature: found[1]! };
  return { status: "error", detail: line ? `clamd: ${line.slice(0, 200)}` : "clamd closed without a reply" };
}

/** The EICAR anti-virus test file's 68 characters: every real scanner reports it, so the simulator does too. */
export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/** For development and e2e only (production refuses to start without clamd): finds the EICAR test string anywhere. */
export class SimulatorScanner implements AttachmentScanner {
  readonly name = "simulator";
  async scan(bytes: Uint8Array): Promise<ScanResult> {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(EICAR, 0, "latin1") ? { status: "infected", signature: "Eicar-Test-Signature" } : { status: "clean" };
  }
}

/** clamd when configured; else the simulator where simulators run; else none (uploads are refused, not unscanned). */
export function getAttachmentScanner(): AttachmentScanner | null {
  const config = getConfig();
  if (config.CLAMAV_HOST) return new ClamdScanner({ host: config.CLAMAV_HOST.replace(/^\[|\]$/g, ""), port: config.CLAMAV_PORT, timeoutMs: config.CLAMAV_TIMEOUT_MS });
  return config.USE_SIMULATORS ? new SimulatorScanner() : null;
}
