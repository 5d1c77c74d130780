import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { GuardFailure } from "@/lib/auth/guard";

/** A page whose URL filters the guard refused (400): says which and why, and offers the unfiltered page. */
export function RefusedRequest({ failure, resetHref }: { failure: GuardFailure; resetHref: string }) {
  const messages = Object.values(failure.fieldErrors ?? {}).flat();
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="error" title={failure.error}>
        {messages.length > 0 ? (
          <ul className="list-disc pl-5">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </Alert>
      <p>
        <Link href={resetHref} className="text-std-16N-170 text-blue-1000 underline">
          条件をすべて外して開き直す
        </Link>
      </p>
    </div>
  );
}
