import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getProgramById } from "@/lib/programs/queries";
import { requireResidentPage } from "@/lib/residents/current";

/** Every step page: the signed-in resident and the program (404 for an unknown or malformed id). */
export async function loadStep(programId: string, path: string) {
  const resident = await requireResidentPage(path);
  if (!/^[0-9a-f-]{36}$/.test(programId)) notFound();
  const program = await getProgramById(await getDb(), { programId });
  if (!program || !program.acceptsLine) notFound();
  return { resident, program };
}

export const STEPS = 4;

/** Programs filed without the card skip the identity step. */
export function stepsOf(program: { lineRequiresJpki: boolean }): number {
  return program.lineRequiresJpki ? STEPS : STEPS - 1;
}
