import { furiganaParts } from "@/lib/reservations/messages";

/** Resident text; やさしい日本語's {漢字|かんじ} become <ruby> so every remaining kanji carries its reading. */
export function R({ children }: { children: string }) {
  return (
    <>
      {furiganaParts(children).map((part, i) =>
        typeof part === "string" ? (
          part
        ) : (
          <ruby key={i}>
            {part[0]}
            <rt>{part[1]}</rt>
          </ruby>
        ),
      )}
    </>
  );
}
