# Steward's English catalogue: every user-facing text, by key (Project Fluent).

## Dates in words

day-mon = Mon
day-tue = Tue
day-wed = Wed
day-thu = Thu
day-fri = Fri
day-sat = Sat
day-sun = Sun
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## The agenda card

card-next-title = Next gathering: { $title }
card-roles-open = Agenda roles ({ $count } open)
card-roles-all-taken = Agenda roles (all taken)
card-roles-continued = Agenda roles (continued)
card-role-open = open
card-who-is-coming = Who is coming
card-moved-from = Moved from { $when }
card-cancelled = Cancelled: { $title }
card-withdrawn = No longer scheduled: { $title }
card-superseded = This agenda card was replaced by a newer one: { $link }
rsvp-going = Going ({ $count })
rsvp-counts = · Maybe: { $maybe } · Can't go: { $no }
rsvp-members = { $count } members
rsvp-and-more = { $names } and { $count } more
answer-going = Going
answer-maybe = Maybe
answer-no = Can't go
button-claim = Claim { $role }
button-release = Release { $role }
menu-claim = Claim a role ({ $count } open)…
menu-release = Release a role…

## Reminders and role prompts

reminder-title = Coming up: { $title }
reminder-roles = Roles
reminder-starts = ⏰ **{ $title }** starts { $relative } ({ $when }).
reminder-holders = Role holders: { $holders }.
dm-reminder = ⏰ Reminder from **{ $community }**: **{ $title }** starts { $relative } ({ $when }).
dm-reminder-going = You answered *going*. Changed your plans? Update your answer in { $channel }.
link-open-card = Open the agenda card
prompt-still-open = Still open for **{ $title }** on { $when }: { $roles }.
prompt-suggestion = • { $role }: perhaps { $members }? (has not held it lately)

## Refusals and errors

refusal-organizer-only-role = Only organizers can do that. Ask an organizer: { $role } (or someone with the Manage Server permission).
refusal-organizer-only = Only organizers can do that. Ask someone with the Manage Server permission (they can also name an organizer role with `/community settings organizer_role`).
error-internal = Something went wrong on our side (ref { $reference }). Please try again in a moment; if it keeps happening, give this ref to whoever runs the bot.
error-guild-only = Steward works in server channels: use this command in your community's channel.

## /help

help-title = Steward — the coordinator's helper for communities of practice
help-intro = Steward keeps your community's rhythm of gatherings in its own time zone, gets agenda roles claimed, reminds people exactly once, tracks who comes, and archives what you learn. Each community lives in one channel: set it up there, then use the commands in that channel.
help-footer = Organizer commands need Manage Server or the community's organizer role.
help-message-menu = Message menu
help-member-menu = Member menu
help-menu-line = { $target } menu **{ $menu }** (right-click a { $target } → Apps) — { $about }
help-target-message = message
help-target-member = member

## The welcome card

welcome-title = { $name } is set up in this channel
welcome-text = This channel is now the home of **{ $name }**, a community of practice that meets in the **{ $zone }** time zone (it is { $time } there now). Steward will keep its calendar, get agenda roles claimed, remind people and archive what you learn.
welcome-next-step = Next step, for organizers
welcome-next-step-text = Set the rhythm with `/gathering schedule` (e.g. the first Friday of each month, 13:00–16:00), or add one date with `/gathering add`. The agenda card of the next gathering then appears here.
welcome-taking-part = Taking part
welcome-taking-part-text = On the agenda card: **Claim** a role (opener, sharing challenges, …) and answer **Going**, **Maybe** or **Can't go**. `/gathering mine` shows your roles and answers; `/note add` archives what you learned.
welcome-footer = /help lists every command · organizers see every setting in /community info
field-organizers = Organizers
field-reminders = Reminders
field-role-prompts = Role prompts

## Change notices and attendance

notice-moved-title = Gathering moved
notice-moved = **{ $title }** moves from { $from } to { $to } ({ $relative }).
notice-cancelled-title = Gathering cancelled
notice-cancelled = **{ $title }** on { $when } is cancelled.
notice-reason = Reason: { $reason }
notice-roles-freed = Roles freed: { $roles }. Thank you for stepping up.
harvest-ended = 🌱 **{ $title }** has ended. Were you there? Press **I was there** (until 7 days from now). What you learned is worth keeping: press **Add practice note** to archive it for the group.
harvest-there = There ({ $count }): { $members }
harvest-add-note = Add practice note
harvest-i-was-there = I was there
attendance-none = Attendance for **{ $title }** on { $when }: 0 recorded.
attendance-some = Attendance for **{ $title }** on { $when }: { $count } recorded: { $members }.
attendance-pick = Pick members below to mark who came (up to 25 at a time), or to take someone off the list.
attendance-mark = Mark who came
attendance-take-off = Take someone off the list
attendance-added = Added { $count }.
attendance-removed = Removed { $count }.

## Roles

role-claimed = You hold **{ $role }** for **{ $title }** on { $when }. Thank you!
role-released = **{ $role }** for **{ $title }** on { $when } is open again.
role-released-for = **{ $role }** for **{ $title }** on { $when } is open again (it was held by { $holder }).
role-assigned = { $member } holds **{ $role }** for **{ $title }** on { $when } (assigned by { $by }).
role-assign-over = **{ $role }** for **{ $title }** on { $when } is held by { $holder }. Give it to { $member } instead? { $holder } will be told. (Dismiss this message to leave it as it is.)
role-give-button = Give the role to them
role-reassigned = { $member } holds **{ $role }** for **{ $title }** on { $when } now, instead of { $previous } (assigned by { $by }).
role-assign-done = Done: { $member } holds **{ $role }** now.
role-assign-changed = **{ $role }** changed hands since you asked: nothing was changed. Run `/role assign` again to see who holds it now.

## Settings in words (both languages from here; the domain keeps settings as values)

words-off = off
words-on = on
words-each-gathering = { $offsets } each gathering
words-next = { $words } (next { $next })
words-and = and
words-before = { $offsets } before
words-prompt-before = { $offsets } each gathering, while roles are open
words-prompt-weekly = { $days } at { $time }, while roles are open
words-prompt-cron = on the cron schedule `{ $expression }`, while roles are open
words-every-day = Every day
words-weekdays = Weekdays
every-mon = Mondays
every-tue = Tuesdays
every-wed = Wednesdays
every-thu = Thursdays
every-fri = Fridays
every-sat = Saturdays
every-sun = Sundays
unit-day = { $count ->
        [one] day
       *[other] days
    }
