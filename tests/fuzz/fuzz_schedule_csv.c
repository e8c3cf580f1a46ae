/* libFuzzer target: a reception schedule file (lf_schedule_read_csv, what
 * `laifang schedule import` reads) on any bytes. Besides not crashing: a
 * refusal says which line and appends nothing, and holds no control
 * character (it is shown on a terminal); every slot read has a real date,
 * a leader, times in order or none, clean one-line texts, and its line. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#include "laifang/schedule.h"

static void clean_line(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lf_schedule s;
	lf_schedule_init(&s);
	char err[512] = "";
	int n = lf_schedule_read_csv(&s, (const char *)data, size, err, sizeof err);
	if (n < 0) {
		if ((strncmp(err, "line ", 5) != 0 && strcmp(err, "out of memory") != 0) || s.n != 0)
			abort();
		clean_line(err);
	} else {
		if ((size_t)n != s.n)
			abort();
		for (size_t i = 0; i < s.n; i++) {
			const lf_slot *t = &s.slots[i];
			if (!lf_date_valid(t->date.y, t->date.m, t->date.d) || !t->leader.name[0] || t->line < 2)
				abort();
			if ((t->start == LF_NO_TIME) != (t->end == LF_NO_TIME))
				abort();
			if (t->start != LF_NO_TIME && !(t->start >= 0 && t->start < t->end && t->end < 24 * 60))
				abort();
			const char *texts[] = {t->leader.name, t->leader.title, t->leader.level, t->department,
			                       t->location, t->contact};
			for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
				clean_line(texts[k]);
			lf_slot_kind_id(t->kind);
			lf_slot_mode_id(t->mode);
		}
	}
	lf_schedule_free(&s);
	return 0;
}
