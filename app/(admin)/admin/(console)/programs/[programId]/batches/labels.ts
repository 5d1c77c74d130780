export const BATCH_STATUS_LABELS = { open: "作成済み（未出力）", exported: "出力済み（結果待ち）", completed: "結果取込済み" } as const;
export const BATCH_STATUS_TONES = { open: "info", exported: "warning", completed: "success" } as const;
