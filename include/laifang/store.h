/* Storage: the only module that speaks SQL. SQLite now (one local file, WAL);
 * the SQL is kept portable so a PostgreSQL backend can take the same calls.
 * Every write is one transaction begun with BEGIN IMMEDIATE. */
#ifndef LAIFANG_STORE_H
#define LAIFANG_STORE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lf_store lf_store;

/* Why a call failed, so a face can say it plainly. */
typedef enum lf_store_err {
	LF_STORE_OK = 0,
	LF_STORE_BUSY,     /* other terminals held the database past the timeout */
	LF_STORE_FULL,     /* the disk is full */
	LF_STORE_READONLY, /* the file or its directory is read-only */
	LF_STORE_CORRUPT,  /* not a database, or damaged */
	LF_STORE_TOO_NEW,  /* made by a newer laifang: schema version above ours */
	LF_STORE_CANTOPEN, /* missing directory, no permission */
	LF_STORE_CONFLICT, /* a uniqueness rule refused the write */
	LF_STORE_NOTFOUND,
	LF_STORE_IO,       /* anything else; the message has SQLite's words */
	/* Core's refusals, before the store is called (core passes them on in
	 * the same type so a face handles one kind of result): */
	LF_STORE_DENIED,   /* the user's roles do not allow it */
	LF_STORE_INVALID,  /* the input breaks a rule; the message names the field */
	/* Issue 10: the actor's account was deactivated, or its roles, unit or
	 * password changed, since they logged in: nothing was written; the
	 * person must log in again (lf_store_session_ended, store_people.h). */
	LF_STORE_SESSION,
} lf_store_err;

/* Open (creating with mode 0600 if missing, and its directory with 0700) and
 * migrate the database at path. On failure returns NULL, *err (if not NULL)
 * gets the kind and msg a translated sentence naming the file and the problem. */
lf_store *lf_store_open(const char *path, lf_store_err *err, char *msg, size_t msglen);
void lf_store_close(lf_store *st);
/* Whether path is known to hold no database yet: no file there; on
 * PostgreSQL, the server answers and the database lacks laifang's schema
 * (nothing is created). */
bool lf_store_absent(const char *path);

/* Told once before an existing database is brought up to this laifang's
 * schema (from and to the schema numbers; a new database is not told). On
 * a large office an upgrade can take minutes (a million cases: a column
 * filled, an index rebuilt), so the caller says so before the wait
 * (main.c, on a terminal). Process-wide; NULL: nobody is told. */
typedef void (*lf_store_upgrading_fn)(const char *path, int from, int to, void *ud);
void lf_store_on_upgrading(lf_store_upgrading_fn fn, void *ud);

/* The schema version the file has, and the one this binary brings. */
int lf_store_schema_version(lf_store *st);
int lf_store_schema_latest(void);

/* The last error of this handle as a translated sentence. */
const char *lf_store_errmsg(lf_store *st);
lf_store_err lf_store_errcode(lf_store *st);
/* Core records its own refusal (LF_STORE_DENIED, LF_STORE_INVALID) as the
 * handle's last error, so a face reads every failure the same way. */
void lf_store_set_error(lf_store *st, lf_store_err kind, const char *msg);

/* The fields of one registration sheet as they are saved (already checked
 * and normalised by core; NULL or "" for empty). */
typedef struct lf_registration {
	const char *receptionist; /* 接待人员: the login who registered */
	const char *received_on;  /* 接待时间: YYYY-MM-DD */
	const char *name;         /* 来访人姓名 */
	const char *sex;          /* 性别: 男 / 女 */
	const char *phone;        /* 联系电话 */
	const char *id_number;    /* 身份证号码 */
	const char *address;      /* 单位或住址 */
	const char *content;      /* 信访内容 */
	const char *channel;      /* "visit" (default when NULL), "letter", "online" */
	const char *due_on;       /* the first deadline (route within 15 days), set by core; NULL: none */
	const char *due_rule;     /* its rule key: "route" */
	bool repeat;              /* 重复访: the clerk said this visit is the same matter as an earlier
	                           * one (issue 11); saved only when the visitor has earlier cases */
	/* The document (schema 12). doc_type NULL is 居民身份证; id_number is
	 * the number as typed (kept on the case), doc_key the number that names
	 * the person (lf_doc_key: an ID number's 18-digit form); for 无证件
	 * doc_key is NULL, doc_note required and the person always new. */
	const char *doc_type;
	const char *doc_key;
	const char *doc_note;
	/* The visitor record of a known person takes the sheet's name, sex,
	 * phone and address (the clerk confirmed it; audited "visitor.update").
	 * Otherwise the record stays as it was, and only what it lacks is
	 * added. */
	bool update_visitor;
	/* The sheet showed the clerk earlier_seen earlier cases of this person
	 * before they answered 重复访. With ask_if_newer, a save that finds
	 * more (another desk registered the same person meanwhile) saves
	 * nothing and fails LF_STORE_CONFLICT, its message naming the newest
	 * case. Counted by id_number as lf_store_visitor_cases lists them,
	 * inside the save's own transaction. */
	bool ask_if_newer;
	int earlier_seen;
	/* Schema 24 (issue 13): an anonymous letter or call has no visitor:
	 * name and document are not needed, no visitor row is written. The
	 * channel form's own fields (forms/letter.form, call.form) that the
	 * case has no column for: n_intake ids and their values (case_intake). */
	bool anonymous;
	const char *const *intake_ids;
	const char *const *intake_values;
	size_t n_intake;
} lf_registration;

