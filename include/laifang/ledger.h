/* The ledger (台账): the cases a set of filters selects, written as CSV
 * (RFC 4180, CRLF, a UTF-8 byte order mark) or as a JSON array. JSON keys
 * each case by the registration form's field ids (in form order), then
 * case_no, case_id, repeat and the ledger's own keys (accepted_on, status,
 * lead_unit, due_on, due_rule, closed_on, satisfaction). CSV names its
 * columns in Chinese (issue 15): 案件编号, the sheet's labels, then 重复来访,
 * 受理日期, 状态, 承办单位, 办理期限, 期限依据, 办结日期, 满意度, 案件标识
 * (lf_ledger_column_name); ID numbers stay text in Excel and WPS (csv.h). Shared by `laifang export` and the export screen.
 * Needs LF_PERM_EXPORT (checked before anything is written); the cases are
 * those the actor may read (access.h: the store's reader), with ID and
 * phone numbers masked unless the actor holds LF_PERM_EXPORT_PERSONAL. Every
 * export is recorded in the audit log (action "export": format, count,
 * personal_data, the filters when any, the file when any). Core: no curses,
 * no SQL. */
#ifndef LAIFANG_LEDGER_H
#define LAIFANG_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "laifang/form.h"
#include "laifang/store_people.h"
#include "laifang/store.h"

typedef enum lf_ledger_format { LF_LEDGER_CSV, LF_LEDGER_JSON } lf_ledger_format;

/* The filters; NULL or "" for none. With none: every case, in the store's
 * order; otherwise the selected cases in case-number order. */
typedef struct lf_ledger_query {
	const char *from, *to; /* YYYY-MM-DD, the date received, inclusive */
	const char *queue;     /* a queue key as the actor sees it (lf_queue_parse) */
	const char *unit;      /* the lead unit's name or id */
	const char *status;    /* state ids (lf_state_parse), comma-separated */
} lf_ledger_query;

/* "csv" or "json". */
bool lf_ledger_format_parse(const char *s, lf_ledger_format *out);
const char *lf_ledger_format_id(lf_ledger_format fmt);

/* Write the ledger to out, then record it in the audit log (what went out
 * cannot be taken back). *count receives the cases written. On failure a
 * translated message in msg: LF_STORE_DENIED, LF_STORE_INVALID (a filter,
 * or text that is not UTF-8), or the store's error. */
lf_store_err lf_ledger_write(lf_store *st, const lf_user *actor, const lf_ledger_query *q, lf_ledger_format fmt,
                             FILE *out, size_t *count, char *msg, size_t len);

/* The same into a new file beside path (mode 0600 from the start), audited,
 * then renamed over path: a failed export leaves any earlier file as it was.
 * LF_STORE_IO with the reason in msg when the file cannot be written. */
lf_store_err lf_ledger_write_file(lf_store *st, const lf_user *actor, const lf_ledger_query *q,
                                  lf_ledger_format fmt, const char *path, size_t *count, char *msg, size_t len);

/* The CSV column name of a JSON key (a field id, case_no, status...), and
 * back (NULL for a name that is no column); import reads both. */
#include "laifang/form.h"
const char *lf_ledger_column_name(const lf_form_def *form, const char *id);
const char *lf_ledger_column_id(const lf_form_def *form, const char *name);
/* True for the ledger's keys that are not the sheet's (case_no, status...). */
bool lf_ledger_extra_key(const char *id);

#endif
