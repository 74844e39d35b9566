/* The participant's side of a network survey: the survey form for the programme's open (latest)
 * wave, and "my network", their own ego network. A participant only ever sees what they
 * answered; who named them is someone else's answer (network_view_ego_svg, VIEWER_SELF). */
#include "web/pages/page_network.h"

#include "io/export/network_export.h"
#include "store/store_network.h"
#include "web/http/views.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Shown above the survey and recorded with the consent, word for word. */
static const char consent_statement[] =
    "The people you pick are seen by the programme's administrators, with your name, to "
    "understand how the cohort's network grows. You see your own answers as your network. "
    "Nobody else in the programme sees whom you picked, and pictures shown beyond the "
    "administrators carry no names.";

/* The relation asked about when the programme has none yet. */
static const char default_relation[] = "talk with about work";

/* The network of PROGRAMME_ID's WAVE (NULL: the latest) beside the wave before it, with the
 * ties of RELATION only (NULL: every relation), and the metrics when ANALYSE. */
static int load(struct web_request *r, long long programme_id, const char *wave,
                const char *relation, bool analyse, struct network_view *v)
{
    struct network_wave_row *waves = NULL;
    size_t count = 0;
    if (store_network_waves(r->db, programme_id, &waves, &count) != 0)
        return -1;
    const char *before = NULL;
    for (size_t i = 0; i < count; i++) {
        bool is_it = wave ? str_ieq(waves[i].name, wave) : i + 1 == count;
        if (is_it && i > 0)
            before = waves[i - 1].name;
    }
    char *err = NULL;
    int rc = analyse
                 ? network_view_load(r->db, programme_id, wave, before, relation, v, &err)
                 : network_view_load_plain(r->db, programme_id, wave, before, relation, v, &err);
    free(err);
    network_wave_rows_free(waves, count);
    return rc;
}

int web_network_load(struct web_request *r, long long programme_id, const char *wave,
                     struct network_view *v)
{
    return load(r, programme_id, wave, NULL, true, v);
}

int web_network_load_relation(struct web_request *r, long long programme_id, const char *wave,
                              const char *relation, struct network_view *v)
{
    return load(r, programme_id, wave, relation, true, v);
}

int web_network_load_plain(struct web_request *r, long long programme_id, const char *wave,
                           const char *relation, struct network_view *v)
{
    return load(r, programme_id, wave, relation, false, v);
}

long web_network_self(const struct web_request *r, const struct network_view *v)
{
    if (r->user.person_id == 0)
        return -1;
    for (size_t i = 0; i < v->data.cohort.count; i++)
        if (v->data.cohort.people[i].id == r->user.person_id)
            return (long)i;
    return -1;
}

static const char *dept(const struct network_data *d, size_t i)
{
    return d->department[i] >= 0 ? d->department_names[d->department[i]] : "";
}

static const char *org(const struct network_data *d, size_t i)
{
    return d->organisation[i] >= 0 ? d->organisation_names[d->organisation[i]] : "";
}

/* Case-insensitive substring test for the no-JavaScript search. */
static bool contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t k = 0;
        while (k < n && hay[k] && ((hay[k] | 32) == (needle[k] | 32)))
            k++;
        if (k == n)
            return true;
    }
    return n == 0;
}

/* Did person SELF name person TO under relation REL in the loaded wave? */
static bool named(const struct network_view *v, long self, size_t to, int rel)
{
    for (size_t i = 0; i < v->data.tie_count; i++) {
        const struct net_tie *t = &v->data.ties[i];
        if (t->from == self && (size_t)t->to == to && t->relation == rel)
            return true;
    }
    return false;
}

/* The relations the loaded wave asks (store_network_wave_relations): *N 0 means all of the
 * programme's. 0, or -1 on error. */
