import { notFound } from "next/navigation";

/** Any other /liff/… address: the LIFF 404 (./../not-found.tsx), which leads back to the resident menu. */
export default function MissingLiffPage(): never {
  notFound();
}
