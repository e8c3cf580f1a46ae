/* The reception-day log on paper (issue 15): the day's case numbers,
 * photos drawn in the 接访照片 box and on attached pages (第 x 页 共 y 页
 * with the day), （签名） under 领导批示, the blank log without any value,
 * a day without a reception refused; photos attached by
 * lf_reception_photo_add (JPEG and PNG by their bytes, no link, not after
 * the leader's signature); picture kinds and sizes from bytes. Photos are
 * made in the test: a PNG by cairo, a JPEG by pdftoppm -jpeg from a PDF
 * drawn by cairo (poppler-utils, which the paper tests use already). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "laifang/audit.h"
#include "laifang/auth.h"
#include "laifang/image_info.h"
#include "laifang/paper.h"
#include "laifang/reception.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"
#include "pdf_text.h"
#include "test_clock.h"

#include "reception_fixture.h"

#define HAS(text, s) \
	do { \
		if (!strstr(text, s)) \
			fail_msg("expected \"%s\" in: %s", s, text); \
	} while (0)
#define LACKS(text, s) \
	do { \
		if (strstr(text, s)) \
			fail_msg("did not expect \"%s\" in: %s", s, text); \
	} while (0)

static int setup(void **state)
{
	return fx_setup(state, "/tmp/laifang-lp-XXXXXX", "handler", "陈办理", NULL, LF_ROLE_HANDLER);
}

static int teardown(void **state)
{
	return fx_teardown(state);
}

static void path_of(const fx *t, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", t->dir, name);
}

/* A PNG of w x h pixels in one colour. */
static void make_png(const char *path, int w, int h, double r, double g, double b)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_paint(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

/* A JPEG of w x h pixels: a page of w x h points with a coloured band,
 * rendered at 72 dpi by pdftoppm. */
static void make_jpeg(const fx *t, const char *name, int w, int h, double r, double g, double b)
{
	char pdf[256], base[256], cmd[700];
	snprintf(pdf, sizeof pdf, "%s/src-%s.pdf", t->dir, name);
	snprintf(base, sizeof base, "%s/%s", t->dir, name);
	cairo_surface_t *s = cairo_pdf_surface_create(pdf, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_rectangle(cr, w * 0.1, h * 0.1, w * 0.8, h * 0.8);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	snprintf(cmd, sizeof cmd, "pdftoppm -jpeg -r 72 -singlefile '%s' '%s'", pdf, base);
	assert_int_equal(system(cmd), 0);
	/* pdftoppm names it BASE.jpg: keep that name. */
}

static unsigned char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	unsigned char *buf = malloc(1 << 22);
	*n = fread(buf, 1, 1 << 22, f);
	fclose(f);
	return buf;
}

/* Which page each image of a PDF is on, by pdfimages -list: counts per
 * page (1-based, up to 8) and the number embedded as JPEG. */
static void images_per_page(const char *pdf, int per_page[9], int *jpegs)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdfimages -list '%s' 2>/dev/null | tail -n +3", pdf);
	char *out = slurp_cmd(cmd);
	memset(per_page, 0, 9 * sizeof per_page[0]);
	*jpegs = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		int page = atoi(line);
		if (page >= 1 && page <= 8)
			per_page[page]++;
		if (strstr(line, " jpeg "))
			(*jpegs)++;
	}
	free(out);
}

/* （签名） is the note of the 领导批示 box: read between its label and the
 * next box's (pdftotext reads a box's text between them). */
static void signature_note_under_instruction(const char *text)
{
	const char *from = strstr(text, "领导批示"), *to = from ? strstr(from, "信访总结会议") : NULL;
	if (!from || !to)
		fail_msg("no 领导批示 box before 信访总结会议: %s", text);
	const char *note = strstr(from, "（签名）");
	if (!note || note > to)
		fail_msg("（签名） is not in the 领导批示 box: %s", text);
}

static lf_slot_rec slot_23(void)
{
	lf_slot_rec r;
	memset(&r, 0, sizeof r);
	r.slot.date = (lf_date){2026, 11, 23};
	r.slot.start = 9 * 60 + 30;
	r.slot.end = 11 * 60 + 30;
	snprintf(r.slot.leader.name, sizeof r.slot.leader.name, "李明");
	snprintf(r.slot.leader.title, sizeof r.slot.leader.title, "副局长");
	snprintf(r.slot.department, sizeof r.slot.department, "办公室");
	snprintf(r.slot.location, sizeof r.slot.location, "信访接待室");
	return r;
}