static int asked_relations(struct web_request *r, const struct network_view *v, long long **ids,
                           size_t *n)
{
    *ids = NULL;
    *n = 0;
    long long wave_id;
    int rc = store_network_wave_id(r->db, r->ids[0], v->wave_name, &wave_id);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    return store_network_wave_relations(r->db, wave_id, ids, n);
}

static bool asks(const long long *ids, size_t n, long long rel_id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == rel_id)
            return true;
    return n == 0;
}

/* Loads the survey for R's programme (ids[0]) with R as a member: 0, or an error already sent. */
static int load_for_self(struct web_request *r, struct network_view *v, long *self)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    json_decref(prog);
    if (rc == 0)
        rc = web_network_load(r, r->ids[0], NULL, v);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no open network survey here.");
        return -1;
    }
    *self = web_network_self(r, v);
    if (*self < 0) {
        network_view_free(v);
        web_error(r, 404, "You are not a member of this programme.");
        return -1;
    }
    return 0;
}

/* Whether the form SENT picked PERSON for the relation with id REL_ID (fields r<id> one id
 * each, or l<id> with the ids comma-separated, as save_answer reads them). */
static bool picked(const struct formdata *sent, long long rel_id, long long person)
{
    char one[32], many[32];
    snprintf(one, sizeof one, "r%lld", rel_id);
    snprintf(many, sizeof many, "l%lld", rel_id);
    for (size_t f = 0; f < sent->count; f++) {
        bool is_one = strcmp(sent->fields[f].name, one) == 0;
        if (!is_one && strcmp(sent->fields[f].name, many) != 0)
            continue;
        for (const char *s = sent->fields[f].value; *s;) {
            char *end;
            long long id = strtoll(s, &end, 10);
            if (end == s)
                break;
            if (id == person)
                return true;
            s = *end == ',' ? end + 1 : end;
        }
    }
    return false;
}

/* The people to pick for one relation: the stored answer is ticked, or what SENT picked when a
 * refused answer is shown again (so that nothing chosen is lost). */
static void relation_fieldset(struct html *page, const struct network_view *v, long self, int rel,
                              const char *name, long long rel_id, const char *q,
                              const struct formdata *sent)
{
    H(page, "<fieldset class=\"pick\" data-relation=\"");
    html_int(page, rel_id);
    H(page, "\">\n<legend>Whom do you ");
    html_text(page, name);
    H(page, "?</legend>\n<ul class=\"people-pick\">\n");
    const struct network_data *d = &v->data;
    for (size_t i = 0; i < d->cohort.count; i++) {
        if ((long)i == self)
            continue;
        bool on = sent ? picked(sent, rel_id, d->cohort.people[i].id)
                       : rel >= 0 && named(v, self, i, rel);
        const char *nm = d->cohort.people[i].name;
        if (!on && q && *q && !contains(nm, q) && !contains(dept(d, i), q) &&
            !contains(org(d, i), q))
            continue;
        H(page, "<li data-search=\"");
        html_text(page, nm);
        H(page, " ");
        html_text(page, dept(d, i));
        H(page, " ");
        html_text(page, org(d, i));
        H(page, "\"><label><input type=\"checkbox\" name=\"r");
        html_int(page, rel_id);
        H(page, "\" value=\"");
        html_int(page, d->cohort.people[i].id);
        H(page, "\"");
        if (on)
            H(page, " checked");
        H(page, "> ");
        html_text(page, nm);
        H(page, " <small>");
        html_text(page, dept(d, i));
        if (*dept(d, i) && *org(d, i))
            H(page, ", ");
        html_text(page, org(d, i));
        H(page, "</small></label></li>\n");
    }
    H(page, "</ul>\n</fieldset>\n");
}

static bool sent_yes(const struct formdata *sent, const char *name)
{
    const char *v = sent ? formdata_get(sent, name) : NULL;
    return v && strcmp(v, "yes") == 0;
}

/* The survey page: consent asked first; with SENT (a refused answer) every pick is shown again
 * as it was sent, under NOTICE, with status CODE. */
