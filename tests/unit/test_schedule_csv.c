/* The reception schedule's CSV files (header, line-numbered errors, nothing
 * taken from a bad file), the kind and mode ids, times and fixed fields. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "laifang/schedule.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int read_str(lf_schedule *s, const char *csv, char *err, size_t len)
{
	err[0] = '\0';
	return lf_schedule_read_csv(s, csv, strlen(csv), err, len);
}

#define HDR LF_SCHEDULE_CSV_HEADER "\n"

static void test_csv(void **state)
{
	(void)state;
	lf_schedule s;
	lf_schedule_init(&s);
	char err[512];
	/* A byte order mark, CRLF, other column order, Chinese kind and mode,
	 * a quoted comma, blank lines, times without a leading zero. */
	const char *good = "\xEF\xBB\xBFleader,Date,kind,mode,location,start,end\r\n"
	                   "\r\n"
	                   "王景,2024年5月23日,接访,定点接访,\"广州市应急管理局1楼, 信访接待室\",9:30,11:30\r\n"
	                   "郭大维,2024-05-15,field_visit,下基层接访,,,\r\n";
	assert_int_equal(read_str(&s, good, err, sizeof err), 2);
	assert_int_equal(s.slots[0].line, 3);
	assert_int_equal(s.slots[0].date.d, 23);
	assert_int_equal(s.slots[0].start, 570);
	assert_int_equal(s.slots[0].end, 690);
	assert_string_equal(s.slots[0].location, "广州市应急管理局1楼, 信访接待室");
	assert_int_equal(s.slots[1].kind, LF_SLOT_FIELD_VISIT);
	assert_int_equal(s.slots[1].mode, LF_MODE_GRASSROOTS);
	assert_int_equal(s.slots[1].start, LF_NO_TIME);

	static const struct {
		const char *csv, *err;
	} bad[] = {
		{HDR "2024-13-01,,,甲,,,,,,,\n", "line 2: date \"2024-13-01\" is not a valid date (YYYY-MM-DD)"},
		{HDR "2024-01-02,,,甲,,,,,,,\n2024-01-03,9:30,,乙,,,,,,,\n", "line 3: end \"\" is not a time (HH:MM)"},
		{HDR "2024-01-02,24:00,25:00,甲,,,,,,,\n", "line 2: start \"24:00\" is not a time (HH:MM)"},
		{HDR "2024-01-02,11:30,09:30,甲,,,,,,,\n", "line 2: end 09:30 is not after start 11:30"},
		{HDR "2024-01-02,,,,,,,,,,\n", "line 2: leader is empty"},
		{HDR "2024-01-02,,,甲,,,,,\n", "line 2: 9 fields where the header has 11"},
		{HDR "2024-01-02,,,甲,,,,,,visit,\n", "line 2: kind \"visit\" is not reception or field_visit"},
		{HDR "2024-01-02,,,甲,,,,,,,walk\n",
		 "line 2: mode \"walk\" is not one of fixed, appointment, thematic, case_visit, grassroots"},
		{HDR "2024-01-02,,,\"甲\n乙\",,,,,,,\n", "line 2: leader holds a line break, a control character or invalid UTF-8"},
		{HDR "2024-01-02,,,\xff,,,,,,,\n", "line 2: leader holds a line break, a control character or invalid UTF-8"},
		{"date,leader,room\n", "line 1: unknown column \"room\" (the header is " LF_SCHEDULE_CSV_HEADER ")"},
		{"date,date,leader\n", "line 1: column date appears twice"},
		{"date,title\n", "line 1: the header must name at least the columns date and leader (" LF_SCHEDULE_CSV_HEADER ")"},
		{"\n\n", "line 1: the file is empty: no header line"},
		{HDR "2024-01-02,,,\"甲,,,,,,,\n", "line 2: unterminated quoted field"},
	};
	for (size_t i = 0; i < N(bad); i++) {
		assert_int_equal(read_str(&s, bad[i].csv, err, sizeof err), -1);
		if (i == N(bad) - 1) /* the CSV reader's own wording: line and quote */
			assert_true(!strncmp(err, "line 2", 6) && strstr(err, "quot"));
		else if (strcmp(err, bad[i].err))
			fail_msg("case %zu: expected \"%s\", got \"%s\"", i, bad[i].err, err);
		assert_int_equal(s.n, 2); /* nothing appended */
	}
	/* A field longer than its slot is refused, not cut. */
	char longname[200] = HDR "2024-01-02,,,";
	for (int i = 0; i < 22; i++)
		strcat(longname, "王");
	strcat(longname, ",,,,,,,\n");
	assert_int_equal(read_str(&s, longname, err, sizeof err), -1);
	assert_string_equal(err, "line 2: leader is too long (at most 63 bytes)");
	lf_schedule_free(&s);
}

static void test_ids_and_times(void **state)
{
	(void)state;
	for (int k = LF_SLOT_RECEPTION; k <= LF_SLOT_FIELD_VISIT; k++) {
		lf_slot_kind got;
		assert_true(lf_slot_kind_parse(lf_slot_kind_id((lf_slot_kind)k), &got));
		assert_int_equal(got, k);
		assert_true(lf_slot_kind_parse(lf_slot_kind_label((lf_slot_kind)k), &got));
		assert_int_equal(got, k);
	}
	static const char *const paper[] = {"定点接访", "重点约访", "专题接访", "带案下访", "下基层接访"};
	static const char *const ids[] = {"fixed", "appointment", "thematic", "case_visit", "grassroots"};
	for (int m = LF_MODE_FIXED; m <= LF_MODE_GRASSROOTS; m++) {
		lf_slot_mode got;
		assert_string_equal(lf_slot_mode_id((lf_slot_mode)m), ids[m]);
		assert_true(lf_slot_mode_parse(paper[m], &got));
		assert_int_equal(got, m);
		assert_true(lf_slot_mode_parse(lf_slot_mode_label((lf_slot_mode)m), &got));
		assert_int_equal(got, m);
	}
	lf_slot_kind k;
	assert_false(lf_slot_kind_parse("", &k));
	int t;
	assert_true(lf_time_parse("09:30", &t));
	assert_int_equal(t, 570);
	assert_true(lf_time_parse("0:00", &t));
	assert_int_equal(t, 0);
	assert_true(lf_time_parse("23:59", &t));
	assert_false(lf_time_parse("9:3", &t));
	assert_false(lf_time_parse("12:60", &t));
	assert_false(lf_time_parse("123:00", &t));
	assert_false(lf_time_parse("09:30 ", &t));
	assert_false(lf_time_parse(":30", &t));
	char buf[6];
	lf_time_format(570, buf);
	assert_string_equal(buf, "09:30");
	lf_time_format(LF_NO_TIME, buf);
	assert_string_equal(buf, "");
	/* Cutting keeps whole characters: 4 bytes hold one 3-byte character. */
	char small[5];
	assert_false(lf_slot_set(small, sizeof small, "王晓东"));
	assert_string_equal(small, "王");
	assert_true(lf_slot_set(small, sizeof small, "王"));
}

/* An unknown column is quoted without its escape (issue 10). */
static void test_header_echo_clean(void **state)
{
	(void)state;
	lf_schedule s;
	lf_schedule_init(&s);
	char err[512];
	assert_int_equal(read_str(&s, "date,leader,\033]0;pwned\007x\n2026-12-01,李明,1\n", err, sizeof err), -1);
	assert_null(strchr(err, '\033'));
	assert_null(strchr(err, '\007'));
	assert_non_null(strstr(err, "unknown column \"x\""));
	lf_schedule_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_ids_and_times),
		cmocka_unit_test(test_header_echo_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
