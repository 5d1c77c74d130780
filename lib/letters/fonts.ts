/**
 * Japanese font for printed letters: BIZ UDPGothic (Morisawa's Universal Design face, SIL OFL 1.1), installed
 * from npm as @expo-google-fonts/biz-udpgothic, a plain TTF package with no dependencies or install scripts.
 * Chosen for readers over 70: UD shapes, open counters, distinct 濁点. PDFKit embeds only the glyphs used.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface LetterFonts {
  regular: string;
  bold: string;
}

const FONT_PACKAGE = "@expo-google-fonts/biz-udpgothic";

function fontsUnder(root: string): LetterFonts {
  return {
    regular: path.join(root, "400Regular", "BIZUDPGothic_400Regular.ttf"),
    bold: path.join(root, "700Bold", "BIZUDPGothic_700Bold.ttf"),
  };
}

function resolvedPackageRoot(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`));
  } catch {
    return null;
  }
}

/**
 * The installed font files. Node resolution works in scripts and tests; inside the Next.js server bundle
 * import.meta.url is a virtual "[project]/…" path, so the app's own node_modules is the second place to look.
 */
export function defaultLetterFonts(): LetterFonts {
  const roots = [resolvedPackageRoot(), path.join(process.cwd(), "node_modules", FONT_PACKAGE)].filter((root) => root !== null);
  for (const root of roots) {
    const fonts = fontsUnder(root);
    // The roots are the font package only; the hint keeps Turbopack from tracing the whole project.
    if (existsSync(/*turbopackIgnore: true*/ fonts.regular) && existsSync(/*turbopackIgnore: true*/ fonts.bold)) return fonts;
  }
  throw new Error(`案内文書のフォント（${FONT_PACKAGE}）が見つかりません。npm install を実行してください（探した場所: ${roots.join("、")}）`);
}
