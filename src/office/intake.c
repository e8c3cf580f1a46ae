/* Every channel in (issue 13; 信访工作条例 第十七条 names 信息网络、书信、
 * 电话、传真、走访): a letter (forms/letter.form) or a call (forms/call.form)
 * is registered through the same save as a visit. This module reads what
 * the channel's form adds: the channel itself, whether the letter or call
 * is anonymous (then no visitor record: name and document are not needed),
 * and the form's own fields the case has no column for (case_intake). */
#include "intake.h"

#include <stdio.h>
#include <string.h>

#include "laifang/channel.h"
#include "laifang/i18n.h"

/* Fields the case keeps in its own columns (or that a later step fills). */
static const char *const case_columns[] = {
	"receptionist", "received_on", "name", "sex", "phone", "id_number", "doc_type",
	"address", "content", "channel", "medium", "anonymous", NULL,
};

static bool is_case_column(const char *id)
{
	for (const char *const *c = case_columns; *c; c++)
		if (!strcmp(*c, id))
			return true;
	return false;
}

static const char *value(const lf_form_def *form, char **values, const char *id)
{
	int i = lf_form_find(form, id);
	return i >= 0 && values[i] && values[i][0] ? values[i] : NULL;
}

static size_t add_issue(lf_form_issue *issues, size_t n, size_t max, int field, const char *msg)
{
	if (n < max) {
		issues[n].field = field >= 0 ? (size_t)field : 0;
		issues[n].verdict = LF_INVALID;
		snprintf(issues[n].message, sizeof issues[n].message, "%s", msg);
	}
	return n + 1;
}

/* A count (联名人数, 附件页数): digits only, at most 6. */
static bool is_count(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= 6 && !s[n];
}

size_t intake_prepare(const lf_form_def *form, char **values, const char *channel, lf_registration *reg,
                      intake_extra *x, lf_form_issue *issues, size_t max_issues)
{
	size_t n = 0;
	char m[384];
	memset(x, 0, sizeof *x);
	/* The channel: the caller's, else the form's own choice (来信 / 传真),
	 * else the form's kind. */
	const char *ch = channel && channel[0] ? lf_channel_parse(channel) : NULL;
	if (channel && channel[0] && !ch) {
		snprintf(m, sizeof m, _("channel \"%s\" is not one of visit, online, letter, fax, phone"), channel);
		return add_issue(issues, n, max_issues, 0, m);
	}
	if (!ch && value(form, values, "medium")) /* the letter form's 来件方式: 来信 or 传真 */
		ch = lf_channel_parse(value(form, values, "medium"));
	if (!ch)
		ch = lf_channel_of_form(form->id);
	const char *needs = lf_channel_form(ch);
	if (strcmp(needs, form->id)) {
		snprintf(m, sizeof m, _("channel \"%s\" is registered on the form \"%s\", not \"%s\""), ch, needs,
		         form->id);
		return add_issue(issues, n, max_issues, lf_form_find(form, "medium"), m);
	}
	reg->channel = ch;
	const char *anon = value(form, values, "anonymous");
	reg->anonymous = anon && (!strcmp(anon, "是") || !strcmp(anon, "yes") || !strcmp(anon, "1"));
	if (reg->anonymous) {
		/* Nobody is recorded: what a person would be known by is dropped. */
		reg->name = reg->sex = reg->id_number = reg->doc_type = NULL;
	} else if (strcmp(form->id, "registration")) {
		int nf = lf_form_find(form, "name");
		if (!reg->name) {
			snprintf(m, sizeof m, _("%s: required unless the %s is anonymous (是否匿名：是)"),
			         nf >= 0 ? form->fields[nf].label : "name", strcmp(ch, "phone") ? _("letter") : _("call"));
			n = add_issue(issues, n, max_issues, nf, m);
		}
	}
	for (size_t i = 0; i < form->n_fields; i++) {
		const lf_field_def *f = &form->fields[i];
		if (f->readonly || is_case_column(f->id) || !values[i] || !values[i][0])
			continue;
		if ((!strcmp(f->id, "cosigners") || !strcmp(f->id, "pages")) && !is_count(values[i])) {
			snprintf(m, sizeof m, _("%s: a number of at most 6 digits, such as 3"), f->label);
			n = add_issue(issues, n, max_issues, (int)i, m);
			continue;
		}
		if (x->n < INTAKE_MAX) {
			x->ids[x->n] = f->id;
			x->values[x->n] = values[i];
			x->n++;
		}
	}
	reg->intake_ids = x->ids;
	reg->intake_values = x->values;
	reg->n_intake = x->n;
	return n;
}
