/* A setting read as text (office_name for the paper notices): the setting
 * table keeps every value as text; lf_store_setting_int reads numbers. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/store_people.h"

bool lf_store_setting_text(lf_store *st, const char *key, char *buf, size_t len)
{
	if (!buf || !len)
		return false;
	buf[0] = '\0';
	if (!key)
		return false;
	/* Read once per printed page: not worth a cached statement. */
	sql_stmt *s = NULL;
	if (sql_prepare_v2(st->db, "SELECT value FROM setting WHERE key = ?1", -1, &s, NULL) != SQL_OK) {
		sql_finalize(s);
		return false;
	}
	if (sql_bind_text(s, 1, key, -1, SQL_STATIC) == SQL_OK && sql_step(s) == SQL_ROW) {
		const char *v = (const char *)sql_column_text(s, 0);
		snprintf(buf, len, "%s", v ? v : "");
	}
	sql_finalize(s);
	return buf[0] != '\0';
}
