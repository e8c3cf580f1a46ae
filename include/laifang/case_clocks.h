/* A case's clocks for a person (clocks.h, store_clocks.h): the list, with
 * the need-to-know check; whether a handling clock runs (延期 is offered
 * only then); and the working-day question a due date set by a person
 * asks. Core module. */
#ifndef LAIFANG_CASE_CLOCKS_H
#define LAIFANG_CASE_CLOCKS_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/store.h"
#include "laifang/store_clocks.h"

/* The clocks of a case the actor may read, in the order they started
 * (rule, start, due, state, basis, estimated...). For the case screen and
 * `laifang case show --json` ("clocks": [{"rule","start","due","state",
 * "basis"}]). A refusal with msg as every read of a case. */
lf_store_err lf_case_clocks(lf_store *st, const lf_user *actor, const char *case_id, lf_clock_fn fn, void *ud,
                            char *msg, size_t len);

/* The due date (YYYY-MM-DD) of the case's running clock of a rule
 * ("handle"...) into out (at least 11 bytes); false, out "", when none. */
bool lf_case_clock_due(lf_store *st, const char *case_id, const char *rule, char *out);

/* True when the case's handling clock runs (an extension is possible). */
bool lf_case_handle_clock_runs(lf_store *st, const char *case_id);

/* A due date a person sets: true when it is a working day on the office
 * calendar; false with the question for the person in msg ("2026-10-03 is
 * not a working day (国庆节)..."). A face asks it (the TUI) or refuses
 * unless told to allow it (the CLI's --allow-nonworking). */
bool lf_due_workday(lf_store *st, lf_date due, char *msg, size_t len);

#endif
