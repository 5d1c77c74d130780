import "server-only";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config/env";

/** Where attachment bytes live: outside the database rows, addressed by the storage key on form_attachments. */
export interface AttachmentStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** A storage key for a new attachment: a fan-out directory and a random name (never the resident's file name). */
export function newStorageKey(): string {
  const id = crypto.randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** Files under one directory, created on demand; keys are checked so none can point outside it. */
export class FileSystemAttachmentStore implements AttachmentStore {
  constructor(private readonly directory: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid attachment storage key: ${key}`);
    return path.join(path.resolve(this.directory), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // wx: a key is written once; a collision is an error rather than an overwrite.
    await writeFile(file, bytes, { flag: "wx", mode: 0o600 });
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

export function getAttachmentStore(): AttachmentStore {
  return new FileSystemAttachmentStore(getConfig().ATTACHMENT_DIR);
}
