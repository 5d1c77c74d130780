import { StepHeader } from "@/components/liff/ui";
import { getDb } from "@/db";
import { getResidentLocale } from "@/lib/i18n/resident";
import { requireResidentPage } from "@/lib/residents/current";
import { SEGMENT_MESSAGES } from "@/lib/segments/messages";
import { getResidentTopics } from "@/lib/segments/queries";
import { SettingsForm } from "./settings-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: SEGMENT_MESSAGES[await getResidentLocale()].settings.title };
}

/** 受信設定: the topics a resident hears about and the language of their messages, each saved on change. */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const resident = await requireResidentPage("/liff/settings");
  const locale = await getResidentLocale();
  const t = SEGMENT_MESSAGES[locale].settings;
  const topics = await getResidentTopics(await getDb(), { residentId: resident.id, locale });
  return (
    <>
      <StepHeader title={t.title} subtitle={t.lead} />
      <SettingsForm topics={topics} locale={locale} languageSaved={(await searchParams).saved === "language"} />
    </>
  );
}