static void survey_page(struct web_request *r, struct network_view *vp, long self,
                        const struct formdata *sent, const char *notice, int code)
{
    struct network_view v = *vp;
    const char *q = sent ? NULL : formdata_get(&r->query, "q");
    const struct network_data *d = &v.data;
    struct html page = {0};
    struct html_viewer hv = web_viewer(r);
    html_page_begin(&page, "Network survey", &hv);
    if (notice)
        html_notice(&page, true, notice);
    H(&page, "<p>Wave <strong>");
    html_text(&page, v.wave_name);
    H(&page, "</strong>. Pick the people you are in touch with; as many as you like.</p>\n");
    H(&page, "<section class=\"privacy\" aria-labelledby=\"who-sees\"><h2 id=\"who-sees\">"
             "Who will see what</h2>\n<p>");
    html_text(&page, consent_statement);
    H(&page, "</p></section>\n");
    /* The search works without JavaScript (a GET that narrows the list, keeping what you
     * picked); network.js filters as you type instead. */
    H(&page, "<form method=\"get\" class=\"search\" role=\"search\"><label for=\"q\">Search "
             "names, departments, organisations</label> <input id=\"q\" name=\"q\" "
             "list=\"people-names\" autocomplete=\"off\" value=\"");
    html_text(&page, q);
    H(&page, "\"> <button type=\"submit\">Search</button></form>\n<datalist id=\"people-names\">");
    for (size_t i = 0; i < d->cohort.count; i++) {
        if ((long)i == self)
            continue;
        H(&page, "<option value=\"");
        html_text(&page, d->cohort.people[i].name);
        H(&page, "\"></option>");
    }
    for (size_t i = 0; i < d->department_count; i++) {
        H(&page, "<option value=\"");
        html_text(&page, d->department_names[i]);
        H(&page, "\"></option>");
    }
    for (size_t i = 0; i < d->organisation_count; i++) {
        H(&page, "<option value=\"");
        html_text(&page, d->organisation_names[i]);
        H(&page, "\"></option>");
    }
    H(&page, "</datalist>\n<form method=\"post\" class=\"survey\">\n");
    html_csrf(&page, r->csrf);
    /* Consent first: it is what the answers may be used for, so it comes before them. */
    bool granted = false;
    int crc = store_network_consent_get(r->db, r->ids[0], r->user.person_id, &granted);
    H(&page, "<p class=\"consent\"><label><input type=\"checkbox\" name=\"consent\" "
             "value=\"yes\" id=\"consent\"");
    if (sent ? sent_yes(sent, "consent") : crc == 0 && granted)
        H(&page, " checked");
    H(&page, "> I agree that my answers are used as described above.</label></p>\n");
    if (d->relation_count == 0) {
        H(&page, "<input type=\"hidden\" name=\"relation\" value=\"");
        html_text(&page, default_relation);
        H(&page, "\">\n");
        relation_fieldset(&page, &v, self, -1, default_relation, 0, q, sent);
    }
    /* Each relation the wave asks, in the order the lead gave them. */
    long long *asked = NULL;
    size_t nasked = 0;
    if (asked_relations(r, &v, &asked, &nasked) != 0)
        nasked = 0;
    for (size_t a = 0; a < (nasked ? nasked : d->relation_count); a++) {
        for (size_t k = 0; k < d->relation_count; k++) {
            if (nasked ? d->relation_ids[k] == asked[a] : k == a)
                relation_fieldset(&page, &v, self, (int)k, d->relation_names[k], d->relation_ids[k],
                                  q, sent);
        }
    }
    free(asked);
    /* "I know nobody here" is an answer: it is saved (and counts as a response) with no one
     * named; ticking it beside names is refused. */
    H(&page, "<p><label><input type=\"checkbox\" name=\"nobody\" value=\"yes\" id=\"nobody\"");
    if (sent_yes(sent, "nobody"))
        H(&page, " checked");
    H(&page, "> I know nobody here</label></p>\n"
             "<p class=\"actions\"><button type=\"submit\">Save my answers</button> "
             "<a href=\"/network/");
    html_int(&page, r->ids[0]);
    H(&page, "/me\">My network</a></p>\n</form>\n"
             "<script src=\"/static/network.js\" defer></script>\n");
    html_page_end(&page);
    web_html(r, code, &page);
    html_free(&page);
}

