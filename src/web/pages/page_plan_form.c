/* The form for forming sets (GET and POST /programmes/#/form): the cohort's attributes each with
 * a weight, the rules with a plain explanation each, people chosen by name. A mistake re-shows
 * the form (422) with everything typed and the problem next to its field. */
#include "web/pages/page_plan.h"

#include "app/plans/plan_form.h"
#include "app/plans/plan_service.h"
#include "store/store_plans.h"
#include "web/http/views.h"
#include "web/http/web.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many empty rows each kind of rule shows after the ones filled in. */
#define FORM_BLANK_ROWS 3

struct problem {
    char *field, *message;
};

/* One rendering of the form: what was posted (NULL on a first GET) and its problems. */
struct form_ctx {
    struct web_request *r;
    struct plan_form_choices ch;
    const struct formdata *posted;
    struct problem *problems;
    size_t problem_count;
    char lo[16], hi[16];
};

static void problem_add(struct form_ctx *c, char *field, char *message)
{
    struct problem *grown = realloc(c->problems, sizeof *grown * (c->problem_count + 1));
    if (!grown || !field || !message) {
        free(field);
        free(message);
        return;
    }
    c->problems = grown;
    c->problems[c->problem_count++] = (struct problem){field, message};
}

static const char *problem_of(const struct form_ctx *c, const char *field)
{
    for (size_t i = 0; i < c->problem_count; i++)
        if (strcmp(c->problems[i].field, field) == 0)
            return c->problems[i].message;
    return NULL;
}

/* What to show in FIELD: what was posted, else FALLBACK. */
static const char *value(const struct form_ctx *c, const char *field, const char *fallback)
{
    if (!c->posted)
        return fallback ? fallback : "";
    const char *v = formdata_get(c->posted, field);
    return v ? v : "";
}

/* An input with its label, hint and problem (aria-invalid, aria-describedby). FIELD is both
 * name and id; LIST names a datalist or is NULL. */
static void field(struct html *page, const struct form_ctx *c, const char *type, const char *name,
                  const char *label, const char *hint, const char *fallback, const char *list)
{
    const char *problem = problem_of(c, name);
    H(page, "<p class=\"field\"><label for=\"");
    html_text(page, name);
    H(page, "\">");
    html_text(page, label);
    H(page, "</label>\n");
    if (hint) {
        H(page, "<span class=\"hint\" id=\"h-");
        html_text(page, name);
        H(page, "\">");
        html_text(page, hint);
        H(page, "</span>\n");
    }
    if (problem) {
        H(page, "<span class=\"field-error\" id=\"e-");
        html_text(page, name);
        H(page, "\">");
        html_text(page, problem);
        H(page, "</span>\n");
    }
    H(page, "<input type=\"");
    html_text(page, type);
    H(page, "\" id=\"");
    html_text(page, name);
    H(page, "\" name=\"");
    html_text(page, name);
    H(page, "\" value=\"");
    html_text(page, value(c, name, fallback));
    H(page, "\"");
    if (strcmp(type, "number") == 0)
        H(page, " step=\"any\" min=\"0\"");
    if (list) {
        H(page, " list=\"");
        html_text(page, list);
        H(page, "\" autocomplete=\"off\"");
    }
    if (problem || hint) {
        H(page, " aria-describedby=\"");
        if (hint) {
            H(page, "h-");
            html_text(page, name);
        }
        if (problem) {
            if (hint)
                H(page, " ");
            H(page, "e-");
            html_text(page, name);
        }
        H(page, "\"");
    }
    if (problem)
        H(page, " aria-invalid=\"true\"");
    H(page, "></p>\n");
}

static char *num(double v)
{
    return str_printf("%g", v);
}

static void weights_fieldset(struct html *page, struct form_ctx *c)
{
    H(page, "<fieldset><legend>What to mix</legend>\n<p class=\"hint\">How much each kind of "
            "difference between set-mates counts: 0 ignores it, higher numbers count more. The "
            "programme's own weights are filled in.</p>\n");
    for (size_t k = 0; k < c->ch.attr_count; k++) {
        char *name = str_printf("w-%s", c->ch.attrs[k]);
        char *label = str_printf("Different %s", c->ch.attrs[k]);
        char *w = num(c->ch.weights[k]);
        if (name && label && w)
            field(page, c, "number", name, label, NULL, w, NULL);
        free(name);
        free(label);
        free(w);
    }
    char *w = num(c->ch.w_new);
    field(page, c, "number", "w-new", "Do not know each other yet",
          "People who have not shared a set before and are not connected in a network survey.", w,
          NULL);
    free(w);
    w = num(c->ch.w_similar);
    field(page, c, "number", "w-similar", "Similar challenges",
          "Puts together people whose challenges shared with the cohort fall in one theme; 0 for "
          "none.",
          w, NULL);
    free(w);
    H(page, "</fieldset>\n");
}

