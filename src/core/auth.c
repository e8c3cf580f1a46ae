/* Roles and permissions: the one role × permission table every face obeys,
 * the check each core operation starts with, and the ids and labels the
 * faces show. docs/permissions.md is printed from this table. */
#include "laifang/auth.h"

#include <string.h>

#include "laifang/i18n.h"

/* The table. A permission belongs to the roles listed; nothing else grants
 * it. Kept as one array so the check, the screens and the documentation
 * cannot disagree. */
static const unsigned perm_roles[LF_PERM_COUNT] = {
	[LF_PERM_REGISTER] = LF_ROLE_CLERK,
	[LF_PERM_VIEW_FULL_ID] = LF_ROLE_CLERK | LF_ROLE_LEADER | LF_ROLE_SUPERVISOR | LF_ROLE_ARCHIVIST,
	[LF_PERM_INSTRUCT] = LF_ROLE_LEADER,
	[LF_PERM_SCREEN] = LF_ROLE_SUPERVISOR,
	[LF_PERM_ROUTE] = LF_ROLE_SUPERVISOR,
	[LF_PERM_REPORT] = LF_ROLE_HANDLER,
	[LF_PERM_REPLY] = LF_ROLE_HANDLER,
	[LF_PERM_ARCHIVE] = LF_ROLE_ARCHIVIST,
	[LF_PERM_EXPORT] = LF_ROLE_ARCHIVIST | LF_ROLE_ADMIN,
	[LF_PERM_ADMINISTER] = LF_ROLE_ADMIN,
	[LF_PERM_VIEW_AUDIT] = LF_ROLE_SUPERVISOR | LF_ROLE_ADMIN,
	[LF_PERM_READ_ALL] = LF_ROLE_SUPERVISOR | LF_ROLE_ARCHIVIST | LF_ROLE_ADMIN,
	/* Archivists too: they check and close every file, referrals included. */
	[LF_PERM_READ_REFERRALS] = LF_ROLE_SUPERVISOR | LF_ROLE_ARCHIVIST,
	/* The file's keeper hands complete files on; nobody else takes the
	 * numbers out in full. */
	[LF_PERM_EXPORT_PERSONAL] = LF_ROLE_ARCHIVIST,
	[LF_PERM_LOOKUP_VISITOR] = LF_ROLE_CLERK,
	/* The head of a unit (处室负责人), not its case workers (经办人): the
	 * report a worker signs is approved by them, and the reception-day
	 * log's 牵头处室负责人签名 is theirs (core also checks the unit). */
	[LF_PERM_APPROVE_REPORT] = LF_ROLE_UNIT_HEAD,
	/* Issue 11: the supervisor corrects anyone's sheet; a clerk their own
	 * (LF_PERM_REGISTER and the case's receptionist: correct.c). */
	[LF_PERM_CORRECT_REGISTRATION] = LF_ROLE_SUPERVISOR,
	/* The office's head approves; never the supervisor who asks (caseflow_acts.c). */
	[LF_PERM_APPROVE_EXTENSION] = LF_ROLE_LEADER,
	/* Seed 003 (item 19): what is published is reviewed for secrets first;
	 * an approving leader signs it off, never who prepared it
	 * (schedule_review.c). */
	[LF_PERM_REVIEW_PUBLICATION] = LF_ROLE_LEADER,
	/* Issue 13 (arts. 35, 36): the desk takes the visitor's request; the
	 * supervisor or a leader gives the opinion. */
	[LF_PERM_REVIEW_REQUEST] = LF_ROLE_CLERK | LF_ROLE_SUPERVISOR,
	[LF_PERM_REVIEW_DECIDE] = LF_ROLE_SUPERVISOR | LF_ROLE_LEADER,
};

static const struct {
	const char *id;
	const char *label; /* msgid */
} roles[LF_ROLE_COUNT] = {
	{"clerk", N_("reception clerk")},
	{"leader", N_("leader on duty")},
	{"supervisor", N_("supervisor")},
	{"handler", N_("handling department")},
	{"archivist", N_("archivist")},
	{"admin", N_("administrator")},
	{"unit_head", N_("head of a unit")},
};

