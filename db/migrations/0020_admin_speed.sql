-- Report tallies: signed deltas per (program, status, channel, hour of submission in Japan, representative's age band,
-- duplicate flag), appended by statement triggers in the same statement as each change to filings. Append-only, so
-- concurrent writers never wait on a counter row nor deadlock on one; the report sums them and now and then folds
-- a program's rows into one per key.
CREATE TABLE "filing_tallies" (
	"program_id" uuid NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"hour" smallint NOT NULL,
	"age_band" smallint NOT NULL,
	"duplicate_suspected" boolean NOT NULL,
	"filings" integer NOT NULL,
	"points" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "filing_tallies" ADD CONSTRAINT "filing_tallies_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "filing_tallies_program_idx" ON "filing_tallies" USING btree ("program_id");
--> statement-breakpoint
CREATE FUNCTION filing_age_band(reference date, birth date) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE WHEN date_part('year', age(reference, birth)) < 30 THEN 0
               WHEN date_part('year', age(reference, birth)) < 50 THEN 1
               WHEN date_part('year', age(reference, birth)) < 70 THEN 2
               ELSE 3 END)::smallint
$$;
--> statement-breakpoint
-- Each change to filings appends the moves between tallies it makes, in the same statement.
CREATE FUNCTION filing_tallies_on_filings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO filing_tallies (program_id, status, channel, hour, age_band, duplicate_suspected, filings, points)
    SELECT f.program_id, f.status, f.channel, extract(hour FROM f.submitted_at AT TIME ZONE 'Asia/Tokyo')::smallint, filing_age_band(p.reference_date, m.birth_date), f.duplicate_suspected, sum(f.sign)::int, sum(f.sign * f.points)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) f JOIN household_members m ON m.id = f.representative_member_id JOIN benefit_programs p ON p.id = f.program_id
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(f.sign) <> 0 OR sum(f.sign * f.points) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO filing_tallies (program_id, status, channel, hour, age_band, duplicate_suspected, filings, points)
    SELECT f.program_id, f.status, f.channel, extract(hour FROM f.submitted_at AT TIME ZONE 'Asia/Tokyo')::smallint, filing_age_band(p.reference_date, m.birth_date), f.duplicate_suspected, sum(f.sign)::int, sum(f.sign * f.points)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) f JOIN household_members m ON m.id = f.representative_member_id JOIN benefit_programs p ON p.id = f.program_id
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(f.sign) <> 0 OR sum(f.sign * f.points) <> 0;
  ELSE
    INSERT INTO filing_tallies (program_id, status, channel, hour, age_band, duplicate_suspected, filings, points)
    SELECT f.program_id, f.status, f.channel, extract(hour FROM f.submitted_at AT TIME ZONE 'Asia/Tokyo')::smallint, filing_age_band(p.reference_date, m.birth_date), f.duplicate_suspected, sum(f.sign)::int, sum(f.sign * f.points)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 AS sign FROM new_rows n) f JOIN household_members m ON m.id = f.representative_member_id JOIN benefit_programs p ON p.id = f.program_id
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(f.sign) <> 0 OR sum(f.sign * f.points) <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER filing_tallies_insert AFTER INSERT ON filings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION filing_tallies_on_filings();
--> statement-breakpoint
CREATE TRIGGER filing_tallies_update AFTER UPDATE ON filings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION filing_tallies_on_filings();
--> statement-breakpoint
CREATE TRIGGER filing_tallies_delete AFTER DELETE ON filings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION filing_tallies_on_filings();
--> statement-breakpoint
-- A representative's corrected birth date moves their filings to another age band.
CREATE FUNCTION filing_tallies_on_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO filing_tallies (program_id, status, channel, hour, age_band, duplicate_suspected, filings, points)
  SELECT f.program_id, f.status, f.channel, extract(hour FROM f.submitted_at AT TIME ZONE 'Asia/Tokyo')::smallint, filing_age_band(p.reference_date, b.birth_date), f.duplicate_suspected, sum(b.sign)::int, sum(b.sign * f.points)
  FROM (SELECT o.id, o.birth_date, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.birth_date IS DISTINCT FROM o.birth_date
        UNION ALL SELECT n.id, n.birth_date, 1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.birth_date IS DISTINCT FROM o.birth_date) b
  JOIN filings f ON f.representative_member_id = b.id JOIN benefit_programs p ON p.id = f.program_id
  GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(b.sign) <> 0 OR sum(b.sign * f.points) <> 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER filing_tallies_members AFTER UPDATE ON household_members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION filing_tallies_on_members();
