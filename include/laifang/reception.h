/* Reception days as a person does them: the office's stored schedule
 * (generate, edit, publish, check, quotas, the publication reminder, the
 * leader on duty) and the reception-day log (领导干部接访日情况登记表: its
 * fields, signatures, attached photos and videos). Core module: no curses,
 * no SQL; every call checks the actor's permission (lf_require) before the
 * store is called. Failures return an lf_store_err with msg holding a
 * translated sentence (LF_STORE_DENIED, LF_STORE_INVALID for a rule).
 *
 * Permissions (auth.h's table, nothing added): editing and publishing the
 * schedule needs LF_PERM_ADMINISTER; the log's typed fields and attachments
 * need LF_PERM_REGISTER (the clerk, 登记人) or LF_PERM_INSTRUCT (the leader);
 * the leader's signature (领导批示) LF_PERM_INSTRUCT; the lead department's
 * signature of 接访情况 LF_PERM_APPROVE_REPORT, by a head of the unit named
 * 牵头处室 (issue 11: 处室负责人, not a case worker). */
#ifndef LAIFANG_RECEPTION_H
#define LAIFANG_RECEPTION_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/approval.h"
#include "laifang/date.h"
#include "laifang/file_hash.h"
#include "laifang/schedule.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"


/* A signature as laifang shows it: "姓名（职务）", or "姓名" without a title. */
void lf_signature(const lf_user *u, char *buf, size_t len);

/* ---- the stored schedule ---- */

/* The office's postponement choice (setting postpone_rule: 0 official,
 * 1 weekday). */
lf_postpone lf_office_postpone(lf_store *st);

/* The slots of a month (y, m), by date: a malloc'd array into *out (free
 * it), its length into *n. */
lf_store_err lf_schedule_month(lf_store *st, int y, int m, lf_slot_rec **out, size_t *n);
/* Has the month been published (its latest publication into at, may be
 * NULL)? */
bool lf_schedule_published(lf_store *st, int y, int m, char at[LF_TIMESTAMP_LEN]);

/* Add slots (administrators). A slot's leader_id may be left "": a login
 * whose name is the slot's leader is linked. Refused (nothing added) when
 * a slot has no leader or a bad time, or repeats a stored slot (same day,
 * leader and kind). */
lf_store_err lf_schedule_store_add(lf_store *st, const lf_user *actor, lf_slot_rec *recs, size_t n, char *msg,
                             size_t len);
/* Generate by rule and add (as lf_schedule_store_add); *added the count. */
lf_store_err lf_schedule_generate_store(lf_store *st, const lf_user *actor, const lf_rule *rule, int *added,
                                        char *msg, size_t len);
/* The leaders of a rotation from logins ("li,wang", users with the leader
 * role): name, title and level (the unit's name is not used). A malloc'd
 * array into *out. */
lf_store_err lf_schedule_leaders(lf_store *st, const char *logins, lf_leader **out, size_t *n, char *msg,
                                 size_t len);

/* Change a slot (administrators). When its month has been published (or
 * the change moves it into a published month) the change needs an
 * approval (approval.h): another active leader's own login and password,
 * now, and a reason; it is recorded with both (schedule_change), audited,
 * and the month's publication becomes stale. ap may be NULL otherwise. */
lf_store_err lf_schedule_edit(lf_store *st, const lf_user *actor, const lf_slot_rec *r, const lf_approval *ap,
                              char *msg, size_t len);
/* The same from a form that opened on seen: a slot another desk changed
 * since is not written over (LF_STORE_CONFLICT). */
lf_store_err lf_schedule_edit_seen(lf_store *st, const lf_user *actor, const lf_slot_rec *seen,
                                   const lf_slot_rec *r, const lf_approval *ap, char *msg, size_t len);

/* The slots of recs on a day off by the office calendar: a public holiday,
 * or a Saturday or Sunday that is not a make-up working day. Returns their
 * number (-1 out of memory); list (may be NULL) receives one translated
 * line each naming the day and the leader, days (may be NULL) the dates as
 * JSON strings joined by commas. */
int lf_schedule_days_off(lf_store *st, const lf_slot_rec *recs, size_t n, char *list, size_t len, char *days,
                         size_t dlen);
/* Import slots (laifang schedule import; administrators): as
 * lf_schedule_store_add, but a slot on a day off refuses the whole import,
 * naming each, unless ap confirms the days off (ap->days_off and a valid
 * approval); the exception is audited (schedule.exception) with the
 * slots. */
