/* Batch commands: the face for scripts and other systems. Each returns the
 * process exit status (0 success; 1 refused: a problem in the input or the
 * data, a permission the user lacks, a wrong password; 2 a usage or system
 * error) and writes its messages to err.
 *
 * Every command but init, check and permissions acts as a logged-in user
 * (actor, from lf_cli_login): the same permission checks in core and the
 * same audit log as the TUI.
 *
 * Passwords: pw_in is the stream of --password-stdin, from which each
 * password is one line, in the order the command needs them (the actor's
 * own first, read by lf_cli_login; then a new one for user add and user
 * passwd). NULL reads from the terminal without echo, and a new password is
 * asked twice. No password is ever printed. */
#ifndef LAIFANG_CLI_H
#define LAIFANG_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

/* --user LOGIN: read the password and log in through lf_login (which counts
 * failures and audits the attempt). On success *user is filled (free with
 * lf_user_free) and the store records the following writes as by them. */
int lf_cli_login(lf_store *st, const char *login, FILE *pw_in, lf_user *user, FILE *err);

/* laifang init: create the first administrator, only on a database with no
 * user. login and name NULL: asked on err and read as lines from in (the
 * interactive form; the password then comes from the terminal, twice). */
int lf_cli_init(lf_store *st, const char *login, const char *name, FILE *in, FILE *pw_in, FILE *out,
                FILE *err);

/* init --training DAY, after the administrator was created: the new
 * database is a training database whose cases are dated DAY. */
int lf_cli_init_training(lf_store *st, const char *day, FILE *out, FILE *err);

/* After opening: a training database fixes lf_date_today to its day. */
void lf_cli_training_apply(lf_store *st);

/* laifang user add LOGIN --name NAME --roles LIST [--unit UNIT] [--title T]:
 * roles as ids, comma-separated ("clerk,leader"); unit a unit's name or id. */
int lf_cli_user_add(lf_store *st, const lf_user *actor, const char *login, const char *name,
                    const char *roles, const char *unit, const char *title, FILE *pw_in, FILE *out,
                    FILE *err);

/* laifang user list: a table of login, name, title, unit, roles (ids),
 * active, locked; columns aligned by display width. Needs LF_PERM_ADMINISTER. */
int lf_cli_user_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err);

/* laifang user passwd LOGIN: an administrator for anyone, a user for
 * themselves. */
int lf_cli_user_passwd(lf_store *st, const lf_user *actor, const char *login, FILE *pw_in, FILE *out,
                       FILE *err);

/* laifang user disable|enable LOGIN (never deleted), user unlock LOGIN. */
int lf_cli_user_set_active(lf_store *st, const lf_user *actor, const char *login, bool active, FILE *out,
                           FILE *err);
/* laifang user portfolio LOGIN TEXT: a leader's 分管工作 ("" clears it). */
int lf_cli_user_portfolio(lf_store *st, const lf_user *actor, const char *login, const char *portfolio, FILE *out,
                          FILE *err);
int lf_cli_user_unlock(lf_store *st, const lf_user *actor, const char *login, FILE *out, FILE *err);

/* laifang unit add NAME --kind department|peer|lower|discipline; unit list
 * (any logged-in user: the directory holds no personal data). */
int lf_cli_unit_add(lf_store *st, const lf_user *actor, const char *name, const char *kind, FILE *out,
                    FILE *err);
int lf_cli_unit_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err);

/* laifang config set KEY VALUE (LF_PERM_ADMINISTER; keys idle_lock_seconds,
 * lockout_failures, lockout_minutes, each a whole number in its range);
 * config list (any logged-in user): every key with its value in force. */
int lf_cli_config_set(lf_store *st, const lf_user *actor, const char *key, const char *value, FILE *out,
                      FILE *err);
int lf_cli_config_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err);

/* laifang calendar import FILE: a year's arrangement in the form of
 * db/calendar/cn-holidays.tsv ("-" reads standard input) added to the
 * office's working-day calendar; line-numbered errors, nothing added on
 * any error. */
int lf_cli_calendar_import(lf_store *st, const lf_user *actor, const char *path, FILE *out, FILE *err);

/* laifang import FILE: CSV (UTF-8, optional BOM, header of field ids) or JSON
 * (array of objects keyed by field ids), chosen by the file's first
 * non-blank character ('[' is JSON). Needs LF_PERM_REGISTER: refused before
 * the file is read. Every row is checked exactly as the sheet checks it; one
 * bad row and nothing is written, every bad row is reported as
 * "FILE:ROW: LABEL (field_id): reason". receptionist defaults to the actor's
 * name when a row leaves it empty. ROW is, for CSV, the line on which the
 * record starts (the header is line 1); for JSON, the object's position in
 * the array from 1. Columns of fields filled later (instruction, handling
 * and their signers and dates) and export's case_no, case_id, repeat are
 * ignored with one warning per file; any other unknown column is refused.
 * FILE "-" reads standard input (after the password line of
 * --password-stdin). */
