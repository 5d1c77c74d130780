import type { NextConfig } from "next";
import { PHASE_PRODUCTION_SERVER } from "next/constants";
import { ConfigError, parseConfig } from "./lib/config/env";
import { securityHeaderRules } from "./lib/http/security-headers";

// `next start` loads this file first: a production server with simulators, mocks or missing secrets never boots.
function assertStartableConfig(phase: string): void {
  try {
    parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\nYakuba を起動できません (${phase}).\n${error.message}\n`);
    process.exit(1);
  }
}

export default function nextConfig(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_SERVER) assertStartableConfig(phase);
  const development = process.env.NODE_ENV !== "production";
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // The dev server is opened as localhost or 127.0.0.1: both may load its scripts and hot reload.
    allowedDevOrigins: ["localhost", "127.0.0.1", "[::1]"],
    serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "pdfkit"],
    // Roster and vendor result files reach server actions as uploads of up to 20 MB.
    experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "21mb" } },
    async headers() {
      return securityHeaderRules({ development });
    },
  };
}
