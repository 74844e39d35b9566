/* Forming and editing set plans: the problem from plan_problem (the one assembly), the formation
 * engine, and the plan tables. Only the POSTs write; showing a plan re-scores it and writes
 * nothing. */
#include "app/plans/plan_service.h"

#include "app/plans/plan_broken.h"
#include "engine/formation/formation.h"
#include "store/store_people.h"
#include "store/store_plan_moves.h"
#include "store/store_plans.h"
#include "store/store_sets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static enum status solve(struct plan_formed *f, const struct plan_settings *s, struct strbuf *err)
{
    struct form_options o = {.seed = (uint64_t)s->seed,
                             .seconds = s->iterations > 0 ? 0
                                        : s->seconds > 0  ? s->seconds
                                                          : 1,
                             .max_iterations = s->iterations,
                             .target = f->pb.ub,
                             .has_target = f->pb.ub >= 0};
    int rc = form_solve(&f->pb.p, &o, &f->r, err);
    if (rc < 0)
        sb_append(err, "out of memory");
    return rc == 0 ? STATUS_OK : rc > 0 ? STATUS_INVALID : STATUS_FAILED;
}

enum status plan_form_cohort(struct cohort *cohort, const struct plan_settings *s,
                             struct plan_formed *out, struct strbuf *err)
{
    memset(out, 0, sizeof *out);
    enum status st = plan_problem_build(&out->pb, cohort, s, 0, NULL, NULL, 0, 0, err);
    return st == STATUS_OK ? solve(out, s, err) : st;
}

/* Saves OUT as a plan of PROGRAMME_ID named after S (or "Plan N"). */
static enum status save(struct db *db, long long programme_id, const struct plan_settings *s,
                        struct plan_formed *out, struct strbuf *err)
{
    struct plan_settings recorded = *s;
    recorded.seconds = s->iterations > 0 ? 0 : s->seconds > 0 ? s->seconds : 1;
    char *settings = plan_settings_json(&out->pb, &recorded), *name = NULL, *msg = NULL;
    long long *pids = malloc(sizeof *pids * ((size_t)out->pb.in.n + 1));
    int rc = -1;
    if (!settings || !pids)
        goto out;
    for (int i = 0; i < out->pb.in.n; i++)
        pids[i] = out->pb.cohort.people[i].id;
    for (int t = 1; t < 1000; t++) {
        free(name);
        name = s->name && *s->name
                   ? (t == 1 ? str_printf("%s", s->name) : str_printf("%s (%d)", s->name, t))
                   : str_printf("Plan %d", t);
        if (!name)
            break;
        struct store_plan plan = {.programme_id = programme_id,
                                  .name = name,
                                  .objective = out->r.objective,
                                  .upper_bound = out->pb.ub >= 0 ? &out->pb.ub : NULL,
                                  .settings_json = settings,
                                  .m = out->pb.in.m,
                                  .set_names = (const char *const *)out->pb.in.set_names,
                                  .n = out->pb.in.n,
                                  .person_ids = pids,
                                  .group = out->r.group};
        rc = store_plan_save(db, &plan, &out->plan_id, &msg);
        if (rc != 1 || (s->exact_name && s->name && *s->name))
            break;
    }
out:
    if (rc > 0)
        sb_append(err, "the programme already has a plan of that name");
    else if (rc < 0)
        sb_append(err, msg ? msg : "the plan could not be saved");
    free(msg);
    free(name);
    free(pids);
    free(settings);
    return rc == 0 ? STATUS_OK : rc > 0 ? STATUS_CONFLICT : STATUS_FAILED;
}

enum status plan_form_programme(struct db *db, long long programme_id,
                                const struct plan_settings *s, int keep, struct plan_formed *out,
                                struct strbuf *err)
{
    memset(out, 0, sizeof *out);
    struct cohort cohort = {0};
    char *msg = NULL;
    if (store_load_cohort(db, programme_id, &cohort, &msg) != 0) {
        sb_append(err, msg ? msg : "the programme could not be loaded");
        free(msg);
        return STATUS_FAILED;
    }
    /* Blank weights mean the programme's own, set on its edit page (or the engine's defaults). */
    struct plan_settings with = *s;
    char *stored = NULL;
    if ((!s->weights || !*s->weights) && store_programme_weights(db, programme_id, &stored) == 0)
        with.weights = stored;
    enum status st =
        plan_problem_build(&out->pb, &cohort, &with, 0, NULL, db, programme_id, 0, err);
    if (st == STATUS_OK)
        st = solve(out, &with, err);
    if (st == STATUS_OK && keep)
        st = save(db, programme_id, &with, out, err);
    free(stored);
    return st;
}

