export interface LockfileTarget {
  os: string;
  cpu: string;
}
export const TARGETS: readonly LockfileTarget[];
export function platformProblems(lock: { packages?: Record<string, unknown> }): string[];
