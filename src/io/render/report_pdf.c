/* Typesetting the report on A4 with Pango and cairo: a column of text blocks that flows onto a
 * second page when the first is full. Sizes are in PDF points (1/72 inch). */
#include "io/render/report_pdf.h"

#include "core/strbuf.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W  595.28 /* A4 */
#define PAGE_H  841.89
#define MARGIN  56.0
#define TEXT_W  (PAGE_W - 2 * MARGIN)
#define FONT    "DejaVu Sans"
#define LABEL_W 170.0 /* the label column of a chart; labels wrap within it */
#define VALUE_W 70.0  /* the value column right of the bars */
#define BAR_H   10.0
#define ROW_GAP 5.0

struct pdf_doc {
    cairo_t *cr;
    cairo_surface_t *surface;
    double y;
    int page;
    bool full; /* REPORT_PDF_MAX_PAGES pages are used up */
};

/* The PDF's bytes as cairo writes them (binary, so not a strbuf, which is for SVG here). */
struct pdf_bytes {
    char *data;
    size_t len, cap;
};

/* Bounded by what the page holds: two pages of text and bars stay well under a megabyte. */
#define PDF_BYTES_MAX (16 * 1024 * 1024)

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int length)
{
    struct pdf_bytes *b = closure;
    if (length > PDF_BYTES_MAX - b->len)
        return CAIRO_STATUS_NO_MEMORY;
    if (b->len + length > b->cap) {
        size_t cap = b->cap ? b->cap : 64 * 1024;
        while (cap < b->len + length)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return CAIRO_STATUS_NO_MEMORY;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, length);
    b->len += length;
    return CAIRO_STATUS_SUCCESS;
}

/* A layout of TEXT in the font SIZE points (BOLD or not), WIDTH points wide (wrapping at
 * words); the caller unrefs it. */
