/* What flow.c and flow_recheck.c share: a case's flow columns as a write
 * reads them, and the checks made again inside the write. Private to
 * src/store. */
#ifndef LAIFANG_STORE_FLOW_INTERNAL_H
#define LAIFANG_STORE_FLOW_INTERNAL_H

#include "store_internal.h"

#include "laifang/date.h"
#include "laifang/store_flow.h"

typedef struct flow_row {
	char id[STORE_UUID_LEN], case_no[16], status[32];
	char lead_unit_id[STORE_UUID_LEN], owner_id[STORE_UUID_LEN], leader_id[STORE_UUID_LEN];
	char due_on[LF_DATE_LEN], due_rule[32], visit_state[16], visit_at[LF_TIMESTAMP_LEN];
	int urgent, major, extended;
} flow_row;

/* Inside an event's write, the case as it is now (before): what core
 * checked the event against before the write, checked again (the one
 * extension, the archive gate, the waiting list, a hearing, an agency's
 * receipt, what a form showed). LF_STORE_OK, or LF_STORE_CONFLICT with a
 * sentence saying what another desk did. */
lf_store_err flow_recheck(lf_store *st, const lf_event_in *ev, const flow_row *before);

#endif
