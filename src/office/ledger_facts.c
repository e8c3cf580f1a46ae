/* What a 台账 (ledger) holds of a case beyond its registration sheet
 * (issue 15): the date it was accepted, its state, the unit handling it,
 * its deadline and the rule that set it, the date it was answered (办结) and
 * the visitor's satisfaction; and the ledger's Chinese column names. Read
 * through the store (the case's flow and timeline); no SQL here. */
#include "ledger_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/clocks.h"
#include "laifang/store_flow.h"
#include "laifang/workflow.h"

/* The sheet's labels, made unique where the paper repeats one under two
 * boxes (签名, 日期): the box's name goes in front. */
static const struct {
	const char *id, *name;
} renamed[] = {
	{"instruction_signer", "领导批示签名"},
	{"instruction_date", "领导批示日期"},
	{"handling_date", "办理情况日期"},
};

/* The ledger's own columns and the JSON keys they are. */
static const struct {
	const char *id, *name;
} extra[] = {
	{"case_no", "案件编号"},
	{"repeat", "重复来访"},
	{"accepted_on", "受理日期"},
	{"status", "状态"},
	{"lead_unit", "承办单位"},
	{"due_on", "办理期限"},
	{"due_rule", "期限依据"},
	{"closed_on", "办结日期"},
	{"satisfaction", "满意度"},
	{"case_id", "案件标识"},
};

const char *lf_ledger_column_name(const lf_form_def *form, const char *id)
{
	for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
		if (!strcmp(renamed[i].id, id))
			return renamed[i].name;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (!strcmp(extra[i].id, id))
			return extra[i].name;
	int f = form ? lf_form_find(form, id) : -1;
	return f >= 0 ? form->fields[f].label : id;
}

const char *lf_ledger_column_id(const lf_form_def *form, const char *name)
{
	for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
		if (!strcmp(renamed[i].name, name))
			return renamed[i].id;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (!strcmp(extra[i].name, name))
			return extra[i].id;
	for (size_t i = 0; form && i < form->n_fields; i++) {
		const char *id = form->fields[i].id;
		if (!strcmp(form->fields[i].label, name) && !strcmp(lf_ledger_column_name(form, id), name))
			return id;
	}
	return NULL;
}

bool lf_ledger_extra_key(const char *id)
{
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (!strcmp(extra[i].id, id))
			return true;
	return false;
}

/* A ledger is a Chinese document whatever the interface language of who
 * exports it (the screen and the command line write the same bytes): its
 * words are the paper's, not translations. */
static const char *const state_words[LF_ST_COUNT] = {
	[LF_ST_REGISTERED] = "已登记",  [LF_ST_ACCEPTED] = "已受理",    [LF_ST_DECLINED] = "不予受理",
	[LF_ST_REFERRED] = "转纪检监察", [LF_ST_IN_HOUSE] = "自办",      [LF_ST_TRANSFERRED] = "已转送",
	[LF_ST_ASSIGNED] = "已交办",    [LF_ST_HANDLING] = "办理中",    [LF_ST_REPORTED] = "已报送办理情况",
	[LF_ST_REPLIED] = "已答复",     [LF_ST_ARCHIVED] = "已归档",
	[LF_ST_REVIEW_REQUESTED] = "待复查", [LF_ST_REVIEWED] = "已复查",
	[LF_ST_REREVIEW_REQUESTED] = "待复核", [LF_ST_REREVIEWED] = "已复核",
	[LF_ST_LAW_REFERRED] = "转政法机关",
};

static const struct {
	const char *key, *word;
} rule_words[] = {
	{"route", "转送期限"}, {"handle", "办理期限"}, {"report", "批示报送期限"}, {"object", "异议期限"},
	{"review", "复查期限"}, {"rereview", "复核期限"}, {"supervise", "督办反馈期限"}, {"notify", "告知期限"},
};

static const struct {
	const char *id, *word;
} satisfaction_words[] = {
	{"satisfied", "满意"}, {"basically", "基本满意"}, {"dissatisfied", "不满意"}, {"unstated", "未表态"},
};

