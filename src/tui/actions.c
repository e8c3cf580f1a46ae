/* The names of the actions, for the command palette (palette.c): one row
 * per action a person may ask for by name, beside the key table (keys.c)
 * that binds the same actions to keys. A new action on a screen's key
 * gets a row here too (test_palette checks that every named key has one):
 *   {LF_A_X, -1, "中文", "zw", "english words"},
 * and a new step of a case's life a row with LF_A_STEP and its lf_step.
 * The Chinese word is the office's own term, shown as is in every
 * language (as 登记表 and 办理过程 are); the initials are hand-written,
 * one pinyin initial per character, alternatives after a space. */
#include "tui_internal.h"

#include <stddef.h>

#include "laifang/workflow.h"

const lf_action_name lf_action_names[] = {
	{LF_A_HELP, -1, "帮助", "bz", "help keys"},
	{LF_A_SAVE, -1, "保存", "bc", "save"},
	{LF_A_BACK, -1, "返回", "fh", "back close"},
	{LF_A_QUIT, -1, "退出", "tc", "quit exit"},
	{LF_A_NEW, -1, "来访登记", "lfdj dj", "new register visit visitor"},
	{LF_A_OPEN, -1, "打开", "dk", "open"},
	{LF_A_REFRESH, -1, "刷新", "sx", "refresh reload"},
	{LF_A_AUDIT, -1, "审计日志", "sjrz", "audit log"},
	{LF_A_ADMIN, -1, "系统管理", "xtgl", "administration users units office"},
	{LF_A_INSTRUCT, -1, "领导批示", "ldps ps", "instruct instruction sign"},
	{LF_A_FILTER, -1, "筛选", "sx", "filter"},
	{LF_A_QUEUES, -1, "待办队列", "dbdl dl", "queues"},
	{LF_A_WAITING, -1, "候谈名单", "htmd ht", "waiting list"},
	{LF_A_MARK, -1, "标记", "bj", "mark"},
	{LF_A_BULK, -1, "批量办理", "plbl", "bulk step marked"},
	{LF_A_TIMELINE, -1, "办理过程", "blgc", "timeline history sheet"},
	{LF_A_STEP, -1, "办理", "bl", "act step"},
	{LF_A_VISIT_WAIT, -1, "加入候谈", "jrht", "wait waiting list"},
	{LF_A_VISIT_INTERVIEW, -1, "接谈", "jt", "interview"},
	{LF_A_VISIT_DONE, -1, "完成", "wc", "done finished"},
	{LF_A_VISIT_RETURNED, -1, "劝返", "qf", "returned persuaded"},
	{LF_A_SEARCH, -1, "搜索", "ss", "search find"},
	{LF_A_MORE, -1, "更多", "gd", "more menu"},
	{LF_A_SCHEDULE, -1, "排班", "pb", "schedule"},
	{LF_A_RECEPTION_LOG, -1, "接访日志", "jfrz", "reception day log"},
	{LF_A_PRINT, -1, "打印", "dy", "print pdf notice"},
	{LF_A_REPORT, -1, "统计报表", "tjbb bb", "statistics report"},
	{LF_A_EXPORT, -1, "导出台账", "dctz dc", "export ledger csv json"},
	{LF_A_REPEAT, -1, "重复访", "cff", "repeat petition earlier"},
	{LF_A_CORRECT, -1, "更正登记", "gzdj", "correct correction"},
	{LF_A_LOGOUT, -1, "注销", "zx qhyh", "log out logout switch user"},
	{LF_A_RECEIPT, -1, "打印回执", "dyhz hz", "receipt print"},
	{LF_A_QUERY, -1, "查询码", "cxm cx", "query code"},
	{LF_A_NEW_LETTER, -1, "来信登记", "lxdj", "letter fax register"},
	{LF_A_NEW_CALL, -1, "来电登记", "lddj", "call phone register"},
	{LF_A_EDIT, -1, "修改用户", "xgyh", "edit change user"},
	{LF_A_PASSWORD, -1, "重设密码", "csmm", "password reset"},
	{LF_A_ACTIVE, -1, "停用启用", "tyqy", "deactivate reactivate active"},
	{LF_A_UNLOCK, -1, "解锁", "js", "unlock lock-out"},
	{LF_A_UNITS, -1, "单位目录", "dwml", "units directory"},
	{LF_A_RLOG_CASES, -1, "当日案件", "draj", "cases of the day"},
	{LF_A_RLOG_ATTACH, -1, "附加照片", "fjzp", "attach photo video"},
	{LF_A_RLOG_SIGN, -1, "领导签批", "ldqp", "leader sign"},
	{LF_A_RLOG_SIGN_DEPT, -1, "处室签名", "csqm", "department sign"},
	{LF_A_SCHED_GENERATE, -1, "生成排班", "scpb", "generate slots"},
	{LF_A_SCHED_CHECK, -1, "检查排班", "jcpb", "check calendar"},
	{LF_A_SCHED_QUOTA, -1, "接访配额", "jfpe", "quotas"},
	{LF_A_SCHED_DELETE, -1, "删除", "sc", "delete slot"},
	{LF_A_SCHED_PUBLISH, -1, "发布", "fb", "publish"},
	{LF_A_REPORT_PERIOD, -1, "按月按年", "ayan", "month year period"},
	{LF_A_REPORT_CSV, -1, "导出表格", "dcbg", "csv"},
	{LF_A_VIEW_OPEN, -1, "打开视图", "dkst st", "open saved view"},
	{LF_A_VIEWS, -1, "我的视图", "wdst", "saved views list rename delete"},
	{LF_A_VIEW_SAVE, -1, "保存视图", "bcst", "save view filter"},
	{LF_A_DELIVER, -1, "送达", "sd", "deliver delivery served"},
	{LF_A_MEDIATE, -1, "调解和解", "tjhj tj hj", "mediate mediation settlement agreement"},
	/* the steps of a case's life (workflow.h), on the case screen */
	{LF_A_STEP, LF_STEP_ACCEPT, "受理", "sl", "accept"},
	{LF_A_STEP, LF_STEP_DECLINE, "不予受理", "bysl", "decline"},
	{LF_A_STEP, LF_STEP_REFER, "转纪检监察机关", "zjjjcjg zjj", "refer discipline inspection"},
	{LF_A_STEP, LF_STEP_IN_HOUSE, "本机关办理", "bjgbl", "in-house department handle"},
	{LF_A_STEP, LF_STEP_TRANSFER, "转送", "zs", "transfer"},
	{LF_A_STEP, LF_STEP_ASSIGN, "交办", "jb", "assign"},
	{LF_A_STEP, LF_STEP_TAKE_UP, "承办", "cb", "take up"},
	{LF_A_STEP, LF_STEP_REPORT, "办理情况报告", "blqkbg bg", "report handling"},
	{LF_A_STEP, LF_STEP_REPLY, "答复", "df", "reply answer"},
	{LF_A_STEP, LF_STEP_ARCHIVE, "归档", "gd", "archive"},
	{LF_A_STEP, LF_STEP_REVIEW_REQUEST, "复查申请", "fcsq", "review request"},
	{LF_A_STEP, LF_STEP_REVIEW_DECIDE, "复查意见", "fcyj", "review opinion decide"},
	{LF_A_STEP, LF_STEP_REREVIEW_REQUEST, "复核申请", "fhsq", "re-review rereview request"},
	{LF_A_STEP, LF_STEP_REREVIEW_DECIDE, "复核意见", "fhyj", "re-review rereview opinion decide"},
	{LF_A_STEP, LF_STEP_REDO, "重办", "cb zb", "redo handle again"},
	{LF_A_STEP, LF_STEP_REFER_LAW, "转政法机关", "zzfjg zzf", "refer law court litigation political-legal"},
	{LF_A_NONE, -1, NULL, NULL, NULL},
};

const lf_action_name *lf_action_name_of(lf_action a, int step)
{
	for (const lf_action_name *n = lf_action_names; n->action != LF_A_NONE; n++)
		if (n->action == a && n->step == step)
			return n;
	return NULL;
}

bool lf_action_named(lf_action a)
{
	switch (a) {
	case LF_A_NONE:
	case LF_A_NEXT_FIELD:
	case LF_A_PREV_FIELD:
	case LF_A_UP:
	case LF_A_DOWN:
	case LF_A_PAGE_UP:
	case LF_A_PAGE_DOWN:
	case LF_A_LEFT:
	case LF_A_RIGHT:
	case LF_A_HOME:
	case LF_A_END:
	case LF_A_BACKSPACE:
	case LF_A_DELETE:
	case LF_A_KILL_END:
	case LF_A_KILL_START:
	case LF_A_NEWLINE:
	case LF_A_PASTE:
	case LF_A_KEYS_MORE:
	case LF_A_PALETTE:
	case LF_A_SCHED_PREV:
	case LF_A_SCHED_NEXT:
	case LF_A_REPORT_PREV:
	case LF_A_REPORT_NEXT:
		return false;
	default:
		return true;
	}
}
