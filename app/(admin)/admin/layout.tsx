// Every staff page depends on the session and the configuration of the running server, never on the build: an
// image is built once without secrets and configured per environment (the start-up refusal is in next.config.ts).
export const dynamic = "force-dynamic";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return children;
}
