/* The impact report for a programme's sponsor: participation, attendance, network growth,
 * change in connectedness, themes with their sizes and the quotes participants chose to share.
 * Built once as a jansson object that the CLI prints, the API serves and the report page renders;
 * charts are server-side SVG made from that object. */
#ifndef SETWORK_APP_REPORT_REPORT_H
#define SETWORK_APP_REPORT_REPORT_H

#include "io/render/svg_chart.h"
#include "store/db.h"
#include "store/store_challenges.h"
#include "store/store_programmes.h"

#include <jansson.h>

/* The most quotes a report carries. */
#define REPORT_MAX_QUOTES 12

/* Builds the report of programme PROGRAMME_ID (named NAME) with settings S:
 * {"programme", "generated_at", "settings": {min_people, min_paired, language},
 *  "participation": {members, sets, people_in_sets, challenges, challenges_shared_with_cohort,
 *                    people_with_challenges, survey_start, survey_end, "attendance": {...}},
 *  "network": {...}, "connectedness": {...} (report_connectedness_json),
 *  "themes": {"shown": [{label, people, challenges}], "not_shown": {themes, challenges}},
 *  "quotes": [{"theme", "text"}], "headlines": report_headlines}.
 * Themes and quotes follow engine/themes/privacy.h: only themes of at least min_people people,
 * only excerpts whose authors consented, never a name. Returns a new reference, or NULL with a
 * message in *ERR (caller frees). */
json_t *report_impact_json(struct db *db, long long programme_id, const char *name,
                           const struct theme_settings *s, char **err);

/* The headline figures of REPORT (as report_impact_json makes it) in words, first thing a
 * sponsor reads: [{"id", "title", "value" (e.g. "7.5 → 12.0"), "detail" (a sentence on what it
 * means and how sure it is)}]; a figure that needs more data says so in "value" ("Not yet
 * measured") and why in "detail". report_impact_json includes it as "headlines". New
 * reference, NULL when out of memory. */
json_t *report_headlines(const json_t *report);

/* The connectedness section: the instrument (name, source, points, items with their sources)
 * and, per scale, the paired start-to-end change over people who answered every item of the
 * scale in both waves: {"scale","title","higher_is_better","score_min","score_max","paired",
 * "shown"} and, when shown (paired >= MIN_PAIRED), "start_mean","end_mean","mean_change",
 * "change_ci95":[lo,hi],"d_z","d_z_ci95":[lo,hi],"d_av"; and "waves": the mean of each scale in
 * every wave (survey_wave_means_json), for a trend. {"available": false, "note"} when the
 * programme lacks a start or an end wave. NULL on a database error. */
json_t *report_connectedness_json(struct db *db, long long programme_id, long min_paired);

/* Horizontal bar chart of the shown themes' sizes (people), as an SVG document (caller frees);
 * NULL when out of memory. */
char *report_chart_themes(const json_t *report);

/* Bar chart of each shown scale's start and end means, drawn against the scale's range. */
char *report_chart_connectedness(const json_t *report);

/* The bars of a chart of the report, for any renderer (SVG on the page, PDF): BARS[N] from MIN
 * to MAX under TITLE, the texts they point to owned by OWNED (report_bars_free). */
struct report_bars {
    const char *title;
    struct svg_bar bars[SVG_MAX_BARS];
    char *owned[SVG_MAX_BARS];
    size_t n;
    double min, max;
};
void report_bars_themes(const json_t *report, struct report_bars *out);
void report_bars_connectedness(const json_t *report, struct report_bars *out);
void report_bars_free(struct report_bars *b);

/* The report (as report_impact_json makes it) as a PDF of one or two A4 pages: what the report
 * page shows first, the headline figures with their sentences, and its charts (the themes
 * chart only when a theme is shown, the connectedness chart only when it is measured), nothing
 * else, so the PDF holds no more than the page. Returns 0 with *PDF (caller frees) and *LEN,
 * or -1. */
int report_pdf(const json_t *report, char **pdf, size_t *len);

#endif