void page_network_survey(struct web_request *r)
{
    struct network_view v;
    long self;
    if (load_for_self(r, &v, &self) != 0)
        return;
    survey_page(r, &v, self, NULL, NULL, 200);
    network_view_free(&v);
}

/* Saves the answer in R's form (fields r<relation id> with person ids, or with JavaScript one
 * field l<relation id> with the ids comma-separated; nobody=yes for "I know nobody here", which
 * names nobody and still counts as a response). NULL, or what to fix (static text). */
static const char *save_answer(struct web_request *r, struct network_view *v, long self)
{
    const struct network_data *d = &v->data;
    const char *consent = formdata_get(&r->form, "consent");
    if (!consent || strcmp(consent, "yes") != 0)
        return "Please agree to how your answers are used before saving them.";
    long long wave_id = 0;
    if (store_network_wave_id(r->db, r->ids[0], v->wave_name, &wave_id) != 0)
        return "The survey is closed.";
    const char *nobody_field = formdata_get(&r->form, "nobody");
    bool nobody = nobody_field && strcmp(nobody_field, "yes") == 0;
    /* Checked before anything is saved, so that no relation is half written. */
    for (size_t f = 0; nobody && f < r->form.count; f++) {
        const char *fname = r->form.fields[f].name;
        if ((fname[0] == 'r' || fname[0] == 'l') && fname[1] >= '0' && fname[1] <= '9' &&
            r->form.fields[f].value[0])
            return "You ticked \"I know nobody here\" and also named people: untick one.";
    }
    size_t nrel = d->relation_count ? d->relation_count : 1;
    long long *asked = NULL;
    size_t nasked = 0;
    if (asked_relations(r, v, &asked, &nasked) != 0)
        return "Could not save.";
    long long *to = calloc(d->cohort.count + 1, sizeof *to);
    if (!to) {
        free(asked);
        return "Out of memory.";
    }
    const char *problem = NULL;
    for (size_t k = 0; k < nrel && !problem; k++) {
        long long rel_id = 0;
        if (d->relation_count) {
            rel_id = d->relation_ids[k];
            /* A relation this wave does not ask keeps whatever was recorded under it. */
            if (!asks(asked, nasked, rel_id))
                continue;
        } else if (store_network_relation_ensure(r->db, r->ids[0], default_relation, &rel_id) !=
                   0) {
            problem = "Could not save.";
            break;
        }
        char key[32], list[32];
        snprintf(key, sizeof key, "r%lld", d->relation_count ? rel_id : 0LL);
        snprintf(list, sizeof list, "l%lld", d->relation_count ? rel_id : 0LL);
        /* A page shown before the default relation existed sends r0/l0; once an earlier
         * answer (even a refused one) created it, those fields are still its answer. */
        bool is_default =
            d->relation_count == 0 ||
            (d->relation_count == 1 && strcmp(d->relation_names[0], default_relation) == 0);
        size_t n = 0;
        for (size_t f = 0; f < r->form.count && !problem; f++) {
            const char *fname = r->form.fields[f].name;
            bool one = strcmp(fname, key) == 0 || (is_default && strcmp(fname, "r0") == 0);
            bool many = strcmp(fname, list) == 0 || (is_default && strcmp(fname, "l0") == 0);
            if (!one && !many)
                continue;
            const char *s = r->form.fields[f].value;
            while (*s && !problem) {
                char *end;
                long long id = strtoll(s, &end, 10);
                if (end == s) {
                    problem = "That is not a person of this programme.";
                    break;
                }
                /* Only programme members other than oneself; duplicates once. */
                bool member = false, dup = false;
                for (size_t i = 0; i < d->cohort.count; i++)
                    if (d->cohort.people[i].id == id && (long)i != self)
                        member = true;
                for (size_t j = 0; j < n; j++)
                    dup = dup || to[j] == id;
                if (!member)
                    problem = "That is not a person of this programme.";
                else if (!dup && n < d->cohort.count)
                    to[n++] = id;
                s = *end == ',' ? end + 1 : end;
                if (!many)
                    break;
            }
        }
        if (!problem &&
            store_network_answer_save(r->db, wave_id, rel_id, r->user.person_id, to, NULL, n) != 0)
            problem = "Could not save.";
    }
    free(asked);
    free(to);
    if (!problem && store_network_consent_record(r->db, r->ids[0], r->user.person_id, true,
                                                 consent_statement) != 0)
        problem = "Could not save.";
    return problem;
}