int lf_cli_import(lf_store *st, const lf_user *actor, const char *path, FILE *out, FILE *err);
/* The same for another system's export, its columns mapped onto our field
 * ids by the map in map_path (import_map.h; NULL: none). */
int lf_cli_import_mapped(lf_store *st, const lf_user *actor, const char *path, const char *map_path, FILE *out,
                         FILE *err);

/* laifang export --format json|csv [--output FILE]: every case keyed by the
 * form's field ids plus case_no, case_id, repeat. CSV is RFC 4180 with CRLF
 * line ends and a UTF-8 BOM. Needs LF_PERM_EXPORT, checked before anything
 * is written; recorded in the audit log (action "export", with the format
 * and the number of cases). With output the file is created (or truncated)
 * with mode 0600 and removed again if the export fails; otherwise the cases
 * go to out. */
int lf_cli_export(lf_store *st, const lf_user *actor, const char *format, const char *output, FILE *out,
                  FILE *err);

/* laifang print CASE_NO --sheet|--notice KIND -o FILE.pdf, print --blank
 * -o FILE.pdf: the registration sheet, a notice to the visitor (KIND:
 * accept, decline, transfer, assign, extend) or the blank sheet as PDF
 * through lf_paper_print (paper.h: the case opened as any view is, masked
 * without view_full_id; the print audited as case.print). The file is
 * written atomically with mode 0600. Exactly one of sheet, notice, blank;
 * a case number except with blank. */
int lf_cli_print(lf_store *st, const lf_user *actor, const char *case_no, bool sheet, const char *notice,
                 bool blank, const char *output, FILE *out, FILE *err);

/* laifang print --log YYYY-MM-DD -o FILE.pdf: the day's reception log
 * (领导干部接访日情况登记表) as PDF through lf_paper_print_log (register or
 * instruct; audited as reception.print). other: a case number, --sheet,
 * --notice or --blank was also given (a usage error). */
int lf_cli_print_log(lf_store *st, const lf_user *actor, const char *day, bool other, const char *output,
                     FILE *out, FILE *err);

/* laifang check: the store's integrity check; prints each problem and a
 * summary line; exit 0 only when clean. */
int lf_cli_check(lf_store *st, FILE *out, FILE *err);

/* laifang check [--head] [--expect SEQ:HASH] (issue 10). head: print only
 * the chain's head "SEQ:HASH" to out, and only when the check is clean
 * (problems go to err). expect: a head printed earlier; the log must still
 * hold that entry with that hash. */
int lf_cli_check_head(lf_store *st, bool head, const char *expect, FILE *out, FILE *err);

/* laifang key export FILE (administrator; the file is new, mode 0600) and
 * key import FILE (no login: only the key that seals this database's log is
 * taken). src/cli/key.c. */
int lf_cli_key_export(lf_store *st, const lf_user *me, const char *file, FILE *out, FILE *err);
/* db copy --to postgresql:... [--attachments DIR] (issue 14): the office into a new PostgreSQL
 * database, checked on arrival. */
int lf_cli_db_copy(lf_store *st, const lf_user *me, const char *to, const char *attach_dir, FILE *out, FILE *err);
int lf_cli_key_import(lf_store *st, const char *file, FILE *out, FILE *err);

/* laifang schedule (issue 5, src/cli/schedule.c; docs/schedule.md).
 * check FILE: a schedule CSV against the office's calendar (needs no
 * login: it reads the file and the calendar only); every problem as
 * "FILE: line N: ..."; exit 1 on any. postpone: "official" or "weekday"
 * (NULL: the office's setting postpone_rule). leaders: "NAME,NAME" who
 * must have a slot in the file's period, or NULL. */
int lf_cli_schedule_check(lf_store *st, const char *path, const char *postpone, const char *leaders, FILE *out,
                          FILE *err);
/* generate: slots by rule (administrators). */
typedef struct lf_cli_schedule_opts {
	const char *rule;     /* "day:N" or "rotation" */
	const char *from, *to; /* YYYY-MM or YYYY-MM-DD */
	const char *postpone; /* official | weekday, NULL: the office's */
	const char *leaders;  /* logins, comma-separated, in turn order */
	const char *time;     /* "09:30-11:30" or NULL */
	const char *location, *department, *kind, *mode;
} lf_cli_schedule_opts;
int lf_cli_schedule_generate(lf_store *st, const lf_user *actor, const lf_cli_schedule_opts *o, FILE *out,
                             FILE *err);
