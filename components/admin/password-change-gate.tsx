"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";

export const PASSWORD_CHANGE_PATH = "/admin/account/password";

/**
 * Keeps a staff member who signed in with a temporary password on the password page. A layout cannot read the
 * pathname (it does not re-render on navigation), but this client component re-renders on every navigation,
 * so the check follows the user wherever they go inside the console.
 */
export function PasswordChangeGate({ required, children }: { required: boolean; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const blocked = required && pathname !== PASSWORD_CHANGE_PATH;
  useEffect(() => {
    if (blocked) router.replace(PASSWORD_CHANGE_PATH);
  }, [blocked, router]);
  if (blocked) {
    return (
      <p role="status" className="text-std-16N-170">
        パスワード変更の画面へ移動しています…
      </p>
    );
  }
  return children;
}
