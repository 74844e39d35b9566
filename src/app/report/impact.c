/* The impact report as one JSON object, and its charts. */
#include "app/report/report.h"

#include "app/challenges/challenges.h"
#include "app/report/report_hooks.h"
#include "core/strbuf.h"
#include "io/render/svg_chart.h"
#include "store/store_report.h"
#include "store/store_surveys.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_int_t respondents(struct db *db, long long programme_id, const char *wave)
{
    long long id, ins;
    if (store_wave_find(db, programme_id, wave, &id, &ins) != 0)
        return 0;
    long n = store_survey_respondents(db, id);
    return n < 0 ? 0 : n;
}

static json_t *participation_json(struct db *db, long long programme_id)
{
    struct participation_counts c;
    if (store_participation(db, programme_id, &c) != 0)
        return NULL;
    json_t *attendance = report_attendance_json(db, programme_id);
    if (!attendance)
        return NULL;
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "members",
                     (json_int_t)c.members, "sets", (json_int_t)c.sets, "people_in_sets",
                     (json_int_t)c.people_in_sets, "challenges", (json_int_t)c.challenges,
                     "challenges_shared_with_cohort", (json_int_t)c.challenges_cohort,
                     "people_with_challenges", (json_int_t)c.people_with_challenges, "survey_start",
                     respondents(db, programme_id, "start"), "survey_end",
                     respondents(db, programme_id, "end"), "attendance", attendance);
}

/* Themes for a sponsor: the shown ones with sizes, the rest only as totals; and quotes, which
 * are the consented excerpts of shown themes (so a quote never comes from a theme of fewer than
 * min_people people), at most REPORT_MAX_QUOTES, spread over themes in turn. */
static int themes_and_quotes(json_t *all, json_t **themes, json_t **quotes)
{
    json_t *shown = json_array();
    json_int_t hidden = 0, hidden_challenges = 0;
    size_t i;
    json_t *t;
    json_array_foreach(all, i, t)
    {
        if (!json_is_true(json_object_get(t, "shown"))) {
            hidden++;
            hidden_challenges += json_integer_value(json_object_get(t, "challenges"));
            continue;
        }
        json_array_append_new(shown,
                              json_pack("{s:O, s:O, s:O}", "label", json_object_get(t, "label"),
                                        "people", json_object_get(t, "people"), "challenges",
                                        json_object_get(t, "challenges")));
    }
    *themes = json_pack("{s:o, s:{s:I, s:I}}", "shown", shown, "not_shown", "themes", hidden,
                        "challenges", hidden_challenges);
    *quotes = json_array();
    for (size_t round = 0; json_array_size(*quotes) < REPORT_MAX_QUOTES; round++) {
        bool any = false;
        json_array_foreach(all, i, t)
        {
            json_t *ex = json_object_get(t, "excerpts");
            if (!ex || round >= json_array_size(ex) ||
                json_array_size(*quotes) >= REPORT_MAX_QUOTES)
                continue;
            any = true;
            json_array_append_new(*quotes,
                                  json_pack("{s:O, s:O}", "theme", json_object_get(t, "label"),
                                            "text", json_array_get(ex, round)));
        }
        if (!any)
            break;
    }
    return *themes ? 0 : -1;
}

json_t *report_impact_json(struct db *db, long long programme_id, const char *name,
                           const struct theme_settings *s, char **err)
{
    *err = NULL;
    json_t *participation = participation_json(db, programme_id);
    json_t *network = report_network_json(db, programme_id);
    json_t *connectedness = report_connectedness_json(db, programme_id, s->min_paired);
    json_t *all = challenge_themes_json(db, programme_id, s, false);
    json_t *themes = NULL, *quotes = NULL;
    if (!participation || !network || !connectedness || !all ||
        themes_and_quotes(all, &themes, &quotes) != 0) {
        *err = str_printf("cannot build the report: %s", db_errmsg(db));
        json_decref(participation);
        json_decref(network);
        json_decref(connectedness);
        json_decref(all);
        json_decref(themes);
        json_decref(quotes);
        return NULL;
    }
    json_decref(all);
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    json_t *report = json_pack(
        "{s:s, s:s, s:{s:I, s:I, s:s}, s:o, s:o, s:o, s:o, s:o}", "programme", name, "generated_at",
        when, "settings", "min_people", (json_int_t)s->min_people, "min_paired",
        (json_int_t)s->min_paired, "language", s->language, "participation", participation,
        "network", network, "connectedness", connectedness, "themes", themes, "quotes", quotes);
    json_t *headlines = report ? report_headlines(report) : NULL;
    if (!headlines) {
        *err = str_printf("cannot build the report: out of memory");
        json_decref(report);
        return NULL;
    }
    json_object_set_new(report, "headlines", headlines);
    return report;
}

void report_bars_themes(const json_t *report, struct report_bars *out)
{
    memset(out, 0, sizeof *out);
    out->title = "People per shared theme";
    out->max = 1;
    json_t *shown = json_object_get(json_object_get(report, "themes"), "shown");
    size_t n = json_array_size(shown);
    if (n > SVG_MAX_BARS)
        n = SVG_MAX_BARS;
    for (size_t i = 0; i < n; i++) {
        json_t *t = json_array_get(shown, i);
        json_int_t people = json_integer_value(json_object_get(t, "people"));
        out->owned[i] = str_printf("%lld people", (long long)people);
        out->bars[i] = (struct svg_bar){json_string_value(json_object_get(t, "label")),
                                        (double)people, out->owned[i]};
        if ((double)people > out->max)
            out->max = (double)people;
    }
    out->n = n;
}

void report_bars_connectedness(const json_t *report, struct report_bars *out)
{
    memset(out, 0, sizeof *out);
    out->title = "Connectedness: mean score at start and end";
    out->max = 1;
    json_t *scales = json_object_get(json_object_get(report, "connectedness"), "scales");
    size_t i, n = 0;
    json_t *s;
    json_array_foreach(scales, i, s)
    {
        if (!json_is_true(json_object_get(s, "shown")) || n + 2 > SVG_MAX_BARS)
            continue;
        const char *title = json_string_value(json_object_get(s, "title"));
        /* Every scale is drawn on 0..its maximum, so lengths compare within a scale. */
        double smax = (double)json_integer_value(json_object_get(s, "score_max"));
        if (smax > out->max)
            out->max = smax;
        out->owned[n] = str_printf("%s: start", title);
        out->bars[n] = (struct svg_bar){out->owned[n],
                                        json_real_value(json_object_get(s, "start_mean")), NULL};
        n++;
        out->owned[n] = str_printf("%s: end", title);
        out->bars[n] =
            (struct svg_bar){out->owned[n], json_real_value(json_object_get(s, "end_mean")), NULL};
        n++;
    }
    out->n = n;
}

void report_bars_free(struct report_bars *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->owned[i]);
    memset(b, 0, sizeof *b);
}

static char *chart_of(void (*fill)(const json_t *, struct report_bars *), const json_t *report)
{
    struct report_bars b;
    fill(report, &b);
    char *svg = svg_bar_chart(b.title, b.bars, b.n, b.min, b.max);
    report_bars_free(&b);
    return svg;
}

char *report_chart_themes(const json_t *report)
{
    return chart_of(report_bars_themes, report);
}

char *report_chart_connectedness(const json_t *report)
{
    return chart_of(report_bars_connectedness, report);
}