void plan_formed_free(struct plan_formed *f)
{
    free(f->r.group);
    plan_problem_free(&f->pb);
    memset(f, 0, sizeof *f);
}

enum status plan_form(struct db *db, long long programme_id, const struct plan_settings *s,
                      long long *plan_id, struct strbuf *err)
{
    struct plan_formed f;
    enum status st = plan_form_programme(db, programme_id, s, 1, &f, err);
    *plan_id = f.plan_id;
    plan_formed_free(&f);
    return st;
}

/* Loads plan PLAN_ID and its problem, built with the settings it was formed with; GROUP (caller
 * frees) maps cohort people to plan sets (-1 for someone the plan does not hold). Returns
 * STATUS_OK, STATUS_NOT_FOUND, STATUS_INVALID when the problem cannot be built (ERR), or
 * STATUS_FAILED; ROWS and PB are to be freed in every case. Writes nothing. */
static enum status ctx_for_plan(struct db *db, long long plan_id, struct store_plan_rows *rows,
                                struct plan_problem *pb, int **group, struct strbuf *err)
{
    memset(pb, 0, sizeof *pb);
    *group = NULL;
    int rc = store_plan_rows_load(db, plan_id, rows);
    if (rc != 0)
        return rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    if (rows->m == 0) {
        sb_append(err, "the plan has no sets");
        return STATUS_INVALID;
    }
    struct plan_settings s;
    char *weights = NULL, *msg = NULL;
    json_t *owner = NULL;
    const json_t *extra = NULL;
    plan_settings_parse(rows->settings_json, &s, &weights, &owner, &extra);
    s.weights = weights;
    s.sets = rows->m;
    struct cohort cohort = {0};
    enum status st = STATUS_FAILED;
    if (store_load_cohort(db, rows->programme_id, &cohort, &msg) != 0)
        sb_append(err, msg ? msg : "the programme could not be loaded");
    else
        st = plan_problem_build(pb, &cohort, &s, 1, extra, db, rows->programme_id, plan_id, err);
    free(msg);
    free(weights);
    json_decref(owner);
    if (st != STATUS_OK)
        return st;
    *group = plan_problem_group(pb, rows->n, rows->person_ids, rows->group);
    if (!*group) {
        sb_append(err, "out of memory");
        return STATUS_FAILED;
    }
    return STATUS_OK;
}

static const char *value_of(const struct cohort *c, size_t i, const char *attr)
{
    long a = cohort_attr_index(c, attr);
    return a >= 0 ? c->people[i].values[a] : "";
}

/* The values of attribute K among the members of set G with how many have each, most first:
 * [{value, count}] ("" is "not given"). */
static json_t *breakdown_of(const struct plan_problem *c, const int *group, int g, int k)
{
    const struct form_input *in = &c->in;
    json_t *values = json_array();
    int n = in->n, *count = calloc((size_t)n + 1, sizeof(int)),
        *first = calloc((size_t)n + 1, sizeof(int));
    if (!values || !count || !first) {
        free(count);
        free(first);
        json_decref(values);
        return NULL;
    }
    /* Value codes are 0..n-1: count them, remembering one holder of each for its text. */
    for (int i = 0; i < n; i++) {
        if (group[i] != g)
            continue;
        int v = in->code[(size_t)i * (size_t)in->k + (size_t)k];
        if (!count[v]++)
            first[v] = i;
    }
    for (;;) {
        int best = -1;
        for (int v = 0; v < n; v++)
            if (count[v] > 0 && (best < 0 || count[v] > count[best]))
                best = v;
        if (best < 0)
            break;
        json_array_append_new(values, json_pack("{s:s, s:i}", "value",
                                                c->cohort.people[first[best]].values[k], "count",
                                                count[best]));
        count[best] = 0;
    }
    free(count);
    free(first);
    return values;
}

/* {person_id, person, from, to} of the move Undo would put back, or JSON null. */
static json_t *undo_of(struct db *db, long long plan_id)
{
    struct store_plan_move mv;
    if (store_plan_move_last(db, plan_id, &mv) != 0)
        return json_null();
    json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "person_id", (json_int_t)mv.person_id, "person",
                          mv.person, "from", mv.from_set, "to", mv.to_set);
    store_plan_move_free(&mv);
    return o ? o : json_null();
}

