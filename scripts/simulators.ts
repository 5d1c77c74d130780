import "./load-env";
import { ConfigError, getConfig } from "@/lib/config/env";
import { startDevSimulators } from "@/lib/services/dev-simulators";

// `npm run simulators`: the LINE platform and JPKI issuer simulators on their own (npm run dev starts them too).
try {
  const simulators = await startDevSimulators(getConfig());
  console.log(`[simulators] LINE ${simulators.line.url} · JPKI ${simulators.jpki.url} · payments ${simulators.payments.url}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void simulators.close().then(() => process.exit(0)));
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
