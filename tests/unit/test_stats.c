/* Statistics and the ledger: figures of a small office built through core
 * (registrations, steps, a group, categories) equal the hand-counted ones;
 * the state counters equal a count of the cases; export's filters select
 * exactly the right cases; one case's whole file holds its events and
 * audit entries; the CSV is RFC 4180 with a BOM; the bars fit 80 columns. */
#include "caseflow_fixture.h"

#include <jansson.h>

#include "laifang/cli.h"
#include "laifang/correct.h"
#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/stats.h"
#include "laifang/store_stats.h"
#include "laifang/text.h"

#define P1 "110105198001010016"
#define P2 "110105198102020029"
#define P3 "110105198203030031"
#define P4 "110105198304040044"
#define P5 "110105198405050057"

/* A case registered by the clerk on date for a person. */
static lf_saved_case reg(lf_store *st, const char *date, const char *name, const char *id, const char *content)
{
	today(date);
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	char **v = calloc(form->n_fields, sizeof *v);
	const char *const fill[][2] = {
		{"received_on", date}, {"name", name},   {"sex", "男"},
		{"phone", "13812345678"}, {"id_number", id}, {"content", content},
	};
	for (size_t i = 0; i < sizeof fill / sizeof *fill; i++) {
		int k = lf_form_find(form, fill[i][0]);
		assert_true(k >= 0);
		v[k] = strdup(fill[i][1]);
	}
	lf_user clerk = as(st, "zhang");
	lf_form_issue issues[16];
	size_t n_issues = 0;
	lf_saved_case out;
	lf_store_err e;
	if (lf_registration_save(st, &clerk, form, v, issues, 16, &n_issues, &out, &e) != 0)
		fail_msg("registration refused: %s %s", n_issues ? issues[0].message : "", lf_store_errmsg(st));
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
	lf_user_free(&clerk);
	return out;
}

typedef struct office {
	lf_saved_case c1, c2, c3, c4, c5;
} office;

