/* Paper: the registration sheet and the notices to the visitor as PDF
 * (A4 portrait), drawn with cairo and pango in Noto Serif / Sans CJK SC with
 * HanaMin for CJK Extension A and B (a character no font has refuses the
 * print). The office's settings head every page (settings.h). The sheet is drawn from the form file (lf_form_get), so the screen
 * and the paper share one definition; the notices are short letters with
 * the office's name and the case number. Every file is written atomically
 * (a temporary file renamed into place) with mode 0600. See docs/paper.md. */
#ifndef LAIFANG_PAPER_H
#define LAIFANG_PAPER_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/form.h"
#include "laifang/store.h"
#include "laifang/store_people.h"

/* What can be printed. */
typedef enum lf_paper_kind {
	LF_PAPER_SHEET,    /* 群众来访登记表, filled in */
	LF_PAPER_BLANK,    /* the same sheet empty, for offline use (no case) */
	LF_PAPER_ACCEPT,   /* 受理告知书 */
	LF_PAPER_DECLINE,  /* 不予受理告知书: the reason and where to go */
	LF_PAPER_TRANSFER, /* 转送告知书: the competent agency */
	LF_PAPER_ASSIGN,   /* 交办告知书: the lower-level agency */
	LF_PAPER_EXTEND,   /* 延长信访事项办理期限告知书: the reason, the old and the new due date, who approved */
	LF_PAPER_REFER,    /* 转纪检监察机关告知书 (issue 15) */
	LF_PAPER_ANSWER,   /* 信访事项答复意见书: the written answer (the reply step's text), 复查 rights */
	LF_PAPER_REFER_LAW,/* 转政法机关告知书: 诉访分离 (issue 13; 第二十二条第二款, 第三十一条第（一）项) */
	/* Issue 13 (第三十五条, 第三十六条): the written review decisions. */
	LF_PAPER_REVIEW,   /* 信访事项复查意见书: the review opinion, 复核 rights */
	LF_PAPER_REREVIEW, /* 信访事项复核意见书: the re-review opinion, final (第三十六条第三款) */
	LF_PAPER_EVALUATION, /* 信访事项满意度评价表: the petitioner's form (可评价), once answered; no 文号 */
	LF_PAPER_SUPERVISE, /* 信访事项督办通知 to the handling unit (第四十条, 第三十九条第三款) */
	LF_PAPER_AGREEMENT, /* 调解协议书 / 和解协议书 (第三十三条), signed by the parties and the mediator */
	LF_PAPER_COUNT
} lf_paper_kind;

/* "sheet", "blank", "accept", "decline", "transfer", "assign", "extend",
 * "refer", "answer", "refer_law", "review", "rereview". */
const char *lf_paper_key(lf_paper_kind k);
/* The printed title: 群众来访登记表, 受理告知书... */
const char *lf_paper_title(lf_paper_kind k);
/* A notice kind from its key (accept, decline, transfer, assign, extend,
 * refer, answer);
 * false for anything else (sheet and blank included). */
bool lf_paper_notice_parse(const char *key, lf_paper_kind *out);

/* The office's name on the notices: the setting office_name, or 信访办公室. */
void lf_paper_office(lf_store *st, char *buf, size_t len);

