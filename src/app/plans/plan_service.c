/* Forming and editing set plans: the cohort and rules from the store, the formation engine, and
 * the plan tables. The glue that turns a cohort into a problem is cli/form_build (shared). */
#include "app/plans/plan_service.h"

#include "engine/formation/formation.h"
#include "engine/formation/score.h"
#include "store/store_challenges.h"
#include "store/store_network.h"
#include "store/store_people.h"
#include "store/store_plans.h"
#include "store/store_sets.h"

#include <math.h>
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

int plan_input_from_store(struct form_input *in, struct db *db, long long programme_id,
                          long long before, struct strbuf *err)
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

/* Everything one problem needs, built from the store. */
struct plan_ctx {
    struct cohort cohort;
    struct form_input in;
    double *d;
    double ub;
    struct form_problem p;
};

static void ctx_free(struct plan_ctx *c)
{
    free(c->d);
    form_input_free(&c->in);
    cohort_free(&c->cohort);
}

/* Builds the problem for PROGRAMME_ID: M sets (or sizes A..B when M is 0); when FIX_SIZES, every
 * set's bounds become A..B. Returns 0, 1 with a sentence in ERR, -1. */
static int ctx_build(struct plan_ctx *c, struct db *db, long long programme_id, long long before,
                     const char *weights, int m, int a, int b, int fix_sizes, struct strbuf *err)
{
    memset(c, 0, sizeof *c);
    char *msg = NULL;
    if (store_load_cohort(db, programme_id, &c->cohort, &msg) != 0) {
        sb_append(err, msg ? msg : "the programme could not be loaded");
        free(msg);
        return -1;
    }
    if (c->cohort.count < 2 || c->cohort.count > FORM_MAX_PEOPLE) {
        sb_append(err, "The programme needs at least 2 people to form sets.");
        return 1;
    }
    if (form_input_init(&c->in, &c->cohort, weights && *weights ? weights : NULL, err) != 0 ||
        form_input_sizes(&c->in, m, m ? 0 : a, m ? 0 : b, err) != 0)
        return 1;
    if (fix_sizes && a > 0 && b >= a) {
        for (int g = 0; g < c->in.m; g++) {
            c->in.lo[g] = a;
            c->in.hi[g] = b;
        }
    }
    if (form_input_chain(&c->in, 1) != 0 ||
        plan_input_from_store(&c->in, db, programme_id, before, err))
        return 1;
    struct form_input *in = &c->in;
    c->d = malloc(sizeof(double) * (size_t)in->n * (size_t)in->n);
    if (!c->d) {
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
    form_score_matrix(&sc, c->d);
    if (form_score_bound(&sc, in->m, in->lo, in->hi, &c->ub) != 0)
        c->ub = -1;
    double w_all = in->w_new;
    for (int k = 0; k < in->k; k++)
        w_all += in->weight[k];
    c->p = (struct form_problem){.n = in->n,
                                 .m = in->m,
                                 .d = c->d,
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

static char *settings_text(const struct plan_ctx *c, const char *weights, double seconds,
                           long long seed)
{
    int a = c->in.lo[0], b = c->in.hi[0];
    for (int g = 1; g < c->in.m; g++) {
        a = c->in.lo[g] < a ? c->in.lo[g] : a;
        b = c->in.hi[g] > b ? c->in.hi[g] : b;
    }
    json_t *o = json_pack("{s:s, s:i, s:i, s:i, s:I, s:f}", "weights", weights ? weights : "",
                          "sets", c->in.m, "size_min", a, "size_max", b, "seed", (json_int_t)seed,
                          "seconds", seconds);
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return s;
}

int plan_form(struct db *db, long long programme_id, const struct plan_settings *s,
              long long *plan_id, struct strbuf *err)
{
    struct plan_ctx c;
    /* Blank weights mean the programme's own, set on its edit page (or the engine's defaults). */
    char *stored = NULL;
    const char *weights = s->weights;
    if ((!weights || !*weights) && store_programme_weights(db, programme_id, &stored) == 0)
        weights = stored;
    int rc = ctx_build(&c, db, programme_id, 0, weights, s->sets > 0 ? s->sets : 0, s->size_min,
                       s->size_max, 0, err);
    struct form_result r = {0};
    char *settings = NULL, *name = NULL, *msg = NULL;
    long long *pids = NULL;
    if (rc != 0)
        goto out;
    struct form_options o = {.seed = (uint64_t)s->seed,
                             .seconds = s->seconds > 0 ? s->seconds : 1,
                             .target = c.ub,
                             .has_target = c.ub >= 0};
    rc = form_solve(&c.p, &o, &r, err);
    if (rc != 0)
        goto out;
    settings = settings_text(&c, weights, o.seconds, s->seed);
    pids = malloc(sizeof *pids * (size_t)c.in.n);
    rc = -1;
    if (!settings || !pids)
        goto out;
    for (int i = 0; i < c.in.n; i++)
        pids[i] = c.cohort.people[i].id;
    for (int t = 1; t < 1000; t++) {
        free(name);
        name = s->name && *s->name
                   ? (t == 1 ? str_printf("%s", s->name) : str_printf("%s (%d)", s->name, t))
                   : str_printf("Plan %d", t);
        if (!name)
            break;
        struct store_plan plan = {.programme_id = programme_id,
                                  .name = name,
                                  .objective = r.objective,
                                  .upper_bound = c.ub >= 0 ? &c.ub : NULL,
                                  .settings_json = settings,
                                  .m = c.in.m,
                                  .set_names = (const char *const *)c.in.set_names,
                                  .n = c.in.n,
                                  .person_ids = pids,
                                  .group = r.group};
        rc = store_plan_save(db, &plan, plan_id, &msg);
        if (rc != 1)
            break;
    }
    if (rc != 0) {
        sb_append(err, msg ? msg : "the plan could not be saved");
        rc = -1;
    }
out:
    free(stored);
    free(msg);
    free(name);
    free(pids);
    free(settings);
    free(r.group);
    ctx_free(&c);
    return rc;
}

/* Loads plan PLAN_ID with its problem; GROUP (caller frees) maps cohort people to plan sets (-1
 * for someone the plan does not hold). 0, 1 no such plan, -1. */
static int ctx_for_plan(struct db *db, long long plan_id, struct store_plan_rows *rows,
                        struct plan_ctx *c, int **group, struct strbuf *err)
{
    int rc = store_plan_rows_load(db, plan_id, rows);
    if (rc != 0)
        return rc;
    json_t *s = json_loads(rows->settings_json ? rows->settings_json : "{}", 0, NULL);
    const char *w = json_string_value(json_object_get(s, "weights"));
    int a = (int)json_integer_value(json_object_get(s, "size_min"));
    int b = (int)json_integer_value(json_object_get(s, "size_max"));
    rc = rows->m > 0 ? ctx_build(c, db, rows->programme_id, plan_id, w, rows->m, a, b, 1, err) : 1;
    json_decref(s);
    if (rc != 0) {
        if (rows->m == 0)
            memset(c, 0, sizeof *c);
        return rc < 0 ? -1 : -1;
    }
    *group = malloc(sizeof(int) * (size_t)c->in.n);
    struct id_index *ids = index_ids(&c->cohort);
    if (!*group || !ids) {
        free(ids);
        return -1;
    }
    for (int i = 0; i < c->in.n; i++)
        (*group)[i] = -1;
    for (int t = 0; t < rows->n; t++) {
        int i = find_id(ids, (size_t)c->in.n, rows->person_ids[t]);
        if (i >= 0)
            (*group)[i] = rows->group[t];
    }
    free(ids);
    return 0;
}

static const char *value_of(const struct cohort *c, size_t i, const char *attr)
{
    long a = cohort_attr_index(c, attr);
    return a >= 0 ? c->people[i].values[a] : "";
}

int plan_view(struct db *db, long long plan_id, json_t **out)
{
    struct store_plan_rows rows;
    struct plan_ctx c;
    struct strbuf err = {0};
    int *group = NULL;
    int rc = ctx_for_plan(db, plan_id, &rows, &c, &group, &err);
    if (rc == 1)
        return 1;
    json_t *broken = json_array();
    if (rc != 0) {
        /* The plan exists but its problem cannot be built: show it with the reason. */
        json_array_append_new(broken, json_string(err.data ? err.data : "out of memory"));
    }
    struct form_input *in = &c.in;
    json_t *sets = json_array();
    double objective = 0;
    int isolated = 0;
    if (rc == 0) {
        struct strbuf why = {0};
        int checker_group_ok = 1;
        for (int i = 0; i < in->n; i++) {
            if (group[i] < 0) {
                checker_group_ok = 0;
                json_array_append_new(
                    broken, json_pack("s+s", in->labels[i], " is in no set of this plan."));
            }
        }
        if (checker_group_ok) {
            form_check(&c.p, group, &why);
            objective = form_objective(&c.p, group);
            isolated = form_isolated(&c.p, group);
            for (char *line = why.data; line && *line;) {
                char *end = strchr(line, '\n');
                if (end)
                    *end = '\0';
                if (*line)
                    json_array_append_new(broken, json_string(line));
                line = end ? end + 1 : line + strlen(line);
            }
            store_plan_objective(db, plan_id, objective);
        }
        sb_free(&why);
    }
    for (int g = 0; g < rows.m; g++) {
        json_t *members = json_array(), *mix = json_object();
        int size = 0, known = 0;
        for (int i = 0; rc == 0 && i < in->n; i++) {
            if (group[i] != g)
                continue;
            size++;
            const struct cohort_person *p = &c.cohort.people[i];
            json_array_append_new(
                members, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)p->id,
                                   "name", p->name, "email", p->email, "organisation",
                                   value_of(&c.cohort, (size_t)i, "organisation"), "department",
                                   value_of(&c.cohort, (size_t)i, "department"), "location",
                                   value_of(&c.cohort, (size_t)i, "location"), "grade",
                                   value_of(&c.cohort, (size_t)i, "grade")));
        }
        for (int k = 0; rc == 0 && k < in->k; k++) {
            int distinct = 0;
            for (int i = 0; i < in->n; i++) {
                if (group[i] != g)
                    continue;
                int v = in->code[(size_t)i * (size_t)in->k + (size_t)k], seen = 0;
                for (int j = 0; j < i && !seen; j++)
                    seen = group[j] == g && in->code[(size_t)j * (size_t)in->k + (size_t)k] == v;
                distinct += !seen;
            }
            json_object_set_new(mix, c.cohort.attrs[k], json_integer(distinct));
        }
        for (int t = 0; rc == 0 && t < in->known_count; t++)
            known += group[in->known[t].a] == g && group[in->known[t].b] == g;
        json_array_append_new(
            sets, json_pack("{s:I, s:s, s:b, s:I, s:s?, s:i, s:o, s:i, s:o}", "id",
                            (json_int_t)rows.sets[g].id, "name", rows.sets[g].name, "locked",
                            rows.sets[g].locked, "facilitator_id",
                            (json_int_t)rows.sets[g].facilitator_id, "facilitator",
                            rows.sets[g].facilitator, "size", size, "mix", mix, "new_connections",
                            size * (size - 1) / 2 - known, "members", members));
    }
    double ub = rows.upper_bound;
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:f, s:o, s:o, s:i, s:o, s:o}", "id",
                          (json_int_t)plan_id, "programme_id", (json_int_t)rows.programme_id,
                          "name", rows.name ? rows.name : "", "status", rows.status, "objective",
                          objective, "upper_bound", ub >= 0 ? json_real(ub) : json_null(), "gap",
                          ub > 0 ? json_real((ub - objective) / ub) : json_null(), "isolated",
                          isolated, "broken", broken, "sets", sets);
    free(group);
    sb_free(&err);
    ctx_free(&c);
    store_plan_rows_free(&rows);
    if (!o)
        return -1;
    *out = o;
    return 0;
}

