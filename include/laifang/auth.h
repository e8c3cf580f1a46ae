/* Who may do what: roles, the one role × permission table, passwords and
 * logging in. Core module: no curses, no SQL. Every face asks here (through
 * the core operations in people.h and caseops.h) before the store is called,
 * so neither the TUI nor the CLI can go round a rule. */
#ifndef LAIFANG_AUTH_H
#define LAIFANG_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "laifang/store_people.h"

/* The roles of DESIGN.md. A user holds any set of them (a bit mask). */
typedef enum lf_role {
	LF_ROLE_CLERK = 1u << 0,      /* 接待人员 */
	LF_ROLE_LEADER = 1u << 1,     /* 接访领导 */
	LF_ROLE_SUPERVISOR = 1u << 2, /* 督办 / 信访 staff */
	LF_ROLE_HANDLER = 1u << 3,    /* 牵头处室 staff */
	LF_ROLE_ARCHIVIST = 1u << 4,  /* 归档 */
	LF_ROLE_ADMIN = 1u << 5,      /* 管理员 */
	LF_ROLE_UNIT_HEAD = 1u << 6,  /* 处室负责人: approves its unit's reports, signs the log's 接访情况 */
} lf_role;
#define LF_ROLE_COUNT 7
#define LF_ROLES_ALL ((1u << LF_ROLE_COUNT) - 1)

/* What a person can be allowed to do. */
typedef enum lf_perm {
	LF_PERM_REGISTER,     /* register a visit (sheet, import) */
	LF_PERM_VIEW_FULL_ID, /* see ID and phone numbers unmasked in a case's detail */
	LF_PERM_INSTRUCT,     /* sign a leader's instruction (领导批示) */
	LF_PERM_SCREEN,       /* accept / decline / refer (甄别) */
	LF_PERM_ROUTE,        /* in-house / transfer / assign (转送, 交办) */
	LF_PERM_REPORT,       /* sign a handling report (办理情况) */
	LF_PERM_REPLY,        /* record the reply and satisfaction (答复) */
	LF_PERM_ARCHIVE,      /* close a complete file (闭环归档) */
	LF_PERM_EXPORT,       /* export cases */
	LF_PERM_ADMINISTER,   /* users, units, settings */
	LF_PERM_VIEW_AUDIT,   /* read the audit log */
	LF_PERM_READ_ALL,     /* read every case's file but discipline referrals (access.h) */
	LF_PERM_READ_REFERRALS, /* read cases referred to discipline inspection (检举控告) */
	LF_PERM_EXPORT_PERSONAL, /* full ID and phone numbers in an export (else masked) */
	LF_PERM_LOOKUP_VISITOR,  /* look up a returning visitor by ID number (audited) */
	LF_PERM_APPROVE_REPORT,  /* countersign its unit's handling report, sign the day log's 接访情况 (处室负责人) */
	LF_PERM_CORRECT_REGISTRATION,     /* correct any case's registration until screened, and its repeat flag
	                          * (a clerk corrects only the cases they registered: correct.h) */
	LF_PERM_APPROVE_EXTENSION, /* approve an extension of handling (延期), the office's head */
	LF_PERM_REVIEW_PUBLICATION, /* approve a public table after its confidentiality review (保密审查) */
	LF_PERM_REVIEW_REQUEST,  /* record a visitor's request for review or re-review (复查, 复核 requests) */
	LF_PERM_REVIEW_DECIDE,   /* give the review or re-review opinion (复查意见, 复核意见) */
	LF_PERM_COUNT
} lf_perm;

/* The table: true when any of roles grants perm. */
bool lf_can(unsigned roles, lf_perm perm);

/* The check every core operation starts with: true when actor (a logged-in,
 * active user) may do perm; otherwise false, and msg (if not NULL) receives a
 * translated refusal naming the action, e.g. "not allowed: sign an
 * instruction needs the role 接访领导". A NULL actor is refused. */
bool lf_require(const lf_user *actor, lf_perm perm, char *msg, size_t len);

/* Stable ids ("clerk", "register"), used on the command line and in the
 * database, and translated labels (接待人员, 登记来访) for screens. NULL for a
 * value out of range. */
const char *lf_role_id(lf_role role);
const char *lf_role_label(lf_role role);
const char *lf_perm_id(lf_perm perm);
const char *lf_perm_label(lf_perm perm);