void page_network_answer(struct web_request *r)
{
    struct network_view v;
    long self;
    if (load_for_self(r, &v, &self) != 0)
        return;
    const char *problem = save_answer(r, &v, self);
    if (problem) {
        /* The survey again with everything picked, not a page that loses it. */
        survey_page(r, &v, self, &r->form, problem, 422);
        network_view_free(&v);
        return;
    }
    network_view_free(&v);
    char *to = str_printf("/network/%lld/me", r->ids[0]);
    web_redirect(r, to ? to : "/");
    free(to);
}

void api_network_answer(struct web_request *r)
{
    struct network_view v;
    long self;
    if (load_for_self(r, &v, &self) != 0)
        return;
    const char *problem = save_answer(r, &v, self);
    json_t *out = problem ? json_pack("{ss}", "error", problem)
                          : json_pack("{sssb}", "wave", v.wave_name, "saved", 1);
    network_view_free(&v);
    web_json(r, problem ? 422 : 200, out);
}

/* One figure of the person's own network with a sentence that says what it means. */
static void figure(struct html *page, const char *name, const char *value, const char *meaning)
{
    H(page, "<dt>");
    html_text(page, name);
    H(page, "</dt><dd><strong>");
    html_text(page, value);
    H(page, "</strong> ");
    html_text(page, meaning);
    H(page, "</dd>\n");
}

/* The person's own figures in words: nobody else's, and each explained so that a participant
 * understands it without knowing Burt or Krackhardt. */
static void own_figures(struct html *page, const struct net_person_metrics *m)
{
    char v[64];
    H(page, "<section aria-labelledby=\"my-figures\"><h2 id=\"my-figures\">Your network in "
            "figures</h2>\n<dl class=\"facts\">\n");
    snprintf(v, sizeof v, "%d", m->degree);
    figure(page, "Contacts", v,
           "people you named or who named you: each counts once, whoever named whom.");
    snprintf(v, sizeof v, "%d", m->reach2);
    figure(page, "Within two steps", v,
           "people you can reach through one of your contacts: who you could be introduced to.");
    if (m->degree > 0) {
        snprintf(v, sizeof v, "%.1f", m->effective_size);
        figure(page, "Effective size", v,
               "how many of your contacts bring you something new: contacts who all know each "
               "other count as fewer, contacts from separate circles count in full.");
    }
    if (!isnan(m->constraint)) {
        snprintf(v, sizeof v, "%.2f", m->constraint);
        figure(page, "Constraint", v,
               "from 0 to 1: high when your contacts all know one another (one circle), low when "
               "they come from circles that do not meet, which is where new ideas travel.");
    }
    if (!isnan(m->ei_department)) {
        snprintf(v, sizeof v, "%+.2f", m->ei_department);
        figure(page, "Across departments (E-I index)", v,
               "from -1, every contact in your own department, to +1, every contact in another "
               "one.");
    }
    if (!isnan(m->ei_organisation)) {
        snprintf(v, sizeof v, "%+.2f", m->ei_organisation);
        figure(page, "Across organisations (E-I index)", v,
               "the same for organisations: +1 when all your contacts work elsewhere.");
    }
    H(page, "</dl></section>\n");
}

