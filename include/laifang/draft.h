/* Drafts: the sheet being typed, kept on disk on every field change so that a
 * crash or a kill loses nothing. Written atomically (mkstemp + rename) under
 * $XDG_STATE_HOME/laifang/ (falling back to ~/.local/state/laifang/), mode 0600. */
#ifndef LAIFANG_DRAFT_H
#define LAIFANG_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

/* Path of the draft file for a form ("registration"), malloc'd. The
 * environment variable LAIFANG_STATE_DIR overrides the directory. */
char *lf_draft_path(const char *form_id);

/* Save n (id, value) pairs; NULL values are skipped. Returns 0, or -1 with
 * errno set (the caller shows strerror). */
int lf_draft_save(const char *form_id, const char *const *ids, const char *const *values, size_t n);

/* Load a draft: for each of the n ids, values[i] gets a malloc'd value or NULL.
 * Returns 1 when a draft exists and was read, 0 when there is none, -1 when it
 * exists but cannot be read (errno set). */
int lf_draft_load(const char *form_id, const char *const *ids, char **values, size_t n);

/* Remove the draft (after a save or when the clerk drops it). */
void lf_draft_discard(const char *form_id);

#endif
