/* Writing a file that no reader ever sees half of, nobody else can read,
 * and nobody can redirect: a new file beside the target, created under an
 * unpredictable name with O_CREAT|O_EXCL|O_NOFOLLOW (mode 0600), written,
 * flushed to disk, then renamed over the target. Every file laifang writes
 * goes through here: exports, statistics, case files, PDFs, the published
 * schedule, drafts, attachments.
 *
 * A symbolic link planted where the file goes is refused (ELOOP), before
 * the file is written and again just before it is put in place; so is a
 * folder (EISDIR) or anything else that is not an ordinary file, such as a
 * FIFO or a device (LF_SAFE_ENOTREG). A link planted between that last look
 * and the rename is replaced by the rename, never followed. Core module. */
#ifndef LAIFANG_SAFE_FILE_H
#define LAIFANG_SAFE_FILE_H

#include <errno.h>
#include <stddef.h>
#include <stdio.h>

/* errno for "something that is not an ordinary file is in the way". */
#define LF_SAFE_ENOTREG EINVAL

typedef struct lf_safe_file {
	FILE *f;   /* write here (lf_safe_open), or NULL */
	int fd;    /* the new file's descriptor while open, else -1 */
	char *tmp; /* the new file's name until it is put in place */
} lf_safe_file;

/* Start a file that will become path, as a descriptor: the descriptor, or
 * -1 (errno set) when path is refused or the new file cannot be made. The
 * new file's name starts with a dot, in path's folder. */
int lf_safe_create(lf_safe_file *sf, const char *path);

/* The same as a stream: NULL (errno set) on failure. */
FILE *lf_safe_open(lf_safe_file *sf, const char *path);

/* Flush to disk and close; 0, or -1 with errno (the disk is full...). The
 * file is not yet in place: lf_safe_commit or lf_safe_abort follows. */
int lf_safe_finish(lf_safe_file *sf);

/* Finish if still open and put the file in place as path; 0, or -1 with
 * errno (ELOOP: a link appeared at path), the new file removed and any
 * earlier path left as it was. */
int lf_safe_commit(lf_safe_file *sf, const char *path);

/* Drop the new file; path is left as it was. Harmless after a failed
 * create or a commit. */
void lf_safe_abort(lf_safe_file *sf);

/* What went wrong, for a message that names the file: the translated
 * reason for ELOOP, EISDIR and LF_SAFE_ENOTREG, strerror otherwise. */
const char *lf_safe_strerror(int err);

/* Is path something laifang may replace: absent or an ordinary file? 0, or
 * -1 with errno ELOOP, EISDIR or LF_SAFE_ENOTREG (or lstat's). */
int lf_safe_target_ok(const char *path);

#endif
