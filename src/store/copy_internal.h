/* db copy (issue 14): the destination's side (src/store/copy_dest.c). */
#ifndef LAIFANG_COPY_INTERNAL_H
#define LAIFANG_COPY_INTERNAL_H

#include "laifang/store.h"

/* A SQLite destination's triggers, dropped for the copy: names and text. */
typedef struct copy_triggers {
	char **name, **sql;
	int n;
} copy_triggers;

/* The destination's one transaction (foreign keys checked at its end). */
lf_store_err copy_dest_begin(lf_store *to);
/* The destination's own triggers off for the copy (tables: those copied),
 * and on again before COMMIT. */
lf_store_err copy_dest_triggers_off(lf_store *to, const char *const *tables, int n, copy_triggers *saved);
lf_store_err copy_dest_triggers_on(lf_store *to, const char *const *tables, int n, const copy_triggers *saved);
void copy_triggers_free(copy_triggers *saved);
/* Identity columns moved past the ids copied. */
lf_store_err copy_dest_sequences(lf_store *to);
/* A PostgreSQL destination: the source's table name (columns cols, n of
 * them, quoted and comma-separated) sent by COPY (copy_bulk.c). */
lf_store_err copy_bulk_table(lf_store *from, lf_store *to, const char *name, const char *cols, int n,
                             long long *rows);

#endif
