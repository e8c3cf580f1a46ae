/* Saving the registration sheet: the checks a clerk is asked about first,
 * then the save and the questions only the save can raise (a known number
 * under another name; a case of this person saved at another desk while
 * this sheet was filled in). Nothing typed leaves the screen unsaved. */
#include "sheet_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/validate.h"
#include "laifang/date.h"
#include "laifang/draft.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/registration.h"

#define MAX_ISSUES 32
/* Each question is asked at most once a save; a third desk saving the
 * same person in between is one more round. */
#define MAX_ROUNDS 3

/* The save normalised values in place; the next try takes the sheet's. */
static void retake_values(sheet *s, char **values)
{
	for (size_t i = 0; i < sheet_nfields(s); i++)
		if (lf_form_view_editable(&s->v, i)) {
			free(values[i]);
			values[i] = lf_form_view_get(&s->v, i);
		}
}

/* A known number under another name: the clerk decides. False: back to
 * the sheet (the question stays under it). */
static bool ask_identity(const char *question, lf_identity_choice *choice)
{
	if (*choice != LF_IDENTITY_ASK)
		return false;
	const char *items[] = {
		_("Keep the record (this case keeps the name on this sheet)"),
		_("Update the record to this sheet"),
		_("Correct the sheet"),
	};
	int pick = lf_dialog_menu(question, items, 3);
	if (pick != 0 && pick != 1)
		return false;
	*choice = pick == 0 ? LF_IDENTITY_KEEP : LF_IDENTITY_UPDATE;
	return true;
}

/* Another desk registered this person while the sheet was filled in: the
 * clerk sees the cases again, the new one with them, and answers 重复访
 * again; the save then compares against the new count. False: not saved,
 * and said says why when it is not the store's sentence (Esc: back to the
 * sheet, the question unanswered). */
static bool ask_repeat_again(sheet *s, const char *why, lf_sheet_answers *a, char *said, size_t saidlen)
{
	char note[160], m[512];
	bool answered = lf_sheet_repeat_again(s->t, &s->rep, why, note, sizeof note, m, sizeof m);
	if (!answered) {
		snprintf(said, saidlen, "%s", m);
		return false;
	}
	if (!s->rep.looked || s->rep.earlier <= a->earlier_seen)
		return false; /* the list could not be read again: say why under the sheet */
	int idf = lf_form_find(s->v.form, "id_number");
	if (idf >= 0)
		lf_form_view_note(&s->v, (size_t)idf, note[0] ? note : NULL);
	a->repeat = s->rep.repeat;
	a->earlier_seen = s->rep.earlier;
	return true;
}

/* Save: refuse with the first problem (cursor on its field), ask about
 * warnings, and on a store failure keep everything on screen. */
bool sheet_save(sheet *s, char *saved_no, size_t saved_len)
{
	size_t n = sheet_nfields(s);
	char **values = lf_form_view_values(&s->v);
	lf_form_issue issues[MAX_ISSUES];
	bool ok = false;
	if (!values)
		return false;
	size_t found = lf_form_check(s->v.form, values, lf_date_today(), issues, MAX_ISSUES);
	size_t shown = found < MAX_ISSUES ? found : MAX_ISSUES;
	size_t invalid = 0;
	for (size_t i = 0; i < shown; i++)
		invalid += issues[i].verdict == LF_INVALID;
	if (invalid) {
		char m[768];
		if (invalid > 1)
			snprintf(m, sizeof m, _("%s (and %zu more problem(s))"), issues[0].message, invalid - 1);
		else
			snprintf(m, sizeof m, "%s", issues[0].message);
		sheet_say(s, LF_MSG_ERROR, m);
		lf_form_view_focus(&s->v, issues[0].field);
		goto cleanup;
	}
	if (found > 0) {
		char q[1024];
		snprintf(q, sizeof q, _("%s\n\nSave anyway?"), issues[0].message);
		if (!lf_dialog_confirm(q, false)) {
			lf_form_view_focus(&s->v, issues[0].field);
			sheet_say(s, LF_MSG_NOTE, issues[0].message);
			goto cleanup;
		}
	}
	/* A visit registered days later: the clerk confirms the date, and
	 * learns that the case is numbered and timed from the visit. */
	int rf = lf_form_find(s->v.form, "received_on");
	lf_date rd;
	long back = 0;
	if (rf >= 0 && values[rf] && lf_date_parse(values[rf], &rd) && lf_backdated(rd, lf_date_today(), &back)) {
		char q[1024];
		snprintf(q, sizeof q,
		         _("接待时间 %s is %ld days ago: this registers an earlier visit. The case is numbered in the "
		           "year of the visit (%d) and its deadlines count from that day. Save it with this date?"),
		         values[rf], back, rd.y);
		if (!lf_dialog_confirm(q, false)) {
			lf_form_view_focus(&s->v, (size_t)rf);
			sheet_say(s, LF_MSG_NOTE, _("Not saved: check 接待时间, the day of the visit."));
			goto cleanup;
		}
	}
	/* The normalised values (X in an ID number, a tidy phone) go back on screen. */
	for (size_t i = 0; i < n; i++)
		if (lf_form_view_editable(&s->v, i))
			lf_form_view_set(&s->v, i, values[i]);

	lf_form_issue again[MAX_ISSUES];
	size_t n_again = 0;
	lf_saved_case out;
	lf_store_err err;
	/* 重复访 as the clerk answered it, for the person now on the sheet only,
	 * with how many earlier cases they were shown. */
	int idf = lf_form_find(s->v.form, "id_number");
	bool same = idf >= 0 && values[idf] && !strcmp(values[idf], s->rep.id_number);
	lf_sheet_answers a = {
		.repeat = same && s->rep.repeat,
		.identity = LF_IDENTITY_ASK,
		.earlier_seen = same && s->rep.looked ? s->rep.earlier : -1,
	};
	int r = -1;
	char said[512] = "";
	for (int round = 0; round < MAX_ROUNDS; round++) {
		r = lf_registration_save_answered(s->t->st, s->t->me, s->v.form, values, &a, again, MAX_ISSUES, &n_again,
		                                  &out, &err);
		if (r == 2 && ask_identity(again[0].message, &a.identity))
			retake_values(s, values);
		else if (r == 3 && ask_repeat_again(s, again[0].message, &a, said, sizeof said))
			retake_values(s, values);
		else
			break;
	}
	if (r == 0) {
		lf_draft_discard(lf_tui_draft(s->t));
		snprintf(saved_no, saved_len, "%s", out.case_no);
		ok = true;
	} else if (r > 0) {
		sheet_say(s, r == 1 ? LF_MSG_ERROR : LF_MSG_NOTE, said[0] ? said : again[0].message);
		lf_form_view_focus(&s->v, again[0].field);
	} else {
		char m[768];
		snprintf(m, sizeof m, _("Not saved: %s Everything typed is still here; press F2 to try again."),
		         lf_office_errmsg(s->t->st));
		sheet_say(s, LF_MSG_ERROR, m);
		sheet_write_draft(s);
	}
cleanup:
	lf_form_values_free(values, n);
	return ok;
}
