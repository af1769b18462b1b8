# dondoc replies in English. Variables: $period (e.g. "September 2012"), $count, $unit, $words.

due-header = Due { $period } ({ $count }):
due-none = Nothing is due { $period }.
unit-header = { $unit }: duties { $period } ({ $count }):
unit-header-all = { $unit }: duties ({ $count }):
unit-none = { $unit } has no duties { $period }.
unit-none-all = No duties are assigned to { $unit }.
unit-ongoing = Ongoing
mine-without-unit = You are not registered with a unit yet, so I do not know which unit "my" means. Name the unit, e.g. "What does the propaganda board have to do?"
when-header = When:
when-none = No duty matches "{ $words }".
overdue-header = Overdue, not reported done{ $period } ({ $count }):
overdue-none = Nothing is overdue{ $period }.
overdue-missing = { $count ->
    [one] not reported: { $units }
   *[other] { $count } units not reported: { $units }
}
more = … and { $count } more. Ask more narrowly (by month or by unit).
lead = lead: { $units }
support = with: { $units }
deadline-in-period = due in period
open-now = open now
help =
    I am Đôn đốc, the plan follow-up assistant. You can ask, for example:
examples =
    • "What's due this month?"
    • "What does the propaganda board have to do in Q3?"
    • "When is the district-level review?"
unknown = Sorry, I did not understand. Try questions like these:
level-province = province-level units
level-district = district committees and equivalents
level-grassroots = grassroots committees
level-cell = party cells
heading-month = { $monthName } { $year }
heading-ongoing = Ongoing
period-day = on { $date }
period-month = in { $monthName } { $year }
period-quarter = in Q{ $quarterNumber } { $year }
period-half = { $half ->
    [1] in the first half of { $year }
   *[2] in the second half of { $year }
}
period-year = in { $year }
period-range = from { $from } to { $to }
period-upcoming = in the next 30 days
period-recent = in the last 12 months
