"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { createGrantBatchAction } from "@/lib/grants/actions";

export function BatchCreateForm({ programId, waiting }: { programId: string; waiting: number }) {
  const router = useRouter();
  const [maxItems, setMaxItems] = useState("10000");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setError(null);
        try {
          const result = await createGrantBatchAction({ programId, maxItems });
          if (!result.ok) setError({ message: result.error, field: result.fieldErrors?.maxItems?.[0] });
          else router.push(`/admin/programs/${programId}/batches/${result.data.id}`);
        } finally {
          setPending(false);
        }
      }}
    >
      <div className="w-56">
        <InputField label="1バッチの上限件数" inputMode="numeric" value={maxItems} onChange={(e) => setMaxItems(e.target.value)} error={error?.field} />
      </div>
      <Button type="submit" disabled={pending || waiting === 0}>
        {pending ? "作成しています…" : "給付バッチを作成"}
      </Button>
      {error ? (
        <div className="w-full">
          <Alert tone="error" title={error.message} />
        </div>
      ) : null}
    </form>
  );
}
