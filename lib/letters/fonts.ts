/**
 * Japanese font for printed letters: BIZ UDPGothic (Morisawa's Universal Design face, SIL OFL 1.1), installed
 * from npm as @expo-google-fonts/biz-udpgothic, a plain TTF package with no dependencies or install scripts.
 * Chosen for readers over 70: UD shapes, open counters, distinct 濁点. PDFKit embeds only the glyphs used.
 */
import { createRequire } from "node:module";
import path from "node:path";

export interface LetterFonts {
  regular: string;
  bold: string;
}

export function defaultLetterFonts(): LetterFonts {
  const packageJson = createRequire(import.meta.url).resolve("@expo-google-fonts/biz-udpgothic/package.json");
  const root = path.dirname(packageJson);
  return {
    regular: path.join(root, "400Regular", "BIZUDPGothic_400Regular.ttf"),
    bold: path.join(root, "700Bold", "BIZUDPGothic_700Bold.ttf"),
  };
}
