/* The one assembly of a formation problem (see plan_problem.h): settings, then the store's
 * known pairs and rules, then the score matrix, the bound and the isolation penalty. */
#include "app/plans/plan_problem.h"

#include "engine/formation/formation.h"
#include "engine/formation/score.h"
#include "store/store_challenges.h"
#include "store/store_network.h"
#include "store/store_people.h"
#include "store/store_sets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct id_index {
    long long id;
    int i;
};

static int by_id(const void *x, const void *y)
{
    const struct id_index *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

/* Store ids to cohort positions, sorted for bsearch. Caller frees. */
static struct id_index *index_ids(const struct cohort *c)
{
    struct id_index *ids = malloc(sizeof *ids * (c->count + 1));
    if (!ids)
        return NULL;
    for (size_t i = 0; i < c->count; i++)
        ids[i] = (struct id_index){c->people[i].id, (int)i};
    qsort(ids, c->count, sizeof *ids, by_id);
    return ids;
}

static int find_id(const struct id_index *ids, size_t n, long long id)
{
    struct id_index key = {id, 0};
    const struct id_index *hit = bsearch(&key, ids, n, sizeof *ids, by_id);
    return hit ? hit->i : -1;
}

/* Earlier plans of the programme: a pair who shared a set in the latest plan already know each
 * other (weight 1); each older plan counts half as much as the one after it. */
static int add_history(struct form_input *in, struct db *db, long long programme_id,
                       long long before, const struct id_index *ids, struct strbuf *err)
{
    struct store_shared_pair *pairs = NULL;
    size_t count = 0;
    char *msg = NULL;
    if (store_shared_pairs_before(db, programme_id, before, &pairs, &count, &msg) != 0) {
        sb_append(err, msg);
        free(msg);
        return -1;
    }
    in->known = malloc(sizeof *in->known * (count + 1));
    if (!in->known) {
        free(pairs);
        sb_append(err, "out of memory");
        return -1;
    }
    for (size_t t = 0; t < count; t++) {
        int a = find_id(ids, (size_t)in->n, pairs[t].a);
        int b = find_id(ids, (size_t)in->n, pairs[t].b);
        if (a >= 0 && b >= 0)
            in->known[in->known_count++] = (struct form_known){a, b, ldexp(1.0, -pairs[t].age)};
    }
    free(pairs);
    return 0;
}

/* Ties from the programme's network surveys (any wave, any relation, either direction): the two
 * already know each other, fully, from the moment the tie is recorded. */
static int add_network_ties(struct form_input *in, struct db *db, long long programme_id,
                            const struct id_index *ids, struct strbuf *err)
{
    struct known_pair *pairs = NULL;
    size_t count = 0;
    if (store_known_pairs(db, programme_id, &pairs, &count) != 0) {
        sb_append(err, "cannot read the network survey ties");
        return -1;
    }
    struct form_known *grown =
        realloc(in->known, sizeof *in->known * ((size_t)in->known_count + count + 1));
    if (!grown) {
        free(pairs);
        sb_append(err, "out of memory");
        return -1;
    }
    in->known = grown;
    for (size_t t = 0; t < count; t++) {
        int a = find_id(ids, (size_t)in->n, pairs[t].person_a);
        int b = find_id(ids, (size_t)in->n, pairs[t].person_b);
        if (a >= 0 && b >= 0)
            in->known[in->known_count++] = (struct form_known){a, b, 1.0};
    }
    free(pairs);
    return 0;
}

/* With the weight "similar", pairs whose cohort-shared challenges fall in one theme (issue 8:
 * sets that work on common issues while still mixing backgrounds). */
static int add_similar_challenges(struct form_input *in, struct db *db, long long programme_id,
                                  const struct id_index *ids, struct strbuf *err)
{
    if (in->w_similar <= 0)
        return 0;
    long long *people = NULL, *themes = NULL;
    size_t count = 0;
    if (store_person_themes(db, programme_id, &people, &themes, &count) != 0) {
        sb_append(err, "cannot read the challenge themes");
        return -1;
    }
    int status = 0;
    size_t cap = 0;
    for (size_t x = 0; x < count && status == 0; x++) {
        for (size_t y = x + 1; y < count && status == 0; y++) {
            if (themes[x] != themes[y] || people[x] == people[y])
                continue;
            /* The same person twice in one theme (two challenges) counts once. */
            if ((x > 0 && people[x] == people[x - 1] && themes[x] == themes[x - 1]) ||
                (people[y] == people[y - 1] && themes[y] == themes[y - 1]))
                continue;
            int a = find_id(ids, (size_t)in->n, people[x]);
            int b = find_id(ids, (size_t)in->n, people[y]);
            if (a < 0 || b < 0)
                continue;
            if ((size_t)in->similar_count == cap) {
                cap = cap ? cap * 2 : 64;
                struct form_known *grown = realloc(in->similar, cap * sizeof *grown);
                if (!grown) {
                    sb_append(err, "out of memory");
                    status = -1;
                    break;
                }
                in->similar = grown;
            }
            in->similar[in->similar_count++] = (struct form_known){a, b, 1.0};
        }
    }
    free(people);
    free(themes);
    return status;
}

/* The rules the programme lead declared in the store. */
static int add_rules(struct form_input *in, struct db *db, long long programme_id,
                     const struct id_index *ids, struct strbuf *err)
{
    struct store_rule *rules = NULL;
    size_t count = 0;
    char *msg = NULL;
    if (store_rules_load(db, programme_id, &rules, &count, &msg) != 0) {
        sb_append(err, msg);
        free(msg);
        return -1;
    }
    int status = 0;
    for (size_t t = 0; t < count && status == 0; t++) {
        int a = find_id(ids, (size_t)in->n, rules[t].a);
        int b = find_id(ids, (size_t)in->n, rules[t].b);
        if (a < 0)
            continue; /* no longer a member */
        if (strcmp(rules[t].kind, "pin") == 0)
            status = form_input_pin_name(in, a, rules[t].set_name, err);
        else if (b >= 0)
            status = form_input_add_pair(in, rules[t].kind[0], a, b);
    }
    store_rules_free(rules, count);
    return status;
}

static int add_store(struct form_input *in, struct db *db, long long programme_id, long long before,
                     struct strbuf *err)
{
    struct id_index *ids = index_ids(in->cohort);
    int rc = !ids || add_history(in, db, programme_id, before, ids, err) != 0 ||
                     add_network_ties(in, db, programme_id, ids, err) != 0 ||
                     add_similar_challenges(in, db, programme_id, ids, err) != 0 ||
                     add_rules(in, db, programme_id, ids, err) != 0
                 ? -1
                 : 0;
    if (!ids)
        sb_append(err, "out of memory");
    free(ids);
    return rc;
}

/* Rules read from files, as emails, so that a stored plan keeps them: apart pairs from FIRST on
 * (the chain's come before), every together pair and pin (the store's come after). */
static json_t *extra_rules(const struct form_input *in, int first_apart)
{
    json_t *apart = json_array(), *together = json_array(), *pins = json_array();
    for (int t = first_apart; t < in->apart_count; t++)
        json_array_append_new(
            apart, json_pack("[s, s]", in->labels[in->apart[t].a], in->labels[in->apart[t].b]));
    for (int t = 0; t < in->together_count; t++)
        json_array_append_new(together, json_pack("[s, s]", in->labels[in->together[t].a],
                                                  in->labels[in->together[t].b]));
    for (int i = 0; i < in->n; i++) {
        if (in->pin[i] >= 0)
            json_array_append_new(pins,
                                  json_pack("[s, s]", in->labels[i], in->set_names[in->pin[i]]));
    }
    return json_pack("{s:o, s:o, s:o}", "apart", apart, "together", together, "pins", pins);
}

/* Adds the rules of EXTRA ({apart, together, pins} by email); people no longer in the cohort
 * are skipped, as the store's rules are. */
static int add_extra(struct form_input *in, const json_t *extra, struct strbuf *err)
{
    struct cohort_index idx;
    if (cohort_index_build(in->cohort, &idx) != 0) {
        sb_append(err, "out of memory");
        return -1;
    }
    static const char *const keys[3] = {"apart", "together", "pins"};
    int status = 0;
    for (int k = 0; k < 3 && status == 0; k++) {
        size_t t;
        json_t *pair;
        json_array_foreach(json_object_get(extra, keys[k]), t, pair)
        {
            const char *x = json_string_value(json_array_get(pair, 0));
            const char *y = json_string_value(json_array_get(pair, 1));
            long a = x ? cohort_index_find(&idx, x) : -1;
            long b = y && k < 2 ? cohort_index_find(&idx, y) : 0;
            if (a < 0 || b < 0 || !y)
                continue;
            status = k == 2 ? form_input_pin_name(in, (int)a, y, err)
                            : form_input_add_pair(in, k == 0 ? 'a' : 't', (int)a, (int)b);
            if (status != 0)
                break;
        }
    }
    cohort_index_free(&idx);
    return status;
}

/* The score matrix, the bound and the problem over PB->in. 0 or -1. */
static int finish(struct plan_problem *pb, struct strbuf *err)
{
    struct form_input *in = &pb->in;
    pb->d = malloc(sizeof(double) * (size_t)in->n * (size_t)in->n);
    if (!pb->d) {
        sb_append(err, "out of memory for the score matrix");
        return -1;
    }
    struct form_scoring sc = {.n = in->n,
                              .k = in->k,
                              .code = in->code,
                              .weight = in->weight,
                              .w_new = in->w_new,
                              .known = in->known,
                              .known_count = in->known_count,
                              .similar = in->similar,
                              .similar_count = in->similar_count,
                              .w_similar = in->w_similar};
    form_score_matrix(&sc, pb->d);
    if (form_score_bound(&sc, in->m, in->lo, in->hi, &pb->ub) != 0)
        pb->ub = -1;
    /* Breaking up a single minority member costs as much as three fully diverse pairs. */
    double w_all = in->w_new;
    for (int k = 0; k < in->k; k++)
        w_all += in->weight[k];
    pb->p = (struct form_problem){.n = in->n,
                                  .m = in->m,
                                  .d = pb->d,
                                  .lo = in->lo,
                                  .hi = in->hi,
                                  .apart = in->apart,
                                  .apart_count = in->apart_count,
                                  .together = in->together,
                                  .together_count = in->together_count,
                                  .pin = in->pin,
                                  .iso_class = in->iso_class,
                                  .iso_k = in->iso_k,
                                  .iso_class_count = in->iso_class_count,
                                  .iso_penalty = 3 * w_all,
                                  .labels = in->labels,
                                  .group_labels = (const char *const *)in->set_names};
    return 0;
}

enum status plan_problem_build(struct plan_problem *pb, struct cohort *cohort,
                               const struct plan_settings *s, int fix_sizes, const json_t *extra,
                               struct db *db, long long programme_id, long long before,
                               struct strbuf *err)
{
    memset(pb, 0, sizeof *pb);
    pb->cohort = *cohort;
    memset(cohort, 0, sizeof *cohort);
    if (pb->cohort.count < 2) {
        sb_append(err, "the cohort needs at least 2 people to form sets");
        return STATUS_INVALID;
    }
    if (pb->cohort.count > FORM_MAX_PEOPLE) {
        sb_printf(err, "at most %d people can be formed into sets at once", FORM_MAX_PEOPLE);
        return STATUS_INVALID;
    }
    struct form_input *in = &pb->in;
    int m = s->sets > 0 ? s->sets : 0, a = s->size_min, b = s->size_max;
    int chain = s->chain == 0 ? PLAN_CHAIN_DEFAULT : s->chain < 0 ? 0 : s->chain;
    if (form_input_init(in, &pb->cohort, s->weights && *s->weights ? s->weights : NULL, err) != 0 ||
        form_input_sizes(in, m, m ? 0 : a, m ? 0 : b, err) != 0)
        return STATUS_INVALID;
    if (fix_sizes && a > 0 && b >= a) {
        for (int g = 0; g < in->m; g++) {
            in->lo[g] = a;
            in->hi[g] = b;
        }
    }
    if (form_input_chain(in, chain) != 0) {
        sb_append(err, "out of memory");
        return STATUS_FAILED;
    }
    int first_apart = in->apart_count;
    pb->chain_pairs = first_apart;
    for (int t = 0; t < s->isolate_count; t++) {
        if (form_input_no_isolate(in, s->isolate[t], err) != 0)
            return STATUS_INVALID;
    }
    if ((s->apart_file && form_input_rules_file(in, 'a', s->apart_file, err) != 0) ||
        (s->together_file && form_input_rules_file(in, 't', s->together_file, err) != 0) ||
        (s->pin_file && form_input_rules_file(in, 'p', s->pin_file, err) != 0) ||
        (extra && add_extra(in, extra, err) != 0))
        return STATUS_INVALID;
    pb->extra = extra_rules(in, first_apart);
    if (!pb->extra) {
        sb_append(err, "out of memory");
        return STATUS_FAILED;
    }
    if (db && add_store(in, db, programme_id, before, err) != 0)
        return STATUS_INVALID;
    return finish(pb, err) == 0 ? STATUS_OK : STATUS_FAILED;
}

void plan_problem_free(struct plan_problem *pb)
{
    free(pb->d);
    json_decref(pb->extra);
    form_input_free(&pb->in);
    cohort_free(&pb->cohort);
    memset(pb, 0, sizeof *pb);
}

int *plan_problem_group(const struct plan_problem *pb, int n, const long long *person_ids,
                        const int *group)
{
    int count = pb->in.n;
    int *out = malloc(sizeof(int) * ((size_t)count + 1));
    struct id_index *ids = index_ids(&pb->cohort);
    if (!out || !ids) {
        free(out);
        free(ids);
        return NULL;
    }
    for (int i = 0; i < count; i++)
        out[i] = -1;
    for (int t = 0; t < n; t++) {
        int i = find_id(ids, (size_t)count, person_ids[t]);
        if (i >= 0)
            out[i] = group[t];
    }
    free(ids);
    return out;
}

char *plan_settings_json(const struct plan_problem *pb, const struct plan_settings *s)
{
    const struct form_input *in = &pb->in;
    int a = in->lo[0], b = in->hi[0];
    for (int g = 1; g < in->m; g++) {
        a = in->lo[g] < a ? in->lo[g] : a;
        b = in->hi[g] > b ? in->hi[g] : b;
    }
    json_t *w = json_object(), *iso = json_array();
    for (int k = 0; k < in->k; k++)
        json_object_set_new(w, pb->cohort.attrs[k], json_real(in->weight[k]));
    json_object_set_new(w, "new", json_real(in->w_new));
    json_object_set_new(w, "similar", json_real(in->w_similar));
    for (int t = 0; t < s->isolate_count; t++)
        json_array_append_new(iso, json_string(s->isolate[t]));
    int chain = s->chain == 0 ? PLAN_CHAIN_DEFAULT : s->chain < 0 ? 0 : s->chain;
    json_t *o = json_pack(
        "{s:o, s:i, s:i, s:i, s:I, s:f, s:I, s:i, s:o, s:O, s:O, s:O}", "weights", w, "sets", in->m,
        "size_min", a, "size_max", b, "seed", (json_int_t)s->seed, "seconds", s->seconds,
        "iterations", (json_int_t)s->iterations, "chain", chain, "no_isolate", iso, "apart",
        json_object_get(pb->extra, "apart"), "together", json_object_get(pb->extra, "together"),
        "pins", json_object_get(pb->extra, "pins"));
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return text;
}

void plan_settings_parse(const char *text, struct plan_settings *s, char **weights_spec,
                         json_t **owner, const json_t **extra)
{
    memset(s, 0, sizeof *s);
    *weights_spec = NULL;
    json_t *o = json_loads(text ? text : "{}", 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        o = json_object();
    }
    *owner = o;
    *extra = o;
    json_t *w = json_object_get(o, "weights");
    if (json_is_string(w) && *json_string_value(w)) {
        *weights_spec = str_printf("%s", json_string_value(w)); /* the form's older shape */
    } else if (json_is_object(w)) {
        /* %.17g gives back the same double. */
        struct strbuf spec = {0};
        const char *key;
        json_t *value;
        json_object_foreach(w, key, value)
        {
            sb_printf(&spec, "%s%s=%.17g", spec.data && *spec.data ? "," : "", key,
                      json_number_value(value));
        }
        *weights_spec = spec.data;
    }
    s->sets = (int)json_integer_value(json_object_get(o, "sets"));
    s->size_min = (int)json_integer_value(json_object_get(o, "size_min"));
    s->size_max = (int)json_integer_value(json_object_get(o, "size_max"));
    s->seed = json_integer_value(json_object_get(o, "seed"));
    s->seconds = json_number_value(json_object_get(o, "seconds"));
    s->iterations = (long)json_integer_value(json_object_get(o, "iterations"));
    json_t *chain = json_object_get(o, "chain");
    s->chain = !json_is_integer(chain)          ? PLAN_CHAIN_DEFAULT
               : json_integer_value(chain) <= 0 ? PLAN_CHAIN_OFF
                                                : (int)json_integer_value(chain);
    size_t t;
    json_t *attr;
    json_array_foreach(json_object_get(o, "no_isolate"), t, attr)
    {
        if (json_is_string(attr) && s->isolate_count < PLAN_MAX_ISOLATE)
            s->isolate[s->isolate_count++] = json_string_value(attr);
    }
}
