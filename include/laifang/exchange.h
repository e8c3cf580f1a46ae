/* Exchange between offices (issue 14): a transfer (转送) or assignment
 * (交办) to another laifang office, and that office's answers (accepted,
 * returned, result), travel as a package signed with the sending office's
 * Ed25519 key. By file (`laifang exchange export|import`) between offices
 * on different machines; straight into the other office's database when it
 * is on the same server (a peer with its database named). Office module:
 * permissions first, then the package's checks, then one transaction. */
#ifndef LAIFANG_EXCHANGE_H
#define LAIFANG_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

#define LF_EXCHANGE_KEY_HEX 65 /* 64 hex digits and NUL */

/* The office's public key (hex), for the other offices to trust.
 * Administrators (LF_PERM_ADMINISTER). */
lf_store_err lf_exchange_key(lf_store *st, const lf_user *actor, char hex[LF_EXCHANGE_KEY_HEX], char *msg,
                             size_t len);

/* Trust an office by name and public key (64 hex digits); its packages are
 * imported from then on. Administrators; audited exchange.trust. */
lf_store_err lf_exchange_trust(lf_store *st, const lf_user *actor, const char *name, const char *public_key,
                               char *msg, size_t len);

/* A trusted office on the same server: its database (a postgresql:
 * connection string or a SQLite path; "" or "-": by file again).
 * Administrators; audited exchange.peer. */
lf_store_err lf_exchange_peer(lf_store *st, const lf_user *actor, const char *name, const char *db, char *msg,
                              size_t len);

typedef struct lf_exchange_args {
	const char *to;     /* the receiving office; NULL: the unit the case was transferred or assigned to */
	bool answer;        /* the answer of a case this office received */
	const char *kind;   /* an answer: accepted, returned or result; NULL: the next one due */
	const char *const *files; /* further documents (paths) */
	size_t n_files;
	const char *out;    /* the package's file; NULL: delivered into the peer's database */
} lf_exchange_args;

typedef struct lf_exchange_outcome {
	char package_id[37];
	char kind[16];
	char peer[256];
	char case_no[32];      /* import: this office's case (new or answered); delivery: the peer's new case */
	bool delivered;        /* into the peer's database */
} lf_exchange_outcome;

/* Build, sign and send one package of case case_no: a transfer or
 * assignment (supervisors, LF_PERM_ROUTE, once the case is routed to the
 * office), or with a->answer the answer of a case received (LF_PERM_ROUTE).
 * Written to a->out, or delivered into the peer's database and imported
 * there in the same way as a file. Audited exchange.out. */
lf_store_err lf_exchange_export(lf_store *st, const lf_user *actor, const char *case_no, const lf_exchange_args *a,
                                lf_exchange_outcome *out, char *msg, size_t len);

/* Import a package (the text of the file): refused when its signature
 * fails, when its sender is not trusted with that key, when it is
 * addressed to another office, or when it was imported already. A
 * transfer or assignment becomes a new case in the screening queue (a
 * letter, its origin among its facts, its documents attached); an answer
 * is recorded on this office's case it answers, signed by the other office
 * and the signer named in it. Clerks (LF_PERM_REGISTER) and supervisors
 * (LF_PERM_SCREEN); actor NULL: the delivery of a peer on the same server.
 * Audited exchange.in. */
lf_store_err lf_exchange_import_text(lf_store *st, const lf_user *actor, const char *text, size_t n,
                                     lf_exchange_outcome *out, char *msg, size_t len);
lf_store_err lf_exchange_import(lf_store *st, const lf_user *actor, const char *file, lf_exchange_outcome *out,
                                char *msg, size_t len);

#endif
