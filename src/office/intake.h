/* Every channel in (issue 13): what a channel's own form adds to a
 * registration before the store saves it. Internal to office/. */
#ifndef LAIFANG_OFFICE_INTAKE_H
#define LAIFANG_OFFICE_INTAKE_H

#include <stddef.h>

#include "laifang/form.h"
#include "laifang/store.h"

#define INTAKE_MAX 24

typedef struct intake_extra {
	const char *ids[INTAKE_MAX];
	const char *values[INTAKE_MAX];
	size_t n;
} intake_extra;

/* Fill reg's channel, anonymous flag and intake fields from form and
 * values (channel: the caller's, e.g. an import's column, or NULL for the
 * form's own). Returns the number of issues written (LF_INVALID: the
 * registration is refused), 0 when it may be saved. */
size_t intake_prepare(const lf_form_def *form, char **values, const char *channel, lf_registration *reg,
                      intake_extra *x, lf_form_issue *issues, size_t max_issues);

#endif
