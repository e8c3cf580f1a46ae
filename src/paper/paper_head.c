/* The head of a form on paper (issue 15): the office's own. Top left the
 * annex label (附件3) when the office prints them, top right the case
 * number, then the office's name, the form's title, and the document the
 * form belongs to — all from the office's settings, so that no sheet names
 * another office. */
#include "paper_internal.h"

#include <stdio.h>

#include "laifang/settings.h"

#define SIZE_ANNEX 12.0
#define SIZE_NO 10.0
#define SIZE_OFFICE 15.0
#define SIZE_TITLE 22.0
#define SIZE_SOURCE 9.0

double paper_form_head(cairo_t *cr, const lf_office_info *office, const char *annex, const char *no,
                       const char *title)
{
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN, y = PAPER_MARGIN - 20;
	char label[64] = "";
	if (office)
		lf_office_annex_label(office, annex, label, sizeof label);
	if (label[0]) /* GB/T 9704: the annex label in a Hei face, top left */
		paper_text(cr, x0, y, label, SIZE_ANNEX, true, w / 2, PAPER_LEFT);
	if (no) {
		char line[256];
		snprintf(line, sizeof line, "编号：%s", no[0] ? no : "　　　　　　　　");
		paper_text(cr, x0 + w / 2, y, line, SIZE_NO, false, w / 2, PAPER_RIGHT);
	}
	y += 22;
	if (office && office->name[0])
		y += paper_text(cr, x0, y, office->name, SIZE_OFFICE, false, w, PAPER_CENTER) + 4;
	y += paper_text(cr, x0, y, title ? title : "", SIZE_TITLE, true, w, PAPER_CENTER) + 4;
	char source[LF_SETTING_VALUE_MAX + 64] = "";
	if (office)
		lf_office_source_line(office, NULL, false, source, sizeof source);
	if (source[0])
		y += paper_text(cr, x0, y, source, SIZE_SOURCE, false, w, PAPER_CENTER);
	return y + 14;
}