static void schedule_23(fx *t)
{
	char msg[512];
	lf_slot_rec r = slot_23();
	if (lf_schedule_store_add(t->st, &t->admin, &r, 1, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("slot: %s", msg);
}

static void register_on(fx *t, const char *day, const char *name, lf_saved_case *sc)
{
	lf_registration reg = {.receptionist = "王小红", .received_on = day, .name = name,
	                       .id_number = "11010519491231002X", .content = "反映噪音扰民"};
	assert_int_equal(lf_store_save_registration(t->st, &reg, sc), LF_STORE_OK);
}

static int count_prints(const lf_audit_entry *e, void *ud)
{
	if (e->action && !strcmp(e->action, "reception.print"))
		(*(int *)ud)++;
	return 0;
}

static int prints(fx *t)
{
	int n = 0;
	lf_audit_filter af = {.limit = 1000};
	assert_int_equal(lf_store_audit_each(t->st, &af, count_prints, &n), LF_STORE_OK);
	return n;
}

/* Give a JPEG file an EXIF orientation: an APP1 segment (big-endian TIFF,
 * IFD0 holding only tag 0x0112) right after its SOI marker. */
static void set_orientation(const char *path, int o)
{
	size_t n;
	unsigned char *b = read_all(path, &n);
	const unsigned char app1[] = {0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 0x2a, 0, 0, 0,
	                              8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)o, 0, 0, 0, 0, 0, 0};
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, 2, f), 2);
	assert_int_equal(fwrite(app1, 1, sizeof app1, f), sizeof app1);
	assert_int_equal(fwrite(b + 2, 1, n - 2, f), n - 2);
	fclose(f);
	free(b);
}

/* The box around the strongly red pixels of a page rendered at 36 dpi. */
static void red_box(const fx *t, const char *pdf, int page, int *w, int *h)
{
	char cmd[700], ppm[256];
	snprintf(cmd, sizeof cmd, "pdftoppm -r 36 -f %d -l %d -singlefile '%s' '%s/red'", page, page, pdf, t->dir);
	assert_int_equal(system(cmd), 0);
	snprintf(ppm, sizeof ppm, "%s/red.ppm", t->dir);
	size_t n;
	unsigned char *b = read_all(ppm, &n);
	int pw, ph, max, used = 0;
	assert_int_equal(sscanf((char *)b, "P6 %d %d %d%n", &pw, &ph, &max, &used), 3);
	const unsigned char *px = b + used + 1;
	assert_true((size_t)(used + 1) + (size_t)pw * ph * 3 <= n);
	int x0 = pw, y0 = ph, x1 = -1, y1 = -1;
	for (int y = 0; y < ph; y++)
		for (int x = 0; x < pw; x++) {
			const unsigned char *p = px + ((size_t)y * pw + x) * 3;
			if (p[0] > 180 && p[1] < 90 && p[2] < 90) {
				x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
			}
		}
	free(b);
	*w = x1 - x0 + 1;
	*h = y1 - y0 + 1;
}

/* ---- picture kinds and sizes from bytes ---------------------------------- */

static void image_info_from_bytes(void **state)
{
	fx *t = *state;
	char png[256], jpg[256];
	path_of(t, "a.png", png, sizeof png);
	make_png(png, 120, 45, 0, 0.5, 0);
	make_jpeg(t, "b", 64, 96, 1, 0, 0);
	path_of(t, "b.jpg", jpg, sizeof jpg);
	size_t n;
	lf_image_info info;
	unsigned char *b = read_all(png, &n);
	assert_int_equal(lf_image_magic(b, n), LF_IMAGE_PNG);
	assert_true(lf_image_info_of(b, n, &info));
	assert_int_equal(info.kind, LF_IMAGE_PNG);
	assert_int_equal(info.width, 120);
	assert_int_equal(info.height, 45);
	/* A PNG that claims 100000 x 100000 pixels is not taken to be drawn. */
	b[16] = 0, b[17] = 1, b[18] = 0x86, b[19] = 0xa0;
	b[20] = 0, b[21] = 1, b[22] = 0x86, b[23] = 0xa0;
	assert_false(lf_image_info_of(b, n, &info));
	assert_int_equal(info.kind, LF_IMAGE_NONE);
	free(b);
	b = read_all(jpg, &n);
	assert_int_equal(lf_image_magic(b, n), LF_IMAGE_JPEG);
	assert_true(lf_image_info_of(b, n, &info));
	assert_int_equal(info.kind, LF_IMAGE_JPEG);
	assert_int_equal(info.width, 64);
	assert_int_equal(info.height, 96);
	assert_int_equal(info.components, 3);
	assert_int_equal(info.orientation, 1);
	/* Cut before its frame header: no size, not drawable. */
	assert_false(lf_image_info_of(b, 20, &info));
	free(b);
	/* A phone's photo turned a quarter (EXIF orientation 6). */
	set_orientation(jpg, 6);
	b = read_all(jpg, &n);
	assert_true(lf_image_info_of(b, n, &info));
	assert_int_equal(info.orientation, 6);
	assert_int_equal(info.width, 64);
	/* A cut Exif segment is no orientation, and no crash. */
	assert_false(lf_image_info_of(b, 30, &info));
	free(b);
	static const unsigned char text[] = "not a photo at all";
	assert_int_equal(lf_image_magic(text, sizeof text), LF_IMAGE_NONE);
	assert_false(lf_image_info_of(text, sizeof text, &info));
	assert_false(lf_image_info_of(NULL, 0, &info));
}