static const struct {
	const char *id;
	const char *label; /* msgid */
} perms[LF_PERM_COUNT] = {
	[LF_PERM_REGISTER] = {"register", N_("register a visit")},
	[LF_PERM_VIEW_FULL_ID] = {"view_full_id", N_("see full ID and phone numbers")},
	[LF_PERM_INSTRUCT] = {"instruct", N_("sign an instruction")},
	[LF_PERM_SCREEN] = {"screen", N_("screen a case")},
	[LF_PERM_ROUTE] = {"route", N_("route a case")},
	[LF_PERM_REPORT] = {"report", N_("sign a handling report")},
	[LF_PERM_REPLY] = {"reply", N_("record the reply")},
	[LF_PERM_ARCHIVE] = {"archive", N_("archive a case")},
	[LF_PERM_EXPORT] = {"export", N_("export cases")},
	[LF_PERM_ADMINISTER] = {"administer", N_("administer users, units and settings")},
	[LF_PERM_VIEW_AUDIT] = {"view_audit", N_("read the audit log")},
	[LF_PERM_READ_ALL] = {"read_all", N_("read every case's file")},
	[LF_PERM_READ_REFERRALS] = {"read_referrals", N_("read discipline inspection referrals")},
	[LF_PERM_EXPORT_PERSONAL] = {"export_personal_data", N_("export full ID and phone numbers")},
	[LF_PERM_LOOKUP_VISITOR] = {"look_up_visitor", N_("look up a returning visitor")},
	[LF_PERM_APPROVE_REPORT] = {"approve_report", N_("approve a handling report as head of the unit")},
	[LF_PERM_CORRECT_REGISTRATION] = {"correct_registration", N_("correct anyone's registration until screened")},
	[LF_PERM_APPROVE_EXTENSION] = {"approve_extension", N_("approve an extension of handling")},
	[LF_PERM_REVIEW_PUBLICATION] = {"review_publication", N_("approve a publication after its confidentiality review")},
	[LF_PERM_REVIEW_REQUEST] = {"review_request", N_("record a request for review or re-review")},
	[LF_PERM_REVIEW_DECIDE] = {"review_decide", N_("give a review or re-review opinion")},
};

/* The position of a single role bit, or -1. */
static int role_index(lf_role role)
{
	for (int i = 0; i < LF_ROLE_COUNT; i++)
		if ((unsigned)role == 1u << i)
			return i;
	return -1;
}

bool lf_can(unsigned mask, lf_perm perm)
{
	if ((unsigned)perm >= LF_PERM_COUNT)
		return false;
	return (mask & perm_roles[perm]) != 0;
}

bool lf_require(const lf_user *actor, lf_perm perm, char *msg, size_t len)
{
	char buf[512];
	if (!actor) {
		snprintf(buf, sizeof buf, "%s", _("not allowed: nobody is logged in"));
	} else if (!actor->active) {
		snprintf(buf, sizeof buf, "%s", _("not allowed: this account is deactivated"));
	} else if ((unsigned)perm >= LF_PERM_COUNT) {
		snprintf(buf, sizeof buf, "%s", _("not allowed: unknown action"));
	} else if (lf_can(actor->roles, perm)) {
		return true;
	} else {
		char who[256];
		lf_roles_format(perm_roles[perm], true, who, sizeof who);
		unsigned need = perm_roles[perm];
		if (need & (need - 1))
			snprintf(buf, sizeof buf, _("not allowed: %s needs one of the roles %s"),
			         _(perms[perm].label), who);
		else
			snprintf(buf, sizeof buf, _("not allowed: %s needs the role %s"), _(perms[perm].label),
			         who);
	}
	if (msg && len)
		snprintf(msg, len, "%s", buf);
	return false;
}

const char *lf_role_id(lf_role role)
{
	int i = role_index(role);
	return i < 0 ? NULL : roles[i].id;
}

const char *lf_role_label(lf_role role)
{
	int i = role_index(role);
	return i < 0 ? NULL : _(roles[i].label);
}

const char *lf_perm_id(lf_perm perm)
{
	return (unsigned)perm < LF_PERM_COUNT ? perms[perm].id : NULL;
}

const char *lf_perm_label(lf_perm perm)
{
	return (unsigned)perm < LF_PERM_COUNT ? _(perms[perm].label) : NULL;
}

