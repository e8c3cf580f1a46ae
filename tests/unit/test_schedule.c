/* The reception schedule: generating the seeds' 2024 schedules by their rules
 * under both postponement choices, the April 2016 rotation of seed 001 and the
 * December 2024 round of seed 002, checking the seeds' printed tables against
 * the official calendar, double bookings, missing leaders and quotas (CSV and
 * ids: test_schedule_csv.c).
 * Expected dates are written out from reading the State Council's 2016 and
 * 2024 arrangements (db/calendar/cn-holidays.tsv), not computed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/calendar.h"
#include "laifang/date.h"
#include "laifang/schedule.h"

static lf_date D(const char *s)
{
	lf_date d;
	if (!lf_date_parse(s, &d))
		fail_msg("bad date in test: %s", s);
	return d;
}

/* The slots' dates, in order, are exactly want[0..n). */
static void expect_dates(const lf_schedule *s, size_t from, const char *const *want, size_t n)
{
	assert_true(s->n >= from + n);
	for (size_t i = 0; i < n; i++) {
		char buf[LF_DATE_LEN];
		lf_date_format(s->slots[from + i].date, buf);
		if (strcmp(buf, want[i]))
			fail_msg("slot %zu: expected %s, got %s", from + i, want[i], buf);
	}
}

static lf_leader L(const char *name, const char *title, const char *level)
{
	lf_leader l;
	memset(&l, 0, sizeof l);
	lf_slot_set(l.name, sizeof l.name, name);
	lf_slot_set(l.title, sizeof l.title, title);
	lf_slot_set(l.level, sizeof l.level, level);
	return l;
}

static lf_slot slot_on(const char *date, const char *leader, const char *level)
{
	lf_slot s;
	memset(&s, 0, sizeof s);
	s.date = D(date);
	s.start = s.end = LF_NO_TIME;
	s.leader = L(leader, "", level);
	return s;
}