/* What a notice says; strings may be NULL (left out, or a blank line). */
typedef struct lf_notice {
	lf_paper_kind kind;      /* one of the notice kinds */
	const char *office;      /* the office's name */
	const char *case_no;
	const char *name;        /* the visitor */
	const char *received_on; /* YYYY-MM-DD */
	const char *decided_on;  /* YYYY-MM-DD: when the step was taken */
	const char *reason;      /* decline, extend */
	const char *unit;        /* transfer, assign */
	const char *due_on;      /* YYYY-MM-DD: accept, transfer, assign, extend */
	bool due_estimated;      /* due_on is in a year the calendar estimates: marked 估算 */
	const char *approver;    /* extend: who approved it, as named */
	/* Issue 15: the notice's own document number and what a notice that
	 * passes legal review carries (docs/paper.md, "Notice templates"). */
	const char *doc_no;         /* 文号 (case_notice), distinct from the case number */
	const char *address;        /* the visitor's postal address, for mailing */
	const char *office_address; /* settings office_address, office_phone_inquiry, office_seal_name */
	const char *office_phone;
	const char *office_seal;
	const char *office_above;   /* setting office_above: where a 复查 is asked for (answer) */
	const char *query_code;     /* the case's query code as stored (NULL: none; an empty place is printed) */
	const char *routed;         /* "transfer" / "assign" when an outside agency handles the case, else NULL */
	const char *old_due;        /* extend: the due date before the extension */
	const char *ground;         /* decline: the ground (notice_text.h lf_decline_ground) */
	const char *content;        /* answer: the petition's content (信访内容) */
	const char *text;           /* answer: the written answer */
	/* answer (第三十二条, answer.h): the opinion's id, the facts and reasons,
	 * the legal basis (all NULL for a reply recorded without them: the
	 * older wording), and who signed the reply (姓名（职务）). */
	const char *answer_opinion, *answer_facts, *answer_basis, *signer;
	/* Issue 13: supervise: the level (supervision.h: notice, interview,
	 * bulletin, listed), unit the handling unit it goes to, text what is
	 * required, due_on the feedback's own date, signer the issuer.
	 * agreement: its kind (agreement.h: mediation, settlement), the parties
	 * one a line, the mediator, text the terms, signer who recorded it. */
	const char *level;
	const char *agreement_kind, *parties, *mediator;
	const char *template_text;  /* the template (lf_notice_template); NULL: the built-in one of the kind */
	size_t template_len;
	/* Issue 13: the first delivery recorded for this notice (送达), filled
	 * into the 送达回证 when the notice is printed again; NULL: blank. */
	const char *delivery_method;   /* in_person, post, electronic, other */
	const char *delivery_on;       /* YYYY-MM-DD */
	const char *delivery_tracking; /* post */
	const char *delivery_signer;   /* who recorded it (送达人) */
	const char *delivery_note;
	bool delivery_refused;
	/* Issue 13: review (复查意见书) and re-review (复核意见书). The
	 * decision's opinion (upheld, changed, revoked; its text is `text`, its
	 * signer `signer`), the request (its date, its text), the written
	 * decision it is about (the answer, or the review opinion: its title,
	 * 文号, date, text, and the day the visitor received it, as the request
	 * records), and, for a review, where a re-review is asked (setting
	 * office_rereview; NULL: the reviewing office's office above). */
	const char *review_opinion;
	const char *request_on, *request_text;
	const char *prior_title, *prior_doc_no, *prior_on, *prior_text, *prior_received;
	const char *office_rereview;
	/* A review of a lower office's answer (case from-lower): that office
	 * and its case number, printed instead of this office's answer; NULL
	 * for a review of this office's own answer. */
	const char *origin_office, *origin_case_no;
} lf_notice;

/* Issue 13 (可评价): the petitioner's evaluation form (满意度评价表): the
 * case, its query code (also as a QR code), the office and the handling
 * unit, the answer's day, boxes 满意 / 基本满意 / 不满意 for each, lines
 * for the reason, the signature and the date; strings may be NULL (a
 * blank to fill in). Printed by lf_paper_print_notice with
 * LF_PAPER_EVALUATION once the answer is given (lf_eval_answered). */
typedef struct lf_paper_evaluation {
	const char *office, *case_no, *query_code, *name, *unit;
	const char *answered_on; /* YYYY-MM-DD: the answer's day */
	const char *due_on;      /* YYYY-MM-DD: the last day to evaluate (NULL: no period) */
} lf_paper_evaluation;
bool lf_paper_evaluation_pdf(const lf_paper_evaluation *f, const char *path, char *err, size_t len);

/* Drawing alone (no database): write the PDF to path. The sheet of a case
 * (c NULL: the blank sheet; its values as they are, so mask before), or a
 * notice. False with a translated sentence in err. */
bool lf_paper_sheet_pdf(const lf_form_def *form, const lf_case *c, const char *path, char *err, size_t len);
bool lf_paper_notice_pdf(const lf_notice *n, const char *path, char *err, size_t len);

/* Print for a person: the case opened through lf_case_open (permissions,
 * ID and phone masked without LF_PERM_VIEW_FULL_ID, the view audited), the
 * notice's facts from the case's events (LF_STORE_INVALID, and msg saying
 * so, when the case has no such decision: no decline, no decline notice),
 * the PDF written, then the audit entry "case.print" with the kind. The
 * blank sheet needs a logged-in user and no case (case_no ignored; not
 * audited: it holds nobody's data). msg receives a translated sentence on
 * failure. */
lf_store_err lf_paper_print(lf_store *st, const lf_user *actor, const char *case_no, lf_paper_kind kind,
                            const char *path, char *msg, size_t len);

/* The same for a notice, with the ground of a decline (litigation,
 * arbitration, party, administrative, not_competent, pending, final; NULL:
 * none, or the one recorded). The first print of a notice of a kind issues
 * its document number (文号, lf_notice_number) with the ground; every later
 * print shows that number and ground. lf_paper_print is this with NULL. */
/* Issue 12: the notices case_id has a decision for, as the print menu
 * lists them: bit (1u << kind) for each kind of LF_PAPER_ACCEPT on (the
 * answer only when this office answers); 0 when it cannot be read. */
unsigned lf_paper_notices_of(lf_store *st, const char *case_id);
lf_store_err lf_paper_print_notice(lf_store *st, const lf_user *actor, const char *case_no, lf_paper_kind kind,
                                   const char *ground, const char *path, char *msg, size_t len);

/* ---- the reception-day log (领导干部接访日情况登记表, issue 6) ---- */

struct lf_reception_log; /* store_reception.h */

