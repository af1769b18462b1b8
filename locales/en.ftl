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

## Chat (handlers/). Variables in { } are filled in by the bot; keep them.

start-title = Đôn đốc — the plan follow-up assistant
start-intro = I answer questions about the duties in the plan (what is due, which unit leads, when), remind you before deadlines and collect your unit's progress reports.
start-need-code = To begin, send the invite code the office gave you (8 characters, e.g. K7M2Q9XP).
automated-notice = (This is an automated assistant: its answers are written by a program, not by a person at the office.)
start-registered = Hello { $name } ({ $unit }).
start-menu = Ask in your own words, e.g. "what is due this month?", or choose:
unregistered = Hello! I am Đôn đốc, a plan follow-up assistant for registered officials. You are not registered yet, so I cannot share any information.
registered = You are registered. Hello { $name }, of { $unit }.
registered-admin = You are registered as an administrator. Hello { $name }, of { $unit }.
already-registered = This account is already registered: { $name } ({ $unit }).
invite-invalid = That code is not valid. Check the invite code (8 characters) or ask the office.
invite-expired = That code has expired. Ask the office for a new one.
invite-used-up = That code has been used up. Ask the office for a new one.
invite-revoked = That code was revoked. Please contact the office.
account-blocked = Your account is blocked. Please contact the office.
unsupported-message = I can only read text messages. Type a question or a command, e.g. /help.
unknown-command = There is no command /{ $command }. Type /help to see the commands.
message-too-long = The message is too long (at most { $max } characters). Please send a shorter one.
question-too-long = The question is too long ({ $length } characters, at most { $max }). Please ask more briefly.
admin-only = This command is for administrators only.
button-invalid = That choice is no longer valid. Ask again or type /help.
error-generic = Sorry, something went wrong handling your message. Please try again in a few minutes.
choice-hint = (Reply with the number to choose.)
choice-hint-details = (Choose a number to see the details and report.)
help-intro = Commands:
menu-thangnay = Due this month
menu-tuannay = Due this week
menu-quahan = Overdue
menu-baocao = To report
menu-donvi = My unit's duties
menu-caidat = Settings
cmd-start = start, enter an invite code
cmd-thangnay = what is due this month
cmd-tuannay = what is due this week
cmd-quahan = overdue, not reported done
cmd-donvi = your unit's duties (or name a unit)
cmd-baocao = what your unit still has to report on
cmd-caidat = language, reminders
cmd-lienket = link another platform (Telegram/Zalo)
cmd-huy = skip the note I am waiting for
cmd-trogiup = help
cmd-moi = (admin) create an invite: /invite UNIT-CODE [admin] [uses] [7d]
duty-not-found = That duty was not found (the plan may have been updated).
duty-plan = Plan { $plan }, section { $ref }
duty-window = When: { $window } — { $phase ->
    [open] open now
    [upcoming] upcoming
   *[closed] closed
}
duty-ongoing = When: ongoing
duty-lead = Lead: { $units }
duty-support = With: { $units }
duty-retired = (This duty is no longer in the current plan.)
duty-unit-status = { $unit }: { $status ->
    [done] done
    [in_progress] in progress
    [blocked] blocked
   *[not_started] not started
}
duty-unit-no-report = { $unit }: not reported yet.
duty-report-prompt = Report progress:
status-button = { $status ->
    [done] ✅ Done
    [in_progress] ⏳ In progress
   *[blocked] ⚠️ Blocked
}
status-name = { $status ->
    [done] done
    [in_progress] in progress
    [blocked] blocked
   *[not_started] not started
}
report-saved = Recorded: { $unit } — { $status ->
    [done] done
    [in_progress] in progress
   *[blocked] blocked
}.
report-note-prompt = If you like, send a short note (at most { $max } characters) as your next message, or choose Skip.
report-skip-note = Skip
report-not-responsible = { $unit } neither leads nor coordinates this duty, so it cannot report on it.
note-saved = Note saved. Thank you!
note-too-long = The note is too long ({ $length } characters, at most { $max }). Send a shorter one, or type /cancel to skip.
note-skipped = Note skipped.
nothing-to-cancel = Nothing is waiting.
todo-header = { $unit } has { $count } to report on:
todo-none = { $unit } has reported done on everything that has opened. 👍
more-todo = … and { $count } more.
settings-title = Settings
settings-language = Language: { $language ->
    [en] English
   *[vi] Tiếng Việt
}
settings-reminders = Reminders: { $state ->
    [off] off
    [snoozed] snoozed until { $until }
   *[on] on
}
settings-reminders-off = Turn reminders off
settings-reminders-on = Turn reminders on
settings-snooze-day = Snooze 1 day
settings-snooze-week = Snooze 1 week
settings-unsnooze = Resume reminders
link-code = Your link code (one use, valid { $minutes } minutes):
link-how = On the other platform (Telegram or Zalo), open Đôn đốc and send this code (or /start { $code }).
link-done = { $channel } is now linked to { $name }'s profile.
invite-usage = Usage: /invite UNIT-CODE [admin] [uses] [validity, e.g. 7d]. Example: /invite TU-BTG 5 14d
invite-unknown-unit = No unit "{ $unit }" was found. Use the unit code, e.g. TU-BTG.
invite-created = Invite for { $unit }{ $role ->
    [admin] , as administrator
   *[official] {""}
}: { $uses } use(s), valid { $days } days.
invite-how = The invited person opens Đôn đốc on Telegram or Zalo and sends this code (or /start { $code }).
invite-other-units = That name could also mean: { $units }. If wrong, use the unit code.

