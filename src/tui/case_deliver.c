/* The delivery (送达, issue 13) of a printed notice, from the case screen
 * ('d'): the notice (those with a 文号), the method, whether the visitor
 * signed or refused, then the tracking number (post), the date and the
 * note in one box. Core (lf_case_deliver) checks everything; a refusal is
 * shown in the box with what was typed kept. Esc cancels at each step. */
#include "case_flow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_deliver.h"
#include "laifang/i18n.h"
#include "laifang/office.h"

bool lf_case_deliver_run(lf_tui *t, const char *case_id, char *msg, size_t len, lf_msg_kind *kind)
{
	*kind = LF_MSG_ERROR;
	lf_case_notice_info notes[LF_CASE_NOTICES_MAX];
	int n = lf_case_notices(t->st, t->me, case_id, notes, LF_CASE_NOTICES_MAX);
	if (n < 0) {
		snprintf(msg, len, "%s", lf_office_errmsg(t->st));
		return false;
	}
	if (n == 0) {
		snprintf(msg, len, "%s",
		         _("No notice of this case has a document number (文号) yet: print it first (p), then record its "
		           "delivery."));
		return false;
	}
	char shown[LF_CASE_NOTICES_MAX][400];
	const char *items[LF_CASE_NOTICES_MAX];
	for (int i = 0; i < n; i++) {
		char times[64] = "";
		if (notes[i].deliveries)
			snprintf(times, sizeof times, _("  (delivered %d×)"), notes[i].deliveries);
		snprintf(shown[i], sizeof shown[i], "%s %s%s", lf_delivery_notice_title(notes[i].kind), notes[i].doc_no, times);
		items[i] = shown[i];
	}
	int pick = lf_dialog_menu(_("Delivery (送达): which notice?"), items, (size_t)n);
	if (pick < 0)
		return false;

	const char *methods[LF_DELIVER_COUNT];
	for (int i = 0; i < LF_DELIVER_COUNT; i++)
		methods[i] = lf_delivery_method_label((lf_delivery_method)i);
	int m = lf_dialog_menu(_("Delivered how?"), methods, LF_DELIVER_COUNT);
	if (m < 0)
		return false;
	const char *receipts[] = {_("The visitor signed the receipt (签收)"),
	                          _("The visitor refused to sign (拒签): witnesses in the note")};
	int r = lf_dialog_menu(_("The receipt of delivery (送达回证)"), receipts, 2);
	if (r < 0)
		return false;

	bool post = m == LF_DELIVER_POST;
	const char *labels[3];
	lf_line_edit fields[3];
	size_t nf = 0, f_track = 9, f_date, f_note;
	if (post) {
		f_track = nf;
		labels[nf] = _("Tracking number");
		lf_line_init(&fields[nf++], LF_DELIVERY_TRACKING_MAX, false);
	}
	f_date = nf;
	labels[nf] = _("Date (YYYY-MM-DD)");
	lf_line_init(&fields[nf++], 10, false);
	char today[LF_DATE_LEN];
	lf_date_format(lf_date_today(), today);
	lf_line_set(&fields[f_date], today);
	f_note = nf;
	labels[nf] = r == 1 ? _("Note: the witnesses") : m == LF_DELIVER_OTHER ? _("Note: how it was delivered") : _("Note");
	lf_line_init(&fields[nf++], LF_DELIVERY_NOTE_MAX, false);

	char title[512];
	snprintf(title, sizeof title, _("Delivery of %s"), shown[pick]);
	lf_prompt p = {.title = title, .labels = labels, .fields = fields, .n = nf, .can_back = true,
	               .intro = methods[m],
	               .help = _("Record how the notice reached the visitor. By post the tracking number is required; "
	                         "a refused receipt (拒签) needs a note naming the witnesses; the date is the day of "
	                         "delivery, not in the future and not before the notice was printed. Tab moves between "
	                         "the boxes, Enter on the last one saves, Esc cancels.")};
	bool done = false;
	for (;;) {
		if (lf_prompt_run(&p) != LF_PROMPT_OK)
			break;
		char *tracking = post ? lf_line_text(&fields[f_track]) : NULL;
		char *date = lf_line_text(&fields[f_date]);
		char *note = lf_line_text(&fields[f_note]);
		lf_deliver_args a = {.notice = notes[pick].doc_no, .method = lf_delivery_method_key((lf_delivery_method)m),
		                     .tracking = tracking, .date = date, .refused = r == 1, .note = note};
		char why[sizeof p.msg] = "";
		lf_store_err e = lf_case_deliver(t->st, t->me, case_id, &a, why, sizeof why);
		free(tracking);
		free(date);
		free(note);
		lf_answer ans = lf_prompt_answer(&p, t->st, e, why, msg, len);
		if (ans == LF_ANSWER_AGAIN)
			continue;
		if (ans == LF_ANSWER_SAVED) {
			snprintf(msg, len, _("The delivery of %s is recorded."), notes[pick].doc_no);
			*kind = LF_MSG_OK;
			done = true;
		}
		break;
	}
	for (size_t i = 0; i < nf; i++)
		lf_line_free(&fields[i]);
	return done;
}
