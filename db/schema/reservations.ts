import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgSequence, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments } from "./departments";
import { residents } from "./residents";
import { staff } from "./staff";

export const CALENDAR_KINDS = ["checkup", "facility"] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** A question asked at booking: free text, or one choice among options (e.g. which checkup). */
export type BookingQuestion = { id: string; label: string; required: boolean; options?: string[] };

/**
 * A bookable calendar owned by a department: where, when (weekdays, hours, slot length), how many per slot,
 * and the rules residents book under. Slots are computed from these rules and materialised on first booking.
 */
export const reservationCalendars = pgTable(
  "reservation_calendars",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: CALENDAR_KINDS }).notNull(),
    location: text("location").notNull(),
    description: text("description"),
    /** 0 = Sunday … 6 = Saturday (JST). */
    weekdays: smallint("weekdays").array().notNull(),
    /** Minutes after midnight JST of the first slot's start and of the last slot's end. */
    dayStartMinute: integer("day_start_minute").notNull(),
    dayEndMinute: integer("day_end_minute").notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
    capacity: integer("capacity").notNull(),
    skipHolidays: boolean("skip_holidays").notNull().default(true),
    /** Booking opens this many days before the slot's date and closes this many hours before its start. */
    opensDaysBefore: integer("opens_days_before").notNull().default(60),
    closesHoursBefore: integer("closes_hours_before").notNull().default(24),
    /** Residents may cancel until this many hours before the start; later, they call the department. */
    cancelHoursBefore: integer("cancel_hours_before").notNull().default(24),
    /** Upcoming bookings one resident may hold in this calendar at once. */
    perResidentLimit: integer("per_resident_limit").notNull().default(1),
    /** No-shows (last 365 days) after which LINE booking is refused; null: no limit. */
    noShowLimit: integer("no_show_limit"),
    /** Hour (JST) on the day before at which the reminder goes out. */
    reminderHour: integer("reminder_hour").notNull().default(17),
    /** Minutes a waitlisted resident has to take a freed seat before it passes to the next. */
    waitlistOfferMinutes: integer("waitlist_offer_minutes").notNull().default(120),
    questions: jsonb("questions").$type<BookingQuestion[]>().notNull().default([]),
    requiresJpki: boolean("requires_jpki").notNull().default(false),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("reservation_calendars_department_name").on(table.departmentId, table.name),
    check("reservation_calendars_hours", sql`${table.dayStartMinute} >= 0 and ${table.dayEndMinute} <= 1440 and ${table.dayStartMinute} < ${table.dayEndMinute}`),
    check("reservation_calendars_slot", sql`${table.slotMinutes} between 5 and 720 and ${table.capacity} between 1 and 10000`),
    check("reservation_calendars_rules", sql`${table.opensDaysBefore} between 1 and 400 and ${table.closesHoursBefore} >= 0 and ${table.cancelHoursBefore} >= 0 and ${table.perResidentLimit} >= 1 and ${table.reminderHour} between 0 and 23 and ${table.waitlistOfferMinutes} between 5 and 10080`),
  ],
);

/**
 * Days nobody can book: with a calendar, that calendar's blackout dates; without one, a town-wide closure
 * such as 年末年始 that every calendar skips.
 */
export const reservationClosures = pgTable(
  "reservation_closures",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    calendarId: uuid("calendar_id").references(() => reservationCalendars.id),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("reservation_closures_range", sql`${table.startsOn} <= ${table.endsOn}`), index("reservation_closures_calendar_idx").on(table.calendarId, table.startsOn)],
);

/**
 * A materialised slot. `booked` and `held` (seats held for a waitlist offer) change only by atomic UPDATEs,
 * and the CHECK makes overbooking impossible whatever the application does.
 */
export const reservationSlots = pgTable(
  "reservation_slots",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    calendarId: uuid("calendar_id")
      .notNull()
      .references(() => reservationCalendars.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    capacity: integer("capacity").notNull(),
    booked: integer("booked").notNull().default(0),
    held: integer("held").notNull().default(0),
  },
  (table) => [
    uniqueIndex("reservation_slots_calendar_start").on(table.calendarId, table.startsAt),
    check("reservation_slots_never_overbooked", sql`${table.booked} >= 0 and ${table.held} >= 0 and ${table.booked} + ${table.held} <= ${table.capacity}`),
  ],
);

export const BOOKING_STATUSES = ["booked", "checked_in", "no_show", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_CHANNELS = ["line", "counter"] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

export const bookingNumberSequence = pgSequence("reservation_booking_seq", { startWith: 1 });

export const reservationBookings = pgTable(
  "reservation_bookings",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => reservationSlots.id),
    calendarId: uuid("calendar_id")
      .notNull()
      .references(() => reservationCalendars.id),
    /** Null for a caller or walk-in booked by counter staff; set when the resident links it in LIFF. */
    residentId: uuid("resident_id").references(() => residents.id),
    bookingNumber: text("booking_number").notNull().unique(),
    channel: text("channel", { enum: BOOKING_CHANNELS }).notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull().default("booked"),
    /** Counter bookings: who the booking is for and how to reach them. */
    guestName: text("guest_name"),
    guestPhone: text("guest_phone"),
    answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
    bookedByStaffId: uuid("booked_by_staff_id").references(() => staff.id),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: text("cancelled_by", { enum: ["resident", "staff"] }),
    cancelReason: text("cancel_reason"),
    attendedAt: timestamp("attended_at", { withTimezone: true }),
    reminderQueuedAt: timestamp("reminder_queued_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Invariant: one resident, one live booking per slot, whatever the channel or the timing.
    uniqueIndex("reservation_bookings_one_per_resident_slot").on(table.slotId, table.residentId).where(sql`status <> 'cancelled' and resident_id is not null`),
    index("reservation_bookings_slot_idx").on(table.slotId, table.status),
    index("reservation_bookings_resident_idx").on(table.residentId, table.status),
    index("reservation_bookings_calendar_created_idx").on(table.calendarId, table.createdAt),
    check("reservation_bookings_who", sql`${table.residentId} is not null or ${table.guestName} is not null`),
    check("reservation_bookings_cancelled", sql`(${table.status} = 'cancelled') = (${table.cancelledAt} is not null)`),
  ],
);

export const WAITLIST_STATUSES = ["waiting", "offered", "taken", "expired", "left"] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** Residents waiting for a full slot, served first come first served; an offer holds one seat until it expires. */
export const reservationWaitlist = pgTable(
  "reservation_waitlist",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => reservationSlots.id),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => residents.id),
    status: text("status", { enum: WAITLIST_STATUSES }).notNull().default("waiting"),
    answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
    /** SHA-256 of the link's token; the token itself is only in the LINE message. */
    offerTokenHash: text("offer_token_hash").unique(),
    offeredAt: timestamp("offered_at", { withTimezone: true }),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("reservation_waitlist_one_per_resident_slot").on(table.slotId, table.residentId).where(sql`status in ('waiting', 'offered')`),
    index("reservation_waitlist_queue_idx").on(table.slotId, table.status, table.createdAt),
    index("reservation_waitlist_offer_expiry_idx").on(table.offerExpiresAt).where(sql`status = 'offered'`),
    check("reservation_waitlist_offer", sql`${table.status} <> 'offered' or (${table.offerTokenHash} is not null and ${table.offerExpiresAt} is not null)`),
  ],
);

export type ReservationCalendar = typeof reservationCalendars.$inferSelect;
export type ReservationSlot = typeof reservationSlots.$inferSelect;
export type ReservationBooking = typeof reservationBookings.$inferSelect;