enum status plan_view(struct db *db, long long plan_id, json_t **out)
{
    struct store_plan_rows rows;
    struct plan_problem c;
    struct strbuf err = {0};
    int *group = NULL;
    enum status st = ctx_for_plan(db, plan_id, &rows, &c, &group, &err);
    if (st == STATUS_NOT_FOUND || rows.id == 0) {
        sb_free(&err);
        plan_problem_free(&c);
        return st == STATUS_NOT_FOUND ? st : STATUS_FAILED;
    }
    int rc = st == STATUS_OK ? 0 : -1;
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
        int whole = 1;
        for (int i = 0; i < in->n; i++)
            whole &= group[i] >= 0;
        const char **names = malloc(sizeof(char *) * ((size_t)rows.m + 1));
        if (!names || rows.m != in->m) {
            json_array_append_new(broken,
                                  json_string("The plan's sets do not match its settings."));
        } else {
            for (int g = 0; g < rows.m; g++)
                names[g] = rows.sets[g].name;
            if (plan_broken_rules(&c, group, names, broken) < 0)
                rc = -1;
        }
        free(names);
        if (whole) {
            objective = form_objective(&c.p, group);
            isolated = form_isolated(&c.p, group);
        }
    }
    for (int g = 0; g < rows.m; g++) {
        json_t *members = json_array(), *mix = json_object(), *breakdown = json_array();
        int size = 0, known = 0;
        for (int i = 0; rc == 0 && i < in->n; i++) {
            if (group[i] != g)
                continue;
            size++;
            const struct cohort_person *p = &c.cohort.people[i];
            json_t *attrs = json_object();
            for (int k = 0; k < in->k; k++)
                json_object_set_new(attrs, c.cohort.attrs[k], json_string(p->values[k]));
            json_array_append_new(
                members,
                json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s}", "id", (json_int_t)p->id,
                          "name", p->name, "email", p->email, "attributes", attrs, "organisation",
                          value_of(&c.cohort, (size_t)i, "organisation"), "department",
                          value_of(&c.cohort, (size_t)i, "department"), "location",
                          value_of(&c.cohort, (size_t)i, "location"), "grade",
                          value_of(&c.cohort, (size_t)i, "grade")));
        }
        for (int k = 0; rc == 0 && k < in->k; k++) {
            json_t *values = breakdown_of(&c, group, g, k);
            json_object_set_new(mix, c.cohort.attrs[k],
                                json_integer((json_int_t)json_array_size(values)));
            json_array_append_new(breakdown, json_pack("{s:s, s:o}", "attribute", c.cohort.attrs[k],
                                                       "values", values ? values : json_array()));
        }
        for (int t = 0; rc == 0 && t < in->known_count; t++)
            known += group[in->known[t].a] == g && group[in->known[t].b] == g;
        json_array_append_new(sets,
                              json_pack("{s:I, s:s, s:b, s:I, s:s?, s:i, s:o, s:o, s:i, s:o}", "id",
                                        (json_int_t)rows.sets[g].id, "name", rows.sets[g].name,
                                        "locked", rows.sets[g].locked, "facilitator_id",
                                        (json_int_t)rows.sets[g].facilitator_id, "facilitator",
                                        rows.sets[g].facilitator, "size", size, "mix", mix,
                                        "breakdown", breakdown, "new_connections",
                                        size * (size - 1) / 2 - known, "members", members));
    }
    double ub = rows.upper_bound;
    size_t broken_count = json_array_size(broken);
    /* The score is the objective only while every hard rule holds: a plan that breaks one is not
     * a plan the lead can use, so it has no score (null) however well it mixes (issue 15: the
     * score rose from 986.5 to 999.5 while rules were broken). "objective" stays the raw mix. */
    json_t *o = json_pack(
        "{s:I, s:I, s:s, s:s, s:f, s:o, s:I, s:o, s:o, s:i, s:o, s:o, s:o}", "id",
        (json_int_t)plan_id, "programme_id", (json_int_t)rows.programme_id, "name",
        rows.name ? rows.name : "", "status", rows.status, "objective", objective, "score",
        broken_count ? json_null() : json_real(objective), "broken_count", (json_int_t)broken_count,
        "upper_bound", ub >= 0 ? json_real(ub) : json_null(), "gap",
        ub > 0 && !broken_count ? json_real((ub - objective) / ub) : json_null(), "isolated",
        isolated, "broken", broken, "undo", undo_of(db, plan_id), "sets", sets);
    free(group);
    sb_free(&err);
    plan_problem_free(&c);
    store_plan_rows_free(&rows);
    if (!o)
        return STATUS_FAILED;
    *out = o;
    return STATUS_OK;
}

