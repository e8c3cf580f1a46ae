/* The one table of keys: dispatch, the help screen and the bottom bar all
 * read it, so they never disagree; and which of its actions the logged-in
 * user's roles allow (lf_action_allowed). */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/stats.h"

#define CTRL(c) ((c) & 0x1f)

/* Rows for the same key on different screens say what the key does there;
 * the bar shows the rows' order. */
#define S_HSV (LF_S_HOME | LF_S_SHEET | LF_S_VIEW)
#define S_EDIT (LF_S_SHEET | LF_S_INSTR | LF_S_FORM) /* where text is typed */
#define S_FIELDS (LF_S_SHEET | LF_S_FORM)                /* field to field */

const lf_keydef lf_keys[] = {
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help for the current field and the keys"), LF_S_SHEET, N_("Help")},
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help: this form's fields and keys"), LF_S_FORM, N_("Help")},
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help: the keys of this screen"), LF_S_HOME | LF_S_VIEW | LF_S_INSTR, N_("Help")},
	{LF_A_SAVE, KEY_F(2), true, "F2", N_("Save the sheet"), LF_S_SHEET, N_("Save")},
	{LF_A_SAVE, KEY_F(2), true, "F2", N_("Save the form (or apply the filter)"), LF_S_FORM, N_("Save")},
	{LF_A_SAVE, KEY_F(2), true, "F2", N_("Sign the instruction as yourself (asks first)"), LF_S_INSTR, N_("Sign")},
	{LF_A_SAVE, CTRL('s'), false, "Ctrl-S", N_("Save the sheet"), LF_S_SHEET, NULL},
	{LF_A_SAVE, CTRL('s'), false, "Ctrl-S", N_("Save the form (or apply the filter)"), LF_S_FORM, NULL},
	{LF_A_SAVE, CTRL('s'), false, "Ctrl-S", N_("Sign the instruction as yourself (asks first)"), LF_S_INSTR, NULL},
	{LF_A_NEW, KEY_F(4), true, "F4", N_("Register a new visitor"), LF_S_HOME, N_("New")},
	{LF_A_NEW, 'n', false, "n", N_("Register a new visitor"), LF_S_HOME, NULL},
	{LF_A_OPEN, '\r', false, "Enter", N_("Open the selected case (read-only)"), LF_S_HOME, N_("Open")},
	{LF_A_OPEN, '\n', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_OPEN, KEY_ENTER, true, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_REFRESH, KEY_F(5), true, "F5", N_("Read the list again"), LF_S_HOME, N_("Refresh")},
	{LF_A_BACK, 27, false, "Esc", N_("Go back (asks before typed text is dropped)"), S_FIELDS, N_("Back")},
	{LF_A_BACK, 27, false, "Esc", N_("Back to the list of cases"), LF_S_VIEW, N_("Back")},
	{LF_A_BACK, 27, false, "Esc", N_("Back to the case (asks before typed text is dropped)"), LF_S_INSTR, N_("Cancel")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang (a sheet being typed is kept as a draft)"), LF_S_SHEET, N_("Quit")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang (asks before typed text is dropped)"), LF_S_FORM, N_("Quit")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_HOME | LF_S_VIEW, N_("Quit")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang (asks first; the instruction is dropped)"), LF_S_INSTR, N_("Quit")},
	{LF_A_QUIT, CTRL('c'), false, NULL, NULL, S_HSV | LF_S_INSTR | LF_S_FORM, NULL},
	{LF_A_NEXT_FIELD, '\t', false, "Tab", N_("Next field"), S_FIELDS, N_("Next")},
	{LF_A_PREV_FIELD, KEY_BTAB, true, "Shift-Tab", N_("Previous field"), S_FIELDS, NULL},
	{LF_A_NEXT_FIELD, '\r', false, "Enter", N_("Next field (in 信访内容: a new line)"), LF_S_SHEET, NULL},
	{LF_A_NEXT_FIELD, '\r', false, "Enter", N_("Next field (in a long text: a new line); on the last field, save"),
	 LF_S_FORM, NULL},
	{LF_A_NEXT_FIELD, '\n', false, NULL, NULL, S_FIELDS, NULL},
	{LF_A_NEXT_FIELD, KEY_ENTER, true, NULL, NULL, S_FIELDS, NULL},
	{LF_A_NEWLINE, '\r', false, "Enter", N_("A new line"), LF_S_INSTR, NULL},
	{LF_A_NEWLINE, '\n', false, NULL, NULL, LF_S_INSTR, NULL},
	{LF_A_NEWLINE, KEY_ENTER, true, NULL, NULL, LF_S_INSTR, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Next field, or the next line of a long text"), LF_S_SHEET, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Previous field, or the line above in a long text"), LF_S_SHEET, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Next field"), LF_S_FORM, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Previous field"), LF_S_FORM, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Next case in the list"), LF_S_HOME, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Previous case in the list"), LF_S_HOME, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Scroll the content down a line"), LF_S_VIEW, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Scroll the content up a line"), LF_S_VIEW, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("The line below"), LF_S_INSTR, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("The line above"), LF_S_INSTR, NULL},
	{LF_A_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("Scroll down a page"), LF_S_SHEET, NULL},
	{LF_A_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("Scroll up a page"), LF_S_SHEET, NULL},
	{LF_A_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("Down a page of the list"), LF_S_HOME, NULL},
	{LF_A_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("Up a page of the list"), LF_S_HOME, NULL},
	{LF_A_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("Scroll the content down a page"), LF_S_VIEW, NULL},
	{LF_A_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("Scroll the content up a page"), LF_S_VIEW, NULL},
	{LF_A_LEFT, KEY_LEFT, true, "Left", N_("Move left one character"), S_EDIT, NULL},
	{LF_A_RIGHT, KEY_RIGHT, true, "Right", N_("Move right one character"), S_EDIT, NULL},
	{LF_A_HOME, KEY_HOME, true, "Home", N_("Start of the line"), S_EDIT, NULL},
	{LF_A_HOME, KEY_HOME, true, "Home", N_("First case in the list"), LF_S_HOME, NULL},
	{LF_A_HOME, CTRL('a'), false, "Ctrl-A", N_("Start of the line"), S_EDIT, NULL},
	{LF_A_END, KEY_END, true, "End", N_("End of the line"), S_EDIT, NULL},
	{LF_A_END, KEY_END, true, "End", N_("Last case in the list"), LF_S_HOME, NULL},
	{LF_A_END, CTRL('e'), false, "Ctrl-E", N_("End of the line"), S_EDIT, NULL},
	{LF_A_BACKSPACE, KEY_BACKSPACE, true, "Backspace", N_("Delete the character before the cursor"), S_EDIT, NULL},
	{LF_A_BACKSPACE, 127, false, NULL, NULL, S_EDIT, NULL},
	{LF_A_BACKSPACE, CTRL('h'), false, NULL, NULL, S_EDIT, NULL},
	{LF_A_DELETE, KEY_DC, true, "Delete", N_("Delete the character under the cursor"), S_EDIT, NULL},
	{LF_A_DELETE, CTRL('d'), false, "Ctrl-D", N_("Delete the character under the cursor"), S_EDIT, NULL},
	{LF_A_KILL_END, CTRL('k'), false, "Ctrl-K", N_("Delete to the end of the line"), S_EDIT, NULL},
	{LF_A_KILL_START, CTRL('u'), false, "Ctrl-U", N_("Delete to the start of the line"), S_EDIT, NULL},
	{LF_A_PASTE, LF_KEY_PASTE, true, NULL, NULL, S_EDIT, NULL},
	/* login, lock, home, case view (issue 3: login.c, home.c, case_view.c) */
	{LF_A_OPEN, '\r', false, "Enter", N_("Next box; on the last box, confirm"), LF_S_LOGIN, N_("Confirm")},
	{LF_A_NEXT_FIELD, '\t', false, "Tab", N_("Next box"), LF_S_LOGIN, N_("Next")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_LOGIN, N_("Quit")},
	{LF_A_INSTRUCT, KEY_F(6), true, "F6", N_("Write and sign a leader's instruction (批示)"), LF_S_VIEW, N_("Instruct")},
	{LF_A_AUDIT, KEY_F(8), true, "F8", N_("The audit log"), LF_S_HOME, N_("Audit")},
	{LF_A_AUDIT, KEY_F(8), true, "F8", N_("The audit log of this case"), LF_S_VIEW, N_("Audit")},
	{LF_A_ADMIN, KEY_F(9), true, "F9", N_("Administration: users and units"), LF_S_HOME, N_("Admin")},
	/* administration and audit screens (issue 3: admin_*.c, audit_view.c) */
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help: the keys of this list"), LF_S_ADMIN | LF_S_AUDIT, N_("Help")},
	{LF_A_NEW, KEY_F(3), true, "F3", N_("Add a user (on the units list: a unit)"), LF_S_ADMIN, N_("Add")},
	{LF_A_OPEN, '\r', false, "Enter", N_("Change the selected user: name, title, unit, roles"), LF_S_ADMIN, N_("Change")},
	{LF_A_OPEN, '\r', false, "Enter", N_("Show the selected entry in full"), LF_S_AUDIT, N_("Show")},
	{LF_A_OPEN, '\n', false, NULL, NULL, LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_OPEN, KEY_ENTER, true, NULL, NULL, LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_EDIT, KEY_F(6), true, "F6", N_("Change the selected user"), LF_S_ADMIN, NULL},
	{LF_A_PASSWORD, KEY_F(5), true, "F5", N_("Set a new password for the selected user (also lifts a lock-out)"), LF_S_ADMIN, N_("Password")},
	{LF_A_ACTIVE, KEY_F(7), true, "F7", N_("Deactivate or reactivate the selected user (nobody is ever deleted)"), LF_S_ADMIN, N_("On/off")},
	{LF_A_UNLOCK, KEY_F(9), true, "F9", N_("Lift the selected user's lock-out"), LF_S_ADMIN, N_("Unlock")},
	{LF_A_UNITS, KEY_F(4), true, "F4", N_("The directory of units: departments and agencies"), LF_S_ADMIN, N_("Units")},
	{LF_A_FILTER, KEY_F(3), true, "F3", N_("Filter the log: by case, by user, by day"), LF_S_AUDIT, N_("Filter")},
	{LF_A_REFRESH, KEY_F(5), true, "F5", N_("Read the log again"), LF_S_AUDIT, N_("Refresh")},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Next row"), LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Previous row"), LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("Down a page (in the log: older entries are read as needed)"), LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("Up a page"), LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_HOME, KEY_HOME, true, "Home", N_("First row"), LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_END, KEY_END, true, "End", N_("Last row"), LF_S_ADMIN | LF_S_AUDIT, NULL},
	{LF_A_BACK, 27, false, "Esc", N_("Back to the previous screen"), LF_S_ADMIN | LF_S_AUDIT, N_("Back")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_ADMIN | LF_S_AUDIT, N_("Quit")},
	{LF_A_QUIT, CTRL('c'), false, NULL, NULL, LF_S_ADMIN | LF_S_AUDIT, NULL},
	/* issue 4: queues, the case's timeline and steps, the waiting list */
	{LF_A_WAITING, KEY_F(6), true, "F6", N_("Today's waiting list (候谈)"), LF_S_HOME, N_("Waiting")},
	{LF_A_QUEUES, KEY_F(7), true, "F7", N_("The queues of cases you work on, with their counts"), LF_S_HOME, N_("Queues")},
	{LF_A_TIMELINE, '\t', false, "Tab", N_("Switch between the sheet (登记表) and the timeline (办理过程)"), LF_S_VIEW, NULL},
	{LF_A_TIMELINE, KEY_F(5), true, "F5", N_("Switch between the sheet (登记表) and the timeline (办理过程)"), LF_S_VIEW, N_("Timeline")},
	{LF_A_VISIT_WAIT, KEY_F(4), true, "F4", N_("Put the visitor on today's waiting list (候谈)"), LF_S_VIEW, N_("Wait")},
	{LF_A_STEP, KEY_F(7), true, "F7", N_("Take a step on the case (办理): what you may do now"), LF_S_VIEW, N_("Act")},
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help: the keys of this list"), LF_S_QUEUE | LF_S_WAIT, N_("Help")},
	{LF_A_OPEN, '\r', false, "Enter", N_("Open the selected case"), LF_S_QUEUE | LF_S_WAIT, N_("Open")},
	{LF_A_OPEN, '\n', false, NULL, NULL, LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_OPEN, KEY_ENTER, true, NULL, NULL, LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_MARK, ' ', false, "Space", N_("Mark or unmark the selected case (for a step on several)"), LF_S_QUEUE, N_("Mark")},
	{LF_A_FILTER, KEY_F(3), true, "F3", N_("Filter: by unit or your own unit, leader, date range, due window, keyword"), LF_S_QUEUE, N_("Filter")},
	{LF_A_REFRESH, KEY_F(5), true, "F5", N_("Read the list again"), LF_S_QUEUE | LF_S_WAIT, N_("Refresh")},
	{LF_A_BULK, KEY_F(7), true, "F7", N_("A step on every marked case (assign, archive...)"), LF_S_QUEUE, N_("Bulk")},
	{LF_A_VISIT_INTERVIEW, KEY_F(6), true, "F6", N_("The leader interviews the selected visitor (接谈)"), LF_S_WAIT, N_("Interview")},
	{LF_A_VISIT_DONE, KEY_F(7), true, "F7", N_("The visit is done (完成)"), LF_S_WAIT, N_("Done")},
	{LF_A_VISIT_RETURNED, KEY_F(8), true, "F8", N_("The visitor was persuaded to return (劝返)"), LF_S_WAIT, N_("Returned")},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Next case (the next page is read as needed)"), LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Previous case"), LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("Down a page"), LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("Up a page"), LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_HOME, KEY_HOME, true, "Home", N_("First case"), LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_END, KEY_END, true, "End", N_("Last case"), LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_BACK, 27, false, "Esc", N_("Back to the previous screen"), LF_S_QUEUE | LF_S_WAIT, N_("Back")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_QUEUE | LF_S_WAIT, N_("Quit")},
	{LF_A_QUIT, CTRL('c'), false, NULL, NULL, LF_S_QUEUE | LF_S_WAIT, NULL},
	/* issue 5: the reception-day log (reception_log.c); its editing and
	 * moving keys are the sheet's */
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help for the current field and the keys"), LF_S_RLOG, N_("Help")},
	{LF_A_SAVE, KEY_F(2), true, "F2", N_("Save the log"), LF_S_RLOG, N_("Save")},
	{LF_A_RLOG_CASES, KEY_F(3), true, "F3", N_("The day's cases, to write an instruction or forwarding opinion (批转意见) on each; again: back to the log"), LF_S_RLOG, N_("Cases")},
	{LF_A_RLOG_ATTACH, KEY_F(4), true, "F4", N_("Attach a photo or video by its file path (接访照片)"), LF_S_RLOG, N_("Attach")},
	{LF_A_RLOG_SIGN, KEY_F(6), true, "F6", N_("The leader signs 领导批示 (asks first; the log is then closed)"), LF_S_RLOG, N_("Sign")},
	{LF_A_RLOG_SIGN_DEPT, KEY_F(7), true, "F7", N_("The lead department's head signs 接访情况"), LF_S_RLOG, N_("Dept sign")},
	{LF_A_PRINT, KEY_F(9), true, "F9", N_("Print the day's log as PDF: its case numbers and photos (打印)"), LF_S_RLOG, N_("Print")},
	{LF_A_BACK, 27, false, "Esc", N_("Back (from the cases: to the log; asks before typed text is dropped)"), LF_S_RLOG, N_("Back")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_RLOG, N_("Quit")},
	/* issue 5: the month's schedule (schedule_view.c) */
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help: the keys of the schedule"), LF_S_SCHED, N_("Help")},
	{LF_A_OPEN, '\r', false, "Enter", N_("Change the selected slot (a published month asks for the approving leader)"), LF_S_SCHED, N_("Change")},
	{LF_A_OPEN, '\n', false, NULL, NULL, LF_S_SCHED, NULL},
	{LF_A_OPEN, KEY_ENTER, true, NULL, NULL, LF_S_SCHED, NULL},
	{LF_A_SCHED_GENERATE, KEY_F(3), true, "F3", N_("Generate slots by rule: day N of each month, or a rotation of leaders"), LF_S_SCHED, N_("Generate")},
	{LF_A_NEW, KEY_F(4), true, "F4", N_("Add a slot"), LF_S_SCHED, N_("Add")},
	{LF_A_SCHED_CHECK, KEY_F(6), true, "F6", N_("Check the month against the calendar: every problem"), LF_S_SCHED, N_("Check")},
	{LF_A_SCHED_QUOTA, KEY_F(7), true, "F7", N_("Quotas: who has fewer reception days than required"), LF_S_SCHED, N_("Quotas")},
	{LF_A_SCHED_DELETE, KEY_F(8), true, "F8", N_("Delete the selected slot (a month not yet published)"), LF_S_SCHED, N_("Delete")},
	{LF_A_SCHED_PUBLISH, KEY_F(9), true, "F9", N_("Publish the month: the public table as HTML and CSV"), LF_S_SCHED, N_("Publish")},
	{LF_A_SCHED_PREV, KEY_LEFT, true, "Left", N_("The month before"), LF_S_SCHED, NULL},
	{LF_A_SCHED_NEXT, KEY_RIGHT, true, "Right", N_("The month after"), LF_S_SCHED, NULL},
	{LF_A_SCHED_PREV, KEY_PPAGE, true, "PgUp", N_("The month before"), LF_S_SCHED, NULL},
	{LF_A_SCHED_NEXT, KEY_NPAGE, true, "PgDn", N_("The month after"), LF_S_SCHED, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Next slot"), LF_S_SCHED, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Previous slot"), LF_S_SCHED, NULL},
	{LF_A_BACK, 27, false, "Esc", N_("Back to the previous screen"), LF_S_SCHED, N_("Back")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_SCHED, N_("Quit")},
	/* issue 6: the search (search_view.c); typing goes to its query line */
	{LF_A_SEARCH, '/', false, "/", N_("Search cases: case number, name, ID or phone number, words"), LF_S_HOME, N_("Search")},
	{LF_A_SEARCH, KEY_F(3), true, "F3", N_("Search cases: case number, name, ID or phone number, words"), LF_S_HOME, NULL},
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help: the keys of the search"), LF_S_SEARCH, N_("Help")},
	{LF_A_OPEN, '\r', false, "Enter", N_("Search for what was typed; again: open the selected case"), LF_S_SEARCH, N_("Search/Open")},
	{LF_A_OPEN, '\n', false, NULL, NULL, LF_S_SEARCH, NULL},
	{LF_A_OPEN, KEY_ENTER, true, NULL, NULL, LF_S_SEARCH, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Next case (the next page is read as needed)"), LF_S_SEARCH, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Previous case"), LF_S_SEARCH, NULL},
	{LF_A_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("Down a page"), LF_S_SEARCH, NULL},
	{LF_A_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("Up a page"), LF_S_SEARCH, NULL},
	/* Home and End move in the query line here: Ctrl with them moves in the hits */
	{LF_A_HOME, LF_KEY_CTRL_HOME, true, "Ctrl-Home", N_("First case found"), LF_S_SEARCH, NULL},
	{LF_A_END, LF_KEY_CTRL_END, true, "Ctrl-End", N_("Last case found"), LF_S_SEARCH, NULL},
	{LF_A_BACK, 27, false, "Esc", N_("Back to the previous screen"), LF_S_SEARCH, N_("Back")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_SEARCH, N_("Quit")},
	{LF_A_QUIT, CTRL('c'), false, NULL, NULL, LF_S_SEARCH, NULL},
	/* issue 6: the report screen (report_view.c) */
	{LF_A_HELP, KEY_F(1), true, "F1", N_("Help: the keys of the report"), LF_S_REPORT, N_("Help")},
	{LF_A_REPORT_PERIOD, KEY_F(3), true, "F3", N_("A month or the whole year"), LF_S_REPORT, N_("Month/Year")},
	{LF_A_REPORT_CSV, KEY_F(4), true, "F4", N_("Write these figures as CSV (UTF-8 with BOM) to a file"), LF_S_REPORT, N_("CSV")},
	{LF_A_REFRESH, KEY_F(5), true, "F5", N_("Count again"), LF_S_REPORT, N_("Refresh")},
	{LF_A_REPORT_PREV, KEY_LEFT, true, "Left", N_("The month (or year) before"), LF_S_REPORT, NULL},
	{LF_A_REPORT_NEXT, KEY_RIGHT, true, "Right", N_("The month (or year) after"), LF_S_REPORT, NULL},
	{LF_A_DOWN, KEY_DOWN, true, "Down", N_("Scroll down"), LF_S_REPORT, NULL},
	{LF_A_UP, KEY_UP, true, "Up", N_("Scroll up"), LF_S_REPORT, NULL},
	{LF_A_PAGE_DOWN, KEY_NPAGE, true, "PgDn", N_("A page down"), LF_S_REPORT, NULL},
	{LF_A_PAGE_UP, KEY_PPAGE, true, "PgUp", N_("A page up"), LF_S_REPORT, NULL},
	{LF_A_BACK, 27, false, "Esc", N_("Back to the previous screen"), LF_S_REPORT, N_("Back")},
	{LF_A_QUIT, KEY_F(10), true, "F10", N_("Quit laifang"), LF_S_REPORT, N_("Quit")},
	/* the screens that open from home, and printing from the case (home.c,
	 * case_view.c) */
	{LF_A_MORE, KEY_F(2), true, "F2", N_("More: a menu of the other screens you may open"), LF_S_HOME, N_("More")},
	{LF_A_REPORT, 'r', false, "r", N_("The statistics of a month or a year (报表)"), LF_S_HOME, NULL},
	{LF_A_SCHEDULE, 's', false, "s", N_("The month's reception schedule (排班)"), LF_S_HOME, NULL},
	{LF_A_RECEPTION_LOG, 'l', false, "l", N_("Today's reception-day log (接访日志)"), LF_S_HOME, NULL},
	{LF_A_PRINT, KEY_F(9), true, "F9", N_("Print the sheet or a notice as PDF (打印)"), LF_S_VIEW, N_("Print")},
	{LF_A_PRINT, 'p', false, "p", N_("Print the sheet or a notice as PDF (打印)"), LF_S_VIEW, NULL},
	/* issue 6: the export screen (export_view.c), opened from home */
	{LF_A_EXPORT, 'e', false, "e", N_("Export the ledger (台账) as CSV or JSON"), LF_S_HOME, NULL},
	/* issue 11: the repeat flag and corrections (sheet_repeat.c, case_correct.c) */
	{LF_A_REPEAT, KEY_F(7), true, "F7", N_("The visitor's earlier cases: is this visit the same matter (重复访)?"), LF_S_SHEET, N_("Repeat")},
	{LF_A_CORRECT, KEY_F(3), true, "F3", N_("Correct the registration (更正登记) until the case is screened"), LF_S_VIEW, N_("Correct")},
	{LF_A_REPEAT, 'r', false, "r", N_("Repeat petition (重复访): the visitor's earlier cases, mark yes or no"), LF_S_VIEW, NULL},
	/* issue 13: the delivery of a printed notice (case_deliver.c) */
	{LF_A_DELIVER, 'd', false, "d", N_("Record the delivery (送达) of a printed notice: how, when, signed or refused"), LF_S_VIEW, NULL},
	/* issue 13, 第三十三条: a mediation or settlement agreement (case_mediate.c) */
	{LF_A_MEDIATE, 'm', false, "m", N_("Record a mediation or settlement agreement (调解/和解协议书) of a claim being handled"), LF_S_VIEW, NULL},
	/* issue 12: log out without quitting (home.c, sheet.c, tui.c) */
	{LF_A_LOGOUT, 'o', false, "o", N_("Log out: the login screen for the next person (or switch user)"), LF_S_HOME, NULL},
	{LF_A_LOGOUT, CTRL('o'), false, "Ctrl-O", N_("Log out: the login screen for the next person (or switch user)"), LF_S_HOME, NULL},
	{LF_A_LOGOUT, CTRL('o'), false, "Ctrl-O", N_("Log out: the sheet stays your draft, offered when you log in again"), LF_S_SHEET, NULL},
	{LF_A_KEYS_MORE, KEY_F(12), true, "F12", N_("The key bar's next page, when your keys do not fit on one line"),
	 LF_S_HOME | LF_S_VIEW | LF_S_ADMIN | LF_S_QUEUE | LF_S_WAIT | LF_S_SCHED, NULL},
	/* issue 15: the receipt of the case just saved (the newest, selected) */
	{LF_A_RECEIPT, 'p', false, "p", N_("Print the visitor's receipt (回执) of the selected case"), LF_S_HOME, NULL},
	{LF_A_QUERY, 'q', false, "q", N_("A case by its query code (查询码), for a petitioner's call"), LF_S_HOME, NULL},
	/* issue 13: a letter (or fax) and a phone call have their own forms */
	{LF_A_NEW_LETTER, 'm', false, "m", N_("Register a letter or fax (来信登记)"), LF_S_HOME, NULL},
	{LF_A_NEW_CALL, 'c', false, "c", N_("Register a phone call (来电登记)"), LF_S_HOME, NULL},
	/* issue 12: the command palette (palette.c): the actions of these rows by name */
	{LF_A_PALETTE, ':', false, ":", N_("Command palette: type a few letters of an action (受理, sl, accept) and run it"),
	 LF_S_HOME | LF_S_VIEW | LF_S_QUEUE | LF_S_WAIT, NULL},
	{LF_A_PALETTE, CTRL('p'), false, "Ctrl-P", N_("Command palette: type a few letters of an action (受理, sl, accept) and run it"),
	 LF_S_HOME | LF_S_VIEW | LF_S_QUEUE | LF_S_WAIT | LF_S_SEARCH | LF_S_SHEET, NULL},
	/* issue 12: saved views (views_menu.c, queue_view.c) */
	{LF_A_VIEW_OPEN, '1', false, "1-9", N_("Open your saved view 1 to 9 (a queue with its filter)"), LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '2', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '3', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '4', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '5', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '6', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '7', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '8', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEW_OPEN, '9', false, NULL, NULL, LF_S_HOME, NULL},
	{LF_A_VIEWS, 'v', false, "v", N_("Your saved views: open, rename or delete one"), LF_S_HOME, NULL},
	{LF_A_VIEW_SAVE, KEY_F(4), true, "F4", N_("Save this filter as a view, opened again with one key from home"), LF_S_QUEUE, N_("Save view")},
	{LF_A_NONE, 0, false, NULL, NULL, 0, NULL},
};

