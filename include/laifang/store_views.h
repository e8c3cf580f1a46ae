/* Saved views (issue 12): a queue's filter kept under a name, per user or
 * shared with the office (db/029_saved_views.sql). The store keeps and
 * lists the rows as they are; office/views.c checks every value, the
 * permissions, and what a view means. src/store/views.c. */
#ifndef LAIFANG_STORE_VIEWS_H
#define LAIFANG_STORE_VIEWS_H

#include <stdbool.h>

#include "laifang/store.h"

/* A view as stored, with what its ids name now (NULL when nothing: the
 * unit or leader is gone). due_within < 0: none stored. */
typedef struct lf_view_row {
	const char *id, *user_id, *owner_login, *owner_name, *name, *queue;
	long long due_within;
	bool shared, my_unit;
	const char *unit_id, *unit_name, *leader_id, *leader_name;
	bool unit_active;
	const char *from, *to, *keyword;
	const char *created_at;
} lf_view_row;
typedef int (*lf_view_row_fn)(const lf_view_row *r, void *ud);

/* The views user_id may see: their own (by when they were made, then
 * name) and then the others' shared ones (the same order). */
lf_store_err lf_store_views_each(lf_store *st, const char *user_id, lf_view_row_fn fn, void *ud);

/* Save a view of r->user_id under r->name (r->id ignored): a new row, or
 * with replace the row of the same name replaced (its id and creation
 * kept). LF_STORE_CONFLICT when the name is taken and !replace. Audited
 * "view.save". */
lf_store_err lf_store_view_save(lf_store *st, const lf_view_row *r, bool replace);
/* Rename or delete a view of user_id's by its id; NOTFOUND when they have
 * none such, CONFLICT when the new name is taken. Audited "view.rename",
 * "view.delete". */
lf_store_err lf_store_view_rename(lf_store *st, const char *user_id, const char *id, const char *new_name);
lf_store_err lf_store_view_delete(lf_store *st, const char *user_id, const char *id);

#endif
