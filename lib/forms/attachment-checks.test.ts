import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUpload, sniffType } from "./attachment-checks";
import { contentDisposition } from "./attachment-download";
import { ClamdScanner, EICAR, parseClamdReply, SimulatorScanner } from "./attachment-scan";

const bytes = (...parts: (string | number[])[]) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p)))));
const PDF = bytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF\0");
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "\0\0\0\rIHDR");
const question = { accept: ["application/pdf", "image/jpeg", "image/png"], maxBytes: 2048 };

describe("attachment type and size checks", () => {
  it("sniffs PDF, JPEG and PNG from their magic bytes, and nothing else", () => {
    expect(sniffType(PDF)).toBe("application/pdf");
    expect(sniffType(JPEG)).toBe("image/jpeg");
    expect(sniffType(PNG)).toBe("image/png");
    expect(sniffType(bytes("GIF89a"))).toBeNull();
    expect(sniffType(bytes("<html>%PDF-"))).toBeNull();
    expect(sniffType(bytes("%PD"))).toBeNull();
  });

  it("accepts only when declared type, sniffed type and the question's accepted types agree", () => {
    expect(checkUpload({ declaredType: "application/pdf", size: PDF.length, bytes: PDF }, question)).toEqual({ ok: true, type: "application/pdf" });
    expect(checkUpload({ declaredType: "image/png; charset=binary", size: PNG.length, bytes: PNG }, question)).toEqual({ ok: true, type: "image/png" });
    // A PNG renamed to .pdf, a script declared as a PDF, a JPEG where only PDF is accepted.
    expect(checkUpload({ declaredType: "application/pdf", size: PNG.length, bytes: PNG }, question)).toEqual({ ok: false, code: "wrong_type" });
    expect(checkUpload({ declaredType: "application/pdf", size: 20, bytes: bytes("<script>alert(1)</script>") }, question)).toEqual({ ok: false, code: "wrong_type" });
    expect(checkUpload({ declaredType: "image/jpeg", size: JPEG.length, bytes: JPEG }, { ...question, accept: ["application/pdf"] })).toEqual({ ok: false, code: "wrong_type" });
  });

  it("refuses a file over the question's limit and an empty one", () => {
    const big = new Uint8Array(2049);
    big.set(PDF);
    expect(checkUpload({ declaredType: "application/pdf", size: big.length, bytes: big }, question)).toEqual({ ok: false, code: "too_big" });
    expect(checkUpload({ declaredType: "application/pdf", size: 2048, bytes: big.subarray(0, 2048) }, question)).toEqual({ ok: true, type: "application/pdf" });
    expect(checkUpload({ declaredType: "application/pdf", size: 0, bytes: new Uint8Array() }, question)).toEqual({ ok: false, code: "empty" });
  });
});

describe("virus scanning", () => {
  it("the simulator finds the EICAR test string inside a PDF, and passes a clean one", async () => {
    const scanner = new SimulatorScanner();
    expect(await scanner.scan(bytes("%PDF-1.4\n", EICAR, "\n%%EOF"))).toEqual({ status: "infected", signature: "Eicar-Test-Signature" });
    expect(await scanner.scan(PDF)).toEqual({ status: "clean" });
    // One character off is not the test file.
    expect(await scanner.scan(bytes("%PDF-1.4\n", EICAR.replace("EICAR", "EICAS")))).toEqual({ status: "clean" });
  });

  it("reads clamd's replies", () => {
    expect(parseClamdReply("stream: OK\0")).toEqual({ status: "clean" });
    expect(parseClamdReply("stream: Win.Test.EICAR_HDB-1 FOUND\0")).toEqual({ status: "infected", signature: "Win.Test.EICAR_HDB-1" });
    expect(parseClamdReply("INSTREAM size limit exceeded. ERROR\0")).toMatchObject({ status: "error" });
    expect(parseClamdReply("")).toMatchObject({ status: "error" });
  });

  describe("ClamdScanner speaks INSTREAM over TCP", () => {
    // A clamd stand-in that decodes the chunked stream exactly as clamd does and answers on what it received.
    let server: Server;
    let port: number;
    const received: Buffer[] = [];
    beforeAll(async () => {
      server = createServer((socket) => {
        let buffer = Buffer.alloc(0);
        socket.on("data", (data) => {
          buffer = Buffer.concat([buffer, data]);
          const command = "zINSTREAM\0";
          if (buffer.length < command.length) return;
          if (buffer.subarray(0, command.length).toString() !== command) return void socket.end("UNKNOWN COMMAND\0");
          const chunks: Buffer[] = [];
          let offset = command.length;
          while (buffer.length >= offset + 4) {
            const length = buffer.readUInt32BE(offset);
            if (length === 0) {
              const body = Buffer.concat(chunks);
              received.push(body);
              return void socket.end(body.includes(EICAR, 0, "latin1") ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0");
            }
            if (buffer.length < offset + 4 + length) return;
            chunks.push(buffer.subarray(offset + 4, offset + 4 + length));
            offset += 4 + length;
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("streams the whole file in chunks and reports clean or infected", async () => {
      const scanner = new ClamdScanner({ host: "127.0.0.1", port, timeoutMs: 5000 });
      const large = new Uint8Array(200 * 1024).map((_, i) => i % 251);
      expect(await scanner.scan(large)).toEqual({ status: "clean" });
      expect(Buffer.compare(received.at(-1)!, Buffer.from(large))).toBe(0);
      expect(await scanner.scan(bytes("%PDF-1.4\n", EICAR))).toEqual({ status: "infected", signature: "Eicar-Test-Signature" });
    });

    it("reports an error (never clean) when clamd cannot be reached", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const deadPort = (closed.address() as { port: number }).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      expect(await new ClamdScanner({ host: "127.0.0.1", port: deadPort, timeoutMs: 2000 }).scan(PDF)).toMatchObject({ status: "error" });
    });
  });
});

describe("Content-Disposition", () => {
  it("gives an ASCII fallback and the Japanese name per RFC 5987", () => {
    expect(contentDisposition("住民票（写し）'s.pdf", "attachment-1.pdf")).toBe(`attachment; filename="attachment-1.pdf"; filename*=UTF-8''${encodeURIComponent("住民票（写し）").replace(/'/g, "%27")}%27s.pdf`);
    expect(contentDisposition('a"b(1).pdf', 'x"y.pdf')).toBe(`attachment; filename="x_y.pdf"; filename*=UTF-8''a%22b%281%29.pdf`);
  });
});