/* ---- photos attached -------------------------------------------------------- */

static void photo_add_rules(void **state)
{
	fx *t = *state;
	char msg[1024], jpg[256], fake[256], link[256];
	make_jpeg(t, "p", 80, 60, 0, 0, 1);
	path_of(t, "p.jpg", jpg, sizeof jpg);
	lf_attachment a;

	/* No reception on the 24th: no log to attach to. */
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-24", jpg, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "2026-11-24");
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_log"), 0);

	/* The 23rd is on the schedule: its log is saved from the slot, the
	 * photo attached. */
	schedule_23(t);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", jpg, &a, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(a.name, "p.jpg");
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_log WHERE day = '2026-11-23' AND leader = '李明（副局长）'"),
	                 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);

	/* A text file named .jpg: told by its bytes, refused, nothing recorded. */
	path_of(t, "fake.jpg", fake, sizeof fake);
	FILE *f = fopen(fake, "w");
	assert_non_null(f);
	fputs("this is not a photo, whatever its name says\n", f);
	fclose(f);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", fake, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "fake.jpg");
	HAS(msg, "JPEG or PNG");
	/* A link to a real photo: refused, the file itself is wanted. */
	path_of(t, "link.jpg", link, sizeof link);
	assert_int_equal(symlink(jpg, link), 0);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", link, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "symbolic link");
	/* A handler does not write the log. */
	assert_int_equal(lf_reception_photo_add(t->st, &t->handler, "2026-11-23", jpg, &a, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);

	/* Signed by the leader: no photo after the signature. */
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.instruction = strdup("请办公室跟踪办理。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	assert_int_equal(lf_reception_sign(t->st, &t->leader, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", jpg, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "signed");
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);
}

/* ---- the printed log ------------------------------------------------------- */

/* Five photos (four JPEG, one PNG) and a video: two photos in the box, three
 * on the attached page; 第 1 页 共 2 页; the case numbers of the day and not
 * of the next; （签名） under 领导批示; the JPEGs embedded as JPEG. */