--> statement-breakpoint
-- A changed reference date moves every filing of the program to other age bands: recount the program.
CREATE FUNCTION filing_tallies_recount(program uuid) RETURNS void LANGUAGE sql AS $$
  DELETE FROM filing_tallies WHERE program_id = program;
  INSERT INTO filing_tallies (program_id, status, channel, hour, age_band, duplicate_suspected, filings, points)
  SELECT f.program_id, f.status, f.channel, extract(hour FROM f.submitted_at AT TIME ZONE 'Asia/Tokyo')::smallint, filing_age_band(p.reference_date, m.birth_date), f.duplicate_suspected, count(*)::int, sum(f.points)
  FROM filings f JOIN household_members m ON m.id = f.representative_member_id JOIN benefit_programs p ON p.id = f.program_id
  WHERE f.program_id = program
  GROUP BY 1, 2, 3, 4, 5, 6;
$$;
--> statement-breakpoint
CREATE FUNCTION filing_tallies_on_programs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM filing_tallies_recount(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER filing_tallies_programs AFTER UPDATE OF reference_date ON benefit_programs FOR EACH ROW WHEN (OLD.reference_date IS DISTINCT FROM NEW.reference_date) EXECUTE FUNCTION filing_tallies_on_programs();
--> statement-breakpoint
-- The report's household count, as signed deltas appended by every statement that adds, removes or moves households.
CREATE TABLE "household_tallies" (
	"program_id" uuid NOT NULL,
	"households" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_tallies" ADD CONSTRAINT "household_tallies_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "household_tallies_program_idx" ON "household_tallies" USING btree ("program_id");
--> statement-breakpoint
CREATE FUNCTION household_tallies_on_households() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO household_tallies (program_id, households) SELECT program_id, count(*)::int FROM new_rows GROUP BY 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO household_tallies (program_id, households) SELECT program_id, -count(*)::int FROM old_rows GROUP BY 1;
  ELSE
    INSERT INTO household_tallies (program_id, households)
    SELECT program_id, sum(sign)::int FROM (SELECT program_id, -1 AS sign FROM old_rows UNION ALL SELECT program_id, 1 AS sign FROM new_rows) d
    GROUP BY 1 HAVING sum(sign) <> 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER household_tallies_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tallies_on_households();
--> statement-breakpoint
CREATE TRIGGER household_tallies_update AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tallies_on_households();
--> statement-breakpoint
CREATE TRIGGER household_tallies_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION household_tallies_on_households();
--> statement-breakpoint
INSERT INTO household_tallies (program_id, households) SELECT program_id, count(*)::int FROM households GROUP BY 1;
--> statement-breakpoint
-- Folds a program's deltas into one row per key. Only rows this transaction sees are deleted and re-added summed, so
-- deltas appended meanwhile stay; a second folder at the same time skips (the lock) instead of deadlocking on the rows.
CREATE FUNCTION filing_tallies_compact(program uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('filing-tallies:' || program::text)) THEN
    RETURN;
  END IF;
  WITH moved AS (DELETE FROM filing_tallies WHERE program_id = program RETURNING *)
  INSERT INTO filing_tallies (program_id, status, channel, hour, age_band, duplicate_suspected, filings, points)
  SELECT program_id, status, channel, hour, age_band, duplicate_suspected, sum(filings)::int, sum(points)
  FROM moved GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(filings) <> 0 OR sum(points) <> 0;
  WITH moved AS (DELETE FROM household_tallies WHERE program_id = program RETURNING *)
  INSERT INTO household_tallies (program_id, households) SELECT program, sum(households)::int FROM moved HAVING count(*) > 0;
END
$$;
--> statement-breakpoint
SELECT filing_tallies_recount(id) FROM benefit_programs;
--> statement-breakpoint
-- The report's median time to grant reads the middle of this index instead of sorting every granted filing.
CREATE INDEX "filings_grant_hours_idx" ON "filings" USING btree ("program_id", (extract(epoch from "granted_at" - "submitted_at"))) INCLUDE ("granted_at","submitted_at") WHERE status = 'granted';
--> statement-breakpoint
-- The duplicates screen's "changed since the last scan" reads these instead of joining every filing to its household.
CREATE INDEX "filings_program_updated_idx" ON "filings" USING btree ("program_id","updated_at");
--> statement-breakpoint
CREATE INDEX "households_program_updated_idx" ON "households" USING btree ("program_id","updated_at");
--> statement-breakpoint
CREATE INDEX "audit_log_entity_action_idx" ON "audit_log" USING btree ("entity","entity_id","action","at");