/* The office of the tests (see the comment of test_figures for the counts). */
static void build(lf_store *st, office *o)
{
	char msg[512];
	o->c5 = reg(st, "2026-10-30", "钱五", P5, "十月的来访");
	o->c1 = reg(st, "2026-11-02", "李一", P1, "工厂噪音扰民");
	o->c2 = reg(st, "2026-11-02", "李一", P1, "工厂噪音仍未解决");
	/* The same matter again: the clerk says so (重复访, issue 11). */
	lf_user clerk0 = as(st, "zhang");
	assert_int_equal(lf_case_set_repeat(st, &clerk0, o->c2.case_id, true, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&clerk0);
	today("2026-11-03");
	STEP_OK(st, "sun", o->c1.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(st, "sun", o->c1.case_id, LF_STEP_IN_HOUSE, &dept);
	o->c3 = reg(st, "2026-11-05", "王二", P2, "集体反映拆迁补偿");
	lf_user clerk = as(st, "zhang");
	assert_int_equal(lf_case_add_representative(st, &clerk, o->c3.case_id, P3, "王三", "男", "13900000000", NULL,
	                                            msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_set_headcount(st, &clerk, o->c3.case_id, 4, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&clerk);
	o->c4 = reg(st, "2026-11-06", "赵四", P4, "要求解决工资拖欠");
	lf_step_args why = {.reason = "属于诉讼程序"};
	STEP_OK(st, "sun", o->c3.case_id, LF_STEP_DECLINE, &why);
	today("2026-11-10");
	lf_step_args report = {.text = "已责令整改。"}, happy = {.text = "已答复。", .satisfaction = "satisfied", ANSWER_PARTS};
	STEP_OK(st, "qian", o->c1.case_id, LF_STEP_TAKE_UP, NULL);
	STEP_OK(st, "qian", o->c1.case_id, LF_STEP_REPORT, &report);
	STEP_OK(st, "qian", o->c1.case_id, LF_STEP_REPLY, &happy);
	today("2026-11-20"); /* the route deadline of 11-02 was 11-17 */
	STEP_OK(st, "sun", o->c2.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args peer = {.unit = U_PEER};
	STEP_OK(st, "sun", o->c2.case_id, LF_STEP_TRANSFER, &peer);
	today("2026-11-25");
	lf_step_args unhappy = {.text = "已答复。", .satisfaction = "dissatisfied"};
	STEP_OK(st, "zhou", o->c2.case_id, LF_STEP_TAKE_UP, NULL);
	STEP_OK(st, "zhou", o->c2.case_id, LF_STEP_REPORT, &report);
	STEP_OK(st, "zhou", o->c2.case_id, LF_STEP_REPLY, &unhappy);
	lf_user admin = as(st, "admin"), sun = as(st, "sun");
	assert_int_equal(lf_category_add(st, &admin, "甲类", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_add(st, &admin, "乙类", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_set_case(st, &sun, o->c1.case_no, "甲类", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_set_case(st, &sun, o->c2.case_no, "甲类", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_set_case(st, &sun, o->c3.case_no, "乙类", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&admin);
	lf_user_free(&sun);
	today("2026-12-15");
}

static long count_of(const lf_stat_counts *c, const char *label)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].label, label))
			return c->v[i].n;
	return -1;
}

/* November 2026: C1..C4 (C5 is October's). 4 registrations, 7 people came
 * (C3 a group of 4), 4 distinct people (李一 twice, 王二 and 王三, 赵四),
 * 1 repeat (C2), 1 group. Route: C1 (11-03) and C3 (11-06) in time, C2 late
 * (11-20 > 11-17), C4 overdue (due 11-23, nothing done). Handling: C1 and C2
 * reported in time. Overdue now: C4 and C5. */
static void test_figures(void **state)
{
	fixture *t = *state;
	office o;
	build(t->st, &o);
	char msg[512];
	lf_user sun = as(t->st, "sun");
	lf_stats s;
	assert_int_equal(lf_stats_compute(t->st, &sun, 2026, 11, &s, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(s.from, "2026-11-01");
	assert_string_equal(s.to, "2026-11-30");
	assert_int_equal(s.p.visits, 4);
	assert_int_equal(s.p.person_times, 7);
	assert_int_equal(s.p.people, 4);
	assert_int_equal(s.p.repeats, 1);
	assert_int_equal(s.p.groups, 1);
	assert_int_equal(s.p.group_people, 4);
	assert_int_equal(s.p.channel[0], 4);
	assert_int_equal(s.accepted, 2);
	assert_int_equal(s.declined, 1);
	assert_int_equal(s.referred, 0);
	assert_int_equal(s.mode[0], 1);
	assert_int_equal(s.mode[1], 1);
	assert_int_equal(s.mode[2], 0);
	assert_int_equal(count_of(&s.p.by_unit, U_DEPT), 1);
	assert_int_equal(count_of(&s.p.by_unit, U_PEER), 1);
	assert_int_equal(count_of(&s.p.by_unit, ""), 2);
	assert_int_equal(count_of(&s.p.by_category, "甲类"), 2);
	assert_int_equal(count_of(&s.p.by_category, "乙类"), 1);
	assert_int_equal(count_of(&s.p.by_category, ""), 1);
	const lf_rule_stat *r = &s.rules[LF_DL_ROUTE];
	assert_int_equal(r->met, 2);
	assert_int_equal(r->late, 1);
	assert_int_equal(r->overdue, 1);
	assert_int_equal(r->pending, 0);
	r = &s.rules[LF_DL_HANDLE];
	assert_int_equal(r->met, 2);
	assert_int_equal(r->late + r->overdue + r->pending, 0);
	assert_int_equal(s.satisfaction[0], 1);
	assert_int_equal(s.satisfaction[1], 0);
	assert_int_equal(s.satisfaction[2], 1);
	assert_int_equal(s.replied, 2);
	assert_int_equal(s.overdue_now, 2);
	assert_int_equal(s.status_now[LF_ST_REGISTERED], 2);
	assert_int_equal(s.status_now[LF_ST_REPLIED], 2);
	assert_int_equal(s.status_now[LF_ST_DECLINED], 1);
	char pct[32];
	lf_stats_percent(s.p.repeats, s.p.visits, pct, sizeof pct);
	assert_string_equal(pct, "25.0%");
	lf_stats_percent(r[LF_DL_ROUTE - LF_DL_HANDLE].met, 4, pct, sizeof pct);
	assert_string_equal(pct, "50.0%");
	lf_stats_free(&s);

	/* The year: C5 too, by month. */
	assert_int_equal(lf_stats_compute(t->st, &sun, 2026, 0, &s, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(s.p.visits, 5);
	assert_int_equal(lf_stats_count(&s.p.by_month, "2026-10"), 1);
	assert_int_equal(lf_stats_count(&s.p.by_month, "2026-11"), 4);
	lf_stats_free(&s);
	lf_user_free(&sun);

	/* Clerks and handlers may not; leaders may. */
	lf_user zhang = as(t->st, "zhang"), wang = as(t->st, "wang"), qian = as(t->st, "qian");
	assert_int_equal(lf_stats_compute(t->st, &zhang, 2026, 11, &s, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_stats_compute(t->st, &qian, 2026, 11, &s, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_stats_compute(t->st, &wang, 2026, 13, &s, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_stats_compute(t->st, &wang, 2026, 11, &s, msg, sizeof msg), LF_STORE_OK);
	lf_stats_free(&s);
	lf_user_free(&zhang);
	lf_user_free(&wang);
	lf_user_free(&qian);
}

/* The counters move with every step and always equal a count. */
static void test_counters(void **state)
{
	fixture *t = *state;
	office o;
	long fast[LF_ST_COUNT], slow[LF_ST_COUNT];
	build(t->st, &o);
	assert_int_equal(lf_store_status_counts(t->st, fast), LF_STORE_OK);
	assert_int_equal(lf_store_status_counts_slow(t->st, slow), LF_STORE_OK);
	assert_memory_equal(fast, slow, sizeof fast);
	/* A refused step (another desk moved it) moves nothing. */
	char msg[512];
	assert_int_not_equal(step_as(t->st, "sun", o.c1.case_id, LF_STEP_ACCEPT, NULL, msg, sizeof msg), LF_STORE_OK);
	STEP_OK(t->st, "wu", o.c1.case_id, LF_STEP_ARCHIVE, NULL);
	assert_int_equal(lf_store_status_counts(t->st, fast), LF_STORE_OK);
	assert_int_equal(lf_store_status_counts_slow(t->st, slow), LF_STORE_OK);
	assert_memory_equal(fast, slow, sizeof fast);
	assert_int_equal(fast[LF_ST_ARCHIVED], 1);
	assert_int_equal(fast[LF_ST_REPLIED], 1);
	/* Categories: a second of the same name is refused; import skips it. */
	lf_user admin = as(t->st, "admin"), clerk = as(t->st, "zhang");
	assert_int_equal(lf_category_add(t->st, &admin, "甲类", msg, sizeof msg), LF_STORE_CONFLICT);
	assert_int_equal(lf_category_add(t->st, &clerk, "丙类", msg, sizeof msg), LF_STORE_DENIED);
	int added, skipped;
	const char list[] = "\xEF\xBB\xBF# seed 004\n甲类\n\n丙类\r\n丁类\n";
	assert_int_equal(lf_category_import(t->st, &admin, list, sizeof list - 1, &added, &skipped, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(added, 2);
	assert_int_equal(skipped, 1);
	lf_user_free(&admin);
	lf_user_free(&clerk);
}

/* ---- export ---- */

typedef struct mem {
	char *buf;
	size_t len;
	FILE *f;
} mem;

static void mem_open(mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
}

static void mem_close(mem *m)
{
	fclose(m->f);
}

/* Export as login with the options; the case numbers of the CSV in order
 * (space-separated), after checking the CSV is RFC 4180 with a BOM. */
static int export_csv(lf_store *st, const char *login, lf_cli_export_opts o, char *nos, size_t len)
{
	mem out, err;
	mem_open(&out);
	mem_open(&err);
	lf_user u = as(st, login);
	o.format = "csv";
	int rc = lf_cli_export_opts_run(st, &u, &o, out.f, err.f);
	lf_user_free(&u);
	mem_close(&out);
	mem_close(&err);
	nos[0] = '\0';
	if (rc == 0) {
		assert_memory_equal(out.buf, "\xEF\xBB\xBF", 3);
		lf_csv_reader *r = lf_csv_reader_new(out.buf, out.len);
		lf_csv_record rec;
		size_t cols = 0, col_no = 0;
		int k;
		while ((k = lf_csv_read(r, &rec)) == 1) {
			if (!cols) {
				cols = rec.n;
				for (size_t i = 0; i < rec.n; i++)
					if (!strcmp(rec.fields[i], "案件编号"))
						col_no = i;
				continue;
			}
			assert_int_equal(rec.n, cols);
			size_t used = strlen(nos);
			snprintf(nos + used, len - used, "%s%s", used ? " " : "", rec.fields[col_no]);
		}
		assert_int_equal(k, 0);
		lf_csv_reader_free(r);
		/* Records end in CRLF. */
		assert_non_null(strstr(out.buf, "办结日期,满意度,案件标识\r\n"));
	}
	free(out.buf);
	free(err.buf);
	return rc;
}

static void test_export_filters(void **state)
{
	fixture *t = *state;
	office o;
	char nos[512], want[512];
	build(t->st, &o);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.status = "replied"}, nos, sizeof nos), 0);
	snprintf(want, sizeof want, "%s %s", o.c1.case_no, o.c2.case_no);
	assert_string_equal(nos, want);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.from = "2026-11-05", .to = "2026-11-06"}, nos,
	                            sizeof nos), 0);
	snprintf(want, sizeof want, "%s %s", o.c3.case_no, o.c4.case_no);
	assert_string_equal(nos, want);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.unit = U_DEPT}, nos, sizeof nos), 0);
	assert_string_equal(nos, o.c1.case_no);
	/* The archivist's queue: replied, declined, referred. */
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.queue = "archive"}, nos, sizeof nos), 0);
	snprintf(want, sizeof want, "%s %s %s", o.c1.case_no, o.c2.case_no, o.c3.case_no);
	assert_string_equal(nos, want);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.queue = "archive", .status = "declined",
	                                                               .to = "2026-11-30"}, nos, sizeof nos), 0);
	assert_string_equal(nos, o.c3.case_no);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.status = "archived"}, nos, sizeof nos), 0);
	assert_string_equal(nos, "");
	/* Every case without a filter. */
	assert_int_equal(export_csv(t->st, "admin", (lf_cli_export_opts){0}, nos, sizeof nos), 0);
	snprintf(want, sizeof want, "%s %s %s %s %s", o.c5.case_no, o.c1.case_no, o.c2.case_no, o.c3.case_no,
	         o.c4.case_no);
	assert_string_equal(nos, want);
	/* Refused and bad filters write nothing, and nothing is audited. */
	int before = n_audit(t->st);
	assert_int_equal(export_csv(t->st, "zhang", (lf_cli_export_opts){.status = "replied"}, nos, sizeof nos), 1);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.status = "happy"}, nos, sizeof nos), 1);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.from = "2026-13-01"}, nos, sizeof nos), 1);
	assert_int_equal(export_csv(t->st, "wu", (lf_cli_export_opts){.unit = "无此单位"}, nos, sizeof nos), 1);
	assert_int_equal(n_audit(t->st), before);
}

