/* The columns of another system's export mapped onto our field ids, for
 * `laifang import --map FILE` (issue 13: the online system's export, an
 * office adapts the file, forms/online.map). Core module: no I/O.
 *
 * The file, one line a field (# starts a comment):
 *   field_id = 源列名            the export's column (CSV header, JSON key)
 *   field_id = 源列名 | date     a date or date-time in any usual writing
 *                                (2026-11-20, 2026/11/20, 2026.11.20,
 *                                2026年11月20日, a time after): its day
 *   field_id := value           the same value on every row
 * A field may be named once; columns the map does not name are not
 * imported. */
#ifndef LAIFANG_IMPORT_MAP_H
#define LAIFANG_IMPORT_MAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lf_import_map_entry {
	char *field;    /* our field id */
	char *source;   /* the export's column, or NULL for a constant */
	char *constant; /* the value of every row, or NULL */
	bool date;      /* | date: the day of a date or date-time */
} lf_import_map_entry;

typedef struct lf_import_map {
	lf_import_map_entry *e;
	size_t n;
} lf_import_map;

/* Read a map's text. False with a translated "line N: …" in why. */
bool lf_import_map_parse(const char *text, size_t len, lf_import_map *m, char *why, size_t whylen);
void lf_import_map_free(lf_import_map *m);

/* The day of a date written 2026-11-20, 2026/11/20, 2026.11.20 or
 * 2026年11月20日 (one-digit months and days too), anything after it (a
 * time) dropped, as YYYY-MM-DD into out (11 bytes). False when in is no
 * such date. */
bool lf_import_map_day(const char *in, char out[11]);

#endif