## Reminders and the admins' digest.

reminder-header = { $kind ->
    [before-open] ⏰ Reminder: opens { $days ->
        [one] tomorrow
       *[other] in { $days } days
    }
    [open] ⏰ Reminder: opens today
    [before-close] ⏰ Reminder: due { $days ->
        [one] tomorrow
       *[other] in { $days } days
    }
   *[overdue] ⚠️ Overdue: your unit has not reported it done
}
duty-reminders-off = 🔕 No reminders for this
duty-reminders-on = 🔔 Remind me of this again
duty-reminders-now-off = Reminders turned off for: { $duty }
duty-reminders-now-on = Reminders turned on again for: { $duty }
digest-title = Summary for { $date }
digest-opening = Opening in the next 7 days ({ $count }):
digest-closing = Due in the next 7 days ({ $count }):
digest-overdue = Overdue, not reported done ({ $count }):
digest-nothing = Nothing opens, closes or is overdue.
cmd-nhacviec = (admin) the reminder policy and what was sent
reminders-title = Reminders
reminders-policy = Before opening: { $beforeOpen } days · On opening: { $onOpen } · Before closing: { $beforeClose } days · Overdue: { $overdue } · Coordinating units: { $coordinating }
reminders-counts = Pending: { $pending } · Sent: { $sent } · Failed: { $failed } · Cancelled: { $cancelled }
reminders-change = To change it for a plan or a duty: dondoc reminders policy set --plan CODE [--duty KEY] …

## Notices (broadcasts) for admins.

cmd-thongbao = (admin) send a notice: /notice all | unit:CODE | level:district | duty:KEY
broadcast-header = 📢 Notice
broadcast-usage = Usage: /notice all (or unit:TU-BTG, level:district, duty:KEY), then send the text as your next message; or write the text on the lines below.
broadcast-bad-audience = Unknown recipients "{ $audience }".
broadcast-ask-text = Send the notice for { $audience } as your next message (at most { $max } characters), or /cancel.
broadcast-too-long = The notice is too long ({ $length } characters, at most { $max }).
broadcast-preview-title = Notice preview
broadcast-preview = To { $audience }: { $officials } officials — Telegram { $telegram }, Zalo { $zalo }. Nothing is sent until you choose Send.
broadcast-send = 📤 Send
broadcast-discard = Discard
broadcast-discarded = Notice discarded; nothing was sent.
broadcast-already = Notice #{ $id } was already handled ({ $status }).
broadcast-cancel = ⏹ Stop sending
broadcast-progress-title = Notice #{ $id }: { $status ->
    [queued] queued
    [sending] sending
    [done] sent
    [cancelled] stopped
   *[other] { $status }
}
broadcast-progress = Sent { $sent } · Failed { $failed } · Remaining { $remaining } (of { $total })

## The reporting picture for admins.