unit-hour = { $count ->
        [one] hour
       *[other] hours
    }
unit-minute = { $count ->
        [one] minute
       *[other] minutes
    }

## Edits of gatherings and series

edit-notice-title = Gathering changed
edit-notice = **{ $title }** on { $when } changes.
edit-now-was = Now { $now } (was { $was }).
edit-place-was = Place: { $now } (was { $was }).
edit-no-place = no place given
edit-roles-stay = Roles and answers stay as they are.
series-new-rhythm-title = New rhythm
series-changed-title = Gatherings changed
series-new-rhythm = **{ $title }** has a new rhythm from { $from }: { $rhythm }, { $times }.
series-changes = **{ $title }** changes from { $from } on.
series-time = Time: { $times }.
series-place = Place: { $place }.
series-off = Off the calendar: { $dates }.
series-freed = Roles freed on those dates: { $roles }. Thank you for stepping up.
series-new-dates = New dates: { $dates }.
series-kept = { $count } gathering(s) keep their date, roles and answers.

## Lists and the calendar

scheduled-title = Scheduled: { $title }
scheduled-next-dates = Next dates
scheduled-footer = Dates show in your own time zone · /gathering list shows what is coming up
scheduled-reminders = { $offsets } each gathering, to fit this rhythm (organizers can change it with `/community settings reminders`).
list-count-range = `count` goes from 1 to 25.
list-none = No gatherings coming up. Organizers can set the rhythm with `/gathering schedule` or add one date with `/gathering add`.
list-title = Coming up in { $name }
list-footer = Times show in your own zone · the community meets in { $zone }
next-none = No gathering is coming up. Organizers can schedule one with `/gathering schedule`.
status-moved = moved
status-cancelled = cancelled
calendar-years = I can show the calendar for the years up to { $last }. Try `year:{ $year }`.
calendar-out-of-range = That year is out of range.
calendar-this-server = this server
calendar-none = No gatherings in { $year } for { $scope }.
calendar-more = … and { $count } more: `/gathering export` has them all.
calendar-title = { $year } calendar — { $scope } ({ $count } dates)

## /community info and list

on = On
off = Off
language-name = English
info-of-channel = Community of practice of { $channel }.
info-page-names = On, with names — { $page }
info-page-counts = On, counts only, no names — { $page }
info-page-no-address = On (the bot has no public address yet: `http.public_url`)
info-public-page = Public page
info-next = Next gathering
info-attention = ⚠️ Needs attention
info-set-up-on = Set up on { $date }
info-none-scheduled = None scheduled yet: organizers can set the rhythm with `/gathering schedule`.
info-time-zone = Time zone
info-zone-now = { $zone } (it is { $time } there now)
info-dm-reminders = DM reminders
info-one-role = One role per member
info-times = Times
info-language = Language
info-agenda-roles = Agenda roles
info-no-roles = None: organizers can add some with `/role template add`.
organizers-role = { $role } and members with Manage Server
organizers-manage-server = Members with Manage Server
list-communities-none = No communities in this server yet. A member with Manage Server can set one up in any channel with `/community setup name timezone`.
list-communities-next = next: { $when } ({ $relative })
list-communities-no-gathering = no gathering scheduled
list-communities-title = Communities in this server ({ $count })

## Commands and options (descriptions registered with Discord)

