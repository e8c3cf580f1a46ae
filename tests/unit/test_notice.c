/* Notices that pass legal review (issue 15): the templates' rendering; each
 * notice printed with its title, its 文号, its legal basis and the
 * visitor's rights (pdftotext); a reprint shows the same number; an
 * archived case takes no new number; no notice contradicts another (after a
 * transfer nothing promises this office's answer; a decline's route is only
 * its ground's). The 文号 itself and its issue: test_notice_numbers.c. */
#include "caseflow_fixture.h"

#include <sys/stat.h>

#include "laifang/notice_no.h"
#include "laifang/notice_text.h"
#include "laifang/paper.h"
#include "laifang/settings.h"
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

static lf_store_err print_notice(fixture *t, const char *login, const char *case_no, lf_paper_kind k,
                                 const char *ground, const char *name, char **text)
{
	char path[256], msg[1024];
	snprintf(path, sizeof path, "%s/%s.pdf", t->dir, name);
	lf_user u = as(t->st, login);
	lf_store_err e = lf_paper_print_notice(t->st, &u, case_no, k, ground, path, msg, sizeof msg);
	lf_user_free(&u);
	if (text)
		*text = e == LF_STORE_OK ? pdf_text(path) : strdup(msg);
	return e;
}

#define PRINT_OK(t, login, no, k, ground, name, text) \
	do { \
		if (print_notice(t, login, no, k, ground, name, &(text)) != LF_STORE_OK) \
			fail_msg("print %s: %s", name, text); \
	} while (0)

/* ---- templates (core) ---- */

static void template_render(void **state)
{
	(void)state;
	static const char tmpl[] = "# a comment\n"
	                           "title: {kind}告知书\n"
	                           "---\n"
	                           "您于{day}提出的事项\n已收悉。\n"
	                           "\n"
	                           "[if ground=a] 走A路。\n"
	                           "\n"
	                           "[if ground!=a] 不走A路。\n"
	                           "\n"
	                           "[if !unit] 本机关答复。\n"
	                           "\n"
	                           "[if unit] 由{unit}答复。\n"
	                           "\n"
	                           "|一、{missing}与{blank}\n";
	lf_tmpl_var v[] = {{"kind", "受理"}, {"day", "2026年1月2日"}, {"ground", "a"}, {"unit", ""}, {"blank", NULL}};
	lf_notice_text out;
	char err[256];
	assert_true(lf_notice_render(tmpl, strlen(tmpl), v, 5, &out, err, sizeof err));
	assert_string_equal(out.title, "受理告知书");
	assert_string_equal(out.body, "　　您于2026年1月2日提出的事项已收悉。\n\n"
	                              "　　走A路。\n\n"
	                              "　　本机关答复。\n\n"
	                              "一、{missing}与" LF_TMPL_BLANK);
	lf_notice_text_free(&out);
	v[2].value = "b";
	v[3].value = "市人社局";
	assert_true(lf_notice_render(tmpl, strlen(tmpl), v, 5, &out, err, sizeof err));
	LACKS(out.body, "　　走A路");
	HAS(out.body, "不走A路");
	HAS(out.body, "由市人社局答复");
	LACKS(out.body, "本机关答复");
	lf_notice_text_free(&out);
	assert_false(lf_notice_render("title: x\nbody", 12, v, 5, &out, err, sizeof err));
	HAS(err, "---");
	static const char open[] = "---\n[if unit 没有右括号\n";
	assert_false(lf_notice_render(open, strlen(open), v, 5, &out, err, sizeof err));

	/* Every built-in template renders, names the regulation, and uses no
	 * variable a notice does not have. */
	static const char *const kinds[] = {"accept", "decline", "transfer", "assign", "extend", "refer", "answer"};
	static const char *const known[] = {"office", "office_address", "office_phone", "office_above", "doc_no",
	                                    "case_no", "name", "address", "query_code", "received_on", "decided_on",
	                                    "due_on", "old_due", "reason", "reason_phrase", "unit", "approver", "routed", "ground",
	                                    "ground_basis", "content", "text"};
	lf_tmpl_var all[sizeof known / sizeof *known];
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		all[i] = (lf_tmpl_var){known[i], strcmp(known[i], "ground") ? "x" : "litigation"};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t len = 0;
		char *text = lf_notice_template(kinds[i], &len, err, sizeof err);
		if (!text)
			fail_msg("%s: %s", kinds[i], err);
		assert_true(lf_notice_render(text, len, all, sizeof known / sizeof *known, &out, err, sizeof err));
		assert_true(out.title[0] != '\0');
		HAS(out.body, "《信访工作条例》第");
		if (strchr(out.body, '{'))
			fail_msg("%s.tmpl uses an unknown variable: %s", kinds[i], out.body);
		lf_notice_text_free(&out);
		free(text);
	}
}

