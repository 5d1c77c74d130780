/** A server action's argument as a form: anything else a client could send is an empty form, which zod refuses. */
export function postedForm(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** A posted file field as the import operations take it; an empty or missing file leaves `bytes` undefined for zod to report. */
export async function uploadedFile(formData: FormData, field = "file"): Promise<{ fileName: string; bytes: Uint8Array | undefined }> {
  const file = formData.get(field);
  const hasFile = file instanceof File && file.size > 0;
  return {
    fileName: hasFile ? file.name : "（ファイルなし）",
    bytes: hasFile ? new Uint8Array(await file.arrayBuffer()) : undefined,
  };
}
