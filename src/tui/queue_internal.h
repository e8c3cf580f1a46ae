/* The queue screen's parts shared by queue_view.c (the list, its reading
 * and filters) and queue_marks.c (the marks and the step on every marked
 * case): private to the TUI. */
#ifndef LAIFANG_TUI_QUEUE_INTERNAL_H
#define LAIFANG_TUI_QUEUE_INTERNAL_H

#include "list_window.h"

#include "laifang/views.h"

typedef struct qrow {
	char *case_id, *case_no, *name, *unit, *due_on, *due_rule;
	lf_case_state state;
	bool urgent, major, marked;
} qrow;

/* A case marked with Space: what the bulk step needs of it. */
typedef struct qmark {
	char *case_id, *case_no;
	lf_case_state state;
} qmark;

typedef struct qview {
	lf_tui *t;
	lf_queue_id q;
	lf_view_filter vf; /* what the person filters by (views.h) */
	lf_view_query vq;  /* core's filter for the queue, plus vf's, as of today */
	bool core_unit, core_owner;
	char unit_name[256], owner_name[256];
	char view_name[160]; /* the saved view it was opened as, "" none */
	long count;
	lf_list l; /* the rows near the view */
	lf_window w;
	qmark *marks; /* in the order marked */
	size_t marked;
	char msg[1024];
	lf_msg_kind msg_kind;
} qview;

/* Read again where the selection is (keep_place), or from the top. */
void queue_reload_at(qview *v, bool keep_place);
/* F5, a filter, a step: read again, the marks gone with what they were for. */
void queue_reload(qview *v);

void queue_marks_free(qview *v);
/* Is the case marked? */
bool queue_marked(const qview *v, const char *case_id);
/* Space on a row: marked, or the mark taken off. */
void queue_mark_toggle(qview *v, qrow *r);
/* F7: a step on every marked case. */
void queue_bulk_step(qview *v);

#endif
