/* Delivery of a notice: the methods and the rules (delivery.h). */
#include "laifang/delivery.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/text.h"

static const struct {
	const char *key, *word, *label;
} methods[LF_DELIVER_COUNT] = {
	[LF_DELIVER_IN_PERSON] = {"in_person", "当面", N_("in person (当面)")},
	[LF_DELIVER_POST] = {"post", "邮寄", N_("by post (邮寄)")},
	[LF_DELIVER_ELECTRONIC] = {"electronic", "电子", N_("electronically (电子)")},
	[LF_DELIVER_OTHER] = {"other", "其他", N_("otherwise (其他)")},
};

const char *lf_delivery_method_key(lf_delivery_method m)
{
	return (unsigned)m < LF_DELIVER_COUNT ? methods[m].key : "";
}

const char *lf_delivery_method_label(lf_delivery_method m)
{
	return (unsigned)m < LF_DELIVER_COUNT ? _(methods[m].label) : "";
}

bool lf_delivery_method_parse(const char *key, lf_delivery_method *out)
{
	for (int i = 0; key && i < LF_DELIVER_COUNT; i++)
		if (!strcmp(key, methods[i].key) || !strcmp(key, methods[i].word)) {
			*out = (lf_delivery_method)i;
			return true;
		}
	return false;
}

static bool empty(const char *s)
{
	return !s || !*s;
}

static bool tracking_ok(const char *t)
{
	size_t n = 0;
	for (const char *p = t; *p; p++, n++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '-'))
			return false;
	return n >= 1 && n <= LF_DELIVERY_TRACKING_MAX;
}

bool lf_delivery_check(const lf_delivery_in *d, lf_date today, lf_date made, char *why, size_t len)
{
	if (!d || (unsigned)d->method >= LF_DELIVER_COUNT) {
		snprintf(why, len, "%s", _("method: in_person, post, electronic or other"));
		return false;
	}
	if (d->method == LF_DELIVER_POST && empty(d->tracking)) {
		snprintf(why, len, "%s", _("tracking number: a delivery by post needs the tracking number"));
		return false;
	}
	if (!empty(d->tracking) && !tracking_ok(d->tracking)) {
		snprintf(why, len, _("tracking number: letters, digits and '-', at most %d"), LF_DELIVERY_TRACKING_MAX);
		return false;
	}
	if (!empty(d->tracking) && d->method != LF_DELIVER_POST) {
		snprintf(why, len, "%s", _("tracking number: only a delivery by post has one"));
		return false;
	}
	if (d->refused && empty(d->note)) {
		snprintf(why, len, "%s", _("note: a refused receipt (拒签) needs a note of the witnesses"));
		return false;
	}
	if (d->method == LF_DELIVER_OTHER && empty(d->note)) {
		snprintf(why, len, "%s", _("note: say how the notice was delivered"));
		return false;
	}
	if (!empty(d->note) && lf_text_chars(d->note) > LF_DELIVERY_NOTE_MAX) {
		snprintf(why, len, _("note: at most %d characters"), LF_DELIVERY_NOTE_MAX);
		return false;
	}
	if (!lf_date_valid(d->on.y, d->on.m, d->on.d)) {
		snprintf(why, len, "%s", _("date: not a date (YYYY-MM-DD)"));
		return false;
	}
	if (lf_date_cmp(d->on, today) > 0) {
		snprintf(why, len, "%s", _("date: a delivery cannot be in the future"));
		return false;
	}
	if (lf_date_cmp(d->on, made) < 0) {
		char m[LF_DATE_LEN];
		lf_date_format(made, m);
		snprintf(why, len, _("date: the notice was made on %s; it cannot have been delivered before"), m);
		return false;
	}
	return true;
}

bool lf_delivery_perm(const char *kind, lf_perm *out)
{
	static const struct {
		const char *kind;
		lf_perm perm;
	} perms[] = {
		{"accept", LF_PERM_SCREEN}, {"decline", LF_PERM_SCREEN}, {"refer", LF_PERM_SCREEN},
		{"transfer", LF_PERM_ROUTE}, {"assign", LF_PERM_ROUTE},  {"extend", LF_PERM_ROUTE},
		{"answer", LF_PERM_REPLY},
	};
	for (size_t i = 0; kind && i < sizeof perms / sizeof perms[0]; i++)
		if (!strcmp(kind, perms[i].kind)) {
			*out = perms[i].perm;
			return true;
		}
	return false;
}

bool lf_delivery_allowed(const char *kind, unsigned roles)
{
	lf_perm perm;
	if (!lf_delivery_perm(kind, &perm))
		return false;
	/* The written answer: its unit, or the office's supervisors, who also
	 * record the answer of an outside agency and mail the office's post. */
	return lf_can(roles, perm) || (!strcmp(kind, "answer") && lf_can(roles, LF_PERM_ROUTE));
}

bool lf_delivery_notifies(const char *kind)
{
	static const char *const told[] = {"accept", "decline", "refer", "transfer", "assign"};
	for (size_t i = 0; kind && i < sizeof told / sizeof told[0]; i++)
		if (!strcmp(kind, told[i]))
			return true;
	return false;
}

void lf_delivery_line(const char *title, const char *doc_no, const lf_delivery_in *d, char *buf, size_t len)
{
	char on[LF_DATE_LEN];
	lf_date_format(d->on, on);
	int n = snprintf(buf, len, _("%s %s: %s, %s, %s"), title ? title : "", doc_no ? doc_no : "",
	                 lf_delivery_method_label(d->method), on,
	                 d->refused ? _("receipt refused (拒签)") : _("receipt signed (签收)"));
	if (n < 0 || (size_t)n >= len)
		return;
	if (!empty(d->tracking))
		n += snprintf(buf + n, len - (size_t)n, _("; tracking number %s"), d->tracking);
	if (n >= 0 && (size_t)n < len && !empty(d->note))
		snprintf(buf + n, len - (size_t)n, _("; note: %s"), d->note);
}

const char *lf_delivery_notice_title(const char *kind)
{
	static const struct {
		const char *kind, *title;
	} titles[] = {
		{"accept", "信访事项受理告知书"},   {"decline", "信访事项不予受理告知书"},
		{"transfer", "信访事项转送告知书"}, {"assign", "信访事项交办告知书"},
		{"extend", "延长信访事项办理期限告知书"}, {"refer", "转纪检监察机关告知书"},
		{"answer", "信访事项答复意见书"},
	};
	for (size_t i = 0; kind && i < sizeof titles / sizeof titles[0]; i++)
		if (!strcmp(kind, titles[i].kind))
			return titles[i].title;
	return "";
}
