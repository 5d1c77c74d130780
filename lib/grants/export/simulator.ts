/**
 * E-money vendor simulator (dev + tests): reads a batch file exactly as the vendor would, rejects it when its
 * trailer disagrees with its rows, and answers with a result file in the same format. Failures are
 * configurable (rate, specific applications, reason codes) and deterministic for a given seed.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { type ColumnMapping, FAILED, GRANTED, REASON_CODES, TRAILER_LABEL, readFileRecords } from "./format";
import { encodeResultLines, resultHeader, resultTrailer } from "./result";
import { mkdir, readdir } from "node:fs/promises";
import { createReadStream } from "node:fs";
import path from "node:path";
import {
  type EmoneyVendor,
  batchFileName,
  rejectionFileName,
  resultFileName,
  writeAtomically,
} from "./vendor";

export interface SimulatorOptions {
  mapping: ColumnMapping;
  /** Share of rows (0–1) that fail, chosen by a hash of seed + application ID. */
  failureRate?: number;
  /** Applications that always fail, with their reason code. */
  failures?: Readonly<Record<string, string>>;
  /** Codes used for rate-based failures; default: every known code. */
  reasonCodes?: readonly string[];
  seed?: string;
}

export class BatchRejectedError extends Error {}

function hashUnit(seed: string, id: string): number {
  return createHash("sha256").update(`${seed}\u0000${id}`).digest().readUInt32BE(0) / 2 ** 32;
}

const ROWS_PER_CHUNK = 512;

/** Result file for a batch file, as a stream; the stream fails with BatchRejectedError for a bad batch. */
export function simulateResultFile(batch: Uint8Array | AsyncIterable<Uint8Array>, options: SimulatorOptions): Readable {
  const { mapping } = options;
  const rate = options.failureRate ?? 0;
  const codes = options.reasonCodes ?? Object.keys(REASON_CODES);
  const seed = options.seed ?? "simulator";
  const idIndex = mapping.columns.findIndex((column) => column.field === "applicationId");
  const pointsIndex = mapping.columns.findIndex((column) => column.field === "points");

  async function* generate(): AsyncGenerator<Buffer> {
    let count = 0;
    let totalPoints = 0;
    let granted = 0;
    let grantedPoints = 0;
    let pending: string[][] = [];
    let first = true;
    for await (const record of readFileRecords(batch, mapping.encoding)) {
      if (record.kind === "header") {
        const expected = mapping.columns.map((column) => column.label);
        if (record.fields.join(",") !== expected.join(",")) {
          throw new BatchRejectedError(`見出し行が取り決めと違います（${record.fields.join(",")}）`);
        }
        pending.push(resultHeader(record.fields));
        continue;
      }
      if (record.kind === "trailer") {
        const [, batchId, trailerCount, trailerPoints] = record.fields;
        if (Number(trailerCount) !== count || Number(trailerPoints) !== totalPoints) {
          throw new BatchRejectedError(
            `合計行（${trailerCount}件 ${trailerPoints}ポイント）が明細（${count}件 ${totalPoints}ポイント）と一致しません`,
          );
        }
        pending.push(resultTrailer(batchId ?? "", { count, totalPoints, granted, grantedPoints }));
        yield encodeResultLines(pending, mapping, first);
        return;
      }
      const id = record.fields[idIndex] ?? "";
      const points = Number(record.fields[pointsIndex]);
      if (record.fields.length !== mapping.columns.length || !id || !Number.isSafeInteger(points)) {
        throw new BatchRejectedError(`${record.line}行目の明細が読めません`);
      }
      count++;
      totalPoints += points;
      const code = options.failures?.[id] ?? (rate > 0 && hashUnit(seed, id) < rate ? codes[Math.floor(hashUnit(`${seed}:code`, id) * codes.length)] : undefined);
      if (code) pending.push([...record.fields, FAILED, code]);
      else {
        granted++;
        grantedPoints += points;
        pending.push([...record.fields, GRANTED, ""]);
      }
      if (pending.length >= ROWS_PER_CHUNK) {
        yield encodeResultLines(pending, mapping, first);
        first = false;
        pending = [];
      }
    }
    throw new BatchRejectedError(`最終行に「${TRAILER_LABEL}」の行がありません`);
  }

  return Readable.from(generate(), { objectMode: false });
}

/** In-memory vendor for dev and tests: results are ready as soon as a batch is submitted. */
export class SimulatedVendor implements EmoneyVendor {
  private readonly results = new Map<string, Buffer>();

  constructor(private readonly options: SimulatorOptions) {}

  async submitBatch(batchId: string, file: AsyncIterable<Uint8Array>): Promise<void> {
    if (this.results.has(batchId)) throw new Error(`バッチ ${batchId} は送信済みです`);
    this.results.set(batchId, await buffer(simulateResultFile(file, this.options)));
  }

  async fetchResult(batchId: string): Promise<Readable | null> {
    const result = this.results.get(batchId);
    return result ? Readable.from([result]) : null;
  }
}

/**
 * Plays the vendor on file-drop directories (dev): every batch in `outbox` without an answer in `inbox` gets a
 * result file, or a rejection note when the batch is bad. Returns the batch IDs it answered.
 */
export async function answerFileDrop(directories: { outbox: string; inbox: string }, options: SimulatorOptions): Promise<string[]> {
  const answered: string[] = [];
  await mkdir(directories.inbox, { recursive: true });
  const inbox = new Set(await readdir(directories.inbox).catch(() => [] as string[]));
  for (const name of (await readdir(directories.outbox)).sort()) {
    if (!name.endsWith(".csv") || name.endsWith(".result.csv")) continue;
    const batchId = name.slice(0, -".csv".length);
    if (name !== batchFileName(batchId) || inbox.has(resultFileName(batchId)) || inbox.has(rejectionFileName(batchId))) continue;
    const result = simulateResultFile(createReadStream(path.join(directories.outbox, name)), options);
    try {
      await writeAtomically(path.join(directories.inbox, resultFileName(batchId)), result);
    } catch (error) {
      if (!(error instanceof BatchRejectedError)) throw error;
      await writeAtomically(path.join(directories.inbox, rejectionFileName(batchId)), [Buffer.from(error.message, "utf8")]);
    }
    answered.push(batchId);
  }
  return answered;
}