matrix-title = Reporting { $period }
matrix-none = not reported
matrix-overdue = overdue, not done
cmd-tinhhinh = (admin) reporting picture of a period: /status [September 2012]
status-title = Reporting { $period }
status-none = Nothing is due { $period }.
status-support = coordinating
status-picture = 📊 Picture
status-picture-caption = Completion matrix: { $units } units × { $windows } windows.
status-picture-cut = (Only part fits the picture: { $units } units and { $windows } windows left out; export everything with dondoc report export.)
status-picture-zalo = Zalo takes pictures only by public link: see the picture on Telegram, or use dondoc report matrix.
cmd-canbo = (admin) list officials: /officials [UNIT-CODE]
cmd-khoa = (admin) block an official: /block NUMBER
cmd-mokhoa = (admin) unblock: /unblock NUMBER
cmd-quyen = (admin) change role: /role NUMBER admin|official
officials-all = All officials
officials-none = { $unit }: no official registered yet.
officials-how = ★ admin · 🚫 blocked. /block N, /unblock N, /role N admin|official
officials-unreachable = { $channel } unreachable (no longer sent to): { $reason }
officials-failing = { $channel }: { $count } failed deliveries in a row, still trying ({ $reason })
officials-usage = Usage: /block 12, /unblock 12, /role 12 admin (or official).
officials-changed = Official #{ $id } updated.
officials-unchanged = Official #{ $id } is unchanged.
officials-missing = There is no official #{ $id }.
officials-last-admin = The last administrator (#{ $id }) cannot be blocked or demoted.

## Plan drafts from documents (admins).

extract-too-large = The file is too large (at most { $max } MB).
extract-title = Draft of plan { $code }
extract-summary = Found { $duties } duties, { $windows } windows ({ $dated } dated in the text), { $recurring } recurring; { $uncertain } points to check (marked CHECK), { $newUnits } new units.
extract-next = Review the draft, then import it with:

## Reading a plan document (documentErrorMessage in src/extract/document.ts): one message per kind of refusal.
document-error-too-large = "{ $name }" is too large ({ $size } MB); I read files of at most { $max } MB.
document-error-zip-bomb = "{ $name }" unpacks to far more than any plan, so it was refused.
document-error-corrupt-docx = The Word file "{ $name }" cannot be opened (it is damaged or not a .docx). Save it again as .docx or as plain text (UTF-8) and send it again.
document-error-corrupt-pdf = The PDF "{ $name }" cannot be read (it is damaged). Export it again, or send the .docx.
document-error-encrypted-pdf = The PDF "{ $name }" is protected by a password. Send a copy without one.
document-error-no-text-layer = The PDF "{ $name }" is a scan without a text layer. Reading scans needs OCR: { $install }; or send the .docx or plain text.
document-error-ocr-missing = "{ $name }" is an image; reading images needs OCR: { $install }.
document-error-ocr-failed = Text recognition failed on "{ $name }". Send a clearer scan or the .docx.
document-error-empty = "{ $name }" is empty.
document-error-not-a-plan = "{ $name }" is not an implementation plan: no "KẾ HOẠCH" heading, sections or assigned duties were found.
document-error-unsupported-doc = "{ $name }" is an old Word document (.doc). Open it in Word or LibreOffice, save it as .docx and send it again.
document-error-unsupported-type = I read .txt (UTF-8), .docx, .pdf and scans (.png, .jpg) only, not "{ $name }".
document-error-not-utf8 = "{ $name }" is not UTF-8 text (perhaps TCVN3 or VNI). Save it as UTF-8 and send it again.
document-error-unreadable = The file cannot be read: { $message }

## Web console (admins at a desk): pages, sign-in links, roster, plan review.

cmd-quantri = (admin) a link to the web console: /web
web-link-title = dondoc web console
web-link = Open the link below to sign in. It works once, for { $minutes } minutes, and only for you; do not forward it.
web-sign-in-title = Sign in to the web console
web-sign-in-as = Sign in as { $name }.
web-sign-in-button = Sign in
web-sign-in-needed = You are not signed in, or your session has ended.
web-sign-in-how = To sign in, an admin sends /web to the bot (or runs dondoc admin link) and opens the link it gives.
web-link-refused-title = This link cannot be used
web-link-refused-unknown = This sign-in link is not valid.
web-link-refused-used = This link has been used already. Each link signs in once; ask for a new one.
web-link-refused-expired = This link has expired (10 minutes). Ask for a new one.
web-link-refused-not-admin = Only admins can use the web console.
web-refused-title = Not allowed
web-refused-not-admin = Your account is no longer an admin, so it cannot use this page.
web-csrf-refused = Request refused: the form lacks its protection token (CSRF). Reload the page and try again.
web-error-title = Something went wrong
web-error = The server failed to handle the request. Please try again.
web-not-found = Page not found
web-sign-out = Sign out
web-sign-out-others = Sign out other sessions
web-signed-out-title = Signed out
web-signed-out = You have signed out of the web console.
web-other-sessions-ended = Signed out { $count } other session(s).
web-session-since = Signed in
web-session-last-seen = Last seen
web-session-browser = Browser
web-session-this = this session
web-nav-overview = Overview
web-nav-plans = Plans
web-nav-officials = Officials
web-nav-notices = Notices
web-nav-reminders = Reminders
web-nav-audit = Audit log
web-nav-account = Sessions
web-all = All
web-none = None.
web-yes = yes
web-no = no
web-filter = Filter
web-from = From
web-to = To
web-plan = Plan
web-level = Level
web-unit = Unit
web-window = Window
web-section = Section
web-duty = Duty
web-when = When
web-official = Official
web-kind = Kind
web-platforms = Platforms
web-reason = Reason
web-status = Status
web-progress = Progress
web-newer = Newer
web-older = Older
web-plan-code = Number
web-plan-title = Title
web-plan-issuer = Issued by
web-plan-issued = Date
web-plan-duties = Duties
web-plans-in-force = Plans in force
web-no-plans = No plans yet.
web-windows-this-month = This month's windows
web-no-windows-month = Nothing falls in this month.
web-matrix-title = Completion (units × windows)
web-matrix-size = { $units } units × { $windows } windows; overdue first. Click a cell for the unit's reports.
web-matrix-empty = No windows in this period with these filters.
web-matrix-page = Units: page { $page } of { $pages } · Windows: page { $cols } of { $colPages }
web-units-previous = previous units
web-units-next = next units
web-windows-previous = previous windows
web-windows-next = next windows
web-state-done = Done
web-state-in_progress = In progress
web-state-blocked = Blocked
web-state-none = Not reported
web-state-overdue = Overdue
web-download = Download
web-download-history = report history
web-cell-title = The unit's reports
web-cell-no-reports = The unit has not reported on this window.
web-audit-action = Action
web-audit-actor = By (number)
web-audit-words = Words
web-audit-at = At
web-audit-target = Target
web-audit-details = Details
web-audit-count = { $count } entries
web-reminders-policy = The reminder policy in force
web-reminders-before-open = Days before a window opens
web-reminders-on-open = On the day it opens
web-reminders-before-close = Days before it closes
web-reminders-overdue = Overdue notice
web-reminders-coordinating = Coordinating units too
web-reminders-overrides = Changes per plan or duty
web-reminders-counts = The ledger
web-reminders-upcoming = Next reminders due (next { $days } days)
web-reminders-none-upcoming = No reminders are due.
web-reminders-failed = Failed
web-reminders-sent = Recently sent
web-notice-text = Text (at most { $max } characters)
web-notice-text-short = Text
web-notice-audience = Audience
web-notice-kind = Send to
web-notice-target = Unit, level or duty
web-notice-target-help = A unit code (TU-BTG), a level (district, commune…) or a duty key (KEY or PLAN/KEY); empty for everyone.
web-notice-preview = Preview and count recipients
web-notice-empty = Write the notice first.
web-notice-title = Notice #{ $id }
web-notices-recent = Recent notices
web-officials-count = Officials
web-audience-all = all officials
web-audience-unit = one unit
web-audience-level = one level
web-audience-duty = a duty's units
web-roster-title = Import the roster
web-roster-file = Roster file (.xlsx or .csv)
web-roster-help = Columns: Name, Unit (code or name), Position, Phone, Role (official/admin). At most { $max } MB. Every row is checked first; with any problem nothing is imported.
web-roster-import = Check and import
web-roster-imported = Imported { $count } officials, each with an invite of their own.
web-roster-rejected = Nothing imported: { $bad } of { $total } rows have problems. Fix the file and import it again; no row was written.
web-roster-no-header = No header row with the columns "Name" and "Unit".
web-roster-empty = The file has no rows.
web-roster-too-many = Too many rows (at most { $max }).
web-roster-unreadable = The file cannot be read.
web-roster-missing-name = no name
web-roster-unknown-unit = no unit "{ $unit }"
web-roster-duplicate = same as row { $line }
web-roster-exists = already known (official #{ $id })
web-roster-bad-role = role "{ $role }" is not official or admin
web-roster-bad-phone = phone "{ $phone }" is not a phone number
web-row = Row
web-name = Name
web-position = Position
web-phone = Phone
web-role = Role
web-role-admin = admin
web-role-official = official
web-problems = Problems
web-officials-list = Officials
web-officials-joined-count = { $joined } of { $total } officials have joined.
web-joined = Joined
web-joined-yes = joined
web-joined-no = not yet
web-not-joined = not joined
web-bot-blocked = blocked the bot
web-blocked = blocked
web-last-message = Last message
web-actions = Actions
web-official-block = Block
web-official-unblock = Unblock
web-official-promote = Make admin
web-official-demote = Remove admin
web-invite-new = New invite
web-invite-created = New invite for { $name }: { $code }
web-invite-code = Invite code
web-invite-no-telegram = (no Telegram bot: use the code)
web-invite-zalo = Zalo: send { $code } to the bot
web-invite-valid-until = Valid until { $until }
web-invite-sheets = Printable invite sheets per unit
web-invite-sheet = Invite sheet
web-invite-sheet-help = Print this page (Ctrl+P): one slip per official who has not joined, with the code and a QR code.
web-upload-refused = Upload refused
web-upload-too-large = The file is too large: at most { $max } MB.
web-upload-missing = Choose a file first.
web-upload-wrong-type = Cannot take "{ $name }": only { $types } are accepted.
web-save = Save
web-plans-new = A new plan from its document
web-plans-file = Document (.txt, .docx, .pdf; at most { $max } MB)
web-plans-paste = or paste its text
web-plans-extract = Read it and make a draft
web-plans-drafts = Drafts under review
web-plans-draft-name = File
web-plans-updated = Last edited
web-plans-stored = Plans in the database
web-plans-review = Review
web-plans-already-imported = This draft has been imported (plan { $code }).
web-plans-metadata = The plan
web-plans-field-code = Number
web-plans-field-title = Title
web-plans-field-issuer = Issued by
web-plans-field-place = Place
web-plans-field-issuedOn = Date (YYYY-MM-DD)
web-plans-check = Check
web-plans-proposed-units = New units proposed
web-plans-new-unit = new unit
web-plans-unit-code = Code
web-plans-duties = Duties ({ $count })
web-plans-help = Fields outlined in orange are where the extractor was unsure. Units: codes separated by commas (suggested as you type), or level:district for every unit of a level. Windows: one a line, YYYY-MM-DD..YYYY-MM-DD, optionally "every 6 months", "until YYYY-MM-DD". Each change is saved at once.
web-plans-lead = Lead
web-plans-support = Coordinating
web-plans-windows = Windows, recurrence
web-plans-source = Source passage
web-plans-others = outside the unit tree
web-plans-line = line { $line }
web-plans-table-row = table { $table }, row { $row }
web-plans-merge = Merge up
web-plans-merge-help = Merge this duty into the one above
web-plans-delete = Delete
web-plans-add = Add a duty
web-plans-validate = Validate
web-plans-import = Import…
web-plans-yaml = Download the YAML draft
web-plans-discard = Discard the draft
web-plans-invalid = The draft has { $count } problem(s), shown at their fields.
web-plans-valid = The draft validates: it can be imported.
web-plans-not-saved = Not saved
web-plans-dry-run = A dry run (nothing written yet): this is what would change.
web-plans-confirm-import = Confirm the import
web-plans-back-to-draft = Back to the draft
web-plans-import-title = Import of plan { $code }
web-plans-imported = Plan { $code } imported.
web-plans-gone = This draft is gone (imported or discarded).
web-plans-outcome = Plan { $code }: { $outcome }
web-plans-diff-added = Added
web-plans-diff-changed = Changed
web-plans-diff-retired = Retired (kept: reports refer to them)
web-plans-diff-removed = Removed
web-plans-diff-unchanged = Unchanged: { $count }
web-plans-diff-units = New units
web-plans-diff-levels = New levels
web-plans-edit-source = edit the passage

## follow-up statistics

followup-window = On time { $onTime } · Late { $late } · Open { $open } · Overdue { $overdue }{ $overdue ->
    [0] {""}
   *[other] {" "}(up to { $days } days)
}
followup-days-late = { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
followup-days-overdue = { $days ->
    [one] 1 day overdue
   *[other] { $days } days overdue
}
followup-units-title = Completion rates per unit { $period }
followup-total = Total
followup-rates = { $windows } unit windows; on time { $onTime }, late { $late }, open { $open }, overdue { $overdue } — done { $doneRate }%, on time { $onTimeRate }%
followup-admins-only = Sorry, only administrators can ask this. You can ask about your own unit, for example "what does my unit have to do?".
followup-late-none = Nothing was done late { $period }.
followup-late-header = { $count } unit windows done late { $period }:
followup-silent-none = Every unit has reported { $period }.
followup-silent-header = { $count } units have not reported { $period }:
followup-silent-line = { $windows } not reported{ $overdue ->
    [0] {""}
   *[other] , { $overdue } of them overdue
}
followup-more = … and { $count } more.
followup-label-on-time = On time
followup-label-late = Late
followup-label-open = Open
followup-label-overdue = Overdue
followup-label-rates = Done { $doneRate }% · on time { $onTimeRate }% · overdue { $overdueRate }%

## escalation and leaders

reminder-overdue-days = ⚠️ { $days } days overdue: your unit has not reported it done
reminder-nudge = 🔔 Please report: your unit has not reported on this
escalation-header = 🚨 For leaders: { $days } days overdue
escalation-body = { $unit } has not reported “{ $duty }” [{ $ref }] done, { $days } days after the deadline.
nudge-button = 🔔 Remind the units that have not reported
nudge-sent = Reminded { $count } officials of the units that have not reported.
nudge-already = Already reminded today ({ $count } officials).
nudge-closed = No unit needs reminding.
web-role-leader = Leader

## confirmation, extensions, evidence
cmd-xacnhan = (admin) completions awaiting confirmation and extension requests: /confirm
cmd-giahan = ask for more time: /extend 3 15/10 because …
confirm-none = No completion awaits confirmation and no extension request is open.
confirm-header = Waiting for the assigning body: { $count }
confirm-button-ok = Confirm
confirm-button-return = Return
confirm-reason-prompt = Send the reason for returning it (at most { $max } characters). Type /cancel to stop.
confirm-forbidden = Only admins of the assigning body may confirm or decide this.
confirm-already = This has already been decided.
confirm-done = Completion of { $unit } confirmed.
confirm-returned = The report of { $unit } was returned; the unit will be told the reason.
report-awaits-confirmation = The completion counts once the assigning body confirms it.
evidence-line = document { $number } of { $date }
extension-line = { $unit } asks to extend «{ $title }» from { $from } to { $to }
extension-button-approve = Approve
extension-button-refuse = Refuse
extension-button-ask = Ask for more time
extension-prompt = Send the new deadline and the reason, e.g.: 15/10 because the figures are late. Type /cancel to stop.
extension-unparsed = I could not read a date. Example: 15/10 because the figures are late.
extension-usage = Usage: /extend 3 15/10 because … (3 is the number in /report).
extension-no-item = There is no such item; /report lists { $count }.
extension-reason-missing = Please give a reason, e.g.: 15/10 because the figures are late.
extension-not-later = The new deadline must be after the current one ({ $date }).
extension-already = A request to extend to { $date } is already waiting.
extension-requested = Request to extend to { $date } sent; waiting for the assigning body.
extension-approved = Extension for { $unit } to { $date } approved.
extension-refused = Extension for { $unit } to { $date } refused.
evidence-saved = Evidence file { $name } saved with the report.
evidence-too-large = The file is too large: at most { $max } MB. Send a smaller one, or put the document's number and date in the note.
evidence-files = Evidence: { $count } file(s)
confirm-unit-confirmed = The assigning body confirmed the completion of:
confirm-unit-returned = The assigning body returned the completion (reason: { $reason }); it counts as not done:
confirm-admin-new = { $unit } reports done, awaiting confirmation:
extension-unit-approved = The assigning body approved the extension to { $date }:
extension-unit-refused = The assigning body refused the extension to { $date }:
extension-admin-new = { $unit } asks to extend from { $from } to { $to }:

## calendar feeds (/calendar)
cmd-lich = a private calendar address (Google Calendar, Outlook, iPhone) with your unit's deadlines: /calendar
calendar-title = 📅 Deadlines calendar of { $unit }
calendar-created = Your private calendar address. Do not share it: anyone who has it can read the calendar.
calendar-how =
    How to add it:
    • Google Calendar (on a computer): Settings → Add calendar → From URL, paste the address.
    • Outlook: Add calendar → Subscribe from web, paste the address.
    • iPhone: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar.
    The calendar updates itself every few hours; extended deadlines move on their own.
calendar-existing = You have had a calendar address for { $unit } since { $date }. dondoc keeps only a fingerprint of it, so it cannot be shown again. Choose “New address” to get another one (the old one stops working).
calendar-button-new = New address
calendar-button-revoke = Revoke
calendar-revoked = The calendar address is revoked; subscribed calendars stop updating. Send /calendar for a new one.
calendar-none = That calendar address was already revoked or replaced.
calendar-no-public-address = The office has not set a public address for dondoc (PUBLIC_BASE_URL), so no calendar address can be given yet. Please tell an admin.
calendar-loopback = There is no public address (PUBLIC_BASE_URL): the address below opens only on the machine running dondoc.
calendar-not-yours = You can get your own unit's calendar only; admins give out other units' calendars.
calendar-unknown-unit = No unit “{ $unit }” found. For example: /calendar TU-BTG
calendar-description = The windows and deadlines of { $unit } in the plans dondoc follows.
calendar-event-due = Due { $date } · { $title }
calendar-event-plan = Plan { $code }: { $title }
calendar-event-ref = Item { $ref }
calendar-event-role = Role: { $role ->
    [lead] lead
   *[support] coordinating
}
calendar-event-role-short = { $role ->
    [lead] Lead
   *[support] Coordinating
}
calendar-event-window = Window: { $from } – { $to }
calendar-event-extended = Extended to { $date }
calendar-event-status = The unit's status: { $state } (reported: { $reported })
calendar-event-footer = Calendar made by dondoc from the plans; report progress in the chat with the bot.
## Unit work groups (/group): linking a Telegram group, posting reminders and notices there, answers in the group
cmd-nhom = (admin) a unit's work group: /group UNIT-CODE in the group to link it; /group on | off | unlink
group-use-private = Please use your private chat with the bot.
group-not-for-you = Please message the bot privately to ask about your unit's work: { $link }
group-report-private = Report in your private chat with the bot: { $link }
group-private-only = This command works in your private chat with the bot: { $link }
group-not-linked = This group is not linked to a unit. An admin types /group UNIT-CODE (or the unit's name) here to link it.
group-linked = This group is now linked to { $unit }. Members mention the bot to ask about the unit's work; reports still go to the bot privately.
group-moved = The group's link moved from { $from } to { $unit }.
group-status = This group is linked to { $unit }. Reminders and notices to the group: { $on ->
    [on] on
   *[off] off
}. Type /group on or /group off to change it.
group-delivery-changed = Reminders and notices of { $unit } to its linked groups: { $on ->
    [on] on
   *[off] off
}.
group-unlinked = This group is no longer linked to { $unit }.
group-unknown-unit = No unit "{ $unit }". Type the unit's code, e.g. /group TU-BTG.
group-ambiguous-unit = Several units match "{ $unit }": { $codes }. Please type the unit's code.
group-list-none = No group is linked yet. Add the bot to the unit's Telegram group, then type /group UNIT-CODE there.
group-list-header = Linked work groups ({ $count }):
group-list-line = { $title } — { $unit } — posts to the group: { $on ->
    [on] on
   *[off] off
}
group-list-inactive = the bot is no longer in the group ({ $reason })
group-list-how = In private chat: /group on UNIT-CODE or /group off UNIT-CODE turns a unit's group posts on or off.
group-header-notice = 📢 Notice to { $unit }
## Periodic report drafts (.docx): dondoc report draft, the /tinhhinh button, the console's download.
draft-number = No.:      /{ $number }
draft-nation = SOCIALIST REPUBLIC OF VIETNAM
draft-motto = Independence - Freedom - Happiness
draft-place-date = { $place }, … … { $year }
draft-title = REPORT
draft-subtitle = Results of implementing Plan No. { $code } of { $issuedOn } by { $issuer }
draft-section-situation = I. OVERVIEW
draft-section-results = II. RESULTS DUTY BY DUTY
draft-section-statistics = III. STATISTICS BY UNIT
draft-section-limitations = IV. SHORTCOMINGS AND DIFFICULTIES
draft-section-next = V. TASKS FOR THE NEXT PERIOD
draft-situation = In { $period }, Plan No. { $code } has { $windows } dated windows, assigned to { $units } units, { $cells } unit tasks in all. Figures as of { $today }.
draft-situation-counts = Results: done on time { $onTime }; done late { $late }; open within the deadline { $open }; overdue { $overdue }.
draft-situation-rates = Done { $doneRate }; done on time { $onTimeRate }; overdue { $overdueRate }.
draft-no-duties = The plan has no dated duty in { $period }.
draft-plan-section = Section { $key }. { $heading }
draft-plan-section-bare = Section { $key }
draft-window = Window: { $from } to { $to }.
draft-silent = Not reported ({ $count } units)
draft-silent-overdue = { $count } of them overdue
draft-support = Coordinating units: { $units }.
draft-lead-done-on-time = done on time
draft-lead-done-late = done, { $days } days late
draft-lead-awaiting = reported done, awaiting confirmation
draft-lead-status = { $status ->
    [in_progress] in progress
    [blocked] blocked
    [done] done
   *[other] not reported
  }
draft-lead-open = within the deadline
draft-lead-overdue = { $days } days overdue
draft-lead-note = note: “{ $note }”
draft-lead-evidence = document No. { $number }
draft-lead-evidence-dated = document No. { $number } of { $date }
draft-lead-files = { $count } evidence files
draft-lead-reported = reported on { $date }
draft-statistics-intro = Figures as of { $today } (a unit task is one unit in one window):
draft-table-number = No.
draft-table-unit = Unit
draft-table-cells = Unit tasks
draft-table-on-time = On time
draft-table-late = Late
draft-table-open = Open
draft-table-overdue = Overdue
draft-table-rate = Done rate
draft-total = Total
draft-blocked-intro = { $count } unit tasks were reported blocked:
draft-blocked-no-note = no reason given
draft-overdue-intro = { $count } units have overdue tasks:
draft-overdue-unit = { $unit }: { $count } overdue, the longest { $days } days.
draft-late-intro = { $count } unit tasks were done late, among them:
draft-late-row = { $unit } ({ $ref }): { $days } days late.
draft-more = … and { $count } more.
draft-no-limitations = No difficulties or overdue tasks were recorded in the period.
draft-next-intro = In { $period }, { $count } windows of the plan open:
draft-next-none = No window of the plan opens in { $period }.
draft-next-lead = lead: { $units }
draft-and-more = and { $count } more units
draft-recipients = Recipients:
draft-recipients-list = - { $issuer } (for information);
    - The units assigned;
    - Archive.
draft-on-behalf = ON BEHALF OF { $body }
draft-signer-title = (Title of the signer)
draft-signer-hint = (Signature and seal)
draft-signer-name = (Full name)
draft-button = 📄 Draft report { $plan }
draft-caption = Draft report on the results of Plan No. { $plan } ({ $period }).
draft-plan-missing = This plan is no longer in the system.
draft-admins-only = Sorry, report drafts are for administrators only.
draft-period-invalid = The report period is not valid.
web-draft-title = Periodic report draft
web-draft-period = Period
web-draft-button = Download the draft (.docx)
web-draft-hint = For example: 2012-H2, 2012, 2012-Q3, 2012-09 or 2012-07-01..2012-12-31.
web-draft-invalid = The period is not valid: use 2012, 2012-H1, 2012-H2, 2012-Q3, 2012-09 or 2012-07-01..2012-12-31.
draft-zalo = Zalo takes no .docx files from dondoc. Download the draft from the web console: { $url }