typedef struct lf_saved_case {
	char case_id[37];  /* UUID */
	char case_no[16];  /* "2026-000123", unique and gapless per year */
	bool repeat;       /* saved as a repeat petition (the clerk's decision, issue 11) */
	char query_code[9]; /* 查询码 as stored, "7KQ3M9XA" (query_code.h, issues 13, 15) */
	/* Filled when the save failed LF_STORE_CONFLICT for ask_if_newer
	 * (lf_registration): the newest case of the person, saved at another
	 * desk; "" otherwise. */
	char newer_case_no[16];
} lf_saved_case;

/* Save one registration: find or add the visitor by document (the record
 * changes only with update_visitor), create the case with the next number of its year (the
 * year of received_on), link the visitor, all in one transaction. */
lf_store_err lf_store_save_registration(lf_store *st, const lf_registration *reg,
                                        lf_saved_case *out);

/* Import: several saves that land together or not at all. Between begin and
 * commit, lf_store_save_registration joins the open transaction. */
lf_store_err lf_store_begin(lf_store *st);
lf_store_err lf_store_commit(lf_store *st);
void lf_store_rollback(lf_store *st);
/* True between lf_store_begin and lf_store_commit / lf_store_rollback. */
bool lf_store_in_transaction(const lf_store *st);
/* After a bulk load (an import of many rows, committed): the planner's
 * statistics of the tables a registration writes, taken again (ANALYZE;
 * on SQLite bounded by analysis_limit). Does nothing inside a transaction. */
lf_store_err lf_store_analyze(lf_store *st);

/* What laifang knows of a person, for a returning visitor (重复访). */
typedef struct lf_visitor_info {
	char *name, *sex, *phone, *address; /* malloc'd; free with lf_visitor_info_free */
	int n_cases;            /* earlier cases */
	char *doc_number;       /* the record's number (an ID number's 18-digit form) */
	char last_date[11];     /* received_on of the latest case */
	char last_case_no[16];
	char *phone_more;       /* issue 12: the further numbers (lf_visitor_lookup_doc fills it), or NULL */
} lf_visitor_info;

/* Look a visitor up by ID number (an index seek). Returns LF_STORE_OK and
 * fills info when known, LF_STORE_NOTFOUND when not. id_number is the
 * record's key of a 居民身份证 (its 18-digit form). */
lf_store_err lf_store_find_visitor(lf_store *st, const char *id_number, lf_visitor_info *info);
/* The same for any document type (NULL: 居民身份证); 无证件 is never found. */
lf_store_err lf_store_find_visitor_doc(lf_store *st, const char *doc_type, const char *doc_key,
                                       lf_visitor_info *info);
void lf_visitor_info_free(lf_visitor_info *info);

/* One signed entry of a case (issue 11): kind "instruction" (领导批示),
 * "handling" (办理情况, signed by the worker: 经办人), "routing" (批转意见)
 * or "approval" (the unit head's countersignature of the handling entry at
 * position refers: 处室负责人). Strings malloc'd. */
typedef struct lf_case_entry {
	char *kind, *text, *signer_name, *signed_at; /* signed_at: ISO 8601 with offset */
	int position, refers;                        /* refers: 0 unless an approval */
} lf_case_entry;

/* One case as the sheet and the export show it. All strings malloc'd (NULL
 * when empty); free with lf_case_free. instruction / handling are every
 * signed entry of the kind in order, one per line; their _signer / _date
 * the signers and times ("YYYY-MM-DD HH:MM") of those entries in the same
 * order, joined by "；" (one entry: its own). entries holds each signed
 * entry with its own signer, by kind then position (the sheet on screen and
 * paper draws those). */
