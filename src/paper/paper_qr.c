/* A QR code on paper (libqrencode): the receipt's query code, and any
 * notice that carries the case number and its code. */
#include "paper_internal.h"

#include <qrencode.h>

bool paper_draw_qr(cairo_t *cr, double x, double y, double size, const char *text)
{
	if (!cr || !text || !text[0] || size <= 0)
		return false;
	/* Level M: a creased or smudged receipt still reads. Case-sensitive 8-bit
	 * mode: the text goes in as it is. */
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return false;
	/* The quiet zone of 4 modules on every side is part of size. */
	int n = q->width;
	double m = size / (n + 8);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < n; r++)
		for (int c = 0; c < n; c++)
			if (q->data[r * n + c] & 1)
				cairo_rectangle(cr, x + (c + 4) * m, y + (r + 4) * m, m, m);
	/* One fill of all the modules: no hairlines between neighbours. */
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	cairo_fill(cr);
	cairo_restore(cr);
	QRcode_free(q);
	return true;
}
