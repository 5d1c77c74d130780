"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/auth/navigation";

export function AdminNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const matches = (href: string) => (href === "/admin" ? pathname === href : pathname.startsWith(href));
  // Nested destinations (/admin/counter and /admin/counter/forms): only the most specific one is the current page.
  const current = items.filter((item) => matches(item.href)).reduce<string | null>((best, item) => (best && best.length >= item.href.length ? best : item.href), null);
  const isCurrent = (href: string) => href === current;
  return (
    <nav aria-label="管理メニュー">
      <ul className="flex flex-col gap-1">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent(item.href) ? "page" : undefined}
              className="block rounded-8 px-4 py-3 text-std-16N-170 text-solid-gray-900 no-underline hover:bg-blue-50 aria-[current=page]:bg-blue-100 aria-[current=page]:font-bold aria-[current=page]:text-blue-1200"
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