lf_action lf_key_action(int code_kind, wint_t key, unsigned screen)
{
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE; k++) {
		if (!(k->screens & screen))
			continue;
		if (k->is_keycode != (code_kind == KEY_CODE_YES))
			continue;
		if ((wint_t)k->key == key)
			return k->action;
	}
	return LF_A_NONE;
}

/* Keys of a screen as lines for the help dialog, from the one key table,
 * leaving out what the logged-in user's roles do not allow (as the bar). */
char *lf_keys_help(unsigned screen)
{
	size_t cap = 4096, len = 0;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE; k++) {
		if (!k->name || !k->help || !(k->screens & screen))
			continue;
		if (!lf_action_allowed(k->action, screen, NULL, 0))
			continue; /* as in the bar: only what this user may do */
		char line[256];
		int n = snprintf(line, sizeof line, "%-10s %s\n", k->name, _(k->help));
		if (n < 0)
			continue;
		if (len + (size_t)n + 1 > cap) {
			char *t = realloc(s, cap *= 2);
			if (!t)
				break;
			s = t;
		}
		memcpy(s + len, line, (size_t)n + 1);
		len += (size_t)n;
	}
	return s;
}

/* Either of two permissions (the refusal names the first). */
static bool either(lf_perm a, lf_perm b, char *msg, size_t len)
{
	const lf_user *me = lf_tui_user();
	if (me && (lf_can(me->roles, a) || lf_can(me->roles, b)))
		return true;
	return lf_require(me, a, msg, len);
}

