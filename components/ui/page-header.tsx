import type { ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4 border-b border-solid-gray-200 pb-4">
      <div>
        <h1 className="text-std-28B-150 text-solid-gray-900">{title}</h1>
        {description ? <p className="mt-1 text-std-16N-170 text-solid-gray-700">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}