/* The approving leader of a command (issue 11): --approver LOGIN, whose
 * password is read from --approver-password-file FILE (its first line; a
 * script may name /dev/fd/N), else from the next line of standard input
 * with --password-stdin, else from the terminal without echo; never from
 * the command line. --allow-days-off: the leader confirms the slots on
 * days off named to them. */
typedef struct lf_cli_approval_opts {
	const char *approver;
	const char *password_file;
	bool days_off;
	FILE *pw_in; /* standard input with --password-stdin, else NULL */
} lf_cli_approval_opts;
/* import FILE: add the slots of a schedule CSV (administrators); a slot on
 * a day off refuses the import, naming each, unless approved (ap). */
int lf_cli_schedule_import(lf_store *st, const lf_user *actor, const char *path, const lf_cli_approval_opts *ap,
                           FILE *out, FILE *err);
/* list YYYY-MM: a month's slots, their problems, whether published. */
int lf_cli_schedule_list(lf_store *st, const lf_user *actor, const char *month, FILE *out, FILE *err);
/* publish YYYY-MM|YYYY -o DIR [--approver LOGIN]: the public table as HTML
 * and CSV (administrators). With --approver, approved at once by that
 * leader's password; without, prepared as a draft for the confidentiality
 * review (issue 15). */
int lf_cli_schedule_publish(lf_store *st, const lf_user *actor, const char *month, const char *dir,
                            const lf_cli_approval_opts *ap, FILE *out, FILE *err);
/* approve YYYY-MM|YYYY -o DIR [--allow-days-off]: approve the prepared
 * publication after the confidentiality review (review_publication; not
 * its preparer) and write the final table. */
int lf_cli_schedule_approve(lf_store *st, const lf_user *actor, const char *month, const char *dir, bool days_off,
                            FILE *out, FILE *err);

/* laifang --user U search QUERY: the cases the search finds (search.h:
 * case number, ID or phone number for roles that may see them, words), one
 * a line, tab-separated: case number, date received, visitors (the match in
 * 【】), ID number masked, status, a piece of the content (the match in 【】).
 * At most 1000. "nothing found" on err when there is none (status 0). */
int lf_cli_search(lf_store *st, const lf_user *actor, const char *query, FILE *out, FILE *err);

/* laifang export with the ledger's filters (issue 6, src/cli/export.c):
 * --from/--to (the date received, inclusive), --queue (a queue key as the
 * actor sees it: screening, routing, ..., archived), --unit (the lead
 * unit's name or id), --status (state ids, comma-separated): the selected
 * cases in case-number order, as lf_cli_export writes them; the audit entry
 * carries the filters. --case CASE_NO (with --format json only): the case's
 * whole file (一事一档): the sheet, its flow, every event, the instructions,
 * the reports, the reply, the attachments of the reception-day logs that
 * list it, and its audit entries oldest first; audited with the case as
 * record. Needs LF_PERM_EXPORT, checked before anything is written. */
typedef struct lf_cli_export_opts {
	const char *format, *output;
	const char *from, *to, *queue, *unit, *status;
	const char *case_no;
} lf_cli_export_opts;
int lf_cli_export_opts_run(lf_store *st, const lf_user *actor, const lf_cli_export_opts *o, FILE *out, FILE *err);

/* laifang stats --year YYYY [--month M] [--format text|csv] [--output FILE]
 * (src/cli/stats.c): the figures of stats.h as text lines with bar charts
 * (80 columns) or as CSV (UTF-8 with BOM). For supervisors, leaders,
 * archivists and administrators (lf_stats_allowed). */
int lf_cli_stats(lf_store *st, const lf_user *actor, const char *year, const char *month, const char *format,
                 const char *output, FILE *out, FILE *err);

/* laifang category list | add NAME | import FILE | set CASE_NO NAME
 * (src/cli/stats.c): the office's categories (类别). list for anyone
 * logged in; add and import (one name a line; blank lines and lines
 * starting with # skipped; names already there skipped) for
 * administrators; set (a case's category, "" clears) for supervisors. */
int lf_cli_category_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err);
int lf_cli_category_add(lf_store *st, const lf_user *actor, const char *name, FILE *out, FILE *err);
int lf_cli_category_import(lf_store *st, const lf_user *actor, const char *path, FILE *out, FILE *err);
int lf_cli_category_set(lf_store *st, const lf_user *actor, const char *case_no, const char *name, FILE *out,
                        FILE *err);