/* How many rows of PREFIX rules to show: those posted or stored, and some blank ones. */
static size_t rule_rows(const struct form_ctx *c, const char *prefix, char kind)
{
    size_t filled = 0;
    if (c->posted) {
        for (size_t i = 0; i < PLAN_FORM_MAX_RULES; i++) {
            char *a = str_printf("%s-%zu-a", prefix, i);
            const char *v = a ? formdata_get(c->posted, a) : NULL;
            free(a);
            if (!v)
                break;
            filled = i + 1;
        }
    } else {
        for (size_t t = 0; t < c->ch.rule_count; t++)
            filled += c->ch.rules[t].kind == kind;
    }
    size_t rows = filled + FORM_BLANK_ROWS;
    return rows > PLAN_FORM_MAX_RULES ? PLAN_FORM_MAX_RULES : rows;
}

/* The Nth stored rule of KIND, or NULL. */
static const struct plan_form_rule *stored(const struct form_ctx *c, char kind, size_t nth)
{
    for (size_t t = 0; t < c->ch.rule_count; t++)
        if (c->ch.rules[t].kind == kind && nth-- == 0)
            return &c->ch.rules[t];
    return NULL;
}

static void pair_rows(struct html *page, struct form_ctx *c, const char *prefix, char kind,
                      const char *legend, const char *explain)
{
    H(page, "<fieldset><legend>");
    html_text(page, legend);
    H(page, "</legend>\n<p class=\"hint\">");
    html_text(page, explain);
    H(page, "</p>\n");
    size_t rows = rule_rows(c, prefix, kind);
    for (size_t i = 0; i < rows; i++) {
        const struct plan_form_rule *r = stored(c, kind, i);
        char *a = str_printf("%s-%zu-a", prefix, i), *b = str_printf("%s-%zu-b", prefix, i);
        char *la = str_printf("Pair %zu: first person", i + 1);
        char *lb = str_printf("Pair %zu: second person", i + 1);
        if (a && b && la && lb) {
            H(page, "<div class=\"rule-row\">");
            field(page, c, "text", a, la, NULL, r ? c->ch.people[r->a].label : "", "people");
            field(page, c, "text", b, lb, NULL, r ? c->ch.people[r->b].label : "", "people");
            H(page, "</div>\n");
        }
        free(a);
        free(b);
        free(la);
        free(lb);
    }
    H(page, "</fieldset>\n");
}

static void pin_rows(struct html *page, struct form_ctx *c)
{
    H(page, "<fieldset><legend>Pins</legend>\n<p class=\"hint\">A person who must be in a given "
            "set, e.g. a facilitator's own set: the set's number or name (Set 2).</p>\n");
    size_t rows = rule_rows(c, "pin", 'p');
    for (size_t i = 0; i < rows; i++) {
        const struct plan_form_rule *r = stored(c, 'p', i);
        char *a = str_printf("pin-%zu-a", i), *b = str_printf("pin-%zu-b", i);
        char *la = str_printf("Pin %zu: person", i + 1), *lb = str_printf("Pin %zu: set", i + 1);
        if (a && b && la && lb) {
            H(page, "<div class=\"rule-row\">");
            field(page, c, "text", a, la, NULL, r ? c->ch.people[r->a].label : "", "people");
            field(page, c, "text", b, lb, NULL, r ? r->set_name : "", NULL);
            H(page, "</div>\n");
        }
        free(a);
        free(b);
        free(la);
        free(lb);
    }
    H(page, "</fieldset>\n");
}