lf_store_err lf_schedule_import(lf_store *st, const lf_user *actor, lf_slot_rec *recs, size_t n,
                                const lf_approval *ap, char *msg, size_t len);
/* Delete a slot of a month not yet published (administrators). */
lf_store_err lf_schedule_delete(lf_store *st, const lf_user *actor, const char *slot_id, char *msg, size_t len);
/* True when changing this slot needs an approver. */
bool lf_schedule_needs_approval(lf_store *st, const lf_slot_rec *before, const lf_slot *after);

/* True when changing the stored slot r->id into r->slot needs an approver
 * (lf_schedule_needs_approval against the slot as stored); false when
 * there is no such slot (lf_schedule_edit then says so). */
bool lf_schedule_change_needs_approval(lf_store *st, const lf_slot_rec *r);

/* Check slots against the office calendar with the office's postponement
 * choice (lf_schedule_check; roster NULL). */
int lf_schedule_check_office(lf_store *st, const lf_schedule *s, lf_problems *out);

/* The quotas of the seeds: county 1 a month; town and department 1 a week
 * (seed 001); deputy 1 a quarter (seed 002). */
const lf_quota *lf_default_quotas(size_t *n);

/* The quotas (lf_default_quotas) for month (y, m): each over its whole
 * periods that meet the month (the week that runs into the next month,
 * the whole quarter), for every leader on the roster — every leader named
 * on any slot (their latest slot's level) and every active login with the
 * leader role — whether or not they have a slot in the month. Shortfalls
 * are appended to out (quota, leader, period order). unranked (may be NULL)
 * receives the names of roster leaders whose level no quota knows, joined
 * by 、. */
lf_store_err lf_schedule_quota_month(lf_store *st, int y, int m, lf_shortfalls *out, char *unranked, size_t len);

/* Publish month (y, m): write DIR/schedule-YYYY-MM.html and .csv (leader,
 * title, date, weekday, time, location, lead department: nothing else, no
 * personal data) and record the publication (administrators). Refused
 * when the month has no slot. A publication is approved by a leader with
 * their own password now (seeds 001, 002: 经主要领导同意后公开; ap); a slot
 * on a day off refuses it, naming each, unless ap->days_off confirms them
 * (recorded with the publication and audited). The paths written go to
 * html and csv (each plen bytes, may be NULL). */
lf_store_err lf_schedule_publish(lf_store *st, const lf_user *actor, int y, int m, const char *dir,
                                 const lf_approval *ap, char *html, char *csv, size_t plen, char *msg, size_t len);

/* The confidentiality review (保密审查, issue 15; schedule_review.c). m 0
 * means the whole year (schedule-YYYY.*). Prepare (administrators): write
 * DIR/schedule-KEY.draft.html and .csv marked 送审稿 and record the
 * publication as awaiting review (audited schedule.prepare). Approve (the
 * permission review_publication; never the preparer): when the table is
 * still as prepared, write DIR/schedule-KEY.html and .csv with the issue
 * date and record the approval (audited schedule.approve). Days off need
 * days_off, accepted by the approver. */
/* Is a publication of the month (m 0: the year) prepared and awaiting its
 * review? at and by (may be NULL) receive when and by whom. */
bool lf_schedule_pending(lf_store *st, int y, int m, char at[LF_TIMESTAMP_LEN], char *by, size_t bylen);
lf_store_err lf_schedule_prepare(lf_store *st, const lf_user *actor, int y, int m, const char *dir, char *html,
                                 char *csv, size_t plen, char *msg, size_t len);
lf_store_err lf_schedule_approve(lf_store *st, const lf_user *actor, int y, int m, const char *dir, bool days_off,
                                 char *html, char *csv, size_t plen, char *msg, size_t len);
/* Is the month's latest publication stale (a published slot changed after
 * it)? at (may be NULL) receives when it changed. */
bool lf_schedule_stale(lf_store *st, int y, int m, char at[LF_TIMESTAMP_LEN]);
/* For the home screen: true (msg names the months) when a publication of
 * this month or a later one is stale: publish it again. */
bool lf_schedule_stale_notice(lf_store *st, lf_date today, char *msg, size_t len);

/* The home screen's reminder: true (msg says which month and by when) from
 * three working days before the publication deadline (setting
 * schedule_publish_day, default 20, of the month before) until the next
 * month is published; after the deadline it says the month is late. */
bool lf_schedule_reminder(lf_store *st, lf_date today, char *msg, size_t len);

