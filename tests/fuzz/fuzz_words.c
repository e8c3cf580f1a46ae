/* libFuzzer target: the small parsers of words typed on the command line or
 * read from a file: a list of roles, a time of day, a schedule slot's kind
 * and mode, a case state, a queue, a notice kind, an export format. Besides
 * not crashing: whatever is accepted is written back by its own formatter
 * and read again to the same value. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/ledger.h"
#include "laifang/paper.h"
#include "laifang/schedule.h"
#include "laifang/workflow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);

	unsigned roles, again;
	char bad[64], buf[512];
	if (lf_roles_parse(s, &roles, bad, sizeof bad)) {
		lf_roles_format(roles, false, buf, sizeof buf);
		if (roles && (!lf_roles_parse(buf, &again, bad, sizeof bad) || again != roles))
			abort();
	} else if (strlen(bad) >= sizeof bad) {
		abort();
	}
	lf_roles_format(roles = (unsigned)(size ? data[0] : 0), true, buf, sizeof buf);

	int minutes, m2;
	if (lf_time_parse(s, &minutes)) {
		char t[16];
		if (minutes < 0 || minutes >= 24 * 60)
			abort();
		lf_time_format(minutes, t);
		if (!lf_time_parse(t, &m2) || m2 != minutes)
			abort();
	}
	lf_slot_kind k, k2;
	if (lf_slot_kind_parse(s, &k) && (!lf_slot_kind_parse(lf_slot_kind_id(k), &k2) || k2 != k))
		abort();
	lf_slot_mode m, mm;
	if (lf_slot_mode_parse(s, &m) && (!lf_slot_mode_parse(lf_slot_mode_id(m), &mm) || mm != m))
		abort();
	lf_case_state st, st2;
	if (lf_state_parse(s, &st) && (!lf_state_parse(lf_state_id(st), &st2) || st2 != st))
		abort();
	lf_queue_id q, q2;
	if (lf_queue_parse(s, &q) && (!lf_queue_parse(lf_queue_key(q), &q2) || q2 != q))
		abort();
	lf_step step;
	lf_step_parse(s, &step);
	lf_paper_kind pk, pk2;
	if (lf_paper_notice_parse(s, &pk) && (!lf_paper_notice_parse(lf_paper_key(pk), &pk2) || pk2 != pk))
		abort();
	lf_ledger_format lf, lf2;
	if (lf_ledger_format_parse(s, &lf) && (!lf_ledger_format_parse(lf_ledger_format_id(lf), &lf2) || lf2 != lf))
		abort();
	free(s);
	return 0;
}