/* The ledger's CSV (issue 15): Chinese column names, the columns a 台账
 * needs (受理日期, 状态, 承办单位, 期限 and its rule, 办结日期, 满意度), ID
 * numbers kept as text; the JSON keeps the field ids and has the same
 * facts. Values are the paper's words whatever the interface language. */
static void test_ledger_columns(void **state)
{
	fixture *t = *state;
	office o;
	build(t->st, &o);
	mem out, err;
	mem_open(&out);
	mem_open(&err);
	lf_user wu = as(t->st, "wu");
	lf_cli_export_opts opts = {.format = "csv"};
	assert_int_equal(lf_cli_export_opts_run(t->st, &wu, &opts, out.f, err.f), 0);
	mem_close(&out);
	mem_close(&err);
	lf_csv_reader *r = lf_csv_reader_new(out.buf, out.len);
	lf_csv_record rec;
	assert_int_equal(lf_csv_read(r, &rec), 1);
	const char *const want[] = {"案件编号", "身份证号码", "受理日期", "状态",     "承办单位",
	                            "办理期限", "期限依据",   "办结日期", "满意度", "领导批示日期"};
	int col[10];
	for (size_t w = 0; w < 10; w++) {
		col[w] = -1;
		for (size_t i = 0; i < rec.n; i++)
			if (!strcmp(rec.fields[i], want[w]))
				col[w] = (int)i;
		if (col[w] < 0)
			fail_msg("no column %s", want[w]);
	}
	assert_string_equal(rec.fields[0], "案件编号"); /* the reader takes the BOM off */
	int seen = 0;
	while (lf_csv_read(r, &rec) == 1) {
		const char *no = rec.fields[col[0]];
		if (!strcmp(no, o.c1.case_no)) {
			seen++;
			/* 18 digits and a tab: text in Excel and WPS (csv.h). */
			assert_string_equal(rec.fields[col[1]], P1 "\t");
			assert_string_equal(rec.fields[col[2]], "2026-11-03");
			assert_string_equal(rec.fields[col[3]], "已答复");
			assert_string_equal(rec.fields[col[4]], U_DEPT);
			/* 60 days from acceptance (art. 34): 2027-01-02 is a Saturday, the next working day */
			assert_string_equal(rec.fields[col[5]], "2027-01-04");
			assert_non_null(strstr(rec.fields[col[6]], "办理期限："));
			assert_string_equal(rec.fields[col[7]], "2026-11-10");
			assert_string_equal(rec.fields[col[8]], "满意");
		} else if (!strcmp(no, o.c2.case_no)) {
			seen++;
			assert_string_equal(rec.fields[col[2]], "2026-11-20");
			assert_string_equal(rec.fields[col[4]], U_PEER);
			assert_string_equal(rec.fields[col[7]], "2026-11-25");
			assert_string_equal(rec.fields[col[8]], "不满意");
		} else if (!strcmp(no, o.c4.case_no)) {
			seen++;
			/* Registered only: the routing deadline (art. 22), nothing else. */
			assert_string_equal(rec.fields[col[2]], "");
			assert_string_equal(rec.fields[col[3]], "已登记");
			assert_string_equal(rec.fields[col[4]], "");
			assert_string_equal(rec.fields[col[5]], "2026-11-23");
			assert_non_null(strstr(rec.fields[col[6]], "转送期限："));
			assert_string_equal(rec.fields[col[7]], "");
			assert_string_equal(rec.fields[col[8]], "");
		}
	}
	assert_int_equal(seen, 3);
	lf_csv_reader_free(r);
	free(out.buf);
	free(err.buf);

	/* JSON: field ids, and the same facts under their keys. */
	mem_open(&out);
	mem_open(&err);
	opts = (lf_cli_export_opts){.format = "json"};
	assert_int_equal(lf_cli_export_opts_run(t->st, &wu, &opts, out.f, err.f), 0);
	mem_close(&out);
	mem_close(&err);
	json_t *arr = json_loadb(out.buf, out.len, 0, NULL);
	assert_non_null(arr);
	size_t i;
	json_t *c;
	int found = 0;
	json_array_foreach(arr, i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "case_no")), o.c1.case_no))
			continue;
		found++;
		assert_string_equal(json_string_value(json_object_get(c, "id_number")), P1);
		assert_string_equal(json_string_value(json_object_get(c, "accepted_on")), "2026-11-03");
		assert_string_equal(json_string_value(json_object_get(c, "status")), "已答复");
		assert_string_equal(json_string_value(json_object_get(c, "lead_unit")), U_DEPT);
		assert_string_equal(json_string_value(json_object_get(c, "closed_on")), "2026-11-10");
		assert_string_equal(json_string_value(json_object_get(c, "satisfaction")), "满意");
	}
	assert_int_equal(found, 1);
	json_decref(arr);
	free(out.buf);
	free(err.buf);
	lf_user_free(&wu);
}

