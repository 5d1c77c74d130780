"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { createGrantBatchAction } from "@/lib/grants/actions";

export function BatchCreateForm({ programId, waiting }: { programId: string; waiting: number }) {
  const router = useRouter();
  const [maxItems, setMaxItems] = useState("10000");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [creating, setCreating] = useState(false);
  // Pending covers the action and the move to the new batch's page, so the button never looks idle in between.
  const [navigating, startNavigation] = useTransition();
  const pending = creating || navigating;
  return (
    <form
      className="flex flex-wrap items-end gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        if (pending) return;
        setCreating(true);
        setError(null);
        try {
          const result = await createGrantBatchAction({ programId, maxItems });
          if (!result.ok) setError({ message: result.error, field: result.fieldErrors?.maxItems?.[0] });
          else startNavigation(() => router.push(`/admin/programs/${programId}/batches/${result.data.id}`));
        } finally {
          setCreating(false);
        }
      }}
    >
      <div className="w-56">
        <InputField label="1バッチの上限件数" inputMode="numeric" value={maxItems} onChange={(e) => setMaxItems(e.target.value)} error={error?.field} />
      </div>
      <Button type="submit" disabled={pending || waiting === 0} aria-describedby="batch-create-status">
        {pending ? "作成しています…" : "給付バッチを作成"}
      </Button>
      <p id="batch-create-status" role="status" className="text-std-16N-170" data-testid="batch-create-status">
        {pending ? `承認済みの申請をバッチにまとめています（最大${Number(maxItems).toLocaleString("ja-JP")}件）。件数が多いと数十秒かかります。このままお待ちください。` : ""}
      </p>
      {error ? (
        <div className="w-full">
          <Alert tone="error" title={error.message} />
        </div>
      ) : null}
    </form>
  );
}