/* "clerk,leader" → mask. False (and *out untouched) on an unknown or empty
 * name; bad (if not NULL) receives a copy of the offending word. */
bool lf_roles_parse(const char *list, unsigned *out, char *bad, size_t badlen);
/* mask → "clerk,leader" (ids) or "接待人员、接访领导" (labels, translated). */
void lf_roles_format(unsigned roles, bool labels, char *buf, size_t len);

/* docs/permissions.md, printed from the table itself (`laifang permissions`). */
void lf_permissions_markdown(FILE *out);

/* --- passwords (argon2id through libsodium) --- */

#define LF_PWHASH_LEN 128 /* crypto_pwhash_STRBYTES */
#define LF_PASSWORD_MIN 8 /* characters */

/* False with a translated reason when a new password is too short, too long
 * (over 256 bytes) or not valid UTF-8. */
bool lf_password_acceptable(const char *password, char *why, size_t len);
/* 0 on success; -1 when libsodium failed (out of memory). */
int lf_password_hash(const char *password, char out[LF_PWHASH_LEN]);
/* Constant-time comparison by the library. */
bool lf_password_verify(const char *hash, const char *password);

/* A hash no password matches that costs the same argon2id work to check as
 * a real one: what an unknown login or a locked account is checked against.
 * Prepared once per process (lf_store_open does it); lf_password_decoy
 * prepares it if that has not happened. NULL only when libsodium fails. */
void lf_password_decoy_prepare(void);
const char *lf_password_decoy(void);

/* The digest a login name is counted under by the lock-out guard (64 hex
 * digits): the name typed, known or not, is never stored. */
#define LF_LOGIN_KEY_LEN 65
void lf_login_key(const char *login, char out[LF_LOGIN_KEY_LEN]);

/* --- logging in --- */

typedef enum lf_login_result {
	LF_LOGIN_OK = 0,
	LF_LOGIN_BAD,      /* unknown login or wrong password: one message for both */
	LF_LOGIN_LOCKED,   /* too many failures: locked until msg says */
	LF_LOGIN_DISABLED, /* deactivated by an administrator */
	LF_LOGIN_ERROR     /* the store failed; msg says why */
} lf_login_result;

/* Check a login and password. Every attempt is counted under the name
 * typed (known or not) before the password is checked, atomically in the
 * database: the attempt that reaches lockout_failures (default 5) locks
 * that name for lockout_minutes (default 15), and no attempt from any
 * terminal checks the password while it is locked. Each attempt costs one
 * argon2id check, whatever its outcome. Success clears the count, fills
 * *user (free with lf_user_free) and starts the store's session: the user
 * is the actor of the audit log, and a write after their account changes
 * is refused (lf_store_session_start). Every attempt is audited; a name
 * that is no user's is never written down. msg receives a translated
 * sentence for anything but LF_LOGIN_OK. */
lf_login_result lf_login(lf_store *st, const char *login, const char *password, lf_user *user,
                         char *msg, size_t len);

/* A person at the desk confirms an act with their own login and password
 * at that moment (an approving leader, issue 11), while the desk stays
 * logged in as whoever it is: the same count, lock-out and audit of
 * failures as lf_login, a success audited as login.confirm under the
 * person confirming; the store's session and actor are not changed. On
 * LF_LOGIN_OK *who receives the account (free with lf_user_free). */
lf_login_result lf_login_confirm(lf_store *st, const char *login, const char *password, lf_user *who,
                                 char *msg, size_t len);

/* Check the password of an already logged-in user (the idle screen lock,
 * and logging in again after the account changed). Failures count as for
 * lf_login. On LF_LOGIN_OK *user is replaced by the account as it is now
 * (strings reallocated: pointers into the old ones are stale). */
lf_login_result lf_unlock(lf_store *st, lf_user *user, const char *password, char *msg, size_t len);

/* Read a password from the terminal without echo (prompt on stderr), or one
 * line from in when in is not NULL (--password-stdin). The trailing newline
 * is removed. Returns a malloc'd string (wipe with lf_password_free), NULL at
 * end of input or when there is no terminal. */
char *lf_password_read(const char *prompt, FILE *in);
void lf_password_free(char *password);

/* Log out (issue 12, logout.c): audited as "logout" under u, then the
 * store has no actor and lists no case until the next lf_login. */
lf_store_err lf_logout(lf_store *st, const lf_user *u);

#endif