cmd-community = Set up and look after the community of practice of this channel
cmd-community-setup = Bind this channel to a new community of practice (needs Manage Server)
opt-community-setup-name = The community's name, e.g. Facilitation Circle Phoenix
opt-community-setup-timezone = Its IANA time zone, e.g. America/Phoenix (start typing to search)
opt-community-setup-organizer_role = Members with this role are organizers (besides Manage Server)
cmd-community-settings = Change this community's name, time zone, language, times, reminders or role prompts (organizers)
opt-community-settings-name = A new name
opt-community-settings-timezone = A new IANA time zone, e.g. Europe/London
opt-community-settings-organizer_role = Organizer role (pick @everyone to remove it)
opt-community-settings-reminders = Reminder offsets before each gathering, e.g. 7d,1d,2h,15m (or off)
opt-community-settings-role_prompt = When to nudge about open roles: mon 10:00, 14d,7d,3d (before each gathering), or off
opt-community-settings-dm_reminders = Also DM reminders to members who answered going
opt-community-settings-one_role_per_member = Allow each member at most one agenda role per gathering
opt-community-settings-public_page = Publish a page anyone can read: next gatherings, places, open roles, calendar link
opt-community-settings-public_names = Also show role holders' and attendees' names on that page
opt-community-settings-time_format = How times read in this community: 24h (13:00) or 12h (1 pm)
opt-community-settings-language = The community's language for its cards and posts: en or fr
cmd-community-info = Show this community's settings, agenda roles and next gathering
cmd-community-list = List every community of practice in this server
cmd-community-delete = Delete this channel's community and all its data (needs Manage Server)
cmd-gathering = Plan, move and look up this community's gatherings
cmd-gathering-schedule = Set a recurring rhythm of gatherings (organizers)
opt-gathering-schedule-title = What the gatherings are called, e.g. Monthly practice session
opt-gathering-schedule-frequency = How often
opt-gathering-schedule-day = Which weekday
opt-gathering-schedule-start = Start time, e.g. 13:00 or 1:00pm
opt-gathering-schedule-end = End time, e.g. 16:00 or 4pm (01:00+1 for the next day)
opt-gathering-schedule-week = For monthly/yearly: which week of the month
opt-gathering-schedule-months = Only in these months, e.g. oct,jan,apr or sep-may
opt-gathering-schedule-first_date = Start from this date (YYYY-MM-DD); default today
opt-gathering-schedule-location = Where: an address, a link, or a voice channel
cmd-gathering-add = Add a single gathering on a date (organizers)
opt-gathering-add-date = The date, YYYY-MM-DD
opt-gathering-add-start = Start time, e.g. 13:00 or 1:00pm
opt-gathering-add-end = End time, e.g. 16:00 or 4pm
opt-gathering-add-title = Its title (default: the community's name + gathering)
opt-gathering-add-location = Where: an address, a link, or a voice channel
cmd-gathering-list = Upcoming gatherings of this community
opt-gathering-list-count = How many (1–25, default 5)
opt-gathering-list-public = Post the answer for the channel
cmd-gathering-next = Post the agenda card of the next gathering
cmd-gathering-mine = Your upcoming roles and answers in every community of this server
cmd-gathering-move = Move one gathering to another date or time (organizers)
opt-gathering-move-gathering = Which gathering
opt-gathering-move-new_date = The new date, YYYY-MM-DD
opt-gathering-move-start = New start time (default: unchanged)
opt-gathering-move-end = New end time (default: same length)
opt-gathering-move-reason = Why (shown in the notice)
cmd-gathering-cancel = Cancel one gathering (organizers)
opt-gathering-cancel-gathering = Which gathering
opt-gathering-cancel-reason = Why (shown in the notice)
cmd-gathering-edit = Change a gathering's title, time or place, or its series from it on (organizers)
opt-gathering-edit-gathering = Which gathering
opt-gathering-edit-title = New title
opt-gathering-edit-start = New start time, e.g. 13:00 or 1pm (same day; /gathering move changes the day)
opt-gathering-edit-end = New end time, e.g. 16:00 or 4pm (01:00+1 for the next day)
opt-gathering-edit-location = New place: an address, a link, a voice channel, or none to remove it
opt-gathering-edit-apply_to = This gathering only (default), or the series from it on
cmd-gathering-reschedule = Change a series' rhythm from a date on (organizers)
opt-gathering-reschedule-series = Which series
opt-gathering-reschedule-frequency = How often from now on
opt-gathering-reschedule-day = Which weekday
opt-gathering-reschedule-week = For monthly/yearly: which week of the month
opt-gathering-reschedule-months = Only in these months, e.g. oct,jan,apr or sep-may
opt-gathering-reschedule-start = New start time (default: unchanged), e.g. 13:00 or 1pm
opt-gathering-reschedule-end = New end time (default: same length), e.g. 16:00 or 4pm
opt-gathering-reschedule-from_date = From this date on (YYYY-MM-DD); default: the next gathering
cmd-gathering-end-series = Stop a recurring series after its last past gathering (organizers)
opt-gathering-end-series-series = Which series
cmd-gathering-calendar = Every date of a year, one line each
opt-gathering-calendar-year = Which year (default: this year)
opt-gathering-calendar-scope = This community, or every community of the server
opt-gathering-calendar-public = Post the answer for the channel
cmd-gathering-export = This community's calendar as an .ics file
opt-gathering-export-public = Post the file for the channel
cmd-gathering-feed = This community's subscribable calendar link
cmd-gathering-feed-reset = Replace the calendar link: the old one stops working (organizers)
cmd-role = Claim, release and assign agenda roles; edit the role list
cmd-role-claim = Take a role on the agenda of the next gathering (or another one)
opt-role-claim-role = Which role
opt-role-claim-gathering = Which gathering (default: the next one)
cmd-role-release = Give a role back (its holder, or an organizer)
opt-role-release-role = Which role
opt-role-release-gathering = Which gathering (default: the next one)
cmd-role-assign = Give a role to a member (organizers)
opt-role-assign-role = Which role
opt-role-assign-member = Who takes it
opt-role-assign-gathering = Which gathering (default: the next one)
cmd-role-agenda = Add or remove a role on one gathering's agenda (organizers)
opt-role-agenda-gathering = Which gathering
opt-role-agenda-action = Add or remove
opt-role-agenda-name = The role, e.g. Timekeeper (up to 50 characters)
cmd-role-template = View or edit the list of agenda roles
cmd-role-template-view = The agenda roles of this community
cmd-role-template-add = Add a role to the agenda (organizers)
opt-role-template-add-name = The role, e.g. Timekeeper (up to 50 characters)
cmd-role-template-remove = Remove a role from the agenda (organizers)
opt-role-template-remove-name = Which role
cmd-role-template-reset = Go back to the default roles (organizers)
cmd-role-history = Who held which role over the last 12 gatherings
opt-role-history-member = Only this member's roles
opt-role-history-public = Post the answer for the channel
cmd-rsvp = Say whether you will come to the next gathering (or another one)
opt-rsvp-answer = Going, maybe, or no
opt-rsvp-gathering = Which gathering (default: the next one)
cmd-attendance = Record and review who came
cmd-attendance-record = Mark who came to a gathering (organizers)
opt-attendance-record-gathering = Which gathering (recent ones are listed)
cmd-attendance-report = Attendance per gathering and per member, and who is core, active or occasional
opt-attendance-report-months = How many months back (1–24, default 6)
opt-attendance-report-format = embed (default) or csv
opt-attendance-report-public = Post the answer for the channel
cmd-note = Archive, find and export the community's practice notes
cmd-note-add = Archive a practice note (opens a form for its title and text)
opt-note-add-kind = What kind of note
opt-note-add-tags = Tags, e.g. check-in, openers (up to 10)
opt-note-add-gathering = The gathering it comes from (default: one that ended in the last 7 days)
cmd-note-search = Search the practice notes: best matches first, with snippets
opt-note-search-query = Words to find, e.g. check-in round
opt-note-search-kind = Only this kind
opt-note-search-tag = Only notes with this tag
opt-note-search-author = Only notes by this member
opt-note-search-public = Post the answer for the channel
cmd-note-list = List the practice notes, newest first
opt-note-list-gathering = Only notes from this gathering
opt-note-list-kind = Only this kind
opt-note-list-tag = Only notes with this tag
opt-note-list-author = Only notes by this member
opt-note-list-public = Post the answer for the channel
cmd-note-show = Show one practice note in full
opt-note-show-id = The note's number, e.g. 12
opt-note-show-public = Post it for the channel
cmd-note-edit = Edit a practice note (its author or an organizer)
opt-note-edit-id = The note's number, e.g. 12
cmd-note-delete = Delete a practice note (its author or an organizer; asks to confirm)
opt-note-delete-id = The note's number, e.g. 12
cmd-note-export = Download the community's practice notes (Markdown, CSV or JSON)
opt-note-export-format = File format (default: markdown)
opt-note-export-public = Post the file for the channel
cmd-archive_message = Archive this message as a practice note (opens a form prefilled from it)
opt-archive_message-message = The message to archive
cmd-privacy = What Steward stores about you and this server, and for how long
cmd-forget-me = Remove your answers, attendance and role history in this server
cmd-help = What Steward does and its commands
menu-archive_message = Archive as practice note

## Choice names (English: the names are the interface)

choice-12h = 12h
choice-24h = 24h
choice-add = add
choice-best-practice = best practice
choice-challenge = challenge
choice-community = community
choice-csv = csv
choice-discovery = discovery
choice-embed = embed
choice-evaluation = evaluation
choice-every-2-weeks = every-2-weeks
choice-first = first
choice-fourth = fourth
choice-friday = friday
choice-going = going
choice-guild = guild
choice-json = json
choice-last = last
choice-markdown = markdown
choice-maybe = maybe
choice-monday = monday
choice-monthly = monthly
choice-no = no
choice-query = query
choice-remove = remove
choice-resource = resource
choice-saturday = saturday
choice-second = second
choice-story = story
choice-sunday = sunday
choice-third = third
choice-this = this
choice-this-and-following = this-and-following
choice-thursday = thursday
choice-tuesday = tuesday
choice-wednesday = wednesday
choice-weekly = weekly
choice-yearly = yearly
choice-en = en
choice-fr = fr

## The public pages (the community's language; the list and a missing page follow the browser)

page-community-title = { $name } — gatherings
page-all-communities = All communities
page-zone = A community of practice. Times are in { $zone }.
page-next = Next gatherings
page-none-scheduled = No gathering is scheduled yet.
page-subscribe-title = Add these dates to your calendar
page-subscribe-once = Subscribe once: moves and cancellations follow on their own.
page-subscribe-webcal = Subscribe (Apple Calendar, Outlook)
page-ics-link = Calendar link (.ics)
page-google = In Google Calendar: Other calendars → From URL, and paste the calendar link.
page-footer = Published by the community's organizers with Steward. Members take roles and answer on Discord.
page-moved = (moved)
page-where = Where: { $place }
page-all-taken = Every agenda role is taken.
page-open-roles = Open roles: { $roles }
page-holders-label = Who holds which role
page-going = { $count ->
        [0] Nobody has said they are going yet.
       *[other] { $count } going
    }
page-and-more = { $names } and { $count } more
page-index-title = Communities of practice
page-index-intro = The communities on this server that publish their gatherings.
page-index-none = No community publishes its page here yet.
page-index-next = Next: { $title },
page-index-none-scheduled = No gathering scheduled yet.
page-index-footer = Steward: a Discord bot for communities of practice.
page-404-title = Not found
page-404-heading = Nothing here
page-404-text = This page does not exist, or its community does not publish it.
page-unavailable = Steward cannot read its calendar right now; try again in a minute.

## The agenda template and the role history

role-template-empty = No agenda roles. Organizers can add some with `/role template add`.
role-template-title = Agenda roles of { $name }
role-template-footer = Changes reach every upcoming gathering on which no role has been claimed yet
role-template-added = Added **{ $role }**.
role-template-removed = Removed **{ $role }**.
role-template-reset = Back to the default roles.
role-template-no-roles = no roles
role-template-now = { $what } The agenda is now: { $roles }.
role-template-from-now = It applies to every gathering from now on.
role-template-reached = It reaches every upcoming gathering with no role claimed yet: { $dates }.
role-template-kept = These keep their agenda, since a role is already claimed on them (or it was set for that date with `/role agenda`): { $dates }.
list-and-more = and { $count } more
role-history-none = No past gatherings yet: the history fills as gatherings happen.
role-history-member-none = { $member } held no role in the last { $count } gatherings.
role-history-member = { $member } in the last { $count } gatherings:
    { $lines }
role-history-member-title = Role history
role-history-no-roles = no roles held
role-history-everyone = everyone has
role-history-title = Role history — last { $count } gatherings
role-history-not-lately = Not held lately

role-not-for-bots = Roles are for members, not bots.

## Claims and releases refused

agenda-closed-cancelled = **{ $title }** on { $when } was cancelled: its agenda is closed.
agenda-closed-withdrawn = **{ $title }** on { $when } was taken off the calendar: its agenda is closed.
agenda-closed-started = **{ $title }** on { $when } has already started: its agenda is closed.
claim-already-yours = You already hold **{ $role }**.
claim-held-by = **{ $role }** is already held by { $holder }.
claim-one-per-member = In this community each member holds at most one role per gathering, and you hold **{ $other }**. Release it first if you would rather take **{ $role }**.
claim-changed-hands = That role just changed hands; please try again.
release-not-yours = Only { $holder }, who holds **{ $role }**, or an organizer can release it.
release-open = Nobody holds **{ $role }**: it is open.

## One gathering's own agenda, and the member who cannot come

agenda-added = Added **{ $role }** to the agenda of **{ $title }** on { $when } only (the template stays as it is). The card shows it.
agenda-removed = Removed **{ $role }** from the agenda of **{ $title }** on { $when } only (the template stays as it is).
agenda-just-claimed = { $holder } had just claimed it and no longer holds it.
agenda-remove-held = **{ $role }** on **{ $title }** ({ $when }) is held by { $holder }. Take it off this agenda anyway? { $holder } will be told. (Dismiss this message to leave it as it is.)
agenda-remove-button = Remove the role and tell them
agenda-changed-meanwhile = The agenda changed meanwhile; look at the card and try again.
agenda-changed-since = The agenda changed since this question; nothing was removed. Run `/role agenda` again.
agenda-removed-told = { $holder }: **{ $role }** is no longer on the agenda of **{ $title }** on { $when } (taken off by { $by }). Thank you for stepping up.
free-your-roles = You hold { $roles } at **{ $title }**. Free it so that someone else can take it?
rsvp-noted = Noted: **{ $answer }** for **{ $title }** on { $when }. You can change your answer any time.

## The participation report

report-months-range = `months` goes from 1 to 24.
report-none = No gatherings in the last { $months } months yet.
report-gathering-line = `{ $day }` { $title } — going { $going } · came { $came }
report-member-line = { $member } — came { $came }/{ $held } · roles { $roles }
report-title = Participation in { $name } — last { $months } months
report-held = { $count ->
        [one] { $count } gathering held.
       *[other] { $count } gatherings held.
    } Core: came to at least two thirds; active: at least a third.
report-per-gathering = Per gathering (newest first)
report-per-member = Per member
report-community = The community
report-csv = Participation of **{ $name }** as CSV (one row per gathering and member).
report-csv-description = Attendance of { $name }
tier-core = core
tier-active = active
tier-occasional = occasional

## /gathering mine

mine-none = You hold no role and have not answered for any upcoming gathering in this server. `/gathering next` shows the next one here; `/rsvp` answers and `/role claim` takes a role.
mine-title = Your next gatherings
mine-nudge-title = Open roles you have not held lately
mine-nudge = At **{ $title }** ({ $when }): { $roles } — take one with `/role claim`.
mine-you-hold = you hold { $roles }
mine-you-answered = you answered **{ $answer }**
mine-card-link = [card]({ $url })
button-stale = This button belongs to an older card. Use `/gathering next` for a fresh one.
role-not-on-agenda = That role is no longer on this agenda.
click-done-card-shows = Done: the card of **{ $title }** shows it.

## The calendar file and link, one-offs and ended series, notices on their way

export-text = The calendar of **{ $name }**: import it into Google Calendar, Outlook or Apple Calendar.
export-description = Calendar of { $name } (iCalendar)
export-subscribe = **Subscribe** to stay up to date (moves and cancellations follow within hours):
    • Google Calendar: *Other calendars → From URL*, paste <{ $feed }>
    • Apple Calendar or Outlook: open `{ $webcal }`
    Anyone with the link can read the dates; organizers can replace it with `/gathering feed reset`.
feed-reset = The calendar link of **{ $name }** was replaced: the old one stops working now, and calendars subscribed to it stop updating. The new link:
feed-reset-no-address = The calendar link of **{ $name }** was replaced: the old one stops working now. This bot has no public address (`http.public_url`), so no link can be shown; ask whoever runs it.
added-title = Added: { $title }
series-ended-title = Series ended
series-ended = **{ $title }** ({ $rule }) ends here: { $count ->
        [one] { $count } upcoming date is
       *[other] { $count } upcoming dates are
    } taken off the calendar. Past gatherings and their notes stay.
place-not-voice = { $channel } is not a voice channel of this server. A gathering's place can be a voice channel (type `#` and pick it), an address, or a link.
notice-on-its-way = Done: the notice “{ $title }” is being posted in this channel.

## Scheduling, adding, moving and cancelling refused

first-date-too-old = `first_date` { $date } is more than one period in the past. Leave it out to start from today, or give a date from { $earliest } on.
default-gathering-title = { $name } gathering
add-in-the-past = That date and time is in the past. Give one still to come.
add-vanished = The gathering vanished right after it was added; please try again.
move-cancelled-meanwhile = That gathering was cancelled meanwhile; nothing was moved.
cancel-over = That gathering is already over; only upcoming ones can be cancelled.
cancel-already = That gathering was already cancelled.
series-already-ended = That series has already ended.
series-unknown = No series of this community matches that. Start typing and pick one from the list.

## Editing and rescheduling refused

edit-nothing-given = Nothing to change: give a new `title`, `start`, `end` or `location` (`none` removes the place).
edit-no-change = That is already how the gathering is; nothing changed.
edit-cancelled-meanwhile = That gathering was cancelled meanwhile; nothing was changed.
edit-one-off = That gathering is a one-off, not part of a series: leave out `apply_to` (or pick `this`) to change it.
edit-not-upcoming = That gathering has started or is not on; pick an upcoming one of the series.
edit-time-past = The new time is already past on that gathering's day. Pick a later time, or the next gathering.
series-not-here = That series is not this community's.
series-ended-schedule-new = That series has ended; schedule a new one with `/gathering schedule`.
series-changed-meanwhile = That series ended or changed meanwhile; nothing was changed.
series-change-touches-past = That change would touch a gathering already started or put one in the past ({ $when }); give a later `from_date`, or a later time.
from-date-past = `from_date` { $date } is in the past. Give today ({ $today }) or a later date, or leave it out for the next gathering.
reschedule-started = The gathering of { $date } has already started; give a `from_date` after it.
reschedule-no-change = That is already the series' rhythm and time; nothing changed.
button-other-channel = This button belongs to another channel's community.
reschedule-preview-old = That preview is out of date (its first date has passed); run `/gathering reschedule` again.
reschedule-calendar-changed = The calendar changed since this preview, so it would withdraw other dates; run `/gathering reschedule` again to see them.

## Editing and rescheduling done, and the preview of a reschedule

edit-done = Done: **{ $title }** — { $when } · { $place }.
edit-done-told = The change notice is being posted in this channel; the card, the scheduled event and the calendar follow.
edit-done-title-only = Only the title changed, so no notice is posted; the card, the scheduled event and the calendar follow.
series-edited-from = from { $date }
series-edited = Done: **{ $title }**{ $from } on — { $count ->
        [one] { $count } gathering changed, keeping
       *[other] { $count } gatherings changed, each keeping
    } its roles and answers. The cards, the scheduled events and the calendar follow; a notice is posted when a time or place changed.
rescheduled = Done: **{ $title }** is now { $rule } from { $from }. Kept: { $kept }; withdrawn: { $withdrawn }; new: { $added }. The notice is being posted in this channel; the cards, the scheduled events and the calendar follow.
reschedule-preview = **{ $title }** would become { $rule } from { $from }.
    { "**" }Withdrawn** (their roles freed, holders and those going told): { $dates }.
reschedule-preview-kept = **Kept** with their roles and answers: { $dates }.
reschedule-preview-new = **New**: { $dates }.
reschedule-preview-confirm = Confirm to apply it, or cancel to leave the series as it is.
reschedule-confirm-button = Confirm the new rhythm
reschedule-cancel-button = Cancel
reschedule-kept = Nothing changed: the series keeps its rhythm.

## A series' rhythm in words

rule-weekly = every { $day }
rule-fortnightly = every other { $day }
rule-monthly = monthly on the { $week } { $day }
rule-yearly = yearly on the { $week } { $day }
rule-on-days = on { $day }s
rule-in-months = { $rule }, in { $months }
week-first = first
week-second = second
week-third = third
week-fourth = fourth
week-last = last
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

## What a settings change did, one line per setting

setting-name = name: **{ $from }** → **{ $to }**
setting-time-zone = time zone: { $from } → { $to }
setting-organizer-role = organizer role: { $from } → { $to }
setting-no-role = none
setting-language = language: { $from } → { $to }
setting-times = times: { $from } → { $to }
setting-reminders = reminders: { $from } → { $to }
setting-role-prompts = role prompts: { $from } → { $to }
setting-dm-reminders = DM reminders: { $from } → { $to }
setting-one-role = one role per member: { $from } → { $to }
setting-public-page = public page: { $from } → { $to }
setting-public-names = names on the public page: { $from } → { $to }

## Times of day on the community's clock, a date with its times, a time zone in the picker

clock-am = { $time } am
clock-pm = { $time } pm
date-with-times = { $day }, { $times }
zone-label = { $city } · { $zone } · UTC{ $offset } now

## Input errors: what was typed is refused, with what a good value looks like

input-time-example = Write a time as `13:00` (24 h), `1:00pm` / `1pm`, or `13h` / `13h30`.
input-not-a-date = `{ $typed }` is not a date. Write it as `YYYY-MM-DD`, e.g. `2026-03-06`.
input-not-a-time = `{ $typed }` is not a time. { input-time-example }
input-not-a-time-of-day = `{ $typed }` is not a time of day (hours go from 00 to 23). { input-time-example }
input-end-before-start = The end ({ $end }) must be after the start ({ $start }). A gathering that runs past midnight needs its end marked as the next day, e.g. `end:01:00+1`.
input-gathering-too-long = A gathering can last at most 24 hours.
input-offsets-example = Write offsets like `7d,1d,2h,15m` (d = days, also `j`; h = hours, m = minutes; from 5m to 90d, at most 6), or `off` for no reminders.
input-offsets-then = { $for ->
        [prompt] { input-offsets-example } ({ input-prompt-example })
       *[reminders] { input-offsets-example }
    }
input-offset-twice = `{ $typed }` is given twice. { input-offsets-then }
input-offsets-none = No reminder offset given. { input-offsets-then }
input-offsets-too-many = That is { $count } reminders. { input-offsets-then }
input-offset-not = `{ $typed }` is not a reminder offset. { input-offsets-then }
input-offset-out-of-range = `{ $typed }` is out of range. { input-offsets-then }
input-prompt-example = Write `mon 10:00` (a weekday and a time: Mondays at 10:00; `mon,thu 18:30` for two days), `14d,7d,3d` (before each gathering, while roles are open), or `off`. Experts may give a cron: 5 fields as in crontab (`0 10 * * 1`: 1 = Monday, 0 or 7 = Sunday) or 6 with seconds first.
input-prompt-none = No role prompt given. { input-prompt-example }
input-prompt-day-no-time = `{ $typed }` has a day but no time. { input-prompt-example }
input-prompt-not-a-time = `{ $typed }` is not a time of day. { input-prompt-example }
input-prompt-not-weekly = `{ $typed }` is not a weekday and time. { input-prompt-example }
input-prompt-fields = `{ $typed }` is neither a weekday and time nor a cron ({ $count ->
        [one] { $count } field
       *[other] { $count } fields
    }; a cron has 5 or 6). { input-prompt-example }
input-prompt-both-days = `{ $typed }` restricts both the day of the month and the weekday; give one of them (the other `*`). { input-prompt-example }
input-prompt-weekday-field = `{ $typed }` is not a weekday field (use 0–7 as in crontab, or names like `mon,thu`). { input-prompt-example }
input-prompt-not-cron = `{ $typed }` is not a cron expression ({ $error }). { input-prompt-example }
input-prompt-never = `{ $typed }` never fires. { input-prompt-example }
input-prompt-too-often = `{ $typed }` would prompt every { $unit ->
        [second] { $count ->
            [one] { $count } second
           *[other] { $count } seconds
        }
       *[minute] { $count ->
            [one] { $count } minute
           *[other] { $count } minutes
        }
    }; role prompts come at most once an hour (the bot's posts are shared by every community). { input-prompt-example }
input-months-example = Write months like `oct,jan,apr`, or a range like `sep-may` (wrapping over the new year).
input-months-none = No month given. { input-months-example }
input-not-a-month = `{ $typed }` is not a month. { input-months-example }
input-week-not-weekly = `week` only applies to monthly and yearly series (e.g. monthly on the first Friday). Leave it out for weekly ones.
input-week-needed = Monthly and yearly series need `week`: first, second, third, fourth or last (e.g. `week:first day:friday` for the 1st Friday).
input-rule-unusable = That rule cannot be used: { $error }
input-rule-no-date = That rule gives no date in the next two years. Check `week`, `day` and `months`.
input-title-empty = The title is empty. Give it one, e.g. `Monthly practice session`.
input-title-too-long = The title has { $chars } characters; keep it to { $max } or fewer.
input-location-too-long = The location has { $chars } characters; keep it to { $max } or fewer (an address or a link).
input-place-empty = The place is empty. Give an address, a link or a voice channel, or `none` to remove it.
input-move-cancelled = That gathering was cancelled; add a new one with `/gathering add`.
input-move-over = That gathering is already over; only upcoming ones can be moved.
input-move-past = The new time is in the past. Pick a date and time still to come.
input-name-empty = The name is empty. Give the community a name such as `Facilitation Circle Phoenix`.
input-name-too-long = The name has { $chars } characters; keep it to { $max } or fewer.
input-reason-too-long = Keep the reason to { $max } characters or fewer.
input-role-empty = The role name is empty. Give one such as `Timekeeper`.
input-role-too-long = The role name has { $chars } characters; keep it to { $max } or fewer.
input-role-already = `{ $role }` is already on the agenda.
input-roles-too-many = An agenda holds at most { $max } roles.
input-role-unknown-none = `{ $typed }` is not a role: this agenda has no roles.
input-role-unknown = `{ $typed }` is not a role on this agenda. The roles are: { $roles }.
input-rsvp-cancelled = That gathering was cancelled: there is nothing to answer.
input-rsvp-started = That gathering has already started: answers are closed.
input-attend-cancelled = That gathering was cancelled.
input-attend-not-started = That gathering has not started yet: say you were there once it has begun.
input-attend-too-late = It is more than { $days } days since that gathering ended; ask an organizer to record your attendance.
input-record-cancelled = That gathering was cancelled: nobody came.
input-record-not-yet = That gathering has not happened yet: attendance is recorded once it has started.
input-zone-empty = Please give a time zone, for example `America/Phoenix` or `Europe/London`.
input-zone-unknown = `{ $typed }` is not a time zone I know. Use an IANA name such as `America/Phoenix`, `Europe/London` or `Australia/Sydney`: start typing and pick one from the list.
input-zone-unknown-suggest = { input-zone-unknown } Did you mean { $suggestions }?

## What Steward keeps, and data care (/privacy, /forget-me, /community delete)

privacy-what-is-kept = **What Steward keeps** (in its own database, for this server only):
    • each community's settings, gatherings, agenda roles and who held them;
    • your answers (going, maybe, can't go) and whether you came;
    • the practice notes people archive, with their author's id and display name;
    • the automatic posts it has sent (to send each once);
    • only where a community shows names on its public web page (`public_names`), the name this server shows for you, from when you last used the bot in its channel (deleted when names are turned off).
    It keeps no messages it is not given, no e-mail and nothing from other servers.
privacy-how-long = **For how long**: until it is removed. `/forget-me` removes your answers, attendance, role history and any name kept for a public page in this server now (your notes stay, credited to "a former member"; delete them first with `/note delete` if you want them gone). A member with Manage Server can remove a whole community with `/community delete`. If the bot is removed from the server, all its work stops at once and the server's data is deleted after { $days } days.
privacy-forget-me-confirm = This removes **your answers (going, maybe, can't go), your attendance, your role history and any name kept for a public page** in every community of this server, for good. Your practice notes stay, credited to "a former member" (delete them first with `/note delete` if you want them gone). Press the button to go on; otherwise, just dismiss this message.
privacy-forget-me-button = Forget me in this server
privacy-delete-needs-manage-server = Only a member with Manage Server can delete a community. Ask one of your server's admins.
privacy-delete-confirm = This deletes **{ $name }** for good: its settings, every gathering and series, agenda roles, answers, attendance and all { $count } practice notes. Scheduled events already on Discord stay (delete them there if you like). Press the button to go on; otherwise, just dismiss this message.
privacy-delete-button = Delete this community
privacy-server-only = Use this in a server channel.
privacy-forget-me-not-yours = This button is for the member who asked. Use `/forget-me` yourself.
privacy-forgotten = Done: { $answers } answers, { $attendance } attendance records and { $roles } role claims of yours were removed in this server; { $notes } of your notes stay, credited to "a former member".
privacy-delete-refused = Only a member with Manage Server can delete a community.
privacy-delete-gone = This community is already gone (or the button belongs to another channel).
privacy-deleted = **{ $name }** and all its data are deleted. Set up a new community here any time with `/community setup`.

## /community setup and settings: refusals, what a change did, the public page

community-setup-needs-manage-server = Setting up a community needs the Manage Server permission. Ask a server admin to run `/community setup` in this channel.
community-setup-everyone-organizer = @everyone cannot be the organizer role: pick the role your coordinators have, or leave `organizer_role` out (then members with Manage Server organize).
community-setup-channel-taken = This channel is already the home of **{ $name }**. Change it with `/community settings`, or set up the new community in another channel.
community-settings-nothing-given = Nothing to change: give at least one option, for example `/community settings reminders:7d,1d,2h` or `/community settings role_prompt:off`. `/community info` shows the current settings.
community-names-need-page = Names are shown only on the public page, which is off: turn both on together with `/community settings public_page:true public_names:true`.
community-zone-changed-meanwhile = The community's time zone changed while this was being done, so nothing was changed. Look at `/community info` and run the command again.
community-prompt-choice = { $typed } — { $words }
community-prompt-off-choice = off — no role prompts
community-settings-unchanged = Nothing changed: those are already the settings.
community-settings-updated = Settings of **{ $name }** updated:
    • { $changes }
community-page-public = The public page: <{ $url }>. Anyone can read it: the next gatherings with their titles and places (so no home address in a location), open roles, how many are going, and the calendar link, which anyone can then subscribe to.
community-page-public-names = The public page: <{ $url }>. Anyone can read it: the next gatherings with their titles and places (so no home address in a location), open roles, how many are going, and the names of role holders and of those going (each as the server shows it, once they have used the bot here), and the calendar link, which anyone can then subscribe to.
community-page-no-address = The page is served at `/c/{ $slug }` on this bot's HTTP listener, which has no public address yet (`http.public_url`): ask whoever runs the bot.
community-page-feed-replaced = The calendar link the page showed was replaced, so it stops working; members get the new one with `/gathering export`.
community-list-line = **{ $name }** — <#{ $channel }> · { $zone } · { $next }

## A new time zone: the question, its buttons, what each did, and the notice in the channel

zone-change-question = **Time zone { $from } → { $to }:** { $count ->
        [one] { $count } gathering is coming up. Should it keep its local times in { $to } (13:00 stays 13:00 there, so the moment moves: right if the zone was wrong), or keep its moments (the same instant, shown at another local time: right if the group moved)?
       *[other] { $count } gatherings are coming up. Should they keep their local times in { $to } (13:00 stays 13:00 there, so the moment moves: right if the zone was wrong), or keep their moments (the same instant, shown at another local time: right if the group moved)?
    } Nothing changes until you choose.
zone-change-keep-local-times = Keep local times (move them)
zone-change-keep-moments = Keep the moments
zone-change-keep-zone = Keep the time zone
zone-change-kept = Nothing changed: the time zone stays as it is.
zone-change-out-of-date = The time zone is no longer { $from } (it is { $now } now), so this question is out of date; run `/community settings timezone` again.
zone-change-done-moments = Done: **{ $name }** is now in { $to }. Every gathering keeps its moment; the local times shown are { $to }'s from now on.
zone-change-done-local-times = Done: **{ $name }** is now in { $to }; { $series } series read there from now on and { $count ->
        [one] { $count } upcoming gathering kept its local time (so it moved)
       *[other] { $count } upcoming gatherings kept their local times (so they moved)
    }. A notice is posted in the channel; cards, scheduled events and the calendar follow.
zone-change-notice-title = Time zone changed
zone-change-notice = **{ $name }** now keeps its calendar in **{ $to }** (it was { $from }). Gatherings keep their local times there, so { $count ->
        [one] { $count } upcoming one
       *[other] { $count } upcoming ones
    } moved.
zone-change-notice-next = The next, **{ $title }**, is { $when }.

## Where a command was used, and the gathering it names

context-server-only = Use this command in a server channel.
context-no-community = This channel has no community yet. A member with Manage Server can create one here with `/community setup name timezone` (for example `/community setup name:Facilitation Circle timezone:America/Phoenix`), or use this command in your community's channel.
context-none-coming-up = No gathering is coming up yet. Organizers can add one with `/gathering schedule` or `/gathering add`.
context-no-such-gathering = No gathering of this community matches that. Start typing and pick one from the list.
context-no-gathering-matches = No gathering of this community matches `{ $typed }`. Start typing and pick one from the list.
context-done = Done.

## Options Discord could not read, an outdated command, a note too large, a slow database

error-not-understood = `{ $input }` was not understood: { $error }.
error-option-not-understood = An option was not understood: { $error }.
error-command-outdated = This command was just updated and Discord still shows the old version. Reload Discord (Ctrl+R) and try again.
error-note-too-large = One note is larger than Discord lets this server upload, even compressed. Try another format, or shorten the longest notes.
error-busy-run-again = Steward is waiting for its database and could not open the form in time. Nothing was changed: please run the command again in a moment.
error-busy-click-again = Steward was waiting for its database and could not open the form in time. Nothing was changed: please click again.

## Practice notes: kinds (the stored value stays the English label; a member may type either language)

note-kind-best-practice = best practice
note-kind-query = query
note-kind-discovery = discovery
note-kind-story = story
note-kind-challenge = challenge
note-kind-resource = resource
note-kind-evaluation = evaluation
note-kinds-list = `{ note-kind-best-practice }`, `{ note-kind-query }`, `{ note-kind-discovery }`, `{ note-kind-story }`, `{ note-kind-challenge }`, `{ note-kind-resource }`, `{ note-kind-evaluation }`

## Practice notes: the note form (the member's language)

note-form-new = New practice note
note-form-for = Practice note: { $title }
note-form-archive-message = Archive { $name }'s message
note-form-edit = Edit note #{ $id }
note-form-title = Title
note-form-title-placeholder = e.g. Opening with a one-word round
note-form-kind = Kind
note-form-kind-placeholder = { note-kind-best-practice }, { note-kind-query }, { note-kind-discovery }, { note-kind-story }, { note-kind-challenge }, { note-kind-resource } or { note-kind-evaluation }
note-form-tags = Tags (up to 10)
note-form-tags-placeholder = e.g. check-in, openers
note-form-body = Note
note-form-body-placeholder = What happened, what worked, what you would try next
note-form-link = Source link (optional)
note-form-nothing-saved = Nothing was saved. Your text is below so you can copy it into a new form.
note-form-outdated = This form is from an older version of the bot.
note-credit-offer-gone = This form credits a message's author, but it was not opened by you in this channel. Use the message menu **Archive as practice note** again.
note-use-slash-command = Use the slash command.

## Practice notes: what a member typed that cannot be kept

note-body-empty = The note is empty: write what you want the group to keep.
note-body-too-long = The note has { $chars } characters; keep it to { $max } or fewer (split it into two notes).
note-tag-invalid = `{ $tag }` is not a tag: use letters, digits, `-` or `_`, up to { $max } characters (e.g. `#check-in`).
note-tags-too-many = That is { $count } tags; a note takes at most { $max }.
note-search-empty = Search for at least one word, e.g. `check-in circle`.
note-title-empty = Give the note a title, e.g. `Opening with a one-word round`.
note-title-too-long = The title has { $chars } characters; keep it to { $max } or fewer.
note-link-invalid = `{ $link }` is not a link: use a web address starting with `https://` (up to { $max } characters), or leave the field empty.
note-kind-invalid = `{ $kind }` is not a kind of note. Use one of: { note-kinds-list }.
note-filter-one-tag = Filter by one tag at a time, e.g. `check-in`.
note-not-found = There is no note `{ $id }` in this community. Note ids are numbers, e.g. `12`; find them with `/note search` or `/note list`.
note-change-refused = Only { $author } (who wrote note #{ $id }) or an organizer can change or delete it.
note-gone = Note #{ $id } no longer exists.
note-already-deleted = Note #{ $id } was already deleted.
note-button-stale = This button belongs to an older message. Run the command again.
note-results-expired = These results are too old to page through. Run the search again for fresh ones.

## Practice notes: the note card, archiving and editing

note-field-kind = Kind
note-field-by = By
note-field-archived = Archived
note-field-tags = Tags
note-field-gathering = Gathering
note-field-source = Source
note-card-footer = Note #{ $id } · /note show id:{ $id }
note-former-member = a former member
note-credit-archived-by = { $author } (archived by { $by })
note-archived = 📚 Practice note #{ $id } archived by { $by }.
note-already-archived = This note is already in the archive as #{ $id } (the form was sent twice); nothing was added.
note-updated = Note #{ $id } updated.

## Practice notes: search results and lists

note-results-found = Practice notes found
note-results-newest = Practice notes, newest first
note-filter-words = “{ $words }”
note-filter-by = by { $author }
note-filter-from = from { $title }
note-results-no-more = No more notes.
note-results-no-match = No note matches. Try fewer or other words, or drop a filter.
note-results-none-yet = No notes yet. Archive one with `/note add`, or use **Archive as practice note** on a message.
note-results-page = Page { $page }
note-results-page-range = Page { $page } · notes { $first }–{ $last } · /note show id:<number> for one in full
note-page-previous = ◀ Previous
note-page-next = Next ▶

## Practice notes: deleting one

note-delete-title = Delete { $heading }?
note-delete-cannot-undo = This cannot be undone.
note-delete-button = Delete note
note-keep-button = Keep it
note-deleted-title = Deleted note #{ $id }
note-deleted-text = “{ $title }” is no longer in the archive.
note-kept-title = Kept note #{ $id }
note-kept-text = Nothing was deleted.

## Practice notes: the export (the file in the community's language)

note-export-none = This community has no practice notes yet. Archive one with `/note add`, or use **Archive as practice note** on a message.
note-export-title = Practice notes of { $community }
note-export-count = { $count ->
        [one] { $count } note.
       *[other] { $count } notes.
    }
note-export-between = Between gatherings
note-export-by = by
note-export-source = Source:
note-export-card-title = Practice notes export
note-export-done = { $count ->
        [one] { $count } note
       *[other] { $count } notes
    } of **{ $community }** as { $format } ({ $described }).
note-export-gzip = compressed with gzip to fit Discord's upload limit
note-export-one-file = one file
note-export-split = split into { $count } parts to fit Discord's upload limit
note-export-split-messages = split into { $count } parts to fit Discord's upload limit, sent in { $messages } messages
note-export-parts = Parts { $first }–{ $last } of { $total }.

## The scheduled-event mirror (the server's Events tab)

mirror-missing-permission = I could not add your gatherings to the server's Events tab: I need the **Manage Events** permission. Give it to my role (Server Settings → Roles), and the events appear within a few minutes.
mirror-too-many-events = The server has reached Discord's limit of 100 scheduled events, so some gatherings are not in the Events tab. Delete past or unused events there; I try again every few hours.
mirror-voice-channel-refused = I could not put a gathering in { $channel } on the Events tab: I need to view and connect to that voice channel. I try again every few hours and after each change.
mirror-event-refused = Discord refused a scheduled event ({ $reason }); I try again every few hours and after each change.
mirror-event-place = See the community's channel

## Automatic posts: problems told to organizers, and the late mark

ops-cannot-post-denied = I could not post in { $channel } (access denied): check that I can view the channel and send messages there. Automatic posts are paused until then.
ops-cannot-post-not-found = I could not post in { $channel } (channel not found): check that I can view the channel and send messages there. Automatic posts are paused until then.
ops-needs-read-history = I need the **Read Message History** permission in { $channel }: when Discord loses its answer to a post, I look for the post before sending it again, so that it never appears twice. Automatic posts that need that check wait until then.
ops-late-post = (late) { $text }
