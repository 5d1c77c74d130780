import { getCurrentStaff, getRequestId } from "@/lib/auth/session";
import { respondWithAttachment } from "@/lib/forms/attachment-download";

export const dynamic = "force-dynamic";

/** A form submission's attachment, for staff who may view the submission's department (audited). */
export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string; attachmentId: string }> }): Promise<Response> {
  const { submissionId, attachmentId } = await params;
  return respondWithAttachment({ actor: await getCurrentStaff(), requestId: await getRequestId() }, { submissionId, attachmentId });
}