static bool has_kind(json_t *arr, const char *member, const char *value)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(json_object_get(v, member));
		if (s && !strcmp(s, value))
			return true;
	}
	return false;
}

static void test_whole_file(void **state)
{
	fixture *t = *state;
	office o;
	build(t->st, &o);
	mem out, err;
	mem_open(&out);
	mem_open(&err);
	lf_user wu = as(t->st, "wu");
	lf_cli_export_opts opts = {.format = "json", .case_no = o.c1.case_no};
	int before = n_audit(t->st);
	assert_int_equal(lf_cli_export_opts_run(t->st, &wu, &opts, out.f, err.f), 0);
	mem_close(&out);
	mem_close(&err);
	json_error_t je;
	json_t *root = json_loadb(out.buf, out.len, 0, &je);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "case_no")), o.c1.case_no);
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "sheet"), "name")), "李一");
	json_t *events = json_object_get(root, "events");
	assert_true(has_kind(events, "kind", "accept"));
	assert_true(has_kind(events, "kind", "in_house"));
	assert_true(has_kind(events, "kind", "reply"));
	assert_true(json_array_size(json_object_get(root, "reports")) >= 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "reply"), "satisfaction")),
	                    "satisfied");
	assert_true(json_is_array(json_object_get(root, "attachments")));
	json_t *audit = json_object_get(root, "audit");
	assert_true(has_kind(audit, "action", "case.register"));
	assert_true(has_kind(audit, "action", "case.accept"));
	assert_true(has_kind(audit, "action", "case.category"));
	/* Oldest first. */
	assert_true(json_integer_value(json_object_get(json_array_get(audit, 0), "seq")) <
	            json_integer_value(json_object_get(json_array_get(audit, json_array_size(audit) - 1), "seq")));
	json_decref(root);
	free(out.buf);
	free(err.buf);
	/* Audited once, with the case as its record. */
	assert_int_equal(n_audit(t->st), before + 1);
	lf_audit_filter af = {.record = o.c1.case_id, .limit = 1};
	found_event dummy;
	(void)dummy;
	int n = 0;
	assert_int_equal(lf_store_audit_each(t->st, &af, count_entry, &n), LF_STORE_OK);
	assert_int_equal(n, 1);
	/* CSV is refused for the whole file; a clerk is refused. */
	mem_open(&out);
	mem_open(&err);
	opts.format = "csv";
	assert_int_equal(lf_cli_export_opts_run(t->st, &wu, &opts, out.f, err.f), 2);
	lf_user zhang = as(t->st, "zhang");
	opts.format = "json";
	assert_int_equal(lf_cli_export_opts_run(t->st, &zhang, &opts, out.f, err.f), 1);
	mem_close(&out);
	mem_close(&err);
	assert_int_equal(out.len, 0);
	free(out.buf);
	free(err.buf);
	lf_user_free(&zhang);
	lf_user_free(&wu);
}

