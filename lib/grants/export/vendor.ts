/**
 * How batch files reach the e-money vendor and results come back. The real exchange is a file drop: we write
 * <batchId>.csv into the outbox directory (the vendor's upload folder) and the vendor leaves
 * <batchId>.result.csv in the inbox directory. Writes are atomic (temp file + rename) so the vendor never
 * picks up half a file.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface EmoneyVendor {
  /** Hands the batch file over; resolves once the vendor has it in full. */
  submitBatch(batchId: string, file: AsyncIterable<Uint8Array>): Promise<void>;
  /** The result file once the vendor has produced it, otherwise null. */
  fetchResult(batchId: string): Promise<Readable | null>;
}

const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/u;

export function assertBatchId(batchId: string) {
  // The ID becomes a file name: nothing that could leave the directory.
  if (!BATCH_ID.test(batchId)) throw new Error(`バッチIDに使えない文字があります: ${batchId}`);
}

export const batchFileName = (batchId: string) => `${batchId}.csv`;
export const resultFileName = (batchId: string) => `${batchId}.result.csv`;
/** Left by the vendor instead of a result when it refuses a batch; its text is the reason. */
export const rejectionFileName = (batchId: string) => `${batchId}.rejected.txt`;

export class VendorRejectedBatchError extends Error {}

export class FileDropVendor implements EmoneyVendor {
  constructor(private readonly directories: { outbox: string; inbox: string }) {}

  async submitBatch(batchId: string, file: AsyncIterable<Uint8Array>): Promise<void> {
    assertBatchId(batchId);
    await mkdir(this.directories.outbox, { recursive: true });
    const target = path.join(this.directories.outbox, batchFileName(batchId));
    if (await exists(target)) throw new Error(`バッチ ${batchId} は送信済みです`);
    await writeAtomically(target, file);
  }

  async fetchResult(batchId: string): Promise<Readable | null> {
    assertBatchId(batchId);
    const rejection = path.join(this.directories.inbox, rejectionFileName(batchId));
    if (await exists(rejection)) {
      throw new VendorRejectedBatchError(`バッチ ${batchId} は受け付けられませんでした: ${(await readFile(rejection, "utf8")).trim()}`);
    }
    const source = path.join(this.directories.inbox, resultFileName(batchId));
    return (await exists(source)) ? createReadStream(source) : null;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes to <file>.part and renames, so readers of the directory only ever see complete files. */
export async function writeAtomically(file: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
  const temporary = `${file}.part`;
  try {
    await pipeline(content, createWriteStream(temporary, { flags: "wx" }));
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