static void rules_fieldsets(struct html *page, struct form_ctx *c)
{
    const char *chain = value(c, "chain", "1");
    H(page, "<fieldset><legend>Line managers</legend>\n<p class=\"field\"><label "
            "for=\"chain\">Keep people apart from their managers</label>\n<span class=\"hint\" "
            "id=\"h-chain\">Nobody shares a set with someone this many levels above them in the "
            "management chain (the cohort's manager column).</span>\n<select id=\"chain\" "
            "name=\"chain\" aria-describedby=\"h-chain\">");
    static const char *const choices[][2] = {{"1", "Their line manager"},
                                             {"2", "Their line manager and the one above"},
                                             {"3", "Three levels up"},
                                             {"0", "Off: managers may share a set"}};
    for (size_t i = 0; i < 4; i++) {
        H(page, "<option value=\"");
        html_text(page, choices[i][0]);
        H(page, "\"");
        if (strcmp(chain, choices[i][0]) == 0)
            H(page, " selected");
        H(page, ">");
        html_text(page, choices[i][1]);
        H(page, "</option>");
    }
    H(page, "</select></p>\n</fieldset>\n");
    H(page, "<fieldset><legend>Nobody on their own</legend>\n<p class=\"hint\" id=\"h-iso\">For "
            "a column ticked here, a person who is in a minority (e.g. the only woman) is placed "
            "with at least one other person like them when the rules allow.</p>\n");
    for (size_t k = 0; k < c->ch.attr_count; k++) {
        char *name = str_printf("iso-%s", c->ch.attrs[k]);
        if (!name)
            continue;
        bool on = c->posted && formdata_get(c->posted, name);
        H(page, "<p class=\"field check\"><input type=\"checkbox\" value=\"1\" id=\"");
        html_text(page, name);
        H(page, "\" name=\"");
        html_text(page, name);
        H(page, "\"");
        if (on)
            H(page, " checked");
        H(page, "> <label for=\"");
        html_text(page, name);
        H(page, "\">Do not leave anyone alone by ");
        html_text(page, c->ch.attrs[k]);
        H(page, "</label></p>\n");
        free(name);
    }
    H(page, "</fieldset>\n");
    pair_rows(page, c, "apart", 'a', "Keep apart",
              "Two people who must never share a set (a conflict of interest, a difficult "
              "history). Type a name and pick it from the list.");
    pair_rows(page, c, "together", 't', "Keep together",
              "Two people who must share a set (e.g. a job share).");
    pin_rows(page, c);
    H(page, "<datalist id=\"people\">");
    for (size_t i = 0; i < c->ch.people_count; i++) {
        H(page, "<option value=\"");
        html_text(page, c->ch.people[i].label);
        H(page, "\"></option>");
    }
    H(page, "</datalist>\n");
}

