/* The impact report as a PDF of one or two A4 pages: the headline figures in words with their
 * sentences, then the report's bar charts, typeset with Pango (UTF-8 names and themes, line
 * breaking) on cairo's PDF surface in DejaVu Sans. Pure: takes plain structs, returns bytes. */
#ifndef SETWORK_IO_RENDER_REPORT_PDF_H
#define SETWORK_IO_RENDER_REPORT_PDF_H

#include "io/render/svg_chart.h"

#include <stddef.h>

/* The most headlines and charts one PDF carries. */
#define REPORT_PDF_MAX_HEADLINES 24
#define REPORT_PDF_MAX_CHARTS    4
/* The most pages: a report that would need more is cut, with a line saying so. */
#define REPORT_PDF_MAX_PAGES 2

struct report_pdf_headline {
    const char *title;  /* "Contacts per person" */
    const char *value;  /* "7.5 → 12.0" or "Not yet measured" */
    const char *detail; /* the sentence on what it means and how sure it is */
};

struct report_pdf_chart {
    const char *title; /* above the chart */
    const struct svg_bar *bars;
    size_t n; /* at most SVG_MAX_BARS are drawn */
    double min, max;
};

struct report_pdf {
    const char *programme; /* the heading */
    const char *generated; /* "2026-12-03T16:00:00Z" or NULL */
    const struct report_pdf_headline *headlines;
    size_t headline_count;
    const struct report_pdf_chart *charts;
    size_t chart_count;
};

/* Renders R as a PDF document. Returns 0 with the bytes in *OUT (caller frees) and their count
 * in *LEN, or -1 when cairo fails or memory runs out (*OUT NULL). */
int report_pdf_render(const struct report_pdf *r, char **out, size_t *len);

#endif