typedef struct lf_case {
	char *case_id, *case_no, *created_at, *status, *channel;
	char *receptionist, *received_on, *name, *sex, *phone, *id_number, *address, *content;
	char *instruction, *instruction_signer, *instruction_date;
	char *handling, *handling_signer, *handling_date;
	bool repeat;
	lf_case_entry *entries;
	size_t n_entries;
	/* The document as on the sheet (schema 12): its type, the note of a
	 * person without one, and the person's number in the record when it
	 * differs from what was typed (a 15-digit ID number's 18-digit form). */
	char *doc_type, *doc_note, *id_record;
	/* Schema 24: the regulation's category ("suggestion", "accusation",
	 * "claim"; NULL before screening; the column kind), an anonymous case
	 * (no visitor), and the channel form's own fields (read by
	 * lf_store_get_case only). */
	char *kind;
	bool anonymous;
	char **intake_ids, **intake_values;
	size_t n_intake;
	/* Issue 12 (schema 23, lf_store_get_case): the sheet's 来访形式, 到访人数
	 * and 其他电话, and the representatives after the visitor (form fields
	 * rep2_name/rep2_id..rep5_name/rep5_id); NULL when none. */
	char *visit_kind, *headcount, *phone_more;
	char *rep_name[4], *rep_id[4];
} lf_case;
void lf_case_free(lf_case *c);

/* The value of a case for a registration form field id ("name", "content",
 * "instruction_signer"...) or for case_no, case_id, status, channel,
 * created_at; NULL when empty or not a field of a case. A channel form's
 * own field (letter_date, postmark...) comes from the case's intake fields;
 * "anonymous" is 是 or 否; "kind" the regulation's category (channel.h). */
const char *lf_case_field(const lf_case *c, const char *field_id);

/* Called once per case; return non-zero to stop early. The case is freed
 * after the callback returns. */
typedef int (*lf_case_fn)(const lf_case *c, void *ud);

/* Cases received on a date (YYYY-MM-DD), newest first. */
lf_store_err lf_store_cases_on(lf_store *st, const char *date, lf_case_fn fn, void *ud);
/* The home screen's page (issue 16: it holds only the rows near its view):
 * up to limit cases of the date next to the case numbered from (the number
 * within its year; all of a day's cases share the year), newest first:
 * down, those numbered below it; up, those above it, nearest first. from
 * 0: down from the day's newest, or up from its oldest. */
lf_store_err lf_store_cases_on_page(lf_store *st, const char *date, int from, bool up, int limit, lf_case_fn fn,
                                    void *ud);
/* How many cases of the date the reader may read, counted up to cap + 1
 * (cap 0: all of them). */
lf_store_err lf_store_cases_on_count(lf_store *st, const char *date, long cap, long *n);
/* Every case in case-number order. */
lf_store_err lf_store_each_case(lf_store *st, lf_case_fn fn, void *ud);
/* The next limit cases in case-number order after after_case_no ("" or
 * NULL: from the first): the whole-office export, a page at a time. */
lf_store_err lf_store_each_case_after(lf_store *st, const char *after_case_no, int limit, lf_case_fn fn, void *ud);
/* One case by its case number or UUID. */
lf_store_err lf_store_get_case(lf_store *st, const char *case_no_or_id, lf_case *out);

/* A signed entry on a case (kind "instruction": 领导批示; "handling": 办理情况;
 * "routing": 批转意见; "approval": the unit head's approval of the latest
 * handling entry, refused (LF_STORE_INVALID) when there is none or it is
 * approved already). Entries are never edited: each one follows the earlier
 * ones of its kind. Audited (case.instruct, case.report, case.route_note,
 * case.approve_report). */
lf_store_err lf_store_case_sign(lf_store *st, const char *case_id, const char *kind, const char *text,
                                const char *signer_id, const char *signer_name, const char *signed_at);
/* The approval, of the handling report at position report_seen (the one
 * the head read; 0: the latest): LF_STORE_CONFLICT, nothing written, when
 * a later report was signed since. */
lf_store_err lf_store_case_approve(lf_store *st, const char *case_id, int report_seen, const char *text,
                                   const char *signer_id, const char *signer_name, const char *signed_at);

/* The signed entries of a case (id or number) into c->entries (replacing
 * what is there), by kind then position; the instruction / handling fields
 * joined again from them (see lf_case). */
lf_store_err lf_store_case_entries(lf_store *st, const char *case_key, lf_case *c);
/* Issue 11: an archived case is locked. OK when the case (id or number) may
 * still change; LF_STORE_DENIED with the sentence ("case 2026-000001 is
 * archived: ...") when it is archived. Every store write that touches a
 * case asks the same gate; this is for a face that asks before a form. */
lf_store_err lf_store_case_unlocked(lf_store *st, const char *case_key);

/* Integrity check: SQLite's own, foreign keys, case numbers unique and
 * gapless per year, the audit log's hash chain unbroken (the first broken
 * link is named). Each problem goes to fn as one translated line; returns
 * the number of problems (0 = clean), or -1 if the check could not run. */
typedef void (*lf_problem_fn)(const char *problem, void *ud);
int lf_store_check(lf_store *st, lf_problem_fn fn, void *ud);

#endif
