/* Saved views (issue 12): a queue's filter ("三个工作日内到期、本处室")
 * saved under a name and opened again with one key. A view belongs to the
 * user who saved it; one who may route cases (LF_PERM_ROUTE, the
 * supervisors) may share theirs with the office. A user lists and opens
 * their own views and the shared ones whose queue they see; only the owner
 * renames, replaces or deletes a view. A stored view is checked again
 * every time it is listed: one that no longer holds (its unit gone, its
 * queue unknown, a date that is not one) carries the reason and is not
 * opened. src/office/views.c over store_views.h. */
#ifndef LAIFANG_VIEWS_H
#define LAIFANG_VIEWS_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/caseflow.h"
#include "laifang/store.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"

#define LF_VIEW_NAME_MAX 32    /* characters of a view's name */
#define LF_VIEW_DUE_MAX 60     /* the widest due window, in working days */
#define LF_VIEW_KEYWORD_MAX 40 /* characters of a keyword */
#define LF_VIEW_KEYS 9         /* views 1 to 9 open with their digit */

/* What a queue screen filters by, as a person set it. */
typedef struct lf_view_filter {
	lf_queue_id queue;
	int due_within;      /* due within N working days of the day it is read (overdue
	                      * included); -1: no limit. On 督办 it replaces the queue's own
	                      * window of LF_DUE_NEAR_DAYS. */
	bool my_unit;        /* the lead unit is the reader's own (本处室) */
	char unit_id[37];    /* a lead unit named; "" none (never with my_unit) */
	char leader_id[37];  /* the owning leader (包案); "" none */
	char from[11], to[11];        /* received on, inclusive; "" none */
	char keyword[128];   /* in the visitor's name or the content; "" none */
} lf_view_filter;

/* The queue alone, nothing else. */
void lf_view_filter_init(lf_view_filter *vf, lf_queue_id q);
/* True when the filter adds nothing to its queue. */
bool lf_view_filter_empty(const lf_view_filter *vf);

/* The store's filter for vf as actor reads it today. Holds its own copies
 * of the texts f points at: do not copy a lf_view_query (make another). */
typedef struct lf_view_query {
	lf_queue_filter f;
	char unit_id[37], leader_id[37], from[11], to[11], keyword[128];
	char due_before[11];
} lf_view_query;
/* Fill q: the queue's own filter for the actor (lf_queue_filter_for) and
 * vf's. False with msg (the store's error set) when the actor may not see
 * the queue, or my_unit and they belong to no unit. */
bool lf_view_query_make(lf_store *st, const lf_user *actor, const lf_view_filter *vf, lf_view_query *q, char *msg,
                        size_t len);

/* A saved view as actor sees it. */
typedef struct lf_saved_view {
	char id[37];
	int number;          /* 1, 2... in the list's order */
	char *name;
	char *owner_login, *owner_name;
	bool mine, shared;
	lf_view_filter filter;
	char *unit_name, *leader_name; /* of filter.unit_id, leader_id; NULL when none */
	char problem[256];   /* "" when it opens; else why it does not */
} lf_saved_view;
void lf_saved_view_free(lf_saved_view *v);

/* actor's views: their own first, then those shared with the office whose
 * queue they see, numbered from 1. fn returns non-zero to stop. */
typedef int (*lf_saved_view_fn)(const lf_saved_view *v, void *ud);
lf_store_err lf_views_each(lf_store *st, const lf_user *actor, lf_saved_view_fn fn, void *ud, char *msg,
                           size_t len);
/* One view by its name (actor's own first, then a shared one) or its
 * number ("3"); NOTFOUND with msg when none. Free with lf_saved_view_free. */
lf_store_err lf_view_find(lf_store *st, const lf_user *actor, const char *name_or_number, lf_saved_view *out,
                          char *msg, size_t len);

/* Check a filter as a view would keep it (queue seen by actor, due
 * window 0..LF_VIEW_DUE_MAX, dates, from <= to, a unit that is there and
 * active, a leader who is there, a keyword of one line). */
lf_store_err lf_view_filter_check(lf_store *st, const lf_user *actor, const lf_view_filter *vf, char *msg,
                                  size_t len);

/* Save vf under name for actor (shared: with the office, LF_PERM_ROUTE).
 * CONFLICT when they have a view of that name and !replace. Audited. */
lf_store_err lf_view_save(lf_store *st, const lf_user *actor, const char *name, const lf_view_filter *vf,
                          bool shared, bool replace, char *msg, size_t len);
/* Rename or delete one of actor's own views (by name or number). */
lf_store_err lf_view_rename(lf_store *st, const lf_user *actor, const char *name_or_number, const char *new_name,
                            char *msg, size_t len);
lf_store_err lf_view_delete(lf_store *st, const lf_user *actor, const char *name_or_number, char *msg,
                            size_t len);

/* Words for a view's filter ("督办 · 3 个工作日内到期 · 本处室"), translated. */
void lf_view_describe(const lf_saved_view *v, char *buf, size_t len);

#endif
