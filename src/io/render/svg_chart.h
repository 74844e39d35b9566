/* Small server-side SVG bar charts for the report page and its printout. Every text that goes
 * into the SVG is XML-escaped here; callers pass plain text. */
#ifndef SETWORK_IO_RENDER_SVG_CHART_H
#define SETWORK_IO_RENDER_SVG_CHART_H

#include <stddef.h>

struct svg_bar {
    const char *label;      /* shown left of the bar */
    double value;           /* bar length against the chart's maximum */
    const char *value_text; /* shown right of the bar; NULL: the value with up to 2 decimals */
};

/* The most bars one chart draws; more are left out (the report lists them in text anyway). */
#define SVG_MAX_BARS 40

/* Draws N bars from 0 (or MIN) to MAX as a standalone <svg> element with role="img" and TITLE as
 * its accessible name. Values outside [MIN, MAX] are clamped. Returns a new string (caller frees)
 * or NULL when out of memory. */
char *svg_bar_chart(const char *title, const struct svg_bar *bars, size_t n, double min,
                    double max);

#endif
