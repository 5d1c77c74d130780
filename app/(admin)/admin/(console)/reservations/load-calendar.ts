import "server-only";
import { forbidden, notFound } from "next/navigation";
import { getDb } from "@/db";
import { canInDepartment, type Action, type StaffActor } from "@/lib/auth/permissions";
import { getCalendarById } from "@/lib/reservations/queries";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The calendar of a page, or 404; 403 when the staff member's departments do not include its owner. */
export async function loadCalendarForStaff(actor: StaffActor, calendarId: string, action: Action = "reservation.view") {
  if (!UUID.test(calendarId)) notFound();
  const calendar = await getCalendarById(await getDb(), { calendarId });
  if (!calendar) notFound();
  if (!canInDepartment(actor, action, calendar.departmentId)) forbidden();
  return calendar;
}