/* ---- rendering ---- */

static void test_bar(void **state)
{
	(void)state;
	char b[256];
	assert_int_equal(lf_stats_bar(b, sizeof b, 5, 10, 10), 5);
	assert_string_equal(b, "█████");
	assert_int_equal(lf_stats_bar(b, sizeof b, 1, 1000, 10), 1);
	assert_string_equal(b, "▏");
	assert_int_equal(lf_stats_bar(b, sizeof b, 3, 8, 4), 2); /* 12 eighths: █▌ */
	assert_string_equal(b, "█▌");
	assert_int_equal(lf_stats_bar(b, sizeof b, 0, 10, 10), 0);
	assert_string_equal(b, "");
	assert_int_equal(lf_stats_bar(b, sizeof b, 20, 10, 10), 10);
	assert_int_equal(lf_text_width(b), 10);
}

typedef struct lines {
	int n, widest, bars;
	char all[16384];
} lines;

static void keep_line(const char *line, bool heading, void *ud)
{
	lines *l = ud;
	(void)heading;
	int w = lf_text_width(line);
	if (w > l->widest)
		l->widest = w;
	if (strstr(line, "█") || strstr(line, "▏"))
		l->bars++;
	l->n++;
	size_t used = strlen(l->all);
	snprintf(l->all + used, sizeof l->all - used, "%s\n", line);
}

