/* Mediation and settlement (调解、和解, 《信访工作条例》第三十三条) and the
 * printed supervision notice (督办通知, 第四十条第一款, 第三十九条第三款).
 * Core: the kinds, the parties' list, where an agreement may be recorded
 * (handling or reported; a claim; two parties; terms; a mediator for a
 * mediation, none for a settlement). Office: who may record it (the lead
 * unit's handler or a supervisor, never a clerk or another unit), nothing
 * written when refused, the state and the handling clock left as they
 * were, no agreement after the answer. Paper: the agreement and the
 * supervision notice read back with pdftotext, each with its own 文号,
 * the newest unless one is picked. */
#include "caseflow_fixture.h"

#include "laifang/agreement.h"
#include "laifang/paper.h"
#include "laifang/store_clocks.h"
#include "laifang/store_notice.h"
#include "pdf_text.h"

#define HAS(text, s) \
	do { \
		if (!strstr(text, s)) \
			fail_msg("expected \"%s\" in: %s", s, text); \
	} while (0)
#define LACKS(text, s) \
	do { \
		if (strstr(text, s)) \
			fail_msg("did not expect \"%s\" in: %s", s, text); \
	} while (0)

/* ---- core ---- */

static void kinds_and_parties(void **state)
{
	(void)state;
	assert_string_equal(lf_agreement_kind_parse("mediation"), "mediation");
	assert_string_equal(lf_agreement_kind_parse("和解"), "settlement");
	assert_null(lf_agreement_kind_parse("仲裁"));
	assert_null(lf_agreement_kind_parse(NULL));
	assert_string_equal(lf_agreement_title("mediation"), "调解协议书");
	assert_string_equal(lf_agreement_title("settlement"), "和解协议书");
	assert_null(lf_agreement_title("x"));
	char out[256];
	assert_int_equal(lf_agreement_parties_norm(" 李秀英、 某物业公司，王五;赵六\n\n、", out, sizeof out), 4);
	assert_string_equal(out, "李秀英\n某物业公司\n王五\n赵六");
	assert_int_equal(lf_agreement_parties_norm("、，  ", out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(lf_agreement_parties_norm(NULL, out, sizeof out), 0);
}

static void allowed(void **state)
{
	(void)state;
	char why[512];
	lf_agreement_input in = {.kind = "settlement", .category = "claim", .n_parties = 2, .has_terms = true};
	assert_true(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	assert_true(lf_agreement_allowed(LF_ST_REPORTED, &in, why, sizeof why));
	/* Before the handling, after the answer: not in "处理……过程中". */
	static const lf_case_state not_handled[] = {LF_ST_REGISTERED, LF_ST_ACCEPTED, LF_ST_TRANSFERRED, LF_ST_IN_HOUSE,
	                                            LF_ST_REPLIED, LF_ST_ARCHIVED, LF_ST_REVIEW_REQUESTED};
	for (size_t i = 0; i < sizeof not_handled / sizeof *not_handled; i++) {
		assert_false(lf_agreement_allowed(not_handled[i], &in, why, sizeof why));
		HAS(why, "while the case is handled");
	}
	in.category = "suggestion";
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	HAS(why, "申诉求决类");
	in.category = NULL;
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	in.category = "claim";
	in.n_parties = 1;
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	HAS(why, "both parties");
	in.n_parties = LF_AGREEMENT_PARTIES_MAX + 1;
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	in.n_parties = 3;
	in.has_terms = false;
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	HAS(why, "terms");
	in.has_terms = true;
	in.has_mediator = true;
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	HAS(why, "no mediator");
	in.kind = "mediation";
	assert_true(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	in.has_mediator = false;
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
	HAS(why, "mediator");
	in.kind = NULL;
	assert_false(lf_agreement_allowed(LF_ST_HANDLING, &in, why, sizeof why));
}

/* ---- office ---- */

static lf_store_err mediate_as(lf_store *st, const char *login, const char *case_id, const lf_agreement_args *a,
                               char *msg, size_t len)
{
	lf_user u = as(st, login);
	lf_store_err e = lf_case_mediate(st, &u, case_id, a, msg, len);
	lf_user_free(&u);
	return e;
}

typedef struct agreement_row {
	int n;
	char reason[32], parties[256], mediator[64], text[512], by[128];
} agreement_row;

static int find_agreement(const lf_event *e, void *ud)
{
	agreement_row *r = ud;
	if (!e->kind || strcmp(e->kind, "mediate"))
		return 0;
	r->n++;
	snprintf(r->reason, sizeof r->reason, "%s", e->reason ? e->reason : "");
	snprintf(r->parties, sizeof r->parties, "%s", e->agreement_parties ? e->agreement_parties : "");
	snprintf(r->mediator, sizeof r->mediator, "%s", e->agreement_mediator ? e->agreement_mediator : "");
	snprintf(r->text, sizeof r->text, "%s", e->text ? e->text : "");
	snprintf(r->by, sizeof r->by, "%s", e->by_name ? e->by_name : "");
	return 0;
}

static agreement_row agreement_of(lf_store *st, const char *case_id)
{
	agreement_row r;
	memset(&r, 0, sizeof r);
	assert_int_equal(lf_store_case_events(st, case_id, find_agreement, &r), LF_STORE_OK);
	return r;
}

/* A claim transferred to U_PEER and taken up by its handler zhou. */
static lf_saved_case claim_handled(fixture *t, const char *kind)
{
	lf_saved_case c = register_case(t->st, "李秀英", "反映物业公司多收物业费，编号MD21。");
	lf_step_args accept = {.kind = kind};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &accept);
	lf_step_args peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &peer);
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_TAKE_UP, NULL);
	return c;
}

static void office_mediate(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = claim_handled(t, "claim");
	lf_case_flow before = flow_of(t->st, c.case_id);
	char msg[1024];
	lf_agreement_args a = {.kind = "和解", .parties = "李秀英、某物业公司", .terms = "物业公司退还多收的费用，编号TM55。"};
	/* Not a clerk, not another unit's handler. */
	assert_int_equal(mediate_as(t->st, "zhang", c.case_id, &a, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(mediate_as(t->st, "qian", c.case_id, &a, msg, sizeof msg), LF_STORE_DENIED);
	HAS(msg, "not allowed"); /* need to know (access.h) before the unit rule */
	/* Core's refusals, nothing written (a denied look at a case is audited
	 * above, as access.h does). */
	int n0 = n_audit(t->st);
	lf_agreement_args bad = a;
	bad.mediator = "王调解";
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &bad, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "no mediator");
	bad = a;
	bad.parties = "李秀英";
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &bad, msg, sizeof msg), LF_STORE_INVALID);
	bad = a;
	bad.terms = "  \n ";
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &bad, msg, sizeof msg), LF_STORE_INVALID);
	bad = a;
	bad.kind = "仲裁";
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), n0);
	assert_int_equal(agreement_of(t->st, c.case_id).n, 0);

	/* The handling unit records the settlement. */
	if (mediate_as(t->st, "zhou", c.case_id, &a, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("settlement: %s", msg);
	agreement_row r = agreement_of(t->st, c.case_id);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.reason, "settlement");
	assert_string_equal(r.parties, "李秀英\n某物业公司");
	assert_string_equal(r.mediator, "");
	assert_string_equal(r.text, "物业公司退还多收的费用，编号TM55。");
	assert_string_equal(r.by, "周八（科长）");
	/* The state and the handling deadline as they were (第三十二条: the
	 * handling still ends with the written answer). */
	expect_flow(t->st, c.case_id, LF_ST_HANDLING, before.due_on, before.due_rule);
	lf_case_flow_free(&before);

	/* A supervisor records a mediation from the unit's paper. */
	lf_agreement_args m = {.kind = "mediation", .parties = "李秀英\n某物业公司", .terms = "维修电梯，编号ME66。",
	                       .mediator = "王调解"};
	if (mediate_as(t->st, "sun", c.case_id, &m, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("mediation: %s", msg);
	r = agreement_of(t->st, c.case_id);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.reason, "mediation");
	assert_string_equal(r.mediator, "王调解");

	/* After the answer: no more agreements. */
	lf_step_args report = {.text = "已调解处理。"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPORT, &report);
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &a, msg, sizeof msg), LF_STORE_OK);
	lf_step_args reply = {.text = "已书面答复。", .satisfaction = "satisfied"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPLY, &reply);
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &a, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "before the answer");
	assert_int_equal(agreement_of(t->st, c.case_id).n, 3);
}

