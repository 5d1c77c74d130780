import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { listDepartmentOptions } from "../departments";
import { CalendarForm } from "../calendar-form";

export const metadata: Metadata = { title: "予約カレンダーの作成" };

export default async function NewCalendar() {
  const actor = await requireStaffPage("reservation.manage");
  const departments = await listDepartmentOptions(await getDb(), departmentsFor(actor, "reservation.manage"));
  return (
    <>
      <PageHeader title="予約カレンダーの作成" />
      <CalendarForm
        departments={departments}
        initial={{
          departmentId: departments[0]?.id ?? "",
          name: "",
          kind: "checkup",
          location: "",
          description: "",
          weekdays: [1, 2, 3, 4, 5],
          dayStart: "09:00",
          dayEnd: "12:00",
          slotMinutes: 30,
          capacity: 10,
          skipHolidays: true,
          opensDaysBefore: 60,
          closesHoursBefore: 24,
          cancelHoursBefore: 24,
          perResidentLimit: 1,
          noShowLimit: null,
          reminderHour: 17,
          waitlistOfferMinutes: 120,
          questions: [],
          requiresJpki: false,
        }}
      />
    </>
  );
}