int plan_move(struct db *db, long long plan_id, long long person_id, long long set_id)
{
    return store_plan_move(db, plan_id, person_id, set_id);
}

int plan_reoptimise(struct db *db, long long plan_id, double seconds, long long seed,
                    struct strbuf *err)
{
    struct store_plan_rows rows;
    struct plan_ctx c;
    int *group = NULL, *pin = NULL;
    long long *pids = NULL, *set_ids = NULL;
    struct form_result r = {0};
    int rc = ctx_for_plan(db, plan_id, &rows, &c, &group, err);
    if (rc == 1)
        return 1;
    if (rc != 0)
        goto out;
    int n = c.in.n;
    pin = malloc(sizeof(int) * (size_t)n);
    pids = malloc(sizeof *pids * (size_t)n);
    set_ids = malloc(sizeof *set_ids * (size_t)n);
    rc = -1;
    if (!pin || !pids || !set_ids)
        goto out;
    for (int i = 0; i < n; i++) {
        pin[i] = c.in.pin ? c.in.pin[i] : -1;
        if (group[i] >= 0 && rows.sets[group[i]].locked)
            pin[i] = group[i];
    }
    c.p.pin = pin;
    struct form_options o = {.seed = (uint64_t)seed,
                             .seconds = seconds > 0 ? seconds : 1,
                             .target = c.ub,
                             .has_target = c.ub >= 0,
                             .start = group};
    rc = form_solve(&c.p, &o, &r, err);
    if (rc != 0)
        goto out;
    for (int i = 0; i < n; i++) {
        pids[i] = c.cohort.people[i].id;
        set_ids[i] = rows.sets[r.group[i]].id;
    }
    rc = store_plan_replace(db, plan_id, n, pids, set_ids, r.objective);
    if (rc != 0)
        sb_append(err, "the plan could not be saved");
out:
    free(r.group);
    free(pin);
    free(pids);
    free(set_ids);
    free(group);
    ctx_free(&c);
    store_plan_rows_free(&rows);
    return rc;
}

