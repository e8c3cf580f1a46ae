/* The annual report (《信访工作条例》第四十一条, annual.h): a small office
 * with cases over 2025, 2026 and 2027 registered on a set clock, so every
 * figure is known: only the asked year's cases count, the acts count by the
 * day they were taken, the units come most petitioned first, a unit whose
 * name begins with = is neutralised in the CSV, the suggestions section
 * gives no figure, the figures from the counters equal those recounted from
 * the cases, the text fits 80 columns, and the PDF carries the title, the
 * office's name and a figure. */
#include "caseflow_fixture.h"

#include "laifang/annual.h"
#include "laifang/case_eval.h"
#include "laifang/cli.h"
#include "laifang/correct.h"
#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/settings.h"
#include "laifang/stats.h"
#include "laifang/store_stats.h"
#include "laifang/suggestion.h"
#include "laifang/text.h"
#include "pdf_text.h"

#define U_EVIL "=HYPERLINK(\"http://x\")局"

static void supervise(lf_store *st, const char *case_id)
{
	char msg[512];
	lf_user sun = as(st, "sun");
	assert_int_equal(lf_case_supervise(st, &sun, case_id, "请抓紧办理。", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
}

/* The office (counts in test_figures). */
static void build(lf_store *st)
{
	char msg[512];
	assert_int_equal(lf_store_unit_add(st, U_EVIL, "peer", NULL), LF_STORE_OK);
	lf_step_args claim = {.kind = "claim"}, suggestion = {.kind = "suggestion"};
	lf_step_args peer = {.unit = U_PEER}, evil = {.unit = U_EVIL}, lower = {.unit = U_LOWER},
	             dept = {.unit = U_DEPT};

	/* 2025: A1 transferred in 2025; A2 received in December, transferred in January 2026. */
	today("2025-06-10");
	lf_saved_case a1 = register_case(st, "甲一", "二〇二五年的事项");
	STEP_OK(st, "sun", a1.case_id, LF_STEP_ACCEPT, &claim);
	STEP_OK(st, "sun", a1.case_id, LF_STEP_TRANSFER, &peer);
	supervise(st, a1.case_id);
	today("2025-12-22");
	lf_saved_case a2 = register_case(st, "甲二", "年底的事项");
	STEP_OK(st, "sun", a2.case_id, LF_STEP_ACCEPT, &claim);
	today("2026-01-05");
	STEP_OK(st, "sun", a2.case_id, LF_STEP_TRANSFER, &peer);

	/* 2026. */
	today("2026-01-12");
	lf_saved_case b1 = register_case(st, "乙一", "道路破损");
	STEP_OK(st, "sun", b1.case_id, LF_STEP_ACCEPT, &claim);
	STEP_OK(st, "sun", b1.case_id, LF_STEP_TRANSFER, &evil);
	today("2026-01-15");
	lf_saved_case b2 = register_case(st, "乙二", "道路破损仍未修");
	lf_user clerk = as(st, "zhang");
	assert_int_equal(lf_case_set_repeat(st, &clerk, b2.case_id, true, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&clerk);
	STEP_OK(st, "sun", b2.case_id, LF_STEP_ACCEPT, &claim);
	STEP_OK(st, "sun", b2.case_id, LF_STEP_TRANSFER, &evil);
	today("2026-03-02");
	lf_saved_case b3 = register_case(st, "乙三", "工资拖欠");
	STEP_OK(st, "sun", b3.case_id, LF_STEP_ACCEPT, &claim);
	STEP_OK(st, "sun", b3.case_id, LF_STEP_ASSIGN, &lower);
	supervise(st, b3.case_id);
	supervise(st, b3.case_id);
	today("2026-03-05");
	lf_saved_case b4 = register_case(st, "乙四", "建议增设公交站");
	STEP_OK(st, "sun", b4.case_id, LF_STEP_ACCEPT, &suggestion);
	STEP_OK(st, "sun", b4.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(st, "qian", b4.case_id, LF_STEP_TAKE_UP, NULL);
	today("2026-04-20");
	lf_user sun = as(st, "sun");
	assert_int_equal(lf_case_extend(st, &sun, b4.case_id, 30, "wang", "需现场勘验。", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	today("2026-07-01");
	lf_saved_case b5 = register_case(st, "乙五", "集体反映拆迁补偿");
	clerk = as(st, "zhang");
	assert_int_equal(lf_case_set_headcount(st, &clerk, b5.case_id, 4, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&clerk);
	today("2026-11-20");
	lf_saved_case b6 = register_case(st, "乙六", "不属于本机关的事项");
	lf_step_args why = {.reason = "属于诉讼程序"};
	STEP_OK(st, "sun", b6.case_id, LF_STEP_DECLINE, &why);

	/* 2027: B3 supervised again, a new case; neither is 2026's. */
	today("2027-01-03");
	register_case(st, "丙一", "新年的事项");
	supervise(st, b3.case_id);

	lf_user admin = as(st, "admin");
	assert_int_equal(lf_setting_set(st, &admin, "office_name", "测试市信访局", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_add(st, &admin, "城乡建设", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&admin);
	sun = as(st, "sun");
	assert_int_equal(lf_category_set_case(st, &sun, b1.case_no, "城乡建设", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_set_case(st, &sun, b2.case_no, "城乡建设", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	today("2027-02-01");
}

static long count_of(const lf_stat_counts *c, const char *label)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].label, label))
			return c->v[i].n;
	return -1;
}

static void expect_2026(const lf_annual *a)
{
	const lf_store_period *p = &a->p;
	assert_string_equal(a->office, "测试市信访局");
	assert_string_equal(a->from, "2026-01-01");
	assert_string_equal(a->to, "2026-12-31");
	assert_int_equal(p->visits, 6);
	assert_int_equal(p->person_times, 9); /* B5 came four */
	assert_int_equal(p->repeats, 1);
	assert_int_equal(p->groups, 1);
	assert_int_equal(p->group_people, 4);
	assert_int_equal(p->channel[0], 6);
	assert_int_equal(p->kind[0], 1); /* suggestion: B4 */
	assert_int_equal(p->kind[1], 0);
	assert_int_equal(p->kind[2], 3); /* claims: B1, B2, B3 */
	assert_int_equal(p->kind[3], 2); /* B5 not screened, B6 declined without one */
	assert_int_equal(a->accepted, 4);
	assert_int_equal(a->declined, 1);
	assert_int_equal(a->mode[0], 1);
	assert_int_equal(a->mode[1], 2);
	assert_int_equal(a->mode[2], 1);
	/* Acts by their day: A2's transfer of 2026-01-05 counts, A1's of 2025 not. */
	assert_int_equal(a->acts[LF_ANNUAL_TRANSFER], 3);
	assert_int_equal(a->acts[LF_ANNUAL_ASSIGN], 1);
	assert_int_equal(a->acts[LF_ANNUAL_SUPERVISE], 2);
	assert_int_equal(a->acts[LF_ANNUAL_EXTEND], 1);
	assert_int_equal(a->acts[LF_ANNUAL_REVIEW_REQUEST], 0);
	/* The units: the year's cases by lead unit, most first. */
	assert_true(p->by_unit.n >= 4);
	size_t first = p->by_unit.v[0].key[0] ? 0 : 1; /* "" is the cases not routed (B5, B6) */
	assert_string_equal(p->by_unit.v[first].label, U_EVIL);
	assert_int_equal(p->by_unit.v[first].n, 2);
	assert_int_equal(count_of(&p->by_unit, ""), 2);
	assert_int_equal(count_of(&p->by_unit, U_LOWER), 1);
	assert_int_equal(count_of(&p->by_unit, U_DEPT), 1);
	assert_int_equal(count_of(&p->by_unit, U_PEER), -1); /* A2 is 2025's */
	assert_int_equal(count_of(&p->by_category, "城乡建设"), 2);
	assert_false(a->suggestions_recorded);
}

typedef struct lines {
	char text[16384];
	size_t used;
	int n, widest;
} lines;

static void take_line(const char *line, bool heading, void *ud)
{
	lines *l = ud;
	(void)heading;
	int w = lf_text_width(line);
	if (w > l->widest)
		l->widest = w;
	l->used += (size_t)snprintf(l->text + l->used, sizeof l->text - l->used, "%s\n", line);
	l->n++;
}

/* The month lines of the text: "1月" with its count. */
static long month_count(const char *text, const char *month)
{
	char key[32];
	snprintf(key, sizeof key, "\n    %s ", month);
	const char *p = strstr(text, key);
	if (!p)
		return -1;
	p += strlen(key);
	while (*p == ' ')
		p++;
	return strtol(p, NULL, 10);
}

static void test_figures(void **state)
{
	fixture *t = *state;
	build(t->st);
	char msg[512];
	lf_user sun = as(t->st, "sun");
	lf_annual a;
	assert_int_equal(lf_annual_compute(t->st, &sun, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	expect_2026(&a);

	/* The text: every line within 80 columns, the months as registered. */
	lines l = {0};
	assert_true(lf_annual_render(&a, 80, take_line, &l) > 40);
	if (getenv("ANNUAL_SHOW"))
		fputs(l.text, stderr);
	assert_true(l.widest <= 80);
	assert_non_null(strstr(l.text, "测试市信访局《2026年度信访情况报告》"));
	assert_int_equal(month_count(l.text, "1月"), 2);
	assert_int_equal(month_count(l.text, "2月"), 0);
	assert_int_equal(month_count(l.text, "3月"), 2);
	assert_int_equal(month_count(l.text, "7月"), 1);
	assert_int_equal(month_count(l.text, "11月"), 1);
	/* No figure for the suggestions: the report says none were recorded. */
	assert_non_null(strstr(l.text, "本系统未记录本年度信访部门提出的建议"));
	/* The units most petitioned about, numbered, most first; the cases
	 * not routed are not a unit. */
	const char *u1 = strstr(l.text, "    1. =HYPERLINK"), *u2 = strstr(l.text, "    2. "),
	           *u3 = strstr(l.text, "    3. ");
	assert_non_null(u1);
	assert_non_null(u2);
	assert_non_null(u3);
	assert_true(u1 < u2 && u2 < u3);
	assert_null(strstr(l.text, "    4. "));
	lf_annual_free(&a);

	/* The same figures recounted from the cases (not the counters). */
	lf_store_stats_recount(t->st, true);
	assert_int_equal(lf_annual_compute(t->st, &sun, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	lf_store_stats_recount(t->st, false);
	expect_2026(&a);
	lf_annual_free(&a);

	/* 2025: A1 and A2 only; A1's transfer and supervision. */
	assert_int_equal(lf_annual_compute(t->st, &sun, 2025, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(a.p.visits, 2);
	assert_int_equal(a.acts[LF_ANNUAL_TRANSFER], 1);
	assert_int_equal(a.acts[LF_ANNUAL_SUPERVISE], 1);
	assert_int_equal(count_of(&a.p.by_unit, U_PEER), 2); /* A1 and A2: both 2025's cases */
	lf_annual_free(&a);
	/* 2027: one case, one supervision. */
	assert_int_equal(lf_annual_compute(t->st, &sun, 2027, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(a.p.visits, 1);
	assert_int_equal(a.acts[LF_ANNUAL_SUPERVISE], 1);
	assert_int_equal(a.acts[LF_ANNUAL_TRANSFER], 0);
	lf_annual_free(&a);
	lf_user_free(&sun);
}

static void test_permission(void **state)
{
	fixture *t = *state;
	char msg[512];
	lf_annual a;
	lf_user clerk = as(t->st, "zhang");
	assert_int_equal(lf_annual_compute(t->st, &clerk, 2026, &a, msg, sizeof msg), LF_STORE_DENIED);
	assert_true(msg[0]);
	lf_user_free(&clerk);
	lf_user leader = as(t->st, "wang"), wu = as(t->st, "wu");
	assert_int_equal(lf_annual_compute(t->st, &leader, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	lf_annual_free(&a);
	assert_int_equal(lf_annual_compute(t->st, &wu, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	lf_annual_free(&a);
	assert_int_equal(lf_annual_compute(t->st, &wu, 1999, &a, msg, sizeof msg), LF_STORE_INVALID);
	lf_user_free(&leader);
	lf_user_free(&wu);
}

/* What a FILE written to memory holds. */
typedef struct mem {
	char *buf;
	size_t len;
	FILE *f;
} mem;

static void test_csv(void **state)
{
	fixture *t = *state;
	build(t->st);
	mem out = {0}, err = {0};
	out.f = open_memstream(&out.buf, &out.len);
	err.f = open_memstream(&err.buf, &err.len);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_cli_annual(t->st, &sun, "2026", "csv", NULL, out.f, err.f), 0);
	lf_user_free(&sun);
	fclose(out.f);
	fclose(err.f);
	assert_memory_equal(out.buf, "\xEF\xBB\xBF", 3);
	lf_csv_reader *r = lf_csv_reader_new(out.buf, out.len);
	lf_csv_record rec;
	int k, rows = 0;
	bool evil = false, header = false, suggestions = false, visits = false;
	while ((k = lf_csv_read(r, &rec)) == 1) {
		assert_int_equal(rec.n, 6);
		if (!rows++) {
			header = !strcmp(rec.fields[0], "部分") && !strcmp(rec.fields[3], "数量");
			continue;
		}
		for (size_t i = 0; i < rec.n; i++)
			assert_true(rec.fields[i][0] != '='); /* never a formula */
		if (strstr(rec.fields[2], "HYPERLINK")) {
			/* Numbered, so the cell does not begin with its = (the office's name below does). */
			assert_string_equal(rec.fields[2], "1. " U_EVIL);
			assert_string_equal(rec.fields[3], "2");
			evil = true;
		}
		if (!strcmp(rec.fields[2], "登记信访事项")) {
			assert_string_equal(rec.fields[3], "6");
			assert_string_equal(rec.fields[4], "件");
			visits = true;
		}
		if (strstr(rec.fields[0], "三、")) {
			assert_string_equal(rec.fields[3], ""); /* no figure made up */
			suggestions = true;
		}
	}
	assert_int_equal(k, 0);
	lf_csv_reader_free(r);
	assert_true(header && evil && visits && suggestions);

	/* A unit name that starts with = as the cell's first character. */
	lf_annual a;
	char msg[512];
	sun = as(t->st, "sun");
	assert_int_equal(lf_annual_compute(t->st, &sun, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	snprintf(a.office, sizeof a.office, "%s", "=1+1");
	mem o2 = {0};
	o2.f = open_memstream(&o2.buf, &o2.len);
	assert_int_equal(lf_annual_write_csv(&a, o2.f), 0);
	fclose(o2.f);
	assert_non_null(strstr(o2.buf, ",'=1+1,"));
	assert_null(strstr(o2.buf, ",=1+1"));
	lf_annual_free(&a);
	free(o2.buf);
	free(out.buf);
	free(err.buf);
}

static void test_pdf(void **state)
{
	fixture *t = *state;
	build(t->st);
	char path[256];
	snprintf(path, sizeof path, "%s/annual.pdf", t->dir);
	mem out = {0}, err = {0};
	out.f = open_memstream(&out.buf, &out.len);
	err.f = open_memstream(&err.buf, &err.len);
	lf_user sun = as(t->st, "sun");
	char id[37], msg[512];
	assert_int_equal(lf_suggestion_add(t->st, &sun, "policy", "2026-09-01", "市住房和城乡建设局",
	                                   "建议出台老旧小区加装电梯与维修资金使用的实施办法，明确业主分摊比例、"
	                                   "审批时限和质量责任，减少同类信访事项。",
	                                   id, msg, sizeof msg), LF_STORE_OK);
	int rc = lf_cli_annual(t->st, &sun, "2026", "pdf", path, out.f, err.f);
	/* --pdf needs a file. */
	assert_int_equal(lf_cli_annual(t->st, &sun, "2026", "pdf", NULL, out.f, err.f), 2);
	lf_user_free(&sun);
	fclose(out.f);
	fclose(err.f);
	if (rc)
		fail_msg("pdf: %s", err.buf);
	char *text = pdf_text(path);
	assert_non_null(strstr(text, "《2026年度信访情况报告》"));
	assert_non_null(strstr(text, "测试市信访局"));
	assert_non_null(strstr(text, "登记信访事项6件"));
	assert_non_null(strstr(text, "申诉求决类3件"));
	assert_non_null(strstr(text, "转纪检监察机关"));
	assert_non_null(strstr(text, "完善政策建议1件"));
	assert_non_null(strstr(text, "减少同类信访事项"));
	free(text);
	if (getenv("ANNUAL_PDF_KEEP")) {
		char cmd[600];
		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, getenv("ANNUAL_PDF_KEEP"));
		assert_int_equal(system(cmd), 0);
	}
	free(out.buf);
	free(err.buf);
}


/* The suggestions (第四十一条（三）): recorded and adopted by supervisors and
 * leaders, signed and audited, never replaced; counted in the year they
 * were made; listed for those who read the statistics. */
static void test_suggestions(void **state)
{
	fixture *t = *state;
	char msg[512], id1[37], id2[37], id3[37], prefix[9];
	today("2026-06-30");
	lf_user sun = as(t->st, "sun"), wang = as(t->st, "wang"), zhang = as(t->st, "zhang"), wu = as(t->st, "wu");
	int before = n_audit(t->st);
	assert_int_equal(lf_suggestion_add(t->st, &sun, "完善政策", "2026-03-01", "市住建局", "建议出台电梯维修资金使用办法",
	                                   id1, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_suggestion_add(t->st, &wang, "accountability", NULL, "市纪委监委", "对拖延办理的责任人追责",
	                                   id2, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_suggestion_add(t->st, &sun, "improve", "2025-12-30", "区人社局", "加强欠薪排查", id3, msg,
	                                   sizeof msg), LF_STORE_OK);
	assert_int_equal(n_audit(t->st), before + 3);
	/* Refused: a clerk, an archivist, a kind not the regulation's, a day to come, no addressee. */
	char none[37];
	assert_int_equal(lf_suggestion_add(t->st, &zhang, "improve", NULL, "甲", "乙", none, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_suggestion_add(t->st, &wu, "improve", NULL, "甲", "乙", none, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_suggestion_add(t->st, &sun, "其他", NULL, "甲", "乙", none, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_suggestion_add(t->st, &sun, "improve", "2026-07-01", "甲", "乙", none, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_suggestion_add(t->st, &sun, "improve", NULL, "  ", "乙", none, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), before + 3);

	/* The outcome: by its id's first 8 characters; once; not before it was made. */
	snprintf(prefix, sizeof prefix, "%.8s", id1);
	assert_int_equal(lf_suggestion_adopt(t->st, &wang, prefix, "采纳", "2026-02-01", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_suggestion_adopt(t->st, &zhang, prefix, "采纳", NULL, NULL, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_suggestion_adopt(t->st, &wang, prefix, "adopted", "2026-05-10", "已印发", msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_suggestion_adopt(t->st, &sun, id1, "rejected", NULL, NULL, msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_int_equal(lf_suggestion_adopt(t->st, &sun, "ffffffff", "rejected", NULL, NULL, msg, sizeof msg),
	                 LF_STORE_NOTFOUND);
	assert_int_equal(lf_suggestion_adopt(t->st, &sun, id2, "部分采纳", NULL, NULL, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(n_audit(t->st), before + 5);

	/* The report of 2026: two made, one adopted, one partly; each listed. */
	lf_annual a;
	assert_int_equal(lf_annual_compute(t->st, &wu, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	assert_true(a.suggestions_recorded);
	assert_int_equal(a.sugg_kind[0], 0);
	assert_int_equal(a.sugg_kind[1], 1);
	assert_int_equal(a.sugg_kind[2], 1);
	assert_int_equal(a.sugg_outcome[0], 1);
	assert_int_equal(a.sugg_outcome[1], 1);
	assert_int_equal(a.sugg_outcome[2], 0);
	assert_int_equal(a.sugg_outcome[3], 0);
	assert_int_equal(a.n_sugg_lines, 2);
	assert_string_equal(a.sugg_lines[0],
	                    "2026年3月1日　向市住建局提出完善政策建议：建议出台电梯维修资金使用办法（已采纳，2026年5月10日）");
	assert_non_null(strstr(a.sugg_lines[1], "追究责任建议"));
	lines l = {0};
	lf_annual_render(&a, 80, take_line, &l);
	assert_null(strstr(l.text, "本系统未记录"));
	assert_non_null(strstr(l.text, "提出建议"));
	assert_true(l.widest <= 80);
	lf_annual_free(&a);
	/* 2025: the one made on 12-30, no outcome yet. */
	assert_int_equal(lf_annual_compute(t->st, &wu, 2025, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(a.n_sugg_lines, 1);
	assert_int_equal(a.sugg_kind[0], 1);
	assert_int_equal(a.sugg_outcome[3], 1);
	lf_annual_free(&a);

	/* Listed for the archivist, not for the clerk; the CLI's list. */
	char buf[4096] = "";
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_int_equal(lf_cli_suggestion(t->st, &wu, "list", NULL, NULL, NULL, NULL, NULL, NULL, "2026", f, stderr), 0);
	fclose(f);
	assert_non_null(strstr(buf, "市住建局\t已采纳 2026-05-10\t"));
	assert_null(strstr(buf, "区人社局"));
	f = fmemopen(buf, sizeof buf, "w");
	FILE *e = fopen("/dev/null", "w");
	assert_int_equal(lf_cli_suggestion(t->st, &zhang, "list", NULL, NULL, NULL, NULL, NULL, NULL, NULL, f, e), 1);
	fclose(f);
	fclose(e);
	lf_user_free(&sun);
	lf_user_free(&wang);
	lf_user_free(&zhang);
	lf_user_free(&wu);
}

/* Only the ten units given the most cases, most first. */
/* 四（一）: the petitioners' evaluations of the year's cases, for the office
 * and for the unit that handled each (issue 13, 可评价). */
static void test_evaluations(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2026-03-02");
	lf_saved_case c = register_case(t->st, "评价一", "反映拖欠工资问题。");
	lf_step_args claim = {.kind = "claim"}, peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &claim);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &peer);
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已核实。"}, reply = {.text = "已书面答复。", .satisfaction = "satisfied"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPORT, &report);
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPLY, &reply);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_evaluate(t->st, &sun, c.case_id, "satisfied", "dissatisfied", "办理拖延。", msg,
	                                  sizeof msg),
	                 LF_STORE_OK);
	lf_annual a;
	assert_int_equal(lf_annual_compute(t->st, &sun, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(a.eval.eval_office[0], 1);
	assert_int_equal(a.eval.n_eval_units, 1);
	assert_int_equal(a.eval.eval_units[0].v[2], 1);
	lines l = {0};
	assert_true(lf_annual_render(&a, 80, take_line, &l) > 40);
	assert_non_null(strstr(l.text, "（一）信访人对办理情况的评价"));
	assert_non_null(strstr(l.text, "对信访部门满意"));
	assert_non_null(strstr(l.text, "对承办单位满意及基本满意的件数"));
	assert_non_null(strstr(l.text, "市人力资源")); /* the unit, 0 of its 1 (不满意) */
	assert_null(strstr(l.text, "尚无信访人评价记录"));
	lf_annual_free(&a);
	/* Another year: none recorded, said so, no figure made up. */
	assert_int_equal(lf_annual_compute(t->st, &sun, 2027, &a, msg, sizeof msg), LF_STORE_OK);
	memset(&l, 0, sizeof l);
	lf_annual_render(&a, 80, take_line, &l);
	assert_non_null(strstr(l.text, "尚无信访人评价记录"));
	lf_annual_free(&a);
	lf_user_free(&sun);
}

static void test_top_ten(void **state)
{
	fixture *t = *state;
	char name[64], msg[512];
	today("2026-05-06");
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "第%02d局", i);
		assert_int_equal(lf_store_unit_add(t->st, name, "peer", NULL), LF_STORE_OK);
		/* 第00局 three cases, 第01局 two, the others one each. */
		for (int n = 0; n < (i == 0 ? 3 : i == 1 ? 2 : 1); n++) {
			lf_saved_case c = register_case(t->st, "丁一", "事项");
			lf_step_args to = {.unit = name};
			STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
			STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to);
		}
	}
	lf_user sun = as(t->st, "sun");
	lf_annual a;
	assert_int_equal(lf_annual_compute(t->st, &sun, 2026, &a, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	assert_int_equal(a.acts[LF_ANNUAL_TRANSFER], 15);
	lines l = {0};
	lf_annual_render(&a, 80, take_line, &l);
	const char *first = strstr(l.text, "    1. 第00局"), *second = strstr(l.text, "    2. 第01局"),
	           *third = strstr(l.text, "    3. 第02局"), *tenth = strstr(l.text, "    10. 第09局");
	assert_non_null(first);
	assert_non_null(second);
	assert_non_null(third);
	assert_non_null(tenth);
	assert_true(first < second && second < third && third < tenth);
	assert_null(strstr(l.text, "    11. "));
	assert_null(strstr(l.text, "第10局"));
	lf_annual_free(&a);
}

int main(void)
{
	lf_i18n_init("zh_CN"); /* the locale: display widths of Chinese */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_figures, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_permission, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_csv, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_pdf, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_suggestions, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_evaluations, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_top_ten, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