/* The objective of plan PLAN_ID as it stands, scored with the settings it was formed with:
 * STATUS_OK with *OBJECTIVE, or the status of ctx_for_plan. */
static enum status rescore(struct db *db, long long plan_id, double *objective)
{
    struct store_plan_rows rows;
    struct plan_problem c;
    struct strbuf err = {0};
    int *group = NULL;
    enum status st = ctx_for_plan(db, plan_id, &rows, &c, &group, &err);
    if (st == STATUS_OK) {
        /* As plan_view: a plan that leaves someone out scores 0 until they are placed. */
        int whole = 1;
        for (int i = 0; i < c.in.n; i++)
            whole &= group[i] >= 0;
        *objective = whole ? form_objective(&c.p, group) : 0;
    }
    free(group);
    sb_free(&err);
    plan_problem_free(&c);
    store_plan_rows_free(&rows);
    return st;
}

/* Records the objective of PLAN_ID as it now stands. A plan whose problem cannot be built keeps
 * its last objective: the page says why. */
static enum status record_objective(struct db *db, long long plan_id)
{
    double objective = 0;
    enum status scored = rescore(db, plan_id, &objective);
    if (scored == STATUS_OK && store_plan_objective(db, plan_id, objective) != 0)
        return STATUS_FAILED;
    return scored == STATUS_FAILED ? STATUS_FAILED : STATUS_OK;
}

enum status plan_move_within(struct db *db, long long plan_id, long long person_id,
                             long long set_id)
{
    long long from = 0, pin = 0;
    int had = store_plan_set_of(db, plan_id, person_id, &from);
    int pinned = had == 0 ? store_plan_pin_of(db, plan_id, person_id, &pin) : 0;
    if (had < 0 || pinned < 0)
        return STATUS_FAILED;
    int rc = store_plan_move(db, plan_id, person_id, set_id);
    enum status st = rc > 0 ? STATUS_NOT_FOUND : rc < 0 ? STATUS_FAILED : STATUS_OK;
    /* A move by hand is a decision: re-optimising keeps it (a pin of this plan). */
    if (st == STATUS_OK && store_plan_pin(db, plan_id, person_id, set_id) != 0)
        st = STATUS_FAILED;
    /* Kept for Undo, with the pin the person had before (none: 0). */
    if (st == STATUS_OK && from != set_id &&
        store_plan_move_record(db, plan_id, person_id, from, set_id, pinned == 0 ? pin : 0) != 0)
        st = STATUS_FAILED;
    return st == STATUS_OK ? record_objective(db, plan_id) : st;
}

enum status plan_undo_within(struct db *db, long long plan_id)
{
    struct store_plan_move mv;
    int rc = store_plan_move_last(db, plan_id, &mv);
    if (rc != 0)
        return rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    enum status st = STATUS_FAILED;
    rc = store_plan_move(db, plan_id, mv.person_id, mv.from_set_id);
    if (rc > 0)
        st = STATUS_NOT_FOUND;
    else if (rc == 0 &&
             (mv.pin_set_id ? store_plan_pin(db, plan_id, mv.person_id, mv.pin_set_id)
                            : store_plan_unpin(db, plan_id, mv.person_id)) == 0 &&
             store_plan_moves_forget(db, plan_id, mv.id) == 0)
        st = record_objective(db, plan_id);
    store_plan_move_free(&mv);
    return st;
}

enum status plan_move(struct db *db, long long plan_id, long long person_id, long long set_id)
{
    if (db_begin(db) != 0)
        return STATUS_FAILED;
    enum status st = plan_move_within(db, plan_id, person_id, set_id);
    if (st != STATUS_OK) {
        db_rollback(db);
        return st;
    }
    return db_commit(db) == 0 ? STATUS_OK : STATUS_FAILED;
}

/* Pins in PIN (indices into the plan's sets) the people moved by hand and, unless INCLUDE_MET,
 * the members of sets that have met before AT. 0 or -1. */