/* ---- the notices on paper ---- */

static void notice_decline_routes(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, "李秀英", "要求撤销法院判决。");
	lf_step_args why = {.reason = "属于诉讼程序解决的事项，编号RS88。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_DECLINE, &why);
	char *text = NULL;
	/* A ground that is not one, or on another notice: refused. */
	assert_int_equal(print_notice(t, "sun", c.case_no, LF_PAPER_DECLINE, "weather", "d0", &text), LF_STORE_INVALID);
	HAS(text, "litigation");
	free(text);
	assert_int_equal(print_notice(t, "sun", c.case_no, LF_PAPER_ACCEPT, "litigation", "d0", &text),
	                 LF_STORE_INVALID);
	free(text);

	PRINT_OK(t, "sun", c.case_no, LF_PAPER_DECLINE, "litigation", "d1", text);
	HAS(text, "信访事项不予受理告知书");
	HAS(text, "信〔2026〕1号"); /* its own number, not the case number */
	HAS(text, "信访事项编号：" );
	HAS(text, c.case_no);
	HAS(text, "属于诉讼程序解决的事项，编号RS88。");
	HAS(text, "《信访工作条例》第二十条第二款、第二十八条第二款和第三十一条第（一）项");
	HAS(text, "人民法院");
	/* Only that ground's route. */
	LACKS(text, "仲裁机构");
	LACKS(text, "行政复议、行政裁决");
	LACKS(text, "不属于本机关或者本系统职权范围");
	HAS(text, "送达回证");
	HAS(text, "受送达人签收");
	HAS(text, "盖章处");
	free(text);

	/* A reprint keeps the number and the ground recorded the first time. */
	PRINT_OK(t, "sun", c.case_no, LF_PAPER_DECLINE, "arbitration", "d2", text);
	HAS(text, "信〔2026〕1号");
	HAS(text, "人民法院");
	LACKS(text, "仲裁机构");
	free(text);

	/* Another case, another ground, the next number; without a ground no route. */
	lf_saved_case d = register_case(t->st, "黄志强", "反映邻居纠纷。");
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_DECLINE, &why);
	PRINT_OK(t, "sun", d.case_no, LF_PAPER_DECLINE, NULL, "d3", text);
	HAS(text, "信〔2026〕2号");
	HAS(text, "第二十三条第二款");
	LACKS(text, "人民法院");
	LACKS(text, "仲裁机构");
	free(text);
}