/* The reception slot of day d (the first by start time), false when none. */
bool lf_schedule_slot_on(lf_store *st, lf_date d, lf_slot_rec *out);
/* "Reception today: 李明（副局长） · 办公室" for the sheet's header (every
 * reception slot of the day, joined by 、); NULL when the day has none.
 * Written into buf. */
const char *lf_reception_on_duty(lf_store *st, lf_date d, char *buf, size_t len);

/* ---- the reception-day log ---- */

/* The log of day (YYYY-MM-DD): the stored one, or a new one (not saved:
 * id "") filled from the day's slot — 接访领导 "姓名（职务）", 牵头处室 —
 * and 登记人 the actor. Needs LF_PERM_REGISTER or LF_PERM_INSTRUCT, or
 * LF_PERM_APPROVE_REPORT (a unit head opens it to sign 接访情况). */
lf_store_err lf_reception_open(lf_store *st, const lf_user *actor, const char *day, lf_reception_log *out,
                               char *msg, size_t len);
/* Save the typed fields (text cleaned). Refused once the leader has signed;
 * the 领导批示 text may be written only by a leader. Links the day's cases.
 * LF_STORE_CONFLICT, msg naming whose save and when, when another desk
 * saved or signed the log after log->version was read: nothing is saved. */
lf_store_err lf_reception_save(lf_store *st, const lf_user *actor, lf_reception_log *log, char *msg, size_t len);

/* The photos and videos attached to a day's log, oldest first. */
lf_store_err lf_reception_attachments(lf_store *st, const char *day, lf_attachment_fn fn, void *ud);

typedef enum lf_reception_part {
	LF_RLOG_SITUATION,  /* 接访情况: 牵头处室负责人签名 (LF_PERM_APPROVE_REPORT, head of that unit) */
	LF_RLOG_INSTRUCTION /* 领导批示: 签名 (LF_PERM_INSTRUCT) */
} lf_reception_part;
/* Sign a part of the saved log as the actor, now. Its text must not be
 * empty; a part is signed once. */
lf_store_err lf_reception_sign(lf_store *st, const lf_user *actor, const char *day, lf_reception_part part,
                               char *msg, size_t len);

/* Attach a file (接访照片, 视频另附) to the day's saved log: copied into the
 * attachment directory beside the database as DB.d/attachments/<sha256>,
 * with its name, size, type (by its extension) and hash recorded. A
 * missing, unreadable or empty file, or a directory, is refused with a
 * message naming the path. out (may be NULL) receives the record. */
lf_store_err lf_reception_attach(lf_store *st, const lf_user *actor, const char *day, const char *path,
                                 lf_attachment *out, char *msg, size_t len);
/* The media type laifang records for a file name. */
const char *lf_attachment_type(const char *name);

/* A case's file (issue 11: an agency's scanned reply) copied into the
 * attachment directory as above, not yet recorded; label (translated)
 * names the field in a refusal. */
lf_store_err lf_attachment_copy(lf_store *st, const char *label, const char *path, lf_attachment *out, char *msg,
                                size_t len);

/* ---- the log's photos and its day on paper (issue 15) ---- */

/* A photo (接访照片) for the day's saved log, as lf_reception_attach (the
 * same permission, the same rules: no link followed, at most
 * attachment_max_bytes, refused once the leader has signed) and only a
 * JPEG or a PNG, told by the file's first bytes (image_info.h), not by its
 * name. A day on the schedule whose log is not saved yet gets its log
 * saved first (as it opens, from the slot); a day without a reception
 * (lf_reception_day_held) is refused. `laifang reception photo add DAY
 * FILE`. */
lf_store_err lf_reception_photo_add(lf_store *st, const lf_user *actor, const char *day, const char *path,
                                    lf_attachment *out, char *msg, size_t len);

/* Was day (YYYY-MM-DD) a reception day: a reception slot on the schedule,
 * or a log saved for it? LF_STORE_OK, else LF_STORE_INVALID with msg (a
 * translated sentence naming the day) saying there was none. */
lf_store_err lf_reception_day_held(lf_store *st, const char *day, char *msg, size_t len);

/* The stored bytes of an attached file (malloc'd into *data, free them),
 * read from the attachment folder without following a link, at most
 * attachment_max_bytes, and only when they still hash to the recorded
 * SHA-256: false otherwise (nothing to free). */
bool lf_reception_attachment_bytes(lf_store *st, const lf_attachment *a, unsigned char **data, size_t *len);

#endif