/* A seed table from tests/unit/data (tests run from the repository root). */
static void read_table(const char *name, lf_schedule *s)
{
	char path[256];
	snprintf(path, sizeof path, "tests/unit/data/%s", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	static char buf[65536];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	char err[256] = "";
	int n = lf_schedule_read_csv(s, buf, len, err, sizeof err);
	if (n < 0)
		fail_msg("%s: %s", path, err);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Seed 000: the 23rd of each month, postponed past weekends and holidays.
 * No 23rd of 2024 falls on a holiday or a make-up day, so both choices
 * agree: Saturday 03-23, Sunday 06-23 and Saturday 11-23 move to Monday. */
static void test_seed000_monthly(void **state)
{
	(void)state;
	static const char *const want[] = {
		"2024-01-23", "2024-02-23", "2024-03-25", "2024-04-23", "2024-05-23", "2024-06-24",
		"2024-07-23", "2024-08-23", "2024-09-23", "2024-10-23", "2024-11-25", "2024-12-23",
	};
	const lf_calendar *cal = lf_calendar_builtin();
	for (int how = LF_POSTPONE_OFFICIAL; how <= LF_POSTPONE_WEEKDAY; how++) {
		lf_rule rule = {.kind = LF_RULE_MONTHLY, .from = D("2024-01-01"), .to = D("2024-12-31"),
		                .day = 23, .postpone = (lf_postpone)how};
		rule.tmpl.start = 9 * 60 + 30;
		rule.tmpl.end = 11 * 60 + 30;
		lf_slot_set(rule.tmpl.location, sizeof rule.tmpl.location, "广州市应急管理局1楼信访接待室");
		lf_schedule s;
		lf_schedule_init(&s);
		assert_int_equal(lf_schedule_generate(&s, cal, &rule), 12);
		expect_dates(&s, 0, want, N(want));
		assert_int_equal(s.slots[2].start, 570);
		assert_string_equal(s.slots[2].location, "广州市应急管理局1楼信访接待室");
		lf_schedule_free(&s);
	}
}

static const lf_leader seed004_leaders[] = {
	{"厚春华", "局长", "bureau"}, {"王晓东", "副局长", "bureau"}, {"孙守堂", "副局长", "bureau"},
	{"傅博", "副局长", "bureau"}, {"郭大维", "执法队队长", "bureau"},
};
static const char *const seed004_contacts[] = {"王贤熙", "于海宁", "李明姬"};

static int seed004(lf_schedule *s, int day, lf_postpone how, lf_slot_kind kind)
{
	lf_rule rule = {.kind = LF_RULE_MONTHLY, .from = D("2024-01-01"), .to = D("2024-12-31"), .day = day,
	                .postpone = how, .leaders = seed004_leaders, .nleaders = N(seed004_leaders),
	                .contacts = seed004_contacts, .ncontacts = N(seed004_contacts)};
	rule.tmpl.start = rule.tmpl.end = LF_NO_TIME;
	rule.tmpl.kind = kind;
	rule.tmpl.mode = kind == LF_SLOT_FIELD_VISIT ? LF_MODE_GRASSROOTS : LF_MODE_FIXED;
	return lf_schedule_generate(s, lf_calendar_builtin(), &rule);
}

/* Seed 004: reception on the 12th, field visits on the 15th. Monday 02-12
 * and Thursday 02-15 are Spring Festival; the first working day after is
 * Sunday 02-18 (worked in exchange), the first weekday Monday 02-19. Saturday
 * 10-12 is itself a make-up working day. 09-15 to 09-17 are Mid-Autumn. */
static void test_seed004_monthly(void **state)
{
	(void)state;
	static const char *const rec_official[] = {
		"2024-01-12", "2024-02-18", "2024-03-12", "2024-04-12", "2024-05-13", "2024-06-12",
		"2024-07-12", "2024-08-12", "2024-09-12", "2024-10-12", "2024-11-12", "2024-12-12",
	};
	static const char *const rec_weekday[] = {
		"2024-01-12", "2024-02-19", "2024-03-12", "2024-04-12", "2024-05-13", "2024-06-12",
		"2024-07-12", "2024-08-12", "2024-09-12", "2024-10-14", "2024-11-12", "2024-12-12",
	};
	static const char *const field_official[] = {
		"2024-01-15", "2024-02-18", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-17",
		"2024-07-15", "2024-08-15", "2024-09-18", "2024-10-15", "2024-11-15", "2024-12-16",
	};
	static const char *const field_weekday[] = {
		"2024-01-15", "2024-02-19", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-17",
		"2024-07-15", "2024-08-15", "2024-09-18", "2024-10-15", "2024-11-15", "2024-12-16",
	};
	lf_schedule s;
	lf_schedule_init(&s);
	assert_int_equal(seed004(&s, 12, LF_POSTPONE_OFFICIAL, LF_SLOT_RECEPTION), 12);
	assert_int_equal(seed004(&s, 12, LF_POSTPONE_WEEKDAY, LF_SLOT_RECEPTION), 12);
	assert_int_equal(seed004(&s, 15, LF_POSTPONE_OFFICIAL, LF_SLOT_FIELD_VISIT), 12);
	assert_int_equal(seed004(&s, 15, LF_POSTPONE_WEEKDAY, LF_SLOT_FIELD_VISIT), 12);
	expect_dates(&s, 0, rec_official, 12);
	expect_dates(&s, 12, rec_weekday, 12);
	expect_dates(&s, 24, field_official, 12);
	expect_dates(&s, 36, field_weekday, 12);

	/* Leaders and contacts rotate as the printed tables do. */
	lf_schedule printed;
	lf_schedule_init(&printed);
	read_table("seed004_2024.csv", &printed);
	assert_int_equal(printed.n, 24);
	for (size_t i = 0; i < 12; i++) {
		assert_string_equal(s.slots[i].leader.name, printed.slots[i].leader.name);
		assert_string_equal(s.slots[i].leader.title, printed.slots[i].leader.title);
		assert_string_equal(s.slots[i].contact, printed.slots[i].contact);
		assert_string_equal(s.slots[24 + i].leader.name, printed.slots[12 + i].leader.name);
		assert_string_equal(s.slots[24 + i].contact, printed.slots[12 + i].contact);
		assert_int_equal(s.slots[24 + i].kind, LF_SLOT_FIELD_VISIT);
		assert_int_equal(printed.slots[12 + i].kind, LF_SLOT_FIELD_VISIT);
		assert_int_equal(printed.slots[12 + i].mode, LF_MODE_GRASSROOTS);
	}
	/* The printed reception dates are the weekday choice's but for 02-12. */
	for (size_t i = 0; i < 12; i++) {
		bool same = !lf_date_cmp(s.slots[12 + i].date, printed.slots[i].date);
		assert_int_equal(same, i != 1);
	}
	lf_schedule_free(&printed);
	lf_schedule_free(&s);
}

static const lf_leader seed001_leaders[] = {
	{"陈紫光", "县委常委、组织部部长", "county"}, {"卢雁慧", "县委常委、宣传部部长", "county"},
	{"许信咏", "县委常委、常务副县长", "county"}, {"刘剑平", "县委常委", "county"},
	{"郑秋汉", "县委常委、县人武部部长", "county"}, {"卓凛波", "县委常委", "county"},
	{"陈连郑", "县委常委、政法委书记", "county"}, {"符坚", "县委常委、县委办主任", "county"},
	{"余振光", "副县长", "county"}, {"王楚雄", "副县长、县公安局局长", "county"},
	{"施流德", "副县长", "county"}, {"陈凯婵", "副县长", "county"},
	{"吴光群", "副县长", "county"}, {"林建隆", "县委副书记", "county"},
	{"刘帆", "县委常委、纪委书记", "county"},
};

/* Seed 001: the 15 county leaders in turn over every working day of April
 * 2016 (Qingming on Monday 04-04), starting again after the last: 20 days,
 * the table exactly as printed. */
static void test_seed001_rotation(void **state)
{
	(void)state;
	static const char *const want[] = {
		"2016-04-01", "2016-04-05", "2016-04-06", "2016-04-07", "2016-04-08",
		"2016-04-11", "2016-04-12", "2016-04-13", "2016-04-14", "2016-04-15",
		"2016-04-18", "2016-04-19", "2016-04-20", "2016-04-21", "2016-04-22",
		"2016-04-25", "2016-04-26", "2016-04-27", "2016-04-28", "2016-04-29",
	};
	lf_schedule printed;
	lf_schedule_init(&printed);
	read_table("seed001_2016_04.csv", &printed);
	assert_int_equal(printed.n, 20);
	expect_dates(&printed, 0, want, N(want));
	for (int how = LF_POSTPONE_OFFICIAL; how <= LF_POSTPONE_WEEKDAY; how++) {
		lf_rule rule = {.kind = LF_RULE_ROTATION, .from = D("2016-04-01"), .to = D("2016-04-30"),
		                .postpone = (lf_postpone)how, .leaders = seed001_leaders,
		                .nleaders = N(seed001_leaders)};
		rule.tmpl.start = rule.tmpl.end = LF_NO_TIME;
		lf_slot_set(rule.tmpl.location, sizeof rule.tmpl.location, "县信访局接访大厅");
		lf_schedule s;
		lf_schedule_init(&s);
		assert_int_equal(lf_schedule_generate(&s, lf_calendar_builtin(), &rule), 20);
		expect_dates(&s, 0, want, N(want));
		for (size_t i = 0; i < 20; i++) {
			assert_string_equal(s.slots[i].leader.name, printed.slots[i].leader.name);
			assert_string_equal(s.slots[i].leader.title, printed.slots[i].leader.title);
			assert_string_equal(s.slots[i].location, printed.slots[i].location);
		}
		assert_string_equal(s.slots[15].leader.name, "陈紫光");
		lf_schedule_free(&s);
	}
	lf_schedule_free(&printed);
}

/* Seed 002: one leader per working day 2024-12-11 to 12-26, bodies in the
 * order 区委, 区人大, 区政府, 区政协, 区人民法院, 区检察院: 12 days, twice
 * round. Then a rotation across the 2024 National Day make-up days. */
static void test_seed002_round(void **state)
{
	(void)state;
	static const lf_leader bodies[] = {
		{"区委", "副处级领导干部", "deputy"},     {"区人大", "副处级领导干部", "deputy"},
		{"区政府", "副处级领导干部", "deputy"},   {"区政协", "副处级领导干部", "deputy"},
		{"区人民法院", "副处级领导干部", "deputy"}, {"区检察院", "副处级领导干部", "deputy"},
	};
	static const char *const want[] = {
		"2024-12-11", "2024-12-12", "2024-12-13", "2024-12-16", "2024-12-17", "2024-12-18",
		"2024-12-19", "2024-12-20", "2024-12-23", "2024-12-24", "2024-12-25", "2024-12-26",
	};
	lf_rule rule = {.kind = LF_RULE_ROTATION, .from = D("2024-12-11"), .to = D("2024-12-26"),
	                .leaders = bodies, .nleaders = N(bodies)};
	lf_schedule s;
	lf_schedule_init(&s);
	assert_int_equal(lf_schedule_generate(&s, lf_calendar_builtin(), &rule), 12);
	expect_dates(&s, 0, want, N(want));
	assert_string_equal(s.slots[0].leader.name, "区委");
	assert_string_equal(s.slots[5].leader.name, "区检察院");
	assert_string_equal(s.slots[6].leader.name, "区委");
	assert_string_equal(s.slots[11].leader.name, "区检察院");

	/* 2024-09-27 to 10-14: Sunday 09-29 and Saturday 10-12 are worked. The
	 * official choice receives on them, the weekday choice does not. */
	static const char *const official[] = {
		"2024-09-27", "2024-09-29", "2024-09-30", "2024-10-08", "2024-10-09",
		"2024-10-10", "2024-10-11", "2024-10-12", "2024-10-14",
	};
	static const char *const weekday[] = {
		"2024-09-27", "2024-09-30", "2024-10-08", "2024-10-09",
		"2024-10-10", "2024-10-11", "2024-10-14",
	};
	rule.from = D("2024-09-27");
	rule.to = D("2024-10-14");
	rule.first = 2;
	lf_schedule_free(&s);
	assert_int_equal(lf_schedule_generate(&s, lf_calendar_builtin(), &rule), 9);
	expect_dates(&s, 0, official, N(official));
	assert_string_equal(s.slots[0].leader.name, "区政府");
	rule.postpone = LF_POSTPONE_WEEKDAY;
	lf_schedule_free(&s);
	assert_int_equal(lf_schedule_generate(&s, lf_calendar_builtin(), &rule), 7);
	expect_dates(&s, 0, weekday, N(weekday));
	lf_schedule_free(&s);
}

/* Malformed rules, and day 31 in short months. */
static void test_generate_edges(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	lf_schedule s;
	lf_schedule_init(&s);
	lf_rule rule = {.kind = LF_RULE_MONTHLY, .from = D("2024-02-01"), .to = D("2024-04-30"), .day = 31};
	static const char *const want[] = {"2024-02-29", "2024-04-01", "2024-04-30"};
	assert_int_equal(lf_schedule_generate(&s, cal, &rule), 3);
	expect_dates(&s, 0, want, N(want)); /* 03-31 is a Sunday */
	rule.day = 0;
	assert_int_equal(lf_schedule_generate(&s, cal, &rule), -1);
	rule.day = 32;
	assert_int_equal(lf_schedule_generate(&s, cal, &rule), -1);
	rule.day = 5;
	rule.from = D("2024-05-01");
	assert_int_equal(lf_schedule_generate(&s, cal, &rule), -1); /* from after to */
	assert_int_equal(s.n, 3);
	/* A period starting after the 5th of its month leaves that month out. */
	rule.from = D("2024-01-06");
	rule.to = D("2024-03-05");
	assert_int_equal(lf_schedule_generate(&s, cal, &rule), 2);
	static const char *const feb_mar[] = {"2024-02-05", "2024-03-05"};
	expect_dates(&s, 3, feb_mar, N(feb_mar));
	lf_schedule_free(&s);
	/* Postponing a holiday run: 2024-10-01 → 10-08 either way. */
	char buf[LF_DATE_LEN];
	lf_date_format(lf_schedule_postpone(cal, D("2024-10-01"), LF_POSTPONE_WEEKDAY), buf);
	assert_string_equal(buf, "2024-10-08");
	lf_date_format(lf_schedule_postpone(cal, D("2024-09-28"), LF_POSTPONE_OFFICIAL), buf);
	assert_string_equal(buf, "2024-09-29");
}

/* The seeds' printed tables against the calendar: seed 000 and seed 001 are
 * clean; seed 004 prints three dates that are public holidays: reception on
 * 2024-02-12 and field visit on 02-15 (Spring Festival), field visit on 09-16
 * (Mid-Autumn). */
static void test_check_printed(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	for (int how = LF_POSTPONE_OFFICIAL; how <= LF_POSTPONE_WEEKDAY; how++) {
		lf_check_opts opts = {.receive = (lf_postpone)how};
		lf_problems p;
		lf_problems_init(&p);
		lf_schedule s;
		lf_schedule_init(&s);
		read_table("seed000_2024.csv", &s);
		assert_int_equal(s.n, 12);
		assert_int_equal(lf_schedule_check(&s, cal, &opts, &p), 0);
		lf_schedule_free(&s);

		read_table("seed001_2016_04.csv", &s);
		opts.roster = seed001_leaders;
		opts.nroster = N(seed001_leaders);
		opts.from = D("2016-04-01");
		opts.to = D("2016-04-30");
		assert_int_equal(lf_schedule_check(&s, cal, &opts, &p), 0);
		lf_schedule_free(&s);

		opts.roster = seed004_leaders;
		opts.nroster = N(seed004_leaders);
		opts.from = opts.to = (lf_date){0, 0, 0};
		read_table("seed004_2024.csv", &s);
		assert_int_equal(lf_schedule_check(&s, cal, &opts, &p), 3);
		assert_int_equal(p.n, 3);
		static const struct {
			size_t slot;
			const char *date, *leader, *holiday;
			size_t line;
		} want[] = {
			{1, "2024-02-12", "王晓东", "春节", 3},
			{13, "2024-02-15", "王晓东", "春节", 15},
			{20, "2024-09-16", "傅博", "中秋节", 22},
		};
		for (size_t i = 0; i < 3; i++) {
			char date[LF_DATE_LEN], line[16];
			lf_date_format(p.items[i].date, date);
			snprintf(line, sizeof line, "line %zu: ", want[i].line);
			assert_int_equal(p.items[i].kind, LF_PROBLEM_HOLIDAY);
			assert_int_equal(p.items[i].slot, want[i].slot);
			assert_string_equal(date, want[i].date);
			assert_string_equal(p.items[i].leader, want[i].leader);
			assert_non_null(strstr(p.items[i].message, want[i].date));
			assert_non_null(strstr(p.items[i].message, want[i].holiday));
			assert_non_null(strstr(p.items[i].message, want[i].leader));
			assert_true(!strncmp(p.items[i].message, line, strlen(line)));
		}
		lf_schedule_free(&s);
		lf_problems_free(&p);
	}
}

/* Generated seed 004 schedules: under either choice Spring Festival pushes
 * the reception (02-12) and the field visit (02-15) onto the same day, and
 * both are 王晓东's: a double booking. The official choice also receives on
 * Sunday 02-18 and Saturday 10-12, which an office receiving Monday–Friday
 * flags. */
static void test_check_generated(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	for (int how = LF_POSTPONE_OFFICIAL; how <= LF_POSTPONE_WEEKDAY; how++) {
		lf_schedule s;
		lf_schedule_init(&s);
		assert_int_equal(seed004(&s, 12, (lf_postpone)how, LF_SLOT_RECEPTION), 12);
		assert_int_equal(seed004(&s, 15, (lf_postpone)how, LF_SLOT_FIELD_VISIT), 12);
		lf_problems p;
		lf_problems_init(&p);
		lf_check_opts opts = {.receive = (lf_postpone)how};
		assert_int_equal(lf_schedule_check(&s, cal, &opts, &p), 1);
		assert_int_equal(p.items[0].kind, LF_PROBLEM_DOUBLE_BOOKED);
		assert_int_equal(p.items[0].slot, 13);
		assert_int_equal(p.items[0].other, 1);
		assert_string_equal(p.items[0].leader, "王晓东");
		const char *day = how == LF_POSTPONE_OFFICIAL ? "2024-02-18" : "2024-02-19";
		assert_non_null(strstr(p.items[0].message, day));
		assert_non_null(strstr(p.items[0].message, "王晓东"));
		assert_non_null(strstr(p.items[0].message, "entry 2"));
		lf_problems_free(&p);
		if (how == LF_POSTPONE_OFFICIAL) {
			opts.receive = LF_POSTPONE_WEEKDAY;
			/* Sunday 02-18 twice (and the double booking), Saturday 10-12. */
			assert_int_equal(lf_schedule_check(&s, cal, &opts, &p), 4);
			assert_int_equal(p.items[0].kind, LF_PROBLEM_MAKEUP_DAY);
			assert_int_equal(p.items[0].slot, 1);
			assert_non_null(strstr(p.items[0].message, "2024-02-18"));
			assert_non_null(strstr(p.items[0].message, "春节"));
			assert_int_equal(p.items[1].kind, LF_PROBLEM_MAKEUP_DAY);
			assert_int_equal(p.items[1].slot, 9);
			assert_non_null(strstr(p.items[1].message, "2024-10-12"));
			assert_non_null(strstr(p.items[1].message, "国庆节"));
			assert_non_null(strstr(p.items[1].message, "郭大维"));
			assert_int_equal(p.items[2].kind, LF_PROBLEM_MAKEUP_DAY);
			assert_int_equal(p.items[2].slot, 13);
			assert_int_equal(p.items[3].kind, LF_PROBLEM_DOUBLE_BOOKED);
			assert_int_equal(p.items[3].slot, 13);
			lf_problems_free(&p);
		}
		lf_schedule_free(&s);
	}
}

/* Weekends, double bookings, a missing leader, a year the calendar lacks. */
static void test_check_synthetic(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	lf_schedule s;
	lf_schedule_init(&s);
	lf_slot a = slot_on("2024-03-02", "甲", "town"); /* Saturday */
	lf_slot b = slot_on("2024-03-03", "乙", "town"); /* Sunday */
	lf_slot c = slot_on("2024-03-04", "甲", "town");
	lf_slot d = slot_on("2024-03-04", "乙", "town");
	lf_slot e = slot_on("2024-03-04", "甲", "town"); /* 甲 again on 03-04 */
	lf_slot f = slot_on("2024-02-04", "乙", "town"); /* a worked Sunday */
	lf_slot g = slot_on("2030-03-04", "乙", "town"); /* beyond the calendar */
	const lf_slot *all[] = {&a, &b, &c, &d, &e, &f, &g};
	for (size_t i = 0; i < N(all); i++)
		assert_true(lf_schedule_add(&s, all[i]));
	lf_leader roster[] = {L("甲", "", "town"), L("乙", "", "town"), L("丙", "镇长", "town")};
	lf_check_opts opts = {.roster = roster, .nroster = N(roster), .from = D("2024-03-01"),
	                      .to = D("2024-03-31")};
	lf_problems p;
	lf_problems_init(&p);
	assert_int_equal(lf_schedule_check(&s, cal, &opts, &p), 5);
	assert_int_equal(p.items[0].kind, LF_PROBLEM_WEEKEND);
	assert_int_equal(p.items[0].slot, 0);
	assert_non_null(strstr(p.items[0].message, "2024-03-02 is a Saturday"));
	assert_int_equal(p.items[1].kind, LF_PROBLEM_WEEKEND);
	assert_non_null(strstr(p.items[1].message, "Sunday"));
	assert_int_equal(p.items[2].kind, LF_PROBLEM_DOUBLE_BOOKED);
	assert_int_equal(p.items[2].slot, 4);
	assert_int_equal(p.items[2].other, 2);
	assert_string_equal(p.items[2].message, "甲 is booked twice on 2024-03-04 (also in entry 3)");
	assert_int_equal(p.items[3].kind, LF_PROBLEM_NOT_COVERED);
	assert_int_equal(p.items[3].slot, 6);
	assert_non_null(strstr(p.items[3].message, "2030"));
	assert_int_equal(p.items[4].kind, LF_PROBLEM_MISSING);
	assert_int_equal(p.items[4].slot, LF_NO_SLOT);
	assert_string_equal(p.items[4].leader, "丙");
	assert_string_equal(p.items[4].message, "丙 has no reception day from 2024-03-01 to 2024-03-31");
	lf_problems_free(&p);
	/* Without a period the schedule's own span counts: 丙 is still missing;
	 * without opts, no roster: no missing leader at all. */
	opts.from = opts.to = (lf_date){0, 0, 0};
	assert_int_equal(lf_schedule_check(&s, cal, &opts, &p), 5);
	assert_non_null(strstr(p.items[4].message, "from 2024-02-04 to 2030-03-04"));
	lf_problems_free(&p);
	assert_int_equal(lf_schedule_check(&s, cal, NULL, &p), 4);
	lf_problems_free(&p);
	lf_schedule_free(&s);
}

/* Seed 001: county leaders at least one day a month, town leaders one a
 * week. Seed 002: deputy-level leaders one a quarter. */
static void test_quota(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	lf_schedule s;
	lf_schedule_init(&s);
	read_table("seed001_2016_04.csv", &s);
	lf_leader roster[N(seed001_leaders) + 3];
	memcpy(roster, seed001_leaders, sizeof seed001_leaders);
	roster[15] = L("新县领导", "副县长", "county");
	roster[16] = L("镇甲", "镇长", "town");
	roster[17] = L("镇乙", "副镇长", "town");
	/* 镇甲 in every week of April 2016, 镇乙 misses the week of 04-11. The
	 * first week (Fri 04-01 to Sun 04-03 within April) has one working day. */
	static const char *const jia[] = {"2016-04-01", "2016-04-06", "2016-04-12", "2016-04-19", "2016-04-29"};
	static const char *const yi[] = {"2016-04-01", "2016-04-05", "2016-04-05", "2016-04-18", "2016-04-25"};
	for (size_t i = 0; i < N(jia); i++) {
		lf_slot a = slot_on(jia[i], "镇甲", "town"), b = slot_on(yi[i], "镇乙", "town");
		assert_true(lf_schedule_add(&s, &a));
		assert_true(lf_schedule_add(&s, &b));
	}
	lf_quota q[] = {{"county", LF_PERIOD_MONTH, 1}, {"town", LF_PERIOD_WEEK, 1}};
	lf_shortfalls r;
	lf_shortfalls_init(&r);
	assert_int_equal(lf_schedule_quota(&s, cal, q, N(q), roster, N(roster), D("2016-04-01"),
	                                   D("2016-04-30"), &r), 2);
	assert_string_equal(r.items[0].leader.name, "新县领导");
	assert_int_equal(r.items[0].per, LF_PERIOD_MONTH);
	assert_int_equal(r.items[0].have, 0);
	assert_int_equal(r.items[0].need, 1);
	assert_string_equal(r.items[0].message, "新县领导: 0 of 1 reception days in the month 2016-04-01 to 2016-04-30");
	assert_string_equal(r.items[1].leader.name, "镇乙");
	assert_string_equal(r.items[1].message, "镇乙: 0 of 1 reception days in the week 2016-04-11 to 2016-04-17");
	lf_shortfalls_free(&r);
	/* Two days a week: 镇乙's two slots on 04-05 are one day. */
	q[1].min = 2;
	assert_int_equal(lf_schedule_quota(&s, cal, &q[1], 1, roster, N(roster), D("2016-04-04"),
	                                   D("2016-04-10"), &r), 2);
	assert_string_equal(r.items[0].leader.name, "镇甲");
	assert_int_equal(r.items[0].have, 1);
	assert_string_equal(r.items[1].leader.name, "镇乙");
	assert_int_equal(r.items[1].have, 1);
	lf_shortfalls_free(&r);
	lf_schedule_free(&s);

	/* Seed 002: the December round covers its six leaders for the fourth
	 * quarter; a seventh deputy is short; over the year every one of them is
	 * short in the first three quarters. Without a roster, the schedule's
	 * leaders are checked. */
	static const lf_leader bodies[] = {
		{"区委", "", "deputy"}, {"区人大", "", "deputy"}, {"区政府", "", "deputy"},
		{"区政协", "", "deputy"}, {"区人民法院", "", "deputy"}, {"区检察院", "", "deputy"},
		{"区委乙", "", "deputy"},
	};
	lf_rule rule = {.kind = LF_RULE_ROTATION, .from = D("2024-12-11"), .to = D("2024-12-26"),
	                .leaders = bodies, .nleaders = 6};
	assert_int_equal(lf_schedule_generate(&s, cal, &rule), 12);
	lf_quota dq = {"deputy", LF_PERIOD_QUARTER, 1};
	assert_int_equal(lf_schedule_quota(&s, cal, &dq, 1, bodies, N(bodies), D("2024-10-01"),
	                                   D("2024-12-31"), &r), 1);
	assert_string_equal(r.items[0].leader.name, "区委乙");
	assert_string_equal(r.items[0].message, "区委乙: 0 of 1 reception days in the quarter 2024-10-01 to 2024-12-31");
	lf_shortfalls_free(&r);
	assert_int_equal(lf_schedule_quota(&s, cal, &dq, 1, NULL, 0, D("2024-01-01"), D("2024-12-31"), &r), 18);
	assert_string_equal(r.items[0].leader.name, "区委");
	assert_int_equal(r.items[2].start.m, 7);
	assert_int_equal(r.items[2].end.m, 9);
	lf_shortfalls_free(&r);
	dq.min = 3; /* each body received on two days of the round */
	assert_int_equal(lf_schedule_quota(&s, cal, &dq, 1, NULL, 0, D("2024-10-01"), D("2024-12-31"), &r), 6);
	assert_int_equal(r.items[0].have, 2);
	lf_shortfalls_free(&r);
	lf_schedule_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed000_monthly),
		cmocka_unit_test(test_seed004_monthly),
		cmocka_unit_test(test_seed001_rotation),
		cmocka_unit_test(test_seed002_round),
		cmocka_unit_test(test_generate_edges),
		cmocka_unit_test(test_check_printed),
		cmocka_unit_test(test_check_generated),
		cmocka_unit_test(test_check_synthetic),
		cmocka_unit_test(test_quota),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