static void test_render(void **state)
{
	fixture *t = *state;
	office o;
	char msg[512];
	build(t->st, &o);
	lf_user admin = as(t->st, "admin");
	/* A long Chinese name (seed 004's third scope) is cut to its column. */
	assert_int_equal(lf_category_add(t->st, &admin, "对我市生态环境事业的发展起积极作用的建议、意见和要求", msg,
	                                 sizeof msg), LF_STORE_OK);
	lf_stats s;
	assert_int_equal(lf_stats_compute(t->st, &admin, 2026, 0, &s, msg, sizeof msg), LF_STORE_OK);
	lines *l = calloc(1, sizeof *l);
	int n = lf_stats_render(&s, 80, keep_line, l);
	assert_int_equal(n, l->n);
	assert_true(l->widest <= 80);
	assert_true(l->bars >= 10);
	assert_non_null(strstr(l->all, "甲类"));
	assert_non_null(strstr(l->all, U_DEPT));
	assert_non_null(strstr(l->all, "对我市生态环境事业"));
	/* The figure lines line up: the count ends at the same column. */
	char *a = strstr(l->all, "甲类"), *b = strstr(l->all, "Repeat petitions");
	assert_non_null(b);
	(void)a;
	/* Narrow terminals get 60 columns at least, and still fit. */
	memset(l, 0, sizeof *l);
	lf_stats_render(&s, 60, keep_line, l);
	assert_true(l->widest <= 60);
	free(l);

	/* CSV: BOM, header, the same figures. */
	mem out;
	mem_open(&out);
	assert_int_equal(lf_stats_write_csv(&s, out.f), 0);
	mem_close(&out);
	assert_memory_equal(out.buf, "\xEF\xBB\xBF" "section,key,label,count,percent\r\n", 36);
	assert_non_null(strstr(out.buf, "visits,registrations,Registrations,5,\r\n"));
	assert_non_null(strstr(out.buf, "visits,repeat,Repeat petitions,1,20.0\r\n"));
	assert_non_null(strstr(out.buf, "month,2026-11,2026-11,4,80.0\r\n"));
	assert_non_null(strstr(out.buf, "satisfaction,dissatisfied,"));
	free(out.buf);
	lf_stats_free(&s);
	lf_user_free(&admin);
}

int main(void)
{
	setenv("LANGUAGE", "en", 1);
	lf_i18n_init("en");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_figures, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_counters, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_export_filters, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_ledger_columns, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_whole_file, cf_setup, cf_teardown),
		cmocka_unit_test(test_bar),
		cmocka_unit_test_setup_teardown(test_render, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