/* Splits "a, b" at the first comma or tab; trims both parts in place. */
static int split_pair(char *line, char **x, char **y)
{
    char *sep = strpbrk(line, ",\t");
    if (!sep)
        return -1;
    *sep = '\0';
    *x = line;
    *y = sep + 1;
    for (char **p = x; p; p = p == x ? y : NULL) {
        while (**p == ' ')
            (*p)++;
        size_t len = strlen(*p);
        while (len && ((*p)[len - 1] == ' ' || (*p)[len - 1] == '\r'))
            (*p)[--len] = '\0';
    }
    return **x && **y ? 0 : -1;
}

int plan_rules_set(struct db *db, long long programme_id, const char *apart, const char *pins,
                   struct strbuf *err)
{
    if (db_begin(db) != 0)
        return -1;
    int problems = 0, rc = store_rules_clear(db, programme_id);
    const char *texts[2] = {apart ? apart : "", pins ? pins : ""};
    for (int kind = 0; kind < 2 && rc == 0; kind++) {
        char *copy = str_printf("%s", texts[kind]);
        int line_no = 0;
        for (char *line = copy; rc == 0 && line && *line;) {
            char *end = strchr(line, '\n');
            if (end)
                *end = '\0';
            line_no++;
            char *x, *y;
            long long a = 0, b = 0;
            if (strspn(line, " \r") == strlen(line)) {
                /* blank line */
            } else if (split_pair(line, &x, &y) != 0) {
                sb_printf(err, "%s line %d: write two entries separated by a comma.\n",
                          kind ? "Pins" : "Keep apart", line_no);
                problems++;
            } else if (store_person_by_email(db, x, &a) != 0 ||
                       (!kind && store_person_by_email(db, y, &b) != 0)) {
                sb_printf(err, "%s line %d: nobody has the email %s.\n",
                          kind ? "Pins" : "Keep apart", line_no, a ? y : x);
                problems++;
            } else {
                rc = store_rule_add(db, programme_id, kind ? "pin" : "apart", a, kind ? 0 : b,
                                    kind ? y : NULL);
            }
            line = end ? end + 1 : NULL;
        }
        free(copy);
    }
    if (rc != 0 || problems) {
        db_rollback(db);
        return rc != 0 ? -1 : 1;
    }
    return db_commit(db) == 0 ? 0 : -1;
}

const char *plan_weights_problem(const char *spec)
{
    if (!spec)
        return NULL;
    const char *p = spec;
    while (*p == ' ')
        p++;
    while (*p) {
        const char *eq = strchr(p, '=');
        const char *comma = strchr(p, ',');
        if (!eq || (comma && comma < eq) || eq == p)
            return "Weights are written name=number, separated by commas, e.g. "
                   "organisation=3,department=2.";
        char *end;
        double w = strtod(eq + 1, &end);
        while (*end == ' ')
            end++;
        if (end == eq + 1 || (*end && *end != ',') || !(w >= 0 && w <= 1000))
            return "Each weight must be a number from 0 to 1000.";
        p = *end ? end + 1 : end;
        while (*p == ' ')
            p++;
    }
    return NULL;
}