static void notice_accept_transfer_extend(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	assert_int_equal(lf_store_setting_set(t->st, "office_name", "测试市信访局"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_set(t->st, "office_code", "测信"), LF_STORE_OK);
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资。");
	lf_step_args none = {0};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &none);

	/* Accepted and still here: this office answers, within 60 days. */
	char *text = NULL;
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_ACCEPT, NULL, "a1", text);
	HAS(text, "测试市信访局");
	HAS(text, "信访事项受理告知书");
	HAS(text, "测信信〔2026〕1号");
	HAS(text, "第二十三条第一款、第二款");
	HAS(text, "第三十四条");
	HAS(text, "本机关将自受理之日起60日内办结");
	HAS(text, "第三十五条"); /* the right to a review */
	HAS(text, "30日内请求本机关的上一级机关、单位复查");
	free(text);

	lf_step_args to = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to);
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_TRANSFER, NULL, "t1", text);
	HAS(text, "信访事项转送告知书");
	HAS(text, "测信信〔2026〕2号");
	HAS(text, "第二十二条第一款、第二十三条第一款");
	HAS(text, U_PEER);
	HAS(text, "本机关不再另行答复");
	HAS(text, "请求" U_PEER "的上一级机关、单位复查");
	LACKS(text, "本机关将");
	free(text);

	/* The acceptance notice printed again after the transfer: the same
	 * number, and no promise that this office answers. */
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_ACCEPT, NULL, "a2", text);
	HAS(text, "测信信〔2026〕1号");
	HAS(text, "已转送" U_PEER "办理");
	LACKS(text, "本机关将自受理之日起60日内办结");
	LACKS(text, "本机关的上一级机关");
	free(text);

	/* The extension: the reason, the old and the new due date, who approved. */
	found_event acc = event_of(t->st, c.case_id, "accept");
	lf_user sun = as(t->st, "sun");
	char msg[1024];
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "wang", "需调取社保记录，编号EX12", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&sun);
	found_event ex = event_of(t->st, c.case_id, "extend");
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_EXTEND, NULL, "e1", text);
	HAS(text, "延长信访事项办理期限告知书");
	HAS(text, "测信信〔2026〕3号");
	HAS(text, "第三十四条");
	LACKS(text, "第三十五条的规定，经");
	HAS(text, "需调取社保记录，编号EX12");
	HAS(text, "经王五（副局长）批准");
	lf_date old, new_;
	assert_true(lf_date_parse(acc.due_on, &old));
	assert_true(lf_date_parse(ex.due_on, &new_));
	char span[128];
	snprintf(span, sizeof span, "办理期限由%d年%d月%d日延长至%d年%d月%d日", old.y, old.m, old.d, new_.y, new_.m,
	         new_.d);
	HAS(text, span);
	HAS(text, U_PEER "将在延长的期限内办结");
	LACKS(text, "本机关将在延长的期限内办结");
	free(text);

	/* The agency answers in its own name: no answer from this office. */
	assert_int_equal(print_notice(t, "zhang", c.case_no, LF_PAPER_ANSWER, NULL, "x", &text), LF_STORE_INVALID);
	free(text);
}

static void notice_answer(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	assert_int_equal(lf_store_setting_set(t->st, "office_above", "广州市人民政府信访局"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_set(t->st, "doc_number_pattern", "穗应急信〔{year}〕第{n}号"), LF_STORE_OK);
	lf_saved_case c = register_case(t->st, "李秀英", "反映单位拖欠工资三个月，编号PA11。");
	lf_step_args none = {0};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &none);
	char *text = NULL;
	assert_int_equal(print_notice(t, "zhang", c.case_no, LF_PAPER_ANSWER, NULL, "x", &text), LF_STORE_INVALID);
	HAS(text, "no recorded reply");
	free(text);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已责令用人单位补发工资。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	/* A case the office handled itself: the reply is its written answer
	 * (第三十二条) and is refused without its opinion, facts or basis. */
	lf_step_args reply = {.text = "经核查，用人单位已于12月1日补发拖欠工资，编号RY77。", .satisfaction = "satisfied"};
	char msg[512];
	int before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "support (予以支持)");
	reply.answer_opinion = "不予支持";
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "facts and reasons");
	reply.answer_facts = "经调查，用人单位已与您结清工资，编号FA31。";
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "legal basis");
	reply.answer_opinion = "endorse";
	reply.answer_basis = "《劳动合同法》第三十条，编号BA41。";
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "reject (不予支持)");
	assert_int_equal(n_audit(t->st), before);
	expect_flow(t->st, c.case_id, LF_ST_REPORTED, "", NULL);
	reply.answer_opinion = "不予支持";
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);

	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_ANSWER, NULL, "ans", text);
	HAS(text, "信访事项答复意见书");
	HAS(text, "穗应急信〔2026〕第1号");
	HAS(text, "第三十一条第（六）项");
	HAS(text, "一、投诉请求");
	HAS(text, "反映单位拖欠工资三个月，编号PA11。");
	HAS(text, "二、事实和理由");
	HAS(text, "经调查，用人单位已与您结清工资，编号FA31。");
	HAS(text, "三、处理意见（不予支持）");
	HAS(text, "第三十二条第（三）项，不予支持");
	LACKS(text, "予以支持。");
	HAS(text, "经核查，用人单位已于12月1日补发拖欠工资，编号RY77。");
	HAS(text, "四、依据");
	HAS(text, "《劳动合同法》第三十条，编号BA41。");
	HAS(text, "五、您的权利");
	LACKS(text, "一、您的信访请求");
	HAS(text, "签发人：钱九");
	HAS(text, "第三十五条");
	HAS(text, "30日内，向广州市人民政府信访局请求复查");
	HAS(text, "第三十六条第一款");
	/* The sections in their order. */
	char *a1 = strstr(text, "一、投诉请求"), *a2 = strstr(text, "二、事实和理由"), *a3 = strstr(text, "三、处理意见"),
	     *a4 = strstr(text, "四、依据"), *a5 = strstr(text, "五、您的权利");
	assert_true(a1 && a2 && a3 && a4 && a5 && a1 < a2 && a2 < a3 && a3 < a4 && a4 < a5);
	free(text);
}

