/* The instrument for forms, checked submissions, and wave means. */
#include "app/surveys/survey.h"

#include "app/surveys/survey_csv.h"
#include "core/strbuf.h"
#include "engine/themes/privacy.h"
#include "store/store_challenges.h"
#include "store/store_surveys.h"

#include <stdlib.h>
#include <string.h>

json_t *survey_instrument_json(const struct instrument *ins)
{
    json_t *points = json_array(), *items = json_array(), *scales = json_array();
    for (int p = 0; p <= ins->point_max - ins->point_min; p++)
        json_array_append_new(points, json_pack("{s:i, s:s}", "value", ins->point_min + p, "label",
                                                ins->point_labels[p]));
    for (size_t i = 0; i < ins->nitems; i++) {
        const struct instrument_item *it = &ins->items[i];
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b, s:s}", "code", it->code,
                                               "text", it->text, "scale", it->scale, "reversed",
                                               it->reversed, "source", it->source));
    }
    for (size_t s = 0; s < ins->nscales; s++)
        json_array_append_new(scales, json_pack("{s:s, s:s, s:b}", "name", ins->scales[s].name,
                                                "title", ins->scales[s].title, "higher_is_better",
                                                ins->scales[s].higher_is_better));
    return json_pack("{s:s, s:s, s:o, s:o, s:o}", "name", ins->name, "source", ins->source,
                     "points", points, "items", items, "scales", scales);
}

int survey_submit(struct db *db, long long programme_id, long long person_id, const char *wave,
                  long long instrument_id, const int *answers, size_t nanswers, char **err)
{
    *err = NULL;
    struct instrument ins;
    long long *items = NULL, wave_id;
    int rc = store_instrument_load(db, instrument_id, &ins, &items);
    if (rc != 0) {
        *err = str_printf(rc == 1 ? "there is no such instrument" : "database error: %s",
                          db_errmsg(db));
        return rc;
    }
    int member = store_is_member(db, programme_id, person_id);
    int status = 1;
    if (member < 0) {
        status = -1;
        *err = str_printf("database error: %s", db_errmsg(db));
        goto done;
    }
    if (member == 0)
        *err = str_printf("only members of the programme answer its surveys");
    else if (!survey_wave_name_valid(wave))
        *err = str_printf("'%s' is not a survey wave", wave);
    else if (nanswers != ins.nitems)
        *err = str_printf("expected %zu answers, got %zu", ins.nitems, nanswers);
    for (size_t i = 0; !*err && i < nanswers; i++) {
        if (answers[i] != INSTRUMENT_NO_ANSWER &&
            (answers[i] < ins.point_min || answers[i] > ins.point_max))
            *err =
                str_printf("answer %zu must be from %d to %d", i + 1, ins.point_min, ins.point_max);
    }
    if (*err)
        goto done;
    status = -1;
    if (db_begin(db) != 0)
        goto db_error;
    rc = store_wave_ensure(db, programme_id, wave, instrument_id, &wave_id);
    if (rc == 1) {
        db_rollback(db);
        *err = str_printf("this wave uses another instrument");
        status = 1;
        goto done;
    }
    for (size_t i = 0; rc == 0 && i < nanswers; i++) {
        if (answers[i] != INSTRUMENT_NO_ANSWER)
            rc = store_answer_put(db, wave_id, person_id, items[i], answers[i]);
    }
    if (rc != 0 || db_commit(db) != 0) {
        db_rollback(db);
        goto db_error;
    }
    status = 0;
    goto done;
db_error:
    *err = str_printf("database error: %s", db_errmsg(db));
done:
    instrument_free(&ins);
    free(items);
    return status;
}

json_t *survey_wave_means_json(struct db *db, long long programme_id, long min_people)
{
    long long start, ins_id, *items = NULL, *waves = NULL;
    char **names = NULL;
    size_t nwaves = 0;
    if (store_wave_find(db, programme_id, "start", &start, &ins_id) != 0)
        return json_array(); /* no start wave: no trend yet */
    struct instrument ins;
    if (store_instrument_load(db, ins_id, &ins, &items) != 0)
        return NULL;
    json_t *list = NULL;
    double *sum = calloc(ins.nscales + 1, sizeof *sum);
    size_t *complete = calloc(ins.nscales + 1, sizeof *complete);
    if (!sum || !complete ||
        store_waves_list(db, programme_id, ins_id, &waves, &names, &nwaves) != 0)
        goto done;
    list = json_array();
    for (size_t w = 0; w < nwaves; w++) {
        struct survey_responses r;
        if (store_survey_wave_answers(db, waves[w], items, ins.nitems, &r) != 0) {
            json_decref(list);
            list = NULL;
            goto done;
        }
        memset(sum, 0, ins.nscales * sizeof *sum);
        memset(complete, 0, ins.nscales * sizeof *complete);
        for (size_t p = 0; p < r.npeople; p++) {
            for (size_t s = 0; s < ins.nscales; s++) {
                double x;
                if (instrument_score(&ins, s, &r.answers[p * ins.nitems], &x) == 0) {
                    sum[s] += x;
                    complete[s]++;
                }
            }
        }
        json_t *scales = json_array();
        for (size_t s = 0; s < ins.nscales; s++) {
            json_t *o = json_pack("{s:s, s:I}", "scale", ins.scales[s].name, "complete",
                                  (json_int_t)complete[s]);
            /* The same threshold as a change: a mean over two people says too much about them. */
            if (privacy_change_shown(complete[s], (size_t)min_people))
                json_object_set_new(o, "mean", json_real(sum[s] / (double)complete[s]));
            json_array_append_new(scales, o);
        }
        json_array_append_new(list, json_pack("{s:s, s:I, s:o}", "wave", names[w], "respondents",
                                              (json_int_t)r.npeople, "scales", scales));
        survey_responses_free(&r);
    }
done:
    for (size_t w = 0; names && w < nwaves; w++)
        free(names[w]);
    free(names);
    free(waves);
    free(sum);
    free(complete);
    free(items);
    instrument_free(&ins);
    return list;
}
