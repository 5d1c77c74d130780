"use client";

import { useRouter } from "next/navigation";

/** Switching the program rewrites ?program= so a reload or a bookmark keeps the clerk's choice. */
export function CounterProgramPicker({ programs, current }: { programs: { id: string; name: string }[]; current: string | null }) {
  const router = useRouter();
  return (
    <div className="flex max-w-xl flex-col gap-1">
      <label htmlFor="counter-program" className="text-std-16B-170">
        受け付ける事業
      </label>
      <select
        id="counter-program"
        value={current ?? ""}
        onChange={(event) => router.replace(event.target.value ? `/admin/counter?program=${event.target.value}` : "/admin/counter")}
        className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170"
      >
        {current ? null : <option value="">選んでください</option>}
        {programs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
