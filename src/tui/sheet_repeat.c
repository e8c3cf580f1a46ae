/* 重复访 on the registration sheet (issue 11): a returning visitor's visit
 * is a repeat petition only when the clerk says it is the same matter as an
 * earlier one. The earlier cases are listed for that question (number,
 * date, state, first words); the answer defaults to "not a repeat", and F7
 * asks again. */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/correct.h"
#include "laifang/i18n.h"

#define SHOWN 8         /* earlier cases listed; "and N more" after */
#define GIST_CHARS 14   /* first words of each */

typedef struct listing {
	char *text;
	size_t len, cap;
} listing;

static void add_line(listing *l, const char *line)
{
	size_t n = strlen(line) + 2;
	if (l->len + n + 1 > l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		while (cap < l->len + n + 1)
			cap *= 2;
		char *t = realloc(l->text, cap);
		if (!t)
			return;
		l->text = t;
		l->cap = cap;
	}
	l->len += (size_t)snprintf(l->text + l->len, l->cap - l->len, "%s\n", line);
}

static int add_case(const lf_earlier_case *c, void *ud)
{
	char line[512];
	lf_earlier_case_line(c, GIST_CHARS, line, sizeof line);
	add_line(ud, line);
	return 0;
}

static void set_note(const lf_sheet_repeat *r, char *note, size_t notelen)
{
	if (r->earlier > 0)
		snprintf(note, notelen, _("Earlier ×%d · repeat: %s (F7)"), r->earlier, r->repeat ? _("yes") : _("no"));
	else if (notelen)
		note[0] = '\0';
}

/* The list and the question; the answer is the clerk's. With lead (a
 * save's question), Esc answers neither: false, and nothing changes. */
static bool ask(lf_tui *t, lf_sheet_repeat *r, const char *lead, char *msg, size_t msglen)
{
	listing l = {0};
	int total = 0;
	char why[512] = "";
	if (lead) {
		add_line(&l, lead);
		add_line(&l, "");
	}
	add_line(&l, _("Earlier cases of this visitor:"));
	lf_store_err e =
		lf_visitor_earlier_cases(t->st, t->me, r->id_number, NULL, SHOWN, add_case, &l, &total, why, sizeof why);
	if (e != LF_STORE_OK) {
		snprintf(msg, msglen, "%s", why);
		free(l.text);
		return false;
	}
	int seen = r->earlier;
	r->earlier = total;
	r->looked = true;
	if (total == 0) {
		r->repeat = false;
		free(l.text);
		return true;
	}
	if (total > SHOWN) {
		char more[128];
		snprintf(more, sizeof more, _("… and %d more"), total - SHOWN);
		add_line(&l, more);
	}
	/* Issue 13, art. 36: a re-review given ends the matter; the clerk is
	 * told, and still judges whether this is the same matter. */
	char final[512];
	bool ended = lf_visitor_review_final(t->st, t->me, r->id_number, NULL, final, sizeof final);
	if (ended) {
		add_line(&l, "");
		add_line(&l, final);
	}
	/* Art. 19, para. 3: a matter still in hand is not accepted again. */
	char pending[512];
	if (lf_visitor_in_progress(t->st, t->me, r->id_number, NULL, pending, sizeof pending) > 0) {
		add_line(&l, "");
		add_line(&l, pending);
	}
	add_line(&l, "");
	add_line(&l, _("Is this visit the same matter as one of these (重复访)?"));
	add_line(&l, _("An unrelated new matter is not a repeat."));
	if (l.text && l.len && l.text[l.len - 1] == '\n')
		l.text[--l.len] = '\0'; /* no blank row under the question */
	int answer = !l.text ? r->repeat
	             : lead  ? lf_dialog_yes_no_back(l.text, r->repeat)
	                     : lf_dialog_confirm(l.text, r->repeat);
	free(l.text);
	if (answer < 0) {
		r->earlier = seen; /* not answered: the save asks again */
		snprintf(msg, msglen, "%s",
		         _("Not saved: 重复访 is not answered for the case saved at another desk. F2 asks again; F7 "
		           "answers it."));
		return false;
	}
	r->repeat = answer == 1;
	snprintf(msg, msglen, "%s%s%s",
	         r->repeat ? _("Marked as a repeat petition (重复访); F7 changes it.")
	                   : _("Not a repeat petition: a new matter; F7 changes it."),
	         ended ? " " : "", ended ? final : "");
	return true;
}

void lf_sheet_repeat_lookup(lf_tui *t, lf_sheet_repeat *r, const char *id_number, char *note, size_t notelen,
                            char *msg, size_t msglen)
{
	if (msglen)
		msg[0] = '\0';
	if (!id_number || !*id_number) {
		memset(r, 0, sizeof *r);
		set_note(r, note, notelen);
		return;
	}
	if (!strcmp(r->id_number, id_number) && r->earlier > 0) {
		set_note(r, note, notelen); /* the same person: asked already */
		return;
	}
	/* Another person: nothing of the last one's answer carries over. */
	memset(r, 0, sizeof *r);
	snprintf(r->id_number, sizeof r->id_number, "%s", id_number);
	ask(t, r, NULL, msg, msglen);
	set_note(r, note, notelen);
}

void lf_sheet_repeat_ask(lf_tui *t, lf_sheet_repeat *r, char *note, size_t notelen, char *msg, size_t msglen)
{
	if (msglen)
		msg[0] = '\0';
	if (!r->id_number[0] || r->earlier == 0) {
		snprintf(msg, msglen, "%s",
		         _("No earlier case of this visitor is known (type the ID number first): not a repeat."));
		r->repeat = false;
	} else {
		ask(t, r, NULL, msg, msglen);
	}
	set_note(r, note, notelen);
}

bool lf_sheet_repeat_again(lf_tui *t, lf_sheet_repeat *r, const char *why, char *note, size_t notelen, char *msg,
                           size_t msglen)
{
	if (msglen)
		msg[0] = '\0';
	bool answered = ask(t, r, why, msg, msglen);
	set_note(r, note, notelen);
	return answered;
}
