/* What the batch commands share: exit statuses, permission refusals and
 * reading passwords. Private to src/cli. */
#ifndef LAIFANG_CLI_INTERNAL_H
#define LAIFANG_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "laifang/auth.h"
#include "laifang/store.h"
#include "laifang/store_people.h"

/* The exit status for a store or core result: 0 ok; 1 refused (denied,
 * invalid input, a conflict, not found); 2 anything else. */
int lf_cli_status(lf_store_err e);

/* After a failed core call: print the handle's message (or fallback when
 * it has none) and return the exit status for e. */
int lf_cli_fail(lf_store *st, lf_store_err e, const char *msg, FILE *err);

/* lf_require, printing the refusal to err. */
bool lf_cli_allowed(const lf_user *actor, lf_perm perm, FILE *err);

/* A new password for login: one line from pw_in, or asked twice on the
 * terminal. NULL (and *rc the exit status, a message printed) when none
 * could be had or the two did not match. Free with lf_password_free. */
char *lf_cli_new_password(const char *login, FILE *pw_in, FILE *err, int *rc);

/* The whole file (or standard input for "-") in memory; NULL with errno
 * set when it cannot be read. */
char *lf_cli_slurp(const char *path, size_t *len);

/* handover.c: for a command main hands over before its own parsing, the
 * database of db (--db, NULL: the default) opened and login logged in
 * (word and usage name the command when no login is given). 0 with *st and
 * *me set, else the exit status (nothing left open). Then
 * lf_cli_handover_close frees me, flushes stdout and closes st, returning
 * rc (2 if stdout could not be written). */
int lf_cli_handover_open(const char *db, const char *login, bool pw_stdin, const char *word, const char *usage,
                         lf_store **st, lf_user *me);
int lf_cli_handover_close(lf_store *st, lf_user *me, int rc);
/* Their options: whether a is the option name ("--db" or "--db=..."), and
 * its value (after "=", or the next argument, *i moved past it; NULL when
 * missing). */
bool lf_cli_opt_is(const char *a, const char *name);
const char *lf_cli_opt_value(int argc, char **argv, int *i);
/* The command word: the first argument after the options every command
 * takes (--db, --user, --lang, --password-stdin); NULL when none. */
const char *lf_cli_first_word(int argc, char **argv);
/* The form (registration, letter, call) the rows of an import file are
 * registered on, by their channel column (import_form.c); NULL with the
 * reason on err when the file mixes forms. */
const char *lf_import_file_form(const char *data, size_t len, const char *path, FILE *err);

/* A case's clocks as a JSON array (clocks_json.c): each {"rule", "start",
 * "due", "state", "basis", "stop", "stop_reason", "estimated"}; NULL when
 * they cannot be read. For export and `laifang case show --json`. */
struct json_t;
struct json_t *lf_cli_clocks_json(lf_store *st, const lf_user *actor, const char *case_id);

#endif
