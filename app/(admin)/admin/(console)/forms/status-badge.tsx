import { Badge } from "@/components/ui/badge";
import { FORM_STATUS_LABELS, type FormStatus } from "@/lib/forms/editor-labels";

const TONES = { draft: "neutral", live: "success", live_with_draft: "info", archived: "warning" } as const;

export function FormStatusBadge({ status }: { status: FormStatus }) {
  return <Badge tone={TONES[status]}>{FORM_STATUS_LABELS[status]}</Badge>;
}