/* A reply recorded before the written answer had its parts (schema 31)
 * prints the wording it always had. */
static void notice_answer_older(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, "周老", "反映路灯损坏，编号OL11。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已修复路灯。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	lf_event_in old = {.case_id = c.case_id, .kind = "reply", .expect_state = "reported", .to_state = "replied",
	                   .text = "路灯已修复，编号OL22。", .satisfaction = "satisfied", .urgent = -1, .major = -1};
	assert_int_equal(lf_store_case_event(t->st, &old), LF_STORE_OK);
	char *text = NULL;
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_ANSWER, NULL, "old", text);
	HAS(text, "一、您的信访请求");
	HAS(text, "反映路灯损坏，编号OL11。");
	HAS(text, "二、处理意见");
	HAS(text, "路灯已修复，编号OL22。");
	HAS(text, "三、您的权利");
	LACKS(text, "投诉请求");
	LACKS(text, "四、依据");
	free(text);
}

static void notice_refer_archived(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case a = register_case(t->st, "钱来访", "反映某局干部收受红包。");
	lf_saved_case b = register_case(t->st, "孙来访", "反映某局干部违规经商。");
	lf_step_args to = {.unit = U_DISC};
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_REFER, &to);
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_REFER, &to);
	char *text = NULL;
	PRINT_OK(t, "sun", a.case_no, LF_PAPER_REFER, NULL, "r1", text);
	HAS(text, "转纪检监察机关告知书");
	HAS(text, "信〔2026〕1号");
	HAS(text, "第二十二条第二款、第三十条第一款");
	HAS(text, U_DISC);
	HAS(text, "本机关不再跟踪办理，也不再另行答复");
	HAS(text, "第三十条第三款");
	free(text);

	STEP_OK(t->st, "wu", a.case_id, LF_STEP_ARCHIVE, NULL);
	STEP_OK(t->st, "wu", b.case_id, LF_STEP_ARCHIVE, NULL);
	/* Archived: the notice printed before prints again with its number... */
	PRINT_OK(t, "sun", a.case_no, LF_PAPER_REFER, NULL, "r2", text);
	HAS(text, "信〔2026〕1号");
	free(text);
	/* ...but an archived case takes no new number (the archive lock). */
	assert_int_equal(print_notice(t, "sun", b.case_no, LF_PAPER_REFER, NULL, "r3", &text), LF_STORE_DENIED);
	HAS(text, "archived");
	free(text);
	lf_notice_no no;
	assert_int_equal(lf_store_notice_number_get(t->st, b.case_no, "refer", &no), LF_STORE_NOTFOUND);
	/* And nothing is gone from the year's series. */
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资。");
	lf_step_args why = {.reason = "不属于本机关职权范围。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_DECLINE, &why);
	PRINT_OK(t, "sun", c.case_no, LF_PAPER_DECLINE, "not_competent", "r4", text);
	HAS(text, "信〔2026〕2号");
	HAS(text, "第二十三条第一款");
	free(text);
}