static int keep_decided(struct db *db, long long plan_id, const struct store_plan_rows *rows,
                        const struct plan_problem *c, const int *group, int include_met,
                        const char *at, int *pin)
{
    long long *pp = NULL, *ps = NULL, *met = NULL;
    size_t np = 0, nm = 0;
    if (store_plan_pins(db, plan_id, &pp, &ps, &np) != 0)
        return -1;
    if (!include_met && store_plan_sets_met(db, plan_id, at, &met, &nm) != 0) {
        free(pp);
        free(ps);
        return -1;
    }
    for (int i = 0; i < c->in.n; i++) {
        for (size_t k = 0; k < np; k++) {
            if (pp[k] != c->cohort.people[i].id)
                continue;
            for (int g = 0; g < rows->m; g++)
                if (rows->sets[g].id == ps[k])
                    pin[i] = g;
        }
        for (size_t k = 0; group[i] >= 0 && k < nm; k++)
            if (rows->sets[group[i]].id == met[k])
                pin[i] = group[i];
    }
    free(pp);
    free(ps);
    free(met);
    return 0;
}

enum status plan_reoptimise(struct db *db, long long plan_id, double seconds, long iterations,
                            long long seed, int include_met, const char *at, struct strbuf *err)
{
    struct store_plan_rows rows;
    struct plan_problem c;
    int *group = NULL, *pin = NULL;
    long long *pids = NULL, *set_ids = NULL;
    struct form_result r = {0};
    enum status st = ctx_for_plan(db, plan_id, &rows, &c, &group, err);
    if (st != STATUS_OK)
        goto out;
    int n = c.in.n;
    pin = malloc(sizeof(int) * (size_t)n);
    pids = malloc(sizeof *pids * (size_t)n);
    set_ids = malloc(sizeof *set_ids * (size_t)n);
    st = STATUS_FAILED;
    if (!pin || !pids || !set_ids)
        goto out;
    for (int i = 0; i < n; i++) {
        pin[i] = c.in.pin ? c.in.pin[i] : -1;
        if (group[i] >= 0 && rows.sets[group[i]].locked)
            pin[i] = group[i];
    }
    if (keep_decided(db, plan_id, &rows, &c, group, include_met, at, pin) != 0)
        goto out;
    /* Everyone kept where they are (locked, moved by hand, or in a set that has met): there is
     * nothing to search, and the plan stays as it is, broken rules and all. */
    int all_kept = 1;
    for (int i = 0; i < n; i++)
        all_kept &= pin[i] >= 0 && pin[i] == group[i];
    if (all_kept) {
        st = STATUS_OK;
        goto out;
    }
    c.p.pin = pin;
    /* An iteration budget makes the search reproducible on any machine; seconds do not. */
    struct form_options o = {.seed = (uint64_t)seed,
                             .seconds = iterations > 0 ? 0
                                        : seconds > 0  ? seconds
                                                       : 1,
                             .max_iterations = iterations > 0 ? iterations : 0,
                             .target = c.ub,
                             .has_target = c.ub >= 0,
                             .start = group};
    int rc = form_solve(&c.p, &o, &r, err);
    if (rc != 0) {
        st = rc > 0 ? STATUS_INVALID : STATUS_FAILED;
        goto out;
    }
    for (int i = 0; i < n; i++) {
        pids[i] = c.cohort.people[i].id;
        set_ids[i] = rows.sets[r.group[i]].id;
    }
    st = STATUS_OK;
    /* The moves by hand stay as pins; undoing one after the search would undo half a plan. */
    if (store_plan_moves_forget(db, plan_id, 0) != 0 ||
        store_plan_replace(db, plan_id, n, pids, set_ids, r.objective) != 0) {
        sb_append(err, "the plan could not be saved");
        st = STATUS_FAILED;
    }
out:
    free(r.group);
    free(pin);
    free(pids);
    free(set_ids);
    free(group);
    plan_problem_free(&c);
    store_plan_rows_free(&rows);
    return st;
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

enum status plan_rules_set(struct db *db, long long programme_id, const char *apart,
                           const char *pins, struct strbuf *err)
{
    if (db_begin(db) != 0)
        return STATUS_FAILED;
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
        return rc != 0 ? STATUS_FAILED : STATUS_INVALID;
    }
    return db_commit(db) == 0 ? STATUS_OK : STATUS_FAILED;
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
