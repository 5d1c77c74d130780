import type { ResidentLocale } from "../locale";
import en from "./en";
import ja, { type ResidentMessages } from "./ja";
import jaEasy from "./ja-easy";

export type { ResidentMessages };

export const RESIDENT_MESSAGES: Record<ResidentLocale, ResidentMessages> = { ja, "ja-easy": jaEasy, en };