static void log_with_photos_and_cases(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	lf_saved_case c1, c2, c3;
	register_on(t, "2026-11-23", "张三", &c1);
	register_on(t, "2026-11-23", "李四", &c2);
	register_on(t, "2026-11-24", "王五", &c3);

	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.situation = strdup("接待群众2批2人。");
	l.instruction = strdup("请住建局依法查处。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);

	static const struct {
		const char *name;
		int w, h;
	} shots[] = {{"s1", 300, 200}, {"s2", 120, 240}, {"s3", 400, 120}, {"s4", 200, 200}};
	for (size_t i = 0; i < 4; i++) {
		make_jpeg(t, shots[i].name, shots[i].w, shots[i].h, 0.2 * (double)i, 0.3, 0.8);
		snprintf(file, sizeof file, "%s/%s.jpg", t->dir, shots[i].name);
		if (lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg) != LF_STORE_OK)
			fail_msg("photo %s: %s", file, msg);
		if (i == 1) { /* the PNG third */
			path_of(t, "s5.png", file, sizeof file);
			make_png(file, 160, 90, 0.9, 0.6, 0.1);
			if (lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg) != LF_STORE_OK)
				fail_msg("photo %s: %s", file, msg);
		}
	}
	/* A video goes by name (視频另附), through the log's own attach. */
	path_of(t, "现场.mp4", file, sizeof file);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("video bytes", f);
	fclose(f);
	assert_int_equal(lf_reception_attach(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg), LF_STORE_OK);

	path_of(t, "log.pdf", path, sizeof path);
	if (lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("print: %s", msg);
	char *p1 = pdf_page_text(path, 1, false), *p2 = pdf_page_text(path, 2, false);
	HAS(p1, c1.case_no);
	HAS(p1, c2.case_no);
	HAS(p1, "共2件");
	LACKS(p1, c3.case_no);
	signature_note_under_instruction(p1);
	HAS(p1, "第1页共2页");
	HAS(p1, "s1.jpg");
	HAS(p1, "s2.jpg");
	LACKS(p1, "s3.jpg");
	HAS(p1, "其余3张照片见附页");
	HAS(p1, "现场.mp4");
	HAS(p1, "请住建局依法查处。");
	HAS(p2, "第2页共2页");
	HAS(p2, "2026年11月23日");
	HAS(p2, "接访照片（续）");
	HAS(p2, "s5.png");
	HAS(p2, "s3.jpg");
	HAS(p2, "s4.jpg");
	free(p1);
	free(p2);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 2);
	assert_int_equal(per_page[2], 3);
	assert_int_equal(per_page[3], 0);
	assert_int_equal(jpegs, 4); /* embedded as they are (DCTDecode) */
	assert_int_equal(prints(t), 1);

	/* A stored photo changed behind laifang's back is not printed as the
	 * day's photo: listed by name, not drawn. */
	char *dir = lf_store_attachment_dir(t->st), stored[512], sha[80];
	assert_non_null(dir);
	raw_text(t, "SELECT sha256 FROM reception_attachment WHERE name = 's1.jpg'", sha, sizeof sha);
	assert_int_equal(strlen(sha), 64);
	snprintf(stored, sizeof stored, "%s/%s", dir, sha);
	free(dir);
	chmod(stored, 0600);
	f = fopen(stored, "ab");
	assert_non_null(f);
	fputs("tampered", f);
	fclose(f);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1] + per_page[2], 4);
	p1 = pdf_page_text(path, 1, false);
	HAS(p1, "s1.jpg");
	free(p1);
}

/* Long demands and three photos: the text's attached pages come first,
 * then the photos' page; every page counts the same total. */
