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

/* laifang export --format json|csv [--output FILE]: every case keyed by the
 * form's field ids plus case_no, case_id, repeat. CSV is RFC 4180 with CRLF
 * line ends and a UTF-8 BOM. Needs LF_PERM_EXPORT, checked before anything
 * is written; recorded in the audit log (action "export", with the format
 * and the number of cases). With output the file is created (or truncated)
 * with mode 0600 and removed again if the export fails; otherwise the cases
 * go to out. */
int lf_cli_export(lf_store *st, const lf_user *actor, const char *format, const char *output, FILE *out,
                  FILE *err);

/* laifang check: the store's integrity check; prints each problem and a
 * summary line; exit 0 only when clean. */
int lf_cli_check(lf_store *st, FILE *out, FILE *err);

#endif
