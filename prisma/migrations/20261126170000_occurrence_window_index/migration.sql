-- Each occurrence's window as a date range, indexed with GiST: "which windows overlap this period" is then
-- bounded at both ends. The b-tree on ("endsOn", "startsOn") bounds only "endsOn" >= the period's start, so
-- a past period read every window stored after it. Prisma's schema cannot describe an expression index;
-- this migration is hand-written and the schema is unchanged.
CREATE INDEX "Occurrence_window_idx" ON "Occurrence" USING gist (daterange("startsOn", "endsOn", '[]'));
