"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the inbox every two seconds so messages delivered by the worker show up on their own. */
export function AutoRefresh() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