static void render(struct form_ctx *c, int status)
{
    struct web_request *r = c->r;
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Form sets", &v);
    if (c->problem_count) {
        H(&page, "<div class=\"error\" role=\"alert\" id=\"problems\"><p>The sets were not "
                 "formed. Please correct this:</p><ul>\n");
        for (size_t i = 0; i < c->problem_count; i++) {
            H(&page, "<li>");
            if (strcmp(c->problems[i].field, "form") != 0) {
                H(&page, "<a href=\"#");
                html_text(&page, c->problems[i].field);
                H(&page, "\">");
            }
            html_text(&page, c->problems[i].message);
            if (strcmp(c->problems[i].field, "form") != 0)
                H(&page, "</a>");
            H(&page, "</li>\n");
        }
        H(&page, "</ul></div>\n");
    }
    long long plan_id;
    if (store_plan_latest(r->db, r->ids[0], &plan_id) == 0) {
        H(&page, "<p><a href=\"/plans/");
        html_int(&page, plan_id);
        H(&page, "\">See the latest plan</a></p>\n");
    }
    H(&page, "<form method=\"post\" action=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "/form\" class=\"stack\" data-busy=\"Forming sets…\" novalidate>\n");
    html_csrf(&page, r->csrf);
    field(&page, c, "text", "name", "Plan name", "Blank for Plan 1, Plan 2, ...", "", NULL);
    H(&page, "<fieldset><legend>Size</legend>\n<p class=\"hint\">Either a number of sets, or the "
             "smallest and largest set: every set is then between the two, exactly as "
             "chosen.</p>\n");
    field(&page, c, "number", "sets", "Number of sets", "Blank to use the sizes.", "", NULL);
    field(&page, c, "number", "size_min", "Smallest set", NULL, c->lo, NULL);
    field(&page, c, "number", "size_max", "Largest set", NULL, c->hi, NULL);
    H(&page, "</fieldset>\n");
    weights_fieldset(&page, c);
    rules_fieldsets(&page, c);
    H(&page, "<fieldset><legend>Search</legend>\n");
    field(&page, c, "number", "seconds", "Seconds to search", "Up to 60.", "2", NULL);
    field(&page, c, "number", "seed", "Seed", NULL, "1", NULL);
    field(&page, c, "number", "iterations",
          "Iterations instead of seconds (blank for none; the same plan for a seed)", NULL, "",
          NULL);
    H(&page, "</fieldset>\n<p><button type=\"submit\">Form sets</button></p>\n</form>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

static int ctx_init(struct form_ctx *c, struct web_request *r)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    struct strbuf err = {0};
    if (plan_form_choices_load(r->db, r->ids[0], &c->ch, &err) != STATUS_OK) {
        web_error(r, 500, err.data ? err.data : "The programme could not be read.");
        sb_free(&err);
        return -1;
    }
    json_t *prog = NULL;
    str_copy(c->lo, "4", sizeof c->lo);
    str_copy(c->hi, "8", sizeof c->hi);
    if (view_programme(r->db, &r->user, r->ids[0], &prog) == 0) {
        snprintf(c->lo, sizeof c->lo, "%lld",
                 (long long)json_integer_value(json_object_get(prog, "set_size_min")));
        snprintf(c->hi, sizeof c->hi, "%lld",
                 (long long)json_integer_value(json_object_get(prog, "set_size_max")));
    }
    json_decref(prog);
    return 0;
}

static void ctx_free(struct form_ctx *c)
{
    for (size_t i = 0; i < c->problem_count; i++) {
        free(c->problems[i].field);
        free(c->problems[i].message);
    }
    free(c->problems);
    plan_form_choices_free(&c->ch);
}

void page_plan_form(struct web_request *r)
{
    struct form_ctx c;
    if (ctx_init(&c, r) != 0)
        return;
    render(&c, 200);
    ctx_free(&c);
}

/* A whole number in FIELD from LO to HI (blank: FALLBACK); a problem in people's words if not. */
static long long whole(struct form_ctx *c, const char *field_name, const char *what, long long lo,
                       long long hi, long long fallback)
{
    const char *v = formdata_get(c->posted, field_name);
    while (v && *v == ' ')
        v++;
    if (!v || !*v)
        return fallback;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    while (*end == ' ')
        end++;
    if (errno || *end || n < lo || n > hi) {
        problem_add(c, str_printf("%s", field_name),
                    str_printf("%s must be a whole number from %lld to %lld.", what, lo, hi));
        return fallback;
    }
    return n;
}

/* A weight from 0 to 1000, added to SPEC as NAME=W. */
static void weight(struct form_ctx *c, struct strbuf *spec, const char *field_name,
                   const char *name, const char *what)
{
    const char *v = formdata_get(c->posted, field_name);
    while (v && *v == ' ')
        v++;
    if (!v || !*v)
        return; /* blank: the programme's own */
    char *end;
    errno = 0;
    double w = strtod(v, &end);
    while (*end == ' ')
        end++;
    if (errno || *end || !(w >= 0 && w <= 1000)) {
        problem_add(c, str_printf("%s", field_name),
                    str_printf("The weight for %s must be a number from 0 to 1000, such as 2 or "
                               "0.5.",
                               what));
        return;
    }
    sb_printf(spec, "%s%s=%.17g", spec->len ? "," : "", name, w);
}

/* Reads one rule row of PREFIX; adds it to RULES when both fields name people. */
static void rule_row(struct form_ctx *c, const char *prefix, char kind, size_t i,
                     struct plan_form_rule *rules, size_t *count)
{
    char *fa = str_printf("%s-%zu-a", prefix, i), *fb = str_printf("%s-%zu-b", prefix, i);
    const char *a = fa ? formdata_get(c->posted, fa) : NULL;
    const char *b = fb ? formdata_get(c->posted, fb) : NULL;
    size_t la = a ? strspn(a, " ") != strlen(a) : 0, lb = b ? strspn(b, " ") != strlen(b) : 0;
    if (la || lb) {
        long pa = la ? plan_form_person_find(&c->ch, a) : -1;
        long pb = kind != 'p' && lb ? plan_form_person_find(&c->ch, b) : -1;
        if (!la)
            problem_add(c, str_printf("%s", fa), str_printf("Choose the person for this row."));
        else if (pa < 0)
            problem_add(c, str_printf("%s", fa),
                        str_printf("Nobody in this cohort is called \"%s\": pick a name from the "
                                   "list.",
                                   a));
        if (kind == 'p' && !lb)
            problem_add(c, str_printf("%s", fb), str_printf("Give the set's number or name."));
        else if (kind != 'p' && !lb)
            problem_add(c, str_printf("%s", fb), str_printf("Choose the second person."));
        else if (kind != 'p' && pb < 0)
            problem_add(c, str_printf("%s", fb),
                        str_printf("Nobody in this cohort is called \"%s\": pick a name from the "
                                   "list.",
                                   b));
        else if (kind != 'p' && pa >= 0 && pa == pb)
            problem_add(c, str_printf("%s", fb), str_printf("Choose two different people."));
        if (pa >= 0 && (kind == 'p' ? lb > 0 : pb >= 0 && pb != pa)) {
            rules[*count] = (struct plan_form_rule){kind, (int)pa, kind == 'p' ? -1 : (int)pb,
                                                    kind == 'p' ? (char *)b : NULL};
            (*count)++;
        }
    }
    free(fa);
    free(fb);
}

void page_plan_create(struct web_request *r)
{
    struct form_ctx c;
    if (ctx_init(&c, r) != 0)
        return;
    c.posted = &r->form;
    const char *name = formdata_get(&r->form, "name");
    struct plan_settings s = {.name = name && *name ? name : NULL, .seed = 1, .seconds = 2};
    s.sets = (int)whole(&c, "sets", "The number of sets", 0, 10000, 0);
    s.size_min = (int)whole(&c, "size_min", "The smallest set", 2, 1000, 4);
    s.size_max = (int)whole(&c, "size_max", "The largest set", 2, 1000, 8);
    if (!problem_of(&c, "size_max") && !problem_of(&c, "size_min") && s.size_max < s.size_min)
        problem_add(&c, str_printf("size_max"),
                    str_printf("The largest set (%d) is smaller than the smallest (%d).",
                               s.size_max, s.size_min));
    s.seconds = (double)whole(&c, "seconds", "The seconds to search", 1, 60, 2);
    s.seed = whole(&c, "seed", "The seed", 0, 1000000000, 1);
    s.iterations = (long)whole(&c, "iterations", "The iterations", 0, PLAN_WEB_MAX_ITERATIONS, 0);
    long long chain = whole(&c, "chain", "The management levels", 0, 3, 1);
    s.chain = chain == 0 ? PLAN_CHAIN_OFF : (int)chain;
    struct strbuf spec = {0};
    for (size_t k = 0; k < c.ch.attr_count; k++) {
        char *f = str_printf("w-%s", c.ch.attrs[k]);
        if (f)
            weight(&c, &spec, f, c.ch.attrs[k], c.ch.attrs[k]);
        free(f);
        f = str_printf("iso-%s", c.ch.attrs[k]);
        if (f && formdata_get(&r->form, f) && s.isolate_count < PLAN_MAX_ISOLATE)
            s.isolate[s.isolate_count++] = c.ch.attrs[k];
        free(f);
    }
    /* Scripts written for the earlier form send the weights as one "name=number,..." text. */
    const char *text = formdata_get(&r->form, "weights");
    if (text && *text && plan_weights_problem(text))
        problem_add(&c, str_printf("form"), str_printf("%s", plan_weights_problem(text)));
    else if (text && *text)
        sb_printf(&spec, "%s%s", spec.len ? "," : "", text);
    weight(&c, &spec, "w-new", "new", "not knowing each other");
    weight(&c, &spec, "w-similar", "similar", "similar challenges");
    s.weights = spec.data;
    struct plan_form_rule *rules = calloc(3 * PLAN_FORM_MAX_RULES + 1, sizeof *rules);
    size_t count = 0;
    static const char *const prefixes[3] = {"apart", "together", "pin"};
    for (int k = 0; rules && k < 3; k++)
        for (size_t i = 0; i < PLAN_FORM_MAX_RULES; i++)
            rule_row(&c, prefixes[k], "atp"[k], i, rules, &count);
    struct strbuf err = {0};
    long long plan_id = 0;
    enum status st = !rules ? STATUS_FAILED : c.problem_count ? STATUS_INVALID : STATUS_OK;
    /* ... and the keep-apart pairs and pins as "email, email" and "email, set" lines. */
    const char *apart = formdata_get(&r->form, "apart"), *pins = formdata_get(&r->form, "pins");
    if (st == STATUS_OK && (apart || pins)) {
        st = plan_rules_set(r->db, r->ids[0], apart, pins, &err);
        if (st == STATUS_INVALID)
            problem_add(&c, str_printf("form"), str_printf("%s", err.data ? err.data : ""));
        sb_reset(&err);
    } else if (st == STATUS_OK) {
        st = plan_form_rules_store(r->db, r->ids[0], &c.ch, rules, count);
    }
    if (st == STATUS_OK) {
        st = plan_form(r->db, r->ids[0], &s, &plan_id, &err);
        if (st != STATUS_OK && st != STATUS_FAILED)
            problem_add(&c, str_printf("form"),
                        str_printf("%s", err.data ? err.data : "The sets could not be formed."));
    }
    if (st == STATUS_OK)
        plan_redirect(r, plan_id);
    else if (st == STATUS_FAILED)
        web_error(r, 500, err.data ? err.data : "The sets could not be formed.");
    else
        render(&c, 422);
    free(rules);
    sb_free(&spec);
    sb_free(&err);
    ctx_free(&c);
}