/* What the log's paper shows besides the log's own fields: the attached
 * files by name, one a line (接访照片, "视频另附"), and the signature
 * dates as "YYYY-MM-DD HH:MM" (each may be NULL or ""). */
/* A photo drawn in the 接访照片 box (issue 15): its name (the caption) and
 * its bytes, a JPEG or a PNG. */
typedef struct lf_paper_photo {
	const char *name;
	const unsigned char *data;
	size_t len;
} lf_paper_photo;

typedef struct lf_paper_log {
	const struct lf_reception_log *log;
	const char *photos; /* attached files not drawn (videos...), by name, one a line */
	const char *situation_date, *instruction_date;
	const char *audit_head; /* a footer line: the audit log's head when printed (NULL: none) */
	const struct lf_office_info *office; /* the office's head (settings.h), NULL: the title alone */
	/* Issue 15: the photos drawn, in order: the first LF_PAPER_LOG_PHOTOS
	 * in the box, the others on attached pages (six a page) headed 第 x 页
	 * 共 y 页 and the day; the day's case numbers joined by 、 (n_cases of
	 * them; NULL: none); blank: the form for paper, no value at all (log may
	 * then be NULL), with lines to write on. */
	const lf_paper_photo *images;
	size_t n_images;
	const char *case_nos;
	size_t n_cases;
	bool blank;
} lf_paper_log;
#define LF_PAPER_LOG_PHOTOS 2      /* photos in the box of the first page */
#define LF_PAPER_LOG_PHOTOS_PAGE 6 /* photos on an attached page */

/* Drawing alone (no database): forms/reception_log.form laid out as the
 * paper (附件 2), filled in with v's values, to path. False with a
 * translated sentence in err. */
bool lf_paper_log_pdf(const lf_form_def *form, const lf_paper_log *v, const char *path, char *err, size_t len);

/* Print the log of day (YYYY-MM-DD) for a person: opened through
 * lf_reception_open (LF_PERM_REGISTER or LF_PERM_INSTRUCT; a day without a
 * saved log prints as the log would open, filled from the day's slot), the
 * PDF written atomically with mode 0600, then the audit entry
 * "reception.print" with the day (the file removed when that entry cannot
 * be written). msg receives a translated sentence on failure. */
lf_store_err lf_paper_print_log(lf_store *st, const lf_user *actor, const char *day, const char *path, char *msg,
                                size_t len);
/* Issue 15: the log of a day that had no reception (lf_reception_day_held:
 * no slot, no saved log) is refused, LF_STORE_INVALID with msg naming the
 * day, no file written. The photos among the attached files (JPEG, PNG by
 * their bytes, still matching their SHA-256) are drawn; the day's case
 * numbers are listed in 信访人诉求内容. */

/* The blank log for paper (any logged-in user; the office's head, no
 * value; not audited: it holds nobody's data). */
lf_store_err lf_paper_print_log_blank(lf_store *st, const lf_user *actor, const char *path, char *msg, size_t len);

/* ---- the receipt at the desk (回执, issue 15) ---- */

/* A deadline the receipt tells of: rule "route" (art. 22, 23) or "handle"
 * (art. 34), its due date (YYYY-MM-DD), and whether the calendar estimates it. */
typedef struct lf_receipt_due {
	const char *rule;
	const char *due_on;
	bool estimated;
	bool extended; /* handle: the term was extended once already (第三十四条) */
} lf_receipt_due;

/* What a receipt says; strings may be NULL or "" (the line left out). */
typedef struct lf_receipt {
	const char *office;      /* the setting office_name: its line only when set */
	const char *case_no;
	const char *query_code;  /* as stored ("7KQ3M9XA"): shown "7KQ3-M9XA", large, and as a QR code */
	const char *received_on; /* YYYY-MM-DD */
	const char *printed_on;  /* YYYY-MM-DD */
	const char *phone;       /* the setting office_phone_inquiry */
	const char *address;     /* the setting office_address */
	lf_receipt_due due[2];   /* the running clocks told of, earliest first */
	int n_due;
} lf_receipt;

/* Drawing alone (no database): one A4 page to path. False with a
 * translated sentence in err. */
bool lf_paper_receipt_pdf(const lf_receipt *r, const char *path, char *err, size_t len);

/* The text of the receipt's QR code: "CASE <case_no> CODE <XXXX-XXXX>". */
void lf_paper_receipt_qr_text(const char *case_no, const char *query_code, char *buf, size_t len);

/* Print a case's receipt for a person who may read it (need to know): its
 * query code (minted now for a case registered before query codes), its
 * running route or handling clock, the office's settings; then the audit
 * entry "case.print" with kind "receipt" (the file removed when that
 * entry cannot be written). msg receives a translated sentence on failure. */
lf_store_err lf_paper_print_receipt(lf_store *st, const lf_user *actor, const char *case_no, const char *path,
                                    char *msg, size_t len);

#endif