/* The office's contact settings print when set, and nothing when not. */
static void notice_contact(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资。");
	lf_step_args none = {0};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &none);
	char *text = NULL;
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_ACCEPT, NULL, "c1", text);
	LACKS(text, "本机关地址");
	LACKS(text, "咨询电话");
	HAS(text, "通信地址");
	/* The case's query code (minted at registration) is printed, not the
	 * empty place's label. */
	LACKS(text, "查询二维码");
	HAS(text, "及查询码");
	free(text);
}

/* Drawing alone: what the office sets prints (address, inquiry phone, the
 * seal's name, the query code); an office's own template replaces the
 * built-in one (LAIFANG_FORMS_DIR/notices/KIND.tmpl). */
static void notice_drawn(void **state)
{
	fixture *t = *state;
	char path[256], err[512];
	snprintf(path, sizeof path, "%s/drawn.pdf", t->dir);
	lf_notice n = {.kind = LF_PAPER_ACCEPT, .office = "测试市信访局", .case_no = "2026-000009", .name = "王五",
	               .received_on = "2026-11-20", .decided_on = "2026-11-23", .due_on = "2027-01-22",
	               .doc_no = "测信〔2026〕9号", .address = "广州市越秀区解放中路305号",
	               .office_address = "广州市越秀区府前路1号", .office_phone = "020-12345678",
	               .office_seal = "测试市信访局信访专用章", .query_code = "QK7X2M"};
	assert_true(lf_paper_notice_pdf(&n, path, err, sizeof err));
	char *text = pdf_text(path);
	HAS(text, "本机关地址：广州市越秀区府前路1号");
	HAS(text, "咨询电话：020-12345678");
	HAS(text, "测试市信访局信访专用章");
	HAS(text, "查询码：QK7X2M");
	HAS(text, "测信〔2026〕9号");
	HAS(text, "2027年1月22日前办结");
	free(text);

	char dir[200], sub[240], file[300];
	snprintf(dir, sizeof dir, "%s/forms", t->dir);
	snprintf(sub, sizeof sub, "%s/notices", dir);
	snprintf(file, sizeof file, "%s/accept.tmpl", sub);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("title: 本局受理通知\n---\n{name}同志：您的事项（{case_no}）已受理，文号{doc_no}。\n", f);
	fclose(f);
	setenv("LAIFANG_FORMS_DIR", dir, 1);
	bool ok = lf_paper_notice_pdf(&n, path, err, sizeof err);
	unsetenv("LAIFANG_FORMS_DIR");
	assert_true(ok);
	text = pdf_text(path);
	HAS(text, "本局受理通知");
	HAS(text, "王五同志：您的事项（2026-000009）已受理，文号测信〔2026〕9号。");
	LACKS(text, "第三十四条");
	free(text);
	/* Kinds the office did not copy stay built in. */
	n.kind = LF_PAPER_REFER;
	n.unit = "市纪委监委";
	setenv("LAIFANG_FORMS_DIR", dir, 1);
	ok = lf_paper_notice_pdf(&n, path, err, sizeof err);
	unsetenv("LAIFANG_FORMS_DIR");
	assert_true(ok);
	text = pdf_text(path);
	HAS(text, "转纪检监察机关告知书");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(template_render),
		cmocka_unit_test_setup_teardown(notice_decline_routes, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_accept_transfer_extend, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_answer, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_answer_older, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_refer_archived, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_contact, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_drawn, cf_setup, cf_teardown),
	};
	if (getenv("NOTICE_TEST")) /* one test by name, when looking into one */
		cmocka_set_test_filter(getenv("NOTICE_TEST"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
