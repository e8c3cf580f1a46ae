/* Writing a file that no reader ever sees half of and nobody else can read:
 * a new file beside the target (mkstemp, mode 0600), written, flushed to
 * disk, then renamed over the target. Exports, statistics and case files
 * all go through here. Core module. */
#ifndef LAIFANG_SAFE_FILE_H
#define LAIFANG_SAFE_FILE_H

#include <stdio.h>

typedef struct lf_safe_file {
	FILE *f;   /* write here */
	char *tmp; /* the new file's name until it is put in place */
} lf_safe_file;

/* Start a file that will become path. NULL (errno set) when the new file
 * cannot be made. */
FILE *lf_safe_open(lf_safe_file *sf, const char *path);

/* Flush to disk and close; 0, or -1 with errno (the disk is full...). The
 * file is not yet in place: lf_safe_commit or lf_safe_abort follows. */
int lf_safe_finish(lf_safe_file *sf);

/* Finish if still open and put the file in place as path; 0, or -1 with
 * errno, the new file removed and any earlier path left as it was. */
int lf_safe_commit(lf_safe_file *sf, const char *path);

/* Drop the new file; path is left as it was. */
void lf_safe_abort(lf_safe_file *sf);

#endif
