/**
 * Which program the counter screen works on: the one remembered in the URL when the clerk may use it,
 * otherwise the only one there is; null means "ask".
 */
export function pickCounterProgram<P extends { id: string }>(programs: readonly P[], requested: string | string[] | undefined): P | null {
  const id = Array.isArray(requested) ? requested[0] : requested;
  const match = id ? programs.find((p) => p.id === id) : undefined;
  if (match) return match;
  return programs.length === 1 ? programs[0]! : null;
}
