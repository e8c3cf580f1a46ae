/* Storage of reception days: the schedule's slots, each month's
 * publication, changes to published slots with their approver, and the
 * reception-day log (领导干部接访日情况登记表) with its attachments and the
 * day's cases. Part of the store module: only store/ speaks SQL. These calls
 * check no permission; core (reception.h) does before calling them. Every
 * write appends to the audit log in the same transaction. */
#ifndef LAIFANG_STORE_RECEPTION_H
#define LAIFANG_STORE_RECEPTION_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/date.h"
#include "laifang/schedule.h"
#include "laifang/store.h"

#define LF_ID_LEN 37      /* a UUID and NUL */
#define LF_SHA256_HEX 65  /* 64 hex digits and NUL */

/* A slot as stored: its id, the leader's login id when the leader has one
 * ("" otherwise), and the slot itself (line is 0). */
typedef struct lf_slot_rec {
	char id[LF_ID_LEN];
	char leader_id[LF_ID_LEN];
	lf_slot slot;
} lf_slot_rec;

typedef int (*lf_slot_fn)(const lf_slot_rec *r, void *ud);

/* Add slots in one transaction (each gets a new id, written into recs).
 * Audited as schedule.add, one entry per slot. */
lf_store_err lf_store_slots_add(lf_store *st, lf_slot_rec *recs, size_t n);
/* Slots dated from..to (YYYY-MM-DD, both included), by date then start. */
lf_store_err lf_store_slots_between(lf_store *st, const char *from, const char *to, lf_slot_fn fn, void *ud);
lf_store_err lf_store_slot_get(lf_store *st, const char *id, lf_slot_rec *out);

/* Every leader named on any slot, once, with the title and level of their
 * latest slot, by name. */
typedef int (*lf_slot_leader_fn)(const lf_leader *l, void *ud);
lf_store_err lf_store_slot_leaders(lf_store *st, lf_slot_leader_fn fn, void *ud);

/* Who changed a published slot and who approved it. */
typedef struct lf_slot_change {
	const char *by_id;
	const char *approver_id;
	const char *approver_name; /* "姓名（职务）" as signed */
	const char *reason;
} lf_slot_change;

/* Replace a slot's fields by r's (by r->id). change not NULL: also record
 * the change with its approver (schedule_change; audited schedule.change),
 * else audited schedule.update. LF_STORE_NOTFOUND when no such slot. */
lf_store_err lf_store_slot_update(lf_store *st, const lf_slot_rec *r, const lf_slot_change *change);
/* The same, only over the slot as seen (a form's copy; NULL: no check):
 * when another desk changed it since, LF_STORE_CONFLICT, nothing written. */
lf_store_err lf_store_slot_update_seen(lf_store *st, const lf_slot_rec *r, const lf_slot_change *change,
                                       const lf_slot_rec *seen);
/* Delete a slot that has no recorded change (audited schedule.delete);
 * LF_STORE_CONFLICT when it has one. */
lf_store_err lf_store_slot_delete(lf_store *st, const char *id);

/* One recorded change, for the schedule screen and the tests. */
typedef struct lf_slot_change_rec {
	long long id;
	char slot_id[LF_ID_LEN], by_id[LF_ID_LEN], approver_id[LF_ID_LEN];
	char at[LF_TIMESTAMP_LEN];
	char approver_name[128];
	char reason[512];
	char before[1024], after[1024]; /* JSON objects (cut when longer) */
} lf_slot_change_rec;
typedef int (*lf_slot_change_fn)(const lf_slot_change_rec *c, void *ud);
/* The changes of a slot (slot_id) or of every slot dated in a month
 * (month "YYYY-MM", slot_id NULL), oldest first. */
lf_store_err lf_store_slot_changes(lf_store *st, const char *slot_id, const char *month, lf_slot_change_fn fn,
                                   void *ud);

/* Add slots (as lf_store_slots_add) that an approving leader accepted on
 * days off: exception_json (a JSON object naming the approver and the days)
 * is audited as schedule.exception in the same transaction. Adding a slot
 * to a published month makes its publication stale. */
lf_store_err lf_store_slots_add_excepted(lf_store *st, lf_slot_rec *recs, size_t n, const char *exception_json);

/* Who approved a publication, and the days off it carries (a JSON array
 * of dates, or NULL). */
typedef struct lf_publication_approval {
	const char *approver_id;
	const char *approver_name;
	const char *exceptions;
} lf_publication_approval;
/* A month published with its approval (db/018). Audited as
 * schedule.publish with the approver. */
lf_store_err lf_store_publication_add_approved(lf_store *st, const char *month, const char *by_id,
                                               const char *by_name, int slots, const char *csv_sha256,
                                               const lf_publication_approval *ap);
/* The months from from_month ("YYYY-MM") on whose latest publication is
 * stale: a published slot changed after it (fn gets the month and when). */
typedef int (*lf_stale_fn)(const char *month, const char *stale_at, void *ud);
lf_store_err lf_store_publications_stale(lf_store *st, const char *from_month, lf_stale_fn fn, void *ud);

/* A month ("YYYY-MM") was published. Audited as schedule.publish. */
lf_store_err lf_store_publication_add(lf_store *st, const char *month, const char *by_id, const char *by_name,
                                      int slots, const char *csv_sha256);
/* The latest publication of a month: LF_STORE_NOTFOUND when none. at and by
 * (may be NULL) receive when and by whom (by: 128 bytes). */
lf_store_err lf_store_publication_last(lf_store *st, const char *month, char at[LF_TIMESTAMP_LEN], char *by);

/* ---- the confidentiality review of a publication (db/025) ---- */

