import type { TownProfile } from "@/lib/matching/normalize";
import { getConfig } from "@/lib/config/env";

/** The configured municipality, for address matching. */
export function getTownProfile(): TownProfile {
  const config = getConfig();
  return { prefecture: config.TOWN_PREFECTURE, county: config.TOWN_COUNTY, municipality: config.TOWN_NAME };
}
