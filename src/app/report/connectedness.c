/* The connectedness section of the impact report: start-to-end change per scale. */
#include "app/report/report.h"

#include "app/surveys/survey.h"
#include "engine/stats/paired.h"
#include "engine/themes/privacy.h"
#include "store/store_surveys.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A number, or null for NAN (jansson has no NAN). */
static json_t *num(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* Pairs the complete scores of scale S in both waves (people ids are ascending in both). */
static size_t pair_scores(const struct instrument *ins, size_t s, const struct survey_responses *a,
                          const struct survey_responses *b, double *before, double *after)
{
    size_t n = 0, i = 0, j = 0;
    while (i < a->npeople && j < b->npeople) {
        if (a->people[i] < b->people[j]) {
            i++;
        } else if (a->people[i] > b->people[j]) {
            j++;
        } else {
            double x, y;
            if (instrument_score(ins, s, &a->answers[i * a->nitems], &x) == 0 &&
                instrument_score(ins, s, &b->answers[j * b->nitems], &y) == 0) {
                before[n] = x;
                after[n] = y;
                n++;
            }
            i++, j++;
        }
    }
    return n;
}

static json_t *scale_json(const struct instrument *ins, size_t s, const double *before,
                          const double *after, size_t n, long min_paired)
{
    int items = 0;
    for (size_t i = 0; i < ins->nitems; i++)
        items += strcmp(ins->items[i].scale, ins->scales[s].name) == 0;
    json_t *o = json_pack("{s:s, s:s, s:b, s:i, s:i, s:I}", "scale", ins->scales[s].name, "title",
                          ins->scales[s].title, "higher_is_better", ins->scales[s].higher_is_better,
                          "score_min", items * ins->point_min, "score_max", items * ins->point_max,
                          "paired", (json_int_t)n);
    struct paired_result r;
    bool shown = privacy_change_shown(n, (size_t)min_paired) &&
                 stats_paired(before, after, n, 0.95, &r) == 0;
    json_object_set_new(o, "shown", json_boolean(shown));
    if (!shown) {
        json_object_set_new(o, "note",
                            json_sprintf("Fewer than %ld people answered both the start and the "
                                         "end survey, so no change is reported.",
                                         min_paired));
        return o;
    }
    json_object_set_new(o, "start_mean", num(r.mean_before));
    json_object_set_new(o, "end_mean", num(r.mean_after));
    json_object_set_new(o, "mean_change", num(r.mean_change));
    json_object_set_new(o, "change_ci95", json_pack("[o, o]", num(r.ci_low), num(r.ci_high)));
    json_object_set_new(o, "d_z", num(r.d_z));
    json_object_set_new(o, "d_z_ci95", json_pack("[o, o]", num(r.d_z_low), num(r.d_z_high)));
    json_object_set_new(o, "d_av", num(r.d_av));
    return o;
}

json_t *report_connectedness_json(struct db *db, long long programme_id, long min_paired)
{
    long long start, end, ins_start, ins_end;
    int a = store_wave_find(db, programme_id, "start", &start, &ins_start);
    int b = store_wave_find(db, programme_id, "end", &end, &ins_end);
    if (a < 0 || b < 0)
        return NULL;
    if (a == 1 || b == 1)
        return json_pack("{s:b, s:s}", "available", 0, "note",
                         a == 1 ? "No start survey has been imported yet."
                                : "No end survey has been imported yet.");
    if (ins_start != ins_end)
        return json_pack("{s:b, s:s}", "available", 0, "note",
                         "The start and end surveys used different instruments.");
    struct instrument ins;
    long long *item_ids = NULL;
    struct survey_responses ra = {0}, rb = {0};
    double *before = NULL, *after = NULL;
    json_t *result = NULL;
    if (store_instrument_load(db, ins_start, &ins, &item_ids) != 0)
        return NULL;
    if (store_survey_wave_answers(db, start, item_ids, ins.nitems, &ra) != 0 ||
        store_survey_wave_answers(db, end, item_ids, ins.nitems, &rb) != 0)
        goto done;
    size_t cap = ra.npeople ? ra.npeople : 1;
    before = malloc(cap * sizeof *before);
    after = malloc(cap * sizeof *after);
    if (!before || !after)
        goto done;
    json_t *scales = json_array();
    for (size_t s = 0; s < ins.nscales; s++) {
        size_t n = pair_scores(&ins, s, &ra, &rb, before, after);
        json_array_append_new(scales, scale_json(&ins, s, before, after, n, min_paired));
    }
    result = json_pack("{s:b, s:I, s:I, s:I, s:s, s:o, s:o}", "available", 1, "min_paired",
                       (json_int_t)min_paired, "respondents_start", (json_int_t)ra.npeople,
                       "respondents_end", (json_int_t)rb.npeople, "effect_size",
                       "d_z = mean change / SD of changes; 95% CI by inverting the noncentral t "
                       "(Cumming & Finch 2001). d_av = mean change / mean of the two SDs. Mean "
                       "change CI: paired t.",
                       "instrument", survey_instrument_json(&ins), "scales", scales);
    json_t *waves = survey_wave_means_json(db, programme_id, min_paired);
    if (!waves) {
        json_decref(result);
        result = NULL;
    } else {
        json_object_set_new(result, "waves", waves);
    }
done:
    free(before);
    free(after);
    survey_responses_free(&ra);
    survey_responses_free(&rb);
    instrument_free(&ins);
    free(item_ids);
    return result;
}