bool lf_roles_parse(const char *list, unsigned *out, char *bad, size_t badlen)
{
	if (bad && badlen)
		bad[0] = '\0';
	if (!list)
		return false;
	unsigned mask = 0;
	const char *p = list;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		/* Blanks around a word are forgiven ("clerk, leader"). */
		const char *w = p;
		while (n && (*w == ' ' || *w == '\t'))
			w++, n--;
		while (n && (w[n - 1] == ' ' || w[n - 1] == '\t'))
			n--;
		int found = -1;
		for (int i = 0; i < LF_ROLE_COUNT && n; i++)
			if (strlen(roles[i].id) == n && !strncmp(roles[i].id, w, n))
				found = i;
		if (found < 0) {
			if (bad && badlen)
				snprintf(bad, badlen, "%.*s", (int)n, w);
			return false;
		}
		mask |= 1u << found;
		if (!end)
			break;
		p = end + 1;
	}
	*out = mask;
	return true;
}

void lf_roles_format(unsigned mask, bool labels, char *buf, size_t len)
{
	if (!buf || !len)
		return;
	buf[0] = '\0';
	/* Chinese lists take the enumeration comma 、; English a comma. */
	const char *sep = labels ? (strcmp(lf_i18n_lang(), "en") ? "、" : ", ") : ",";
	size_t used = 0;
	for (int i = 0; i < LF_ROLE_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		const char *word = labels ? _(roles[i].label) : roles[i].id;
		int n = snprintf(buf + used, len - used, "%s%s", used ? sep : "", word);
		if (n < 0 || (size_t)n >= len - used) {
			/* Out of room: keep whole words only. */
			buf[used] = '\0';
			return;
		}
		used += (size_t)n;
	}
}

