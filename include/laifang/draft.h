/* Drafts: the sheet being typed, kept on disk on every pause in typing so
 * that a crash or a kill loses nothing. Written whole through safe_file.h
 * (a new file, mode 0600, never through a link) under
 * $XDG_STATE_HOME/laifang/ (falling back to ~/.local/state/laifang/).
 *
 * A draft belongs to one login on one database, and to one desk (one
 * running laifang): its file is
 *   FORM.DB.LOGIN.DESK.draft.json
 * where DB is 16 hex digits of the SHA-256 of the database's absolute
 * path, LOGIN the login (or "~" and 16 hex digits of its hash when it has
 * other characters than letters, digits, '_' and '-'), and DESK the process
 * id and 8 random hex digits. Each desk holds an flock on its hidden
 * .FORM.DB.LOGIN.DESK.lock for as long as it runs, so two desks of one
 * account write two files and never overwrite each other's draft. A desk
 * that starts is offered its login's newest draft on that database among
 * those whose desk no longer runs (its lock file gone or free); taking it
 * renames it to the new desk's own name, so two new desks never both take
 * one draft. A lock file left by a killed desk without a draft is removed
 * by the next desk of that login once it is a minute old. */
#ifndef LAIFANG_DRAFT_H
#define LAIFANG_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lf_draft lf_draft;

/* This desk's drafts of a form ("registration") for login on the database
 * at db_path; takes the desk's lock (the state directory is made, 0700).
 * NULL with errno (EINVAL for a form id that is not letters, digits, '_'
 * or '-'). LAIFANG_STATE_DIR overrides the directory. */
lf_draft *lf_draft_open(const char *form_id, const char *db_path, const char *login);

/* Release the lock; this desk's draft, if any, stays for the next start. */
void lf_draft_close(lf_draft *d);

/* This desk's draft file, and the login it was opened for. */
const char *lf_draft_path(const lf_draft *d);
const char *lf_draft_login(const lf_draft *d);

/* Save n (id, value) pairs; NULL ids or values are skipped: the caller
 * passes only what the sheet shows. 0, or -1 with errno set (ELOOP: a link
 * was planted in the draft's place; lf_safe_strerror says so). */
int lf_draft_save(lf_draft *d, const char *const *ids, const char *const *values, size_t n);

/* Load this desk's draft, else take the newest one left by a desk of this
 * login on this database that no longer runs (it becomes this desk's):
 * for each of the n ids, values[i] gets a malloc'd value or NULL. 1 when
 * a draft was read, 0 when there is none, -1 when it exists but cannot be
 * read (errno set). */
int lf_draft_load(lf_draft *d, const char *const *ids, char **values, size_t n);

/* The id under which a sheet saves, with its fields, the id of the field
 * the clerk was in, so that the draft reopens there. A field id never
 * starts with '_'; a draft written before has none (the sheet then opens
 * where a new one does). */
#define LF_DRAFT_FOCUS "_focus"

/* Remove this desk's draft (after a save or when the clerk drops it). */
void lf_draft_discard(lf_draft *d);

#endif
