import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { upsertResidentByLineUserId } from "./residents";
import { getResidentLocaleById, residentLocaleOrDefault, saveResidentLocale } from "./locale";

describe("resident locale", () => {
  it("defaults to Japanese and keeps the chosen language", async () => {
    const db = await getDb();
    const { resident } = await upsertResidentByLineUserId(db, { lineUserId: `U${"ab".repeat(16)}` });
    expect(await getResidentLocaleById(db, resident.id)).toBe("ja");
    await saveResidentLocale(db, { residentId: resident.id, locale: "en" });
    expect(await getResidentLocaleById(db, resident.id)).toBe("en");
    await saveResidentLocale(db, { residentId: resident.id, locale: "ja-easy" });
    expect(await getResidentLocaleById(db, resident.id)).toBe("ja-easy");
  });

  it("the database refuses an unknown language", async () => {
    const db = await getDb();
    const { resident } = await upsertResidentByLineUserId(db, { lineUserId: `U${"cd".repeat(16)}` });
    await expect(db.execute(`update residents set locale = 'fr' where id = '${resident.id}'`)).rejects.toThrow();
    expect(residentLocaleOrDefault("fr")).toBe("ja");
  });
});