static void log_long_text_then_photos(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->clerk, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	size_t cap = 200 * 64 + 1;
	l.demands = malloc(cap);
	l.demands[0] = '\0';
	for (int i = 0; i < 200; i++) {
		char line[64];
		snprintf(line, sizeof line, "第%03d件：反映小区噪音扰民。\n", i + 1);
		strcat(l.demands, line);
	}
	assert_int_equal(lf_reception_save(t->st, &t->clerk, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	for (int i = 0; i < 3; i++) {
		snprintf(file, sizeof file, "%s/long%d.png", t->dir, i);
		make_png(file, 240, 180, 0.3 * i, 0.2, 0.5);
		assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
		                 LF_STORE_OK);
	}
	path_of(t, "long.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
	char *pages_s = slurp_cmd(cmd);
	int pages = atoi(pages_s);
	free(pages_s);
	assert_true(pages >= 3);
	char want[64];
	snprintf(want, sizeof want, "第1页共%d页", pages);
	char *first = pdf_page_text(path, 1, false);
	HAS(first, want);
	HAS(first, "第001件");
	free(first);
	for (int p = 2; p < pages; p++) {
		char *mid = pdf_page_text(path, p, false);
		snprintf(want, sizeof want, "第%d页共%d页", p, pages);
		HAS(mid, want);
		HAS(mid, "信访人诉求内容（续）");
		LACKS(mid, "接访照片（续）");
		free(mid);
	}
	char *last = pdf_page_text(path, pages, false);
	snprintf(want, sizeof want, "第%d页共%d页", pages, pages);
	HAS(last, want);
	HAS(last, "接访照片（续）");
	HAS(last, "long2.png");
	free(last);
	char *all = pdf_text(path);
	HAS(all, "第200件");
	free(all);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 2);
	assert_int_equal(pages <= 8 ? per_page[pages] : 1, 1);
}

/* A photo stored lying on its side with EXIF orientation 6 stands upright
 * on paper: stored 150 x 50 (wide), printed tall. Without the tag, wide. */
static void photo_orientation(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	make_jpeg(t, "side", 150, 50, 1, 0, 0);
	path_of(t, "side.jpg", file, sizeof file);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	path_of(t, "flat.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	int w, h;
	red_box(t, path, 1, &w, &h);
	if (!(w > 2 * h))
		fail_msg("without orientation the photo should print wide: %d x %d", w, h);

	make_jpeg(t, "upright", 150, 50, 1, 0, 0);
	path_of(t, "upright.jpg", file, sizeof file);
	set_orientation(file, 6);
	/* A second day's log, so that only this photo is on its page. */
	lf_slot_rec r = slot_23();
	r.slot.date = (lf_date){2026, 11, 25};
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &r, 1, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-25", file, NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	path_of(t, "upright.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-25", path, msg, sizeof msg), LF_STORE_OK);
	red_box(t, path, 1, &w, &h);
	if (!(h > 2 * w))
		fail_msg("with orientation 6 the photo should print tall: %d x %d", w, h);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(jpegs, 1); /* still embedded as it is */
}

/* Two photos, one page: no page count printed, nothing attached. */
static void log_one_page(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	for (int i = 0; i < 2; i++) {
		snprintf(file, sizeof file, "%s/one%d.png", t->dir, i);
		make_png(file, 200, 150, 0.1, 0.4, 0.3 * i);
		assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
		                 LF_STORE_OK);
	}
	path_of(t, "one.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	LACKS(text, "共2页");
	LACKS(text, "见附页");
	HAS(text, "one0.png");
	free(text);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 2);
	assert_int_equal(per_page[2], 0);
}

/* The blank log: the paper's labels, （签名）, lines; no value of any day. */
static void blank_log(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	lf_saved_case c1;
	register_on(t, "2026-11-23", "张三", &c1);
	make_jpeg(t, "bl", 100, 80, 0, 0, 0);
	path_of(t, "bl.jpg", file, sizeof file);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	path_of(t, "blank.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log_blank(t->st, &t->handler, path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	static const char *const labels[] = {"领导干部接访日情况登记表", "接访领导", "接访时间", "年", "月", "日",
	                                     "牵头处室", "登记人", "接访情况", "牵头处室负责人签名", "信访人诉求内容",
	                                     "可附页", "接访照片", "视频另附", "签名：", "日期："};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		HAS(text, labels[i]);
	signature_note_under_instruction(text);
	LACKS(text, "李明");
	LACKS(text, "办公室：");
	LACKS(text, "2026");
	LACKS(text, c1.case_no);
	LACKS(text, "bl.jpg");
	LACKS(text, "案件编号");
	LACKS(text, "第1页");
	free(text);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 0);
	/* Nobody's data: not audited. */
	assert_int_equal(prints(t), 0);
	/* Not for nobody. */
	lf_user nobody;
	memset(&nobody, 0, sizeof nobody);
	path_of(t, "nobody.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log_blank(t->st, &nobody, path, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_not_equal(access(path, F_OK), 0);
}

/* A day with neither a slot nor a saved log: refused, the day named, no
 * file, no audit entry; with a log saved (a reception off the schedule) it
 * prints. */
static void no_reception_refused(void **state)
{
	fx *t = *state;
	char msg[1024], path[256];
	schedule_23(t);
	lf_saved_case c;
	register_on(t, "2026-11-24", "王五", &c); /* a case is not a reception day */
	path_of(t, "none.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-24", path, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "2026-11-24");
	HAS(msg, "No reception");
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(lf_reception_day_held(t->st, "2026-11-24", msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_reception_day_held(t->st, "2026-11-23", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(prints(t), 0);
	/* Permission first: a handler is told they may not, not that the day is empty. */
	assert_int_equal(lf_paper_print_log(t->st, &t->handler, "2026-11-24", path, msg, sizeof msg), LF_STORE_DENIED);

	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-24", &l, msg, sizeof msg), LF_STORE_OK);
	l.situation = strdup("临时接访1人。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-24", path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	HAS(text, "临时接访1人。");
	HAS(text, c.case_no);
	free(text);
	assert_int_equal(prints(t), 1);
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(image_info_from_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(photo_add_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(log_with_photos_and_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(log_long_text_then_photos, setup, teardown),
		cmocka_unit_test_setup_teardown(photo_orientation, setup, teardown),
		cmocka_unit_test_setup_teardown(log_one_page, setup, teardown),
		cmocka_unit_test_setup_teardown(blank_log, setup, teardown),
		cmocka_unit_test_setup_teardown(no_reception_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
