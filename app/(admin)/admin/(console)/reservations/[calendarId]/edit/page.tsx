import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { departmentsFor } from "@/lib/auth/permissions";
import { requireStaffPage } from "@/lib/auth/session";
import { hhmmOf } from "@/lib/reservations/rules";
import { CalendarForm } from "../../calendar-form";
import { listDepartmentOptions } from "../../departments";
import { loadCalendarForStaff } from "../../load-calendar";

export const metadata: Metadata = { title: "予約カレンダーの設定" };

export default async function EditCalendar({ params }: { params: Promise<{ calendarId: string }> }) {
  const actor = await requireStaffPage("reservation.manage");
  const c = await loadCalendarForStaff(actor, (await params).calendarId, "reservation.manage");
  const departments = await listDepartmentOptions(await getDb(), departmentsFor(actor, "reservation.manage"));
  return (
    <>
      <PageHeader title={`${c.name} の設定`} description="変更は新しく作られる枠に使われます。予約のある枠の定員は変わりません。" />
      <CalendarForm
        calendarId={c.id}
        departments={departments}
        initial={{
          departmentId: c.departmentId,
          name: c.name,
          kind: c.kind,
          location: c.location,
          description: c.description ?? "",
          weekdays: c.weekdays,
          dayStart: hhmmOf(c.dayStartMinute),
          dayEnd: hhmmOf(c.dayEndMinute),
          slotMinutes: c.slotMinutes,
          capacity: c.capacity,
          skipHolidays: c.skipHolidays,
          opensDaysBefore: c.opensDaysBefore,
          closesHoursBefore: c.closesHoursBefore,
          cancelHoursBefore: c.cancelHoursBefore,
          perResidentLimit: c.perResidentLimit,
          noShowLimit: c.noShowLimit,
          reminderHour: c.reminderHour,
          waitlistOfferMinutes: c.waitlistOfferMinutes,
          questions: c.questions,
          requiresJpki: c.requiresJpki,
        }}
      />
    </>
  );
}