/* A table prepared for publication (published_at is when it was prepared,
 * draft_sha256 the SHA-256 of the table as prepared, approved_at NULL):
 * audited as schedule.prepare. It is not a publication until approved. */
lf_store_err lf_store_publication_prepare(lf_store *st, const char *month, const char *by_id, const char *by_name,
                                          int slots, const char *draft_sha256);
typedef struct lf_publication_pending {
	long long id;
	char by_id[LF_ID_LEN];
	char by_name[128];
	int slots;
	char draft_sha256[65];
	char prepared_at[LF_TIMESTAMP_LEN];
} lf_publication_pending;
/* The month's latest row when it awaits its review; LF_STORE_NOTFOUND when
 * the month has none (never prepared, or its latest row is approved). */
lf_store_err lf_store_publication_pending(lf_store *st, const char *month, lf_publication_pending *out);
/* Approve the prepared row id: its approver, the days off accepted, the
 * final CSV's SHA-256; audited as schedule.approve. LF_STORE_CONFLICT when
 * the row is no longer pending or its preparer is the approver. */
lf_store_err lf_store_publication_approve(lf_store *st, const char *month, long long id, const char *csv_sha256,
                                          const lf_publication_approval *ap);
/* A leader's 分管工作 (db/025): of the login leader_id, else of the one
 * active user named name; "" when none. */
lf_store_err lf_store_leader_portfolio(lf_store *st, const char *leader_id, const char *name, char *buf,
                                       size_t len);

/* ---- the reception-day log ---- */

/* One day's log. Strings malloc'd (NULL when empty); free with
 * lf_reception_log_free. */
typedef struct lf_reception_log {
	char id[LF_ID_LEN];
	char day[LF_DATE_LEN];
	char slot_id[LF_ID_LEN];
	char *leader, *department;                  /* 接访领导, 牵头处室 */
	char registrar_id[LF_ID_LEN];
	char *registrar;                            /* 登记人 */
	char *situation;                            /* 接访情况 */
	char situation_signer_id[LF_ID_LEN];
	char *situation_signer, *situation_signed_at;
	char *demands;                              /* 信访人诉求内容 */
	char *instruction;                          /* 领导批示 */
	char instruction_signer_id[LF_ID_LEN];
	char *instruction_signer, *instruction_signed_at;
	char *meeting_attendees, *meeting_decisions;/* 信访总结会议 */
	char *created_at, *updated_at;
	/* Issue 11: two desks on one day's log. version is the stored log's
	 * when read (0: not saved yet); a save names the version it started
	 * from. saved_by: the login of the latest save. */
	long long version;
	char *saved_by;
} lf_reception_log;
void lf_reception_log_free(lf_reception_log *log);

/* The log of day (YYYY-MM-DD); LF_STORE_NOTFOUND when none yet. */
lf_store_err lf_store_reception_get(lf_store *st, const char *day, lf_reception_log *out);
/* Create the day's log or change its typed fields (leader, department,
 * registrar and its id, slot_id, situation, demands, instruction, the
 * meeting; signatures are left alone) and link every case received that
 * day. log->id receives the log's id. Audited as reception.save.
 * log->version is the version the desk read (0: it saw no log): when the
 * stored log is another (another desk saved or signed it meanwhile) nothing
 * is written and LF_STORE_CONFLICT is returned; checked in the save's own
 * transaction. On success log->version is the new version. */
lf_store_err lf_store_reception_save(lf_store *st, lf_reception_log *log);
/* Sign the day's log: which "situation" (牵头处室负责人) or "instruction"
 * (领导批示), with the signer's login id and the time. A part is signed
 * once: LF_STORE_CONFLICT when it is signed already (two desks at once).
 * Audited as reception.sign. */
lf_store_err lf_store_reception_sign(lf_store *st, const char *day, const char *which, const char *signer_id,
                                     const char *signer_name, const char *signed_at);

/* An attached file (接访照片, 视频另附). */
typedef struct lf_attachment {
	long long id;
	char sha256[LF_SHA256_HEX];
	char name[256];
	long long size;
	char type[64];
	char added_at[LF_TIMESTAMP_LEN];
} lf_attachment;
typedef int (*lf_attachment_fn)(const lf_attachment *a, void *ud);
/* Record a file already copied into the attachment directory. Audited as
 * reception.attach. LF_STORE_NOTFOUND when the day has no log. */
lf_store_err lf_store_reception_attach(lf_store *st, const char *day, const lf_attachment *a, const char *by_id);
lf_store_err lf_store_reception_attachments(lf_store *st, const char *day, lf_attachment_fn fn, void *ud);
/* Case numbers linked to the day's log, in order. */
typedef int (*lf_case_no_fn)(const char *case_id, const char *case_no, void *ud);
lf_store_err lf_store_reception_cases(lf_store *st, const char *day, lf_case_no_fn fn, void *ud);

/* The database file's path, and the attachment directory beside it:
 * "DB.d/attachments" (malloc'd; NULL out of memory). */
const char *lf_store_path(lf_store *st);
/* Each stored file's SHA-256 (the name it has in the attachment folder),
 * once: reception-day photos and agencies' scans; fn returns nonzero to stop. */
typedef int (*lf_attachment_hash_fn)(const char *sha256, void *ud);
lf_store_err lf_store_attachment_each(lf_store *st, lf_attachment_hash_fn fn, void *ud);
char *lf_store_attachment_dir(lf_store *st);

/* For lf_store_check: every attachment's stored file exists and hashes to
 * its recorded SHA-256. Each problem goes to fn; returns their number, or
 * -1 when the check could not run. */
int lf_store_attachments_check(lf_store *st, lf_problem_fn fn, void *ud);

#endif