static PangoLayout *layout(struct pdf_doc *d, const char *text, double size, bool bold,
                           double width)
{
    PangoLayout *l = pango_cairo_create_layout(d->cr);
    PangoFontDescription *f = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Makes room for NEEDED points: a new page when this one is full. False when no page is left. */
static bool room(struct pdf_doc *d, double needed)
{
    if (d->full)
        return false;
    if (d->y + needed <= PAGE_H - MARGIN)
        return true;
    if (d->page >= REPORT_PDF_MAX_PAGES) {
        d->full = true;
        return false;
    }
    cairo_show_page(d->cr);
    d->page++;
    d->y = MARGIN;
    return true;
}

/* Draws TEXT at (X, the current line) and moves down by its height plus AFTER. */
static void text_block(struct pdf_doc *d, const char *text, double size, bool bold, double x,
                       double width, double after, double grey)
{
    PangoLayout *l = layout(d, text, size, bold, width);
    double h = layout_height(l);
    if (room(d, h)) {
        cairo_set_source_rgb(d->cr, grey, grey, grey);
        cairo_move_to(d->cr, x, d->y);
        pango_cairo_show_layout(d->cr, l);
        d->y += h + after;
    }
    g_object_unref(l);
}

/* One headline: its title and figure on one line, the sentence under them; kept together. */
static void headline(struct pdf_doc *d, const struct report_pdf_headline *h)
{
    PangoLayout *title = layout(d, h->title, 10.5, true, TEXT_W * 0.6);
    PangoLayout *value = layout(d, h->value, 12.5, true, TEXT_W * 0.4);
    PangoLayout *detail = layout(d, h->detail, 9, false, TEXT_W);
    pango_layout_set_alignment(value, PANGO_ALIGN_RIGHT);
    double top = fmax(layout_height(title), layout_height(value));
    double need = top + 2 + layout_height(detail) + 10;
    if (room(d, need)) {
        cairo_set_source_rgb(d->cr, 0.1, 0.1, 0.1);
        cairo_move_to(d->cr, MARGIN, d->y);
        pango_cairo_show_layout(d->cr, title);
        cairo_set_source_rgb(d->cr, 0.0, 0.25, 0.5);
        cairo_move_to(d->cr, MARGIN + TEXT_W * 0.6, d->y);
        pango_cairo_show_layout(d->cr, value);
        cairo_set_source_rgb(d->cr, 0.2, 0.2, 0.2);
        cairo_move_to(d->cr, MARGIN, d->y + top + 2);
        pango_cairo_show_layout(d->cr, detail);
        d->y += need;
    }
    g_object_unref(title);
    g_object_unref(value);
    g_object_unref(detail);
}

/* A horizontal bar chart: labels wrapped in their column, bars from MIN to MAX, values right. */
static void chart(struct pdf_doc *d, const struct report_pdf_chart *c)
{
    size_t n = c->n > SVG_MAX_BARS ? SVG_MAX_BARS : c->n;
    double min = c->min, max = c->max > c->min ? c->max : c->min + 1;
    double bars_w = TEXT_W - LABEL_W - VALUE_W - 12;
    /* The title stays with the first bar. */
    PangoLayout *t = layout(d, c->title, 11, true, TEXT_W);
    double first = n ? BAR_H + ROW_GAP + 12 : 0;
    if (!room(d, layout_height(t) + 4 + first)) {
        g_object_unref(t);
        return;
    }
    cairo_set_source_rgb(d->cr, 0.1, 0.1, 0.1);
    cairo_move_to(d->cr, MARGIN, d->y);
    pango_cairo_show_layout(d->cr, t);
    d->y += layout_height(t) + 4;
    g_object_unref(t);
    for (size_t i = 0; i < n; i++) {
        const struct svg_bar *b = &c->bars[i];
        PangoLayout *label = layout(d, b->label, 8.5, false, LABEL_W);
        char *own = b->value_text ? NULL : str_printf("%.2f", b->value);
        PangoLayout *value = layout(d, b->value_text ? b->value_text : own, 8.5, false, VALUE_W);
        free(own);
        double h = fmax(layout_height(label), BAR_H) + ROW_GAP;
        if (room(d, h)) {
            cairo_set_source_rgb(d->cr, 0.15, 0.15, 0.15);
            cairo_move_to(d->cr, MARGIN, d->y);
            pango_cairo_show_layout(d->cr, label);
            double v = b->value < min ? min : b->value > max ? max : b->value;
            double w = isfinite(v) ? bars_w * (v - min) / (max - min) : 0;
            double x = MARGIN + LABEL_W + 6;
            cairo_set_source_rgb(d->cr, 0.90, 0.92, 0.95);
            cairo_rectangle(d->cr, x, d->y + 1, bars_w, BAR_H);
            cairo_fill(d->cr);
            cairo_set_source_rgb(d->cr, 0.0, 0.35, 0.65);
            cairo_rectangle(d->cr, x, d->y + 1, w, BAR_H);
            cairo_fill(d->cr);
            cairo_set_source_rgb(d->cr, 0.15, 0.15, 0.15);
            cairo_move_to(d->cr, x + bars_w + 6, d->y);
            pango_cairo_show_layout(d->cr, value);
            d->y += h;
        }
        g_object_unref(label);
        g_object_unref(value);
    }
    d->y += 12;
}

int report_pdf_render(const struct report_pdf *r, char **out, size_t *len)
{
    struct pdf_bytes bytes = {0};
    *out = NULL;
    *len = 0;
    struct pdf_doc d = {.page = 1, .y = MARGIN};
    d.surface = cairo_pdf_surface_create_for_stream(collect, &bytes, PAGE_W, PAGE_H);
    d.cr = cairo_create(d.surface);
    if (cairo_status(d.cr) != CAIRO_STATUS_SUCCESS)
        goto fail;
    char *title = str_printf("Impact report: %s", r->programme ? r->programme : "");
    cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
    cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_CREATOR, "setwork");
    text_block(&d, title, 18, true, MARGIN, TEXT_W, 4, 0.05);
    free(title);
    if (r->generated) {
        char *when = str_printf("Made on %.10s by setwork.", r->generated);
        text_block(&d, when, 8.5, false, MARGIN, TEXT_W, 14, 0.35);
        free(when);
    }
    text_block(&d, "In brief", 13, true, MARGIN, TEXT_W, 8, 0.05);
    size_t nh =
        r->headline_count > REPORT_PDF_MAX_HEADLINES ? REPORT_PDF_MAX_HEADLINES : r->headline_count;
    for (size_t i = 0; i < nh; i++)
        headline(&d, &r->headlines[i]);
    size_t nc = r->chart_count > REPORT_PDF_MAX_CHARTS ? REPORT_PDF_MAX_CHARTS : r->chart_count;
    for (size_t i = 0; i < nc; i++)
        chart(&d, &r->charts[i]);
    if (d.full) {
        /* Said in the bottom margin of the last page, below everything drawn. */
        PangoLayout *l = layout(&d,
                                "More of this report is on its web page: it did not fit "
                                "on two pages.",
                                8, false, TEXT_W);
        cairo_set_source_rgb(d.cr, 0.35, 0.35, 0.35);
        cairo_move_to(d.cr, MARGIN, PAGE_H - MARGIN + 8);
        pango_cairo_show_layout(d.cr, l);
        g_object_unref(l);
    }
    cairo_destroy(d.cr);
    d.cr = NULL;
    cairo_surface_finish(d.surface);
    if (cairo_surface_status(d.surface) != CAIRO_STATUS_SUCCESS)
        goto fail;
    cairo_surface_destroy(d.surface);
    *len = bytes.len;
    *out = bytes.data;
    return *out ? 0 : -1;
fail:
    if (d.cr)
        cairo_destroy(d.cr);
    cairo_surface_destroy(d.surface);
    free(bytes.data);
    return -1;
}
