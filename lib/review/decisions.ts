import { z } from "zod";
import { safeText } from "@/lib/validation/text";

/** The decisions every review makes on an application (benefit filing or form submission). */
export const REVIEW_DECISIONS = ["approve", "reject", "return"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const DECISION_LABELS: Record<ReviewDecision, string> = { approve: "承認", reject: "却下", return: "差し戻し" };

/** A staff reason: shown to the resident as written, so it is checked like any stored text. */
export const reviewReason = safeText({ label: "理由", min: 2, max: 400, multiline: true });

/**
 * approve / reject with a reason / return for correction with a reason, for the application named by `idKey`.
 * The same schema validates the decision form and the operation.
 */
export function reviewDecisionSchema<K extends string>(idKey: K, idMessage: string) {
  const id = { [idKey]: z.uuid({ error: idMessage }) } as Record<K, z.ZodUUID>;
  return z.discriminatedUnion(
    "decision",
    [
      z.object({ ...id, decision: z.literal("approve") }),
      z.object({ ...id, decision: z.literal("reject"), reason: reviewReason }),
      z.object({ ...id, decision: z.literal("return"), reason: reviewReason }),
    ],
    { error: "承認・差し戻し・却下のどれかを選んでください" },
  );
}

/** Which decisions an application in `status` may still receive: only one waiting for review is decided. */
export function canDecide(status: string): boolean {
  return status === "submitted";
}