static void office_not_claim(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = claim_handled(t, "suggestion");
	char msg[1024];
	lf_agreement_args a = {.kind = "settlement", .parties = "李秀英、某物业公司", .terms = "退费。"};
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &a, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "for claims");
	assert_int_equal(agreement_of(t->st, c.case_id).n, 0);
}

/* ---- paper ---- */

static lf_store_err print_as(fixture *t, const char *login, const char *case_no, lf_paper_kind k, const char *which,
                             const char *name, char **text)
{
	char path[256], msg[1024];
	snprintf(path, sizeof path, "%s/%s.pdf", t->dir, name);
	lf_user u = as(t->st, login);
	lf_store_err e = lf_paper_print_notice(t->st, &u, case_no, k, which, path, msg, sizeof msg);
	lf_user_free(&u);
	*text = e == LF_STORE_OK ? pdf_text(path) : strdup(msg);
	return e;
}

static void printed(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = claim_handled(t, "claim");
	char *text = NULL, msg[1024];
	/* Nothing to print yet, and neither kind listed in the print menu. */
	assert_int_equal(print_as(t, "sun", c.case_no, LF_PAPER_AGREEMENT, NULL, "none", &text), LF_STORE_INVALID);
	HAS(text, "no such mediation or settlement agreement");
	free(text);
	unsigned has = lf_paper_notices_of(t->st, c.case_id);
	assert_false(has & 1u << LF_PAPER_AGREEMENT);
	assert_false(has & 1u << LF_PAPER_SUPERVISE);
	/* A supervision note without a due date is no notice. */
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_supervise(t->st, &sun, c.case_id, "请关注。", msg, sizeof msg), LF_STORE_OK);
	assert_false(lf_paper_notices_of(t->st, c.case_id) & 1u << LF_PAPER_SUPERVISE);
	assert_int_equal(lf_case_supervise_notice(t->st, &sun, c.case_id, "请于期限内书面反馈，编号SV01。", "notice",
	                                          "2026-12-03", msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_case_supervise_notice(t->st, &sun, c.case_id, "挂牌督办，编号SV02。", "listed", "2026-12-10",
	                                          msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&sun);
	lf_agreement_args m = {.kind = "mediation", .parties = "李秀英、某物业公司", .terms = "维修电梯，编号ME77。",
	                       .mediator = "王调解"};
	assert_int_equal(mediate_as(t->st, "zhou", c.case_id, &m, msg, sizeof msg), LF_STORE_OK);
	has = lf_paper_notices_of(t->st, c.case_id);
	assert_true(has & 1u << LF_PAPER_AGREEMENT);
	assert_true(has & 1u << LF_PAPER_SUPERVISE);

	/* The newest supervision notice: the escalation, to the unit. */
	assert_int_equal(print_as(t, "sun", c.case_no, LF_PAPER_SUPERVISE, NULL, "sup", &text), LF_STORE_OK);
	HAS(text, "信访事项督办通知");
	HAS(text, U_PEER "：");
	HAS(text, "挂牌督办，编号SV02。");
	HAS(text, "督办方式（挂牌督办）");
	HAS(text, "第三十九条第三款");
	HAS(text, "请于2026年12月10日前");
	HAS(text, "签发人：孙七");
	LACKS(text, "送达回证");
	LACKS(text, "SV01");
	free(text);
	/* The first, picked; its own number. */
	assert_int_equal(print_as(t, "sun", c.case_no, LF_PAPER_SUPERVISE, "1", "sup1", &text), LF_STORE_OK);
	HAS(text, "编号SV01");
	HAS(text, "督办方式（督办通知）");
	HAS(text, "第四十条第一款");
	HAS(text, "请于2026年12月3日前");
	free(text);
	lf_notice_no n1, n2;
	assert_int_equal(lf_store_notice_number_get(t->st, c.case_id, "supervise.1", &n1), LF_STORE_OK);
	assert_int_equal(lf_store_notice_number_get(t->st, c.case_id, "supervise.2", &n2), LF_STORE_OK);
	assert_string_not_equal(n1.doc_no, n2.doc_no);
	assert_int_equal(print_as(t, "sun", c.case_no, LF_PAPER_SUPERVISE, "3", "sup3", &text), LF_STORE_INVALID);
	free(text);
	assert_int_equal(print_as(t, "sun", c.case_no, LF_PAPER_SUPERVISE, "x", "supx", &text), LF_STORE_INVALID);
	free(text);

	/* The agreement: its parties, terms, mediator and who recorded it. */
	assert_int_equal(print_as(t, "zhou", c.case_no, LF_PAPER_AGREEMENT, NULL, "agr", &text), LF_STORE_OK);
	HAS(text, "调解协议书");
	HAS(text, "当事人：李秀英、某物业公司");
	HAS(text, "维修电梯，编号ME77。");
	HAS(text, "第三十三条");
	HAS(text, "调解人：王调解");
	HAS(text, "当事人：某物业公司");
	HAS(text, "记录人：周八（科长）");
	LACKS(text, "和解协议书");
	LACKS(text, "送达回证");
	free(text);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_and_parties),
		cmocka_unit_test(allowed),
		cmocka_unit_test_setup_teardown(office_mediate, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(office_not_claim, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(printed, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
