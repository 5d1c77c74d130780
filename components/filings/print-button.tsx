"use client";

import { Button } from "@/components/ui/button";

export function PrintButton({ label = "受付票を印刷" }: { label?: string }) {
  return (
    <Button size="lg" onClick={() => window.print()} autoFocus>
      {label}
    </Button>
  );
}