bool lf_action_allowed(lf_action a, unsigned screen, char *msg, size_t len)
{
	lf_perm perm;
	if (screen & (LF_S_QUEUE | LF_S_WAIT)) {
		if (a == LF_A_BULK)
			return either(LF_PERM_ROUTE, LF_PERM_ARCHIVE, msg, len);
		if (a == LF_A_VISIT_INTERVIEW || a == LF_A_VISIT_DONE || a == LF_A_VISIT_RETURNED)
			return either(LF_PERM_INSTRUCT, LF_PERM_REGISTER, msg, len);
		return true;
	}
	if (!(screen & (LF_S_HOME | LF_S_VIEW)))
		return true;
	switch (a) {
	case LF_A_NEW:
	case LF_A_NEW_LETTER:
	case LF_A_NEW_CALL:
		perm = LF_PERM_REGISTER;
		break;
	case LF_A_AUDIT:
		perm = LF_PERM_VIEW_AUDIT;
		break;
	case LF_A_ADMIN:
		perm = LF_PERM_ADMINISTER;
		break;
	case LF_A_INSTRUCT:
		perm = LF_PERM_INSTRUCT;
		break;
	case LF_A_VISIT_WAIT:
		perm = LF_PERM_REGISTER;
		break;
	case LF_A_WAITING:
	case LF_A_RECEPTION_LOG: /* clerks and leaders */
		return either(LF_PERM_REGISTER, LF_PERM_INSTRUCT, msg, len);
	case LF_A_SCHEDULE:
		perm = LF_PERM_ADMINISTER;
		break;
	case LF_A_CORRECT: /* the clerk who registered it (core checks which) or a supervisor */
	case LF_A_REPEAT:
		return either(LF_PERM_REGISTER, LF_PERM_CORRECT_REGISTRATION, msg, len);
	case LF_A_DELIVER: { /* whoever takes the step that produced a notice (core checks which) */
		const lf_user *me = lf_tui_user();
		if (me && (lf_can(me->roles, LF_PERM_SCREEN) || lf_can(me->roles, LF_PERM_ROUTE) ||
		           lf_can(me->roles, LF_PERM_REPLY)))
			return true;
		return lf_require(me, LF_PERM_SCREEN, msg, len);
	}
	case LF_A_MEDIATE: /* the handling unit, or a supervisor (core checks which) */
		return either(LF_PERM_REPORT, LF_PERM_ROUTE, msg, len);
	case LF_A_RECEIPT: /* at the desk */
		perm = LF_PERM_REGISTER;
		break;
	case LF_A_EXPORT: /* archivists and administrators */
		perm = LF_PERM_EXPORT;
		break;
	case LF_A_REPORT:
		return lf_stats_allowed(lf_tui_user(), msg, len);
	case LF_A_VIEW_OPEN: /* a view is a queue's filter */
	case LF_A_VIEWS:
	case LF_A_QUEUES: {
		const lf_user *me = lf_tui_user();
		for (int q = 0; q < LF_Q_COUNT; q++)
			if (lf_queue_works(me, (lf_queue_id)q))
				return true;
		return lf_require(me, LF_PERM_SCREEN, msg, len);
	}
	case LF_A_STEP: {
		/* Any role that moves a case: the menu then offers what fits. */
		static const lf_perm movers[] = {LF_PERM_REGISTER, LF_PERM_INSTRUCT, LF_PERM_SCREEN,
		                                 LF_PERM_ROUTE,    LF_PERM_REPORT,   LF_PERM_REPLY,
		                                 LF_PERM_ARCHIVE,  LF_PERM_APPROVE_REPORT};
		const lf_user *me = lf_tui_user();
		for (size_t i = 0; i < sizeof movers / sizeof movers[0]; i++)
			if (me && lf_can(me->roles, movers[i]))
				return true;
		return lf_require(me, LF_PERM_ROUTE, msg, len);
	}
	default:
		return true;
	}
	return lf_require(lf_tui_user(), perm, msg, len);
}