void page_network_me(struct web_request *r)
{
    struct network_view v;
    long self;
    if (load_for_self(r, &v, &self) != 0)
        return;
    struct html page = {0};
    struct html_viewer hv = web_viewer(r);
    html_page_begin(&page, "My network", &hv);
    size_t mine = 0;
    for (size_t i = 0; i < v.data.tie_count; i++)
        mine += v.data.ties[i].from == self;
    H(&page, "<p>Your answers in wave <strong>");
    html_text(&page, v.wave_name);
    H(&page, "</strong>: ");
    html_int(&page, (long long)mine);
    H(&page, " people named.");
    if (v.comparing) {
        H(&page, " New contacts since <strong>");
        html_text(&page, v.before_name);
        H(&page, "</strong> are highlighted.");
    }
    H(&page, " Only you and the programme's administrators see this picture.</p>\n"
             "<figure class=\"network\"><img src=\"/network/");
    html_int(&page, r->ids[0]);
    H(&page, "/people/");
    html_int(&page, r->user.person_id);
    H(&page, "/ego.svg\" alt=\"Your network: you and the people you named\"></figure>\n"
             "<p class=\"actions\"><a class=\"button\" href=\"/network/");
    html_int(&page, r->ids[0]);
    H(&page, "\">Change my answers</a></p>\n");
    if (self >= 0 && (size_t)self < v.now.count)
        own_figures(&page, &v.now.person[self]);
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    network_view_free(&v);
}

/* Appends person R->ids[1]'s ego SVG to OUT: admins any member, anyone else only themselves
 * (a 404 otherwise, so that nobody learns who is in the survey). 0, or an error already sent. */
static int ego_svg(struct web_request *r, struct strbuf *out)
{
    bool admin = r->user.role == ROLE_ADMIN;
    if (!admin && r->ids[1] != r->user.person_id) {
        web_error(r, 404, "There is no such network.");
        return -1;
    }
    struct network_view v;
    int rc = web_network_load(r, r->ids[0], formdata_get(&r->query, "wave"), &v);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such network.");
        return -1;
    }
    long who = -1;
    for (size_t i = 0; i < v.data.cohort.count; i++)
        if (v.data.cohort.people[i].id == r->ids[1])
            who = (long)i;
    char **labels = who >= 0 ? network_labels(&v.data, false, 0) : NULL;
    rc = who < 0  ? 1
         : labels ? network_view_ego_svg(&v, (size_t)who,
                                         admin ? NETWORK_VIEWER_ADMIN : NETWORK_VIEWER_SELF, labels,
                                         NETWORK_BY_DEPARTMENT, out)
                  : -1;
    if (labels)
        network_labels_free(labels, v.data.cohort.count);
    network_view_free(&v);
    if (rc != 0)
        web_error(r, rc == 1 ? 404 : 500, "There is no such network.");
    return rc == 0 ? 0 : -1;
}

void page_network_ego_svg(struct web_request *r)
{
    struct strbuf svg = {0};
    if (ego_svg(r, &svg) != 0) {
        sb_free(&svg);
        return;
    }
    sb_free(&r->body);
    r->body = svg;
    r->status = 200;
    r->content_type_out = "image/svg+xml";
}

void api_network_me(struct web_request *r)
{
    r->ids[1] = r->user.person_id;
    struct strbuf svg = {0};
    if (ego_svg(r, &svg) != 0) {
        sb_free(&svg);
        return;
    }
    web_json(r, 200,
             json_pack("{sIss}", "person", (json_int_t)r->user.person_id, "svg",
                       svg.data ? svg.data : ""));
    sb_free(&svg);
}