void lf_permissions_markdown(FILE *out)
{
	fprintf(out, "# %s\n\n", _("Permissions"));
	fprintf(out, "%s\n\n",
	        _("Who may do what in laifang. Every action is checked in core against this one table "
	          "before the database is touched, so the screens and the command line obey the same "
	          "rules. This file is generated from the table itself by `laifang permissions`; do "
	          "not edit it by hand."));
	fprintf(out, "| %s |", _("Action"));
	for (int i = 0; i < LF_ROLE_COUNT; i++)
		fprintf(out, " %s (`%s`) |", _(roles[i].label), roles[i].id);
	fprintf(out, "\n|---|");
	for (int i = 0; i < LF_ROLE_COUNT; i++)
		fprintf(out, ":---:|");
	fprintf(out, "\n");
	for (int p = 0; p < LF_PERM_COUNT; p++) {
		fprintf(out, "| %s (`%s`) |", _(perms[p].label), perms[p].id);
		for (int i = 0; i < LF_ROLE_COUNT; i++)
			fprintf(out, " %s |", perm_roles[p] & (1u << i) ? "✓" : "");
		fprintf(out, "\n");
	}
	fprintf(out, "\n%s\n",
	        _("A user may hold several roles and may then do what any of them allows. Lists "
	          "always mask ID and phone numbers; a case's full file shows them only to roles with "
	          "`view_full_id`, and every opening of a full file is recorded in the audit log."));
	fprintf(out, "\n## %s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n",
	        _("Need to know"),
	        _("A case's file is readable by the people who work on it: the clerk who registered it, "
	          "the leader who owns it (包案) or was asked to instruct, everyone who signed an entry on "
	          "it or took a step of its life, the handlers of the unit it is routed to, and the roles "
	          "with `read_all`. Clerks and leaders also read the cases of visitors waiting for or in "
	          "an interview, and leaders the cases received today (the leader on duty's day). A handler of another unit, or with no unit, can neither find the case "
	          "(queues, search, the day's lists, exports) nor open, print, export or step it; each "
	          "refused attempt is recorded in the audit log (`case.denied`)."),
	        _("A handler's (or unit head's) home screen, when they neither receive visitors (`clerk`, "
	          "`leader`) nor have `read_all`, lists only the day's cases routed to their unit (lead unit "
	          "or co-agency), not the others they may read for having worked on them."),
	        _("Printing a notice to the visitor the first time issues its document number (文号, issue "
	          "15) and records it on the case (`case.notice_number` in the audit log): whoever may open "
	          "and print the case may do so; no other permission is asked, and an archived case takes no "
	          "new number."),
	        _("A case referred to discipline inspection is readable only by the roles with "
	          "`read_referrals`, the people named on it and the unit it was referred to: the "
	          "accuser's material never reaches the people or units accused (《信访工作条例》第三十条). "
	          "Archivists hold `read_referrals` because they check and close every file."),
	        _("Exports (the ledger as CSV or JSON, a case's whole file) mask ID and phone numbers "
	          "unless the role holds `export_personal_data`; by default only the archivist, who "
	          "hands complete files on, does. An administrator's export is masked. Every export is "
	          "recorded in the audit log with its row count and whether the numbers were in full."),
	        _("The returning-visitor lookup (an ID number typed on the sheet fills in what laifang "
	          "knows of the person) needs `look_up_visitor`, and every lookup that shows a person's "
	          "details is recorded in the audit log."));
	/* Issue 11: a saved registration corrected. */
	fprintf(out, "\n%s\n",
	        _("A saved registration is corrected (name, sex, phone, address, content) by the clerk who "
	          "registered the case or a role with `correct_registration`, until the case is screened; "
	          "an archived case never changes. Each correction keeps the old value in the case's "
	          "timeline and in the audit log; the visitor's record is not changed by it. Whether a "
	          "visit is a repeat petition (重复访) is the clerk's answer on the sheet, changed later by "
	          "the same people, audited."));
	/* Issue 10: what a login is worth over time. */
	fprintf(out, "\n%s\n",
	        _("Roles and the account are read afresh at every write: when an administrator "
	          "deactivates a user or changes their roles, unit or password, the user's open "
	          "sessions write nothing more and must log in again (the desk asks; a command is "
	          "refused). Failed logins are counted per login name typed, known or not, before the "
	          "password is checked, so parallel guesses lock an account after the same number "
	          "(`lockout_failures`) as guesses one by one."));
	/* Issue 11: transfers and assignments come back. */
	fprintf(out, "\n## %s\n\n%s\n",
	        _("Outside agencies and co-agencies"),
	        _("An agency a case is transferred or assigned to needs no login: the office's clerks "
	          "(`register`) and supervisors (`route`) record its receipt, its acceptance or its "
	          "objection with reasons, and its result (`laifang case agency`, or F7 on the case). "
	          "Once the result is recorded, a supervisor may record the reply too. The handlers of "
	          "a co-agency (会办单位) read the case as those of its lead unit do. The archive gate "
	          "(`laifang case archive-check`) lists what the file lacks, for anyone who may read it."));
	/* Issue 11: who signs what. */
	fprintf(out, "\n## %s\n\n%s\n",
	        _("Signatures"),
	        _("Every signature is an entry of its own with its signer and time; no one signs over "
	          "another. A handling report is signed by the case worker who wrote it (经办人, "
	          "`report`) and approved by the head of the unit the case is with (处室负责人, "
	          "`approve_report`, role `unit_head` with that unit); the sheet prints both. The "
	          "reception-day log's 牵头处室负责人签名 is signed by a unit head of the log's 牵头处室 "
	          "only, once."));
	/* Issue 12: saved views. */
	fprintf(out, "\n## %s\n\n%s\n",
	        _("Saved views"),
	        _("A saved view (a queue's filter under a name, opened with 1 to 9 on the home screen) is "
	          "its owner's: only they see, rename, replace or delete it. A user who may route cases "
	          "(`route`) may share a view with the office; everyone then lists it and opens it if they "
	          "see its queue, but only its owner changes it. A view is a filter and never a "
	          "permission: opening one reads only the cases the reader may read. Saving, renaming and "
	          "deleting a view are recorded in the audit log (`view.save`, `view.rename`, "
	          "`view.delete`)."));
	/* Issue 13: the delivery of a notice. */
	fprintf(out, "\n## %s\n\n%s\n",
	        _("Delivery of notices"),
	        _("The delivery (送达) of a printed notice is recorded, with the person logged in as its "
	          "signer, by whoever may take the step that produced the notice: `screen` for the "
	          "acceptance, non-acceptance and referral notices, `route` for the transfer, assignment "
	          "and extension notices, `reply` or `route` for the written answer (`laifang case deliver`, or d on "
	          "the case). The case must be one the person may read; an archived case takes no "
	          "delivery."));
	/* Issue 13: the written review decisions. */
	fprintf(out, "\n%s\n",
	        _("The written review decisions (复查意见书, 复核意见书) are delivered by those who give "
	          "the opinions (`review_decide`)."));
}