/* laifang case STEP CASE_NO [options] (issue 11, src/cli/case*.c): every
 * step of a case from the command line; laifang case --help lists them.
 * wanted: the command line's command is "case" (main hands it over before
 * its own parsing: the steps have options of their own). main: the whole
 * command, from the arguments to the exit status. */
bool lf_cli_case_wanted(int argc, char **argv);
int lf_cli_case_main(int argc, char **argv);
/* laifang exchange key|trust|peer|export|import (issue 14, src/cli/exchange.c). */
bool lf_cli_exchange_wanted(int argc, char **argv);
int lf_cli_exchange_main(int argc, char **argv);
/* laifang stats --annual YYYY [--csv | --pdf] [-o FILE] (issue 13,
 * src/cli/annual.c): the annual report of 《信访工作条例》第四十一条 (annual.h).
 * wanted: the command is "stats" with --annual (main hands it over before
 * its own parsing). lf_cli_annual: the report for a logged-in actor, format
 * "text" (NULL), "csv" or "pdf" (which needs output). */
bool lf_cli_annual_wanted(int argc, char **argv);
int lf_cli_annual_main(int argc, char **argv);
int lf_cli_annual(lf_store *st, const lf_user *actor, const char *year, const char *format, const char *output,
                  FILE *out, FILE *err);
/* laifang suggestion add|adopt|list (issue 13, src/cli/suggestion.c): the
 * office's suggestions and whether adopted (suggestion.h, 第四十一条（三）).
 * lf_cli_suggestion: cmd "add", "adopt" (id) or "list" (year may be NULL). */
bool lf_cli_suggestion_wanted(int argc, char **argv);
int lf_cli_suggestion_main(int argc, char **argv);
int lf_cli_suggestion(lf_store *st, const lf_user *actor, const char *cmd, const char *id, const char *kind,
                      const char *to, const char *text, const char *on, const char *result, const char *year,
                      FILE *out, FILE *err);
/* laifang view list|save|rename|delete|show and laifang queue (issue 12,
 * saved views; src/cli/view.c). */
bool lf_cli_view_wanted(int argc, char **argv);
int lf_cli_view_main(int argc, char **argv);

/* Replace stderr, and stdout when it is a terminal (batch commands only:
 * the TUI draws on it), with streams that drop raw control characters (C0
 * but line feed and tab, DEL, C1, bidi controls) on the way out, before
 * anything is printed (clean_stream.c). A stream on fd that does the same. */
void lf_cli_clean_stderr(void);
void lf_cli_clean_stdout(void);
FILE *lf_cli_clean_stream(int fd);

/* laifang query CODE (issues 13, 15, src/cli/query.c): what a petitioner
 * may know of the case of a query code, for the clerk on the phone. */
int lf_cli_query(lf_store *st, const lf_user *actor, const char *code, FILE *out, FILE *err);

/* laifang print CASE_NO --receipt -o FILE.pdf (issue 15, src/cli/print.c):
 * the visitor's receipt. other: another kind of paper was asked for too. */
int lf_cli_print_receipt(lf_store *st, const lf_user *actor, const char *case_no, bool other, const char *output,
                         FILE *out, FILE *err);

/* laifang print --log --blank -o FILE.pdf (issue 15, src/cli/print.c):
 * the blank reception-day log for paper. other: a case number, --sheet or
 * --notice was also given (a usage error). */
int lf_cli_print_log_blank(lf_store *st, const lf_user *actor, bool other, const char *output, FILE *out,
                           FILE *err);

/* laifang reception photo add YYYY-MM-DD FILE (issue 15,
 * src/cli/reception.c): a JPEG or PNG photo (by its bytes) attached to the
 * day's saved log (lf_reception_photo_add). verb must be "add". */
int lf_cli_reception_photo(lf_store *st, const lf_user *actor, const char *verb, const char *day, const char *file,
                           FILE *out, FILE *err);


/* The text of `laifang --help` (src/cli/usage.c). */
void lf_cli_usage(FILE *f);

/* The database to open: arg (--db) if given, else $LAIFANG_DB, else the
 * line "database = ..." of laifang.conf in the user's configuration folder
 * ($XDG_CONFIG_HOME/laifang/) or /etc/laifang/, else the default SQLite
 * file (lf_path_database). malloc'd; NULL when none can be formed. */
char *lf_cli_database(const char *arg);

#endif