static const char *rule_word(const char *key)
{
	for (size_t i = 0; key && i < sizeof rule_words / sizeof rule_words[0]; i++)
		if (!strcmp(rule_words[i].key, key))
			return rule_words[i].word;
	return key;
}

static const char *satisfaction_word(const char *id)
{
	for (size_t i = 0; i < sizeof satisfaction_words / sizeof satisfaction_words[0]; i++)
		if (!strcmp(satisfaction_words[i].id, id))
			return satisfaction_words[i].word;
	return id;
}

typedef struct facts_ctx {
	lf_ledger_facts *f;
	char open_rule[16];   /* the rule of the open deadline, "" when none */
	bool have_handle;     /* a handling clock was seen */
	bool have_open_basis; /* the open deadline's basis was found */
} facts_ctx;

static void day_of(char out[11], const char *at)
{
	snprintf(out, 11, "%.10s", at ? at : "");
}

static void rule_text(lf_ledger_facts *f, const char *rule, const char *stored)
{
	/* The 台账 is in Chinese whatever the desk's language (clocks.h). */
	char said[1024];
	const char *basis = stored ? lf_clock_basis_say_zh(stored, said, sizeof said) : NULL;
	const char *label = rule && *rule ? rule_word(rule) : NULL;
	if (label && basis && *basis)
		snprintf(f->due_rule, sizeof f->due_rule, "%s：%s", label, basis);
	else
		snprintf(f->due_rule, sizeof f->due_rule, "%s", label ? label : (basis ? basis : ""));
}

static int each_event(const lf_event *e, void *ud)
{
	facts_ctx *c = ud;
	lf_ledger_facts *f = c->f;
	if (!e->kind)
		return 0;
	if (!strcmp(e->kind, "accept") && !f->accepted_on[0])
		day_of(f->accepted_on, e->at);
	else if (!strcmp(e->kind, "reply"))
		day_of(f->closed_on, e->at); /* the latest answer */
	if (e->satisfaction && *e->satisfaction) {
		snprintf(f->satisfaction, sizeof f->satisfaction, "%s", satisfaction_word(e->satisfaction));
	}
	if (!strcmp(e->kind, "clock_start") && !c->have_open_basis) {
		bool handle = e->rule && !strcmp(e->rule, "handle");
		if (c->open_rule[0]) {
			/* The open deadline: its own clock's basis (the latest one). */
			if (e->rule && !strcmp(e->rule, c->open_rule) && e->due_on && !strcmp(e->due_on, f->due_on)) {
				rule_text(f, e->rule, e->text);
				c->have_open_basis = true;
			}
		} else if (handle || !c->have_handle) {
			/* No open deadline: the handling clock's, else the latest. */
			snprintf(f->due_on, sizeof f->due_on, "%s", e->due_on ? e->due_on : "");
			rule_text(f, e->rule, e->text);
			c->have_handle = c->have_handle || handle;
		}
	}
	return 0;
}

lf_store_err lf_ledger_facts_get(lf_store *st, const char *case_id, lf_ledger_facts *f)
{
	memset(f, 0, sizeof *f);
	lf_case_flow flow;
	lf_store_err e = lf_store_case_flow(st, case_id, &flow);
	if (e != LF_STORE_OK)
		return e;
	const char *state = (unsigned)flow.state < LF_ST_COUNT ? state_words[flow.state] : NULL;
	snprintf(f->status, sizeof f->status, "%s", state ? state : "");
	snprintf(f->lead_unit, sizeof f->lead_unit, "%s", flow.lead_unit_name ? flow.lead_unit_name : "");
	facts_ctx c = {.f = f};
	if (flow.due_on[0]) {
		snprintf(f->due_on, sizeof f->due_on, "%s", flow.due_on);
		snprintf(c.open_rule, sizeof c.open_rule, "%s", flow.due_rule);
		rule_text(f, flow.due_rule, NULL);
	}
	lf_case_flow_free(&flow);
	return lf_store_case_events(st, case_id, each_event, &c);
}
