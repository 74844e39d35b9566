/* The admin's side of a programme's network survey: waves with response rates, the whole named
 * network of a wave beside the wave before (new ties highlighted), change charts, per-person
 * metrics, opening a wave, and downloads (anonymised SVG, GraphML, CSV) as the CLI exports. */
#include "web/pages/page_network.h"

#include "app/network/network_graph.h"
#include "app/network/network_json.h"
#include "core/rng.h"
#include "io/export/network_export.h"
#include "store/store_network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void cell_num(struct html *page, double x)
{
    H(page, "<td class=\"num\">");
    if (isnan(x)) {
        H(page, "n/a");
    } else {
        char buf[32];
        snprintf(buf, sizeof buf, "%.2f", x);
        html_text(page, buf);
    }
    H(page, "</td>");
}

static void cell_pct(struct html *page, long part, long whole)
{
    H(page, "<td class=\"num\">");
    if (whole > 0) {
        char buf[32];
        snprintf(buf, sizeof buf, "%.1f%%", 100.0 * (double)part / (double)whole);
        html_text(page, buf);
    } else {
        H(page, "n/a");
    }
    H(page, "</td>");
}

/* A link to PATH of the programme for WAVE and, when given, RELATION alone. */
static void wave_rel_link(struct html *page, long long id, const char *path, const char *wave,
                          const char *relation)
{
    H(page, "/programmes/");
    html_int(page, id);
    html_text(page, path);
    if (wave) {
        H(page, "?wave=");
        html_url_arg(page, wave);
    }
    if (relation) {
        if (wave)
            H(page, "&amp;relation=");
        else
            H(page, "?relation=");
        html_url_arg(page, relation);
    }
}

static void wave_link(struct html *page, long long id, const char *path, const char *wave)
{
    wave_rel_link(page, id, path, wave, NULL);
}

/* The ?relation= of R, NULL for every relation. */
static const char *query_relation(struct web_request *r)
{
    const char *rel = formdata_get(&r->query, "relation");
    return rel && *rel ? rel : NULL;
}

/* Read the report per relation (issue 16): a GET form that keeps the wave, shown when the
 * programme has more than one relation. */
static void relation_selector(struct html *page, long long id, const struct network_view *v,
                              const char *relation)
{
    if (v->data.relation_count < 2)
        return;
    H(page, "<form method=\"get\" class=\"inline\" action=\"/programmes/");
    html_int(page, id);
    H(page, "/network\">\n<input type=\"hidden\" name=\"wave\" value=\"");
    html_text(page, v->wave_name);
    H(page, "\">\n<label for=\"relation\">Relation shown</label> <select id=\"relation\" "
            "name=\"relation\">\n<option value=\"\">Every relation together</option>\n");
    for (size_t k = 0; k < v->data.relation_count; k++) {
        H(page, "<option value=\"");
        html_text(page, v->data.relation_names[k]);
        H(page, "\"");
        if (relation && str_ieq(relation, v->data.relation_names[k]))
            H(page, " selected");
        H(page, ">Whom do you ");
        html_text(page, v->data.relation_names[k]);
        H(page, "?</option>\n");
    }
    H(page, "</select> <button type=\"submit\">Show this relation</button></form>\n");
}

void page_network_report(struct web_request *r)
{
    const char *wave = formdata_get(&r->query, "wave");
    const char *relation = query_relation(r);
    struct network_view v;
    int rc = web_network_load_relation(r, r->ids[0], wave && *wave ? wave : NULL, relation, &v);
    long long id = r->ids[0];
    struct html page = {0};
    struct html_viewer hv = web_viewer(r);
    if (rc < 0) {
        web_error(r, 500, "Could not load the survey.");
        return;
    }
    if (rc == 1 && relation) {
        web_error(r, 404, "This survey asks no such relation.");
        return;
    }
    html_page_begin(&page, "Network survey", &hv);
    if (rc == 0) {
        H(&page, "<h2>Waves</h2>\n<table class=\"list\"><thead><tr><th scope=\"col\">Wave</th>"
                 "<th scope=\"col\" class=\"num\">Answered</th><th scope=\"col\" class=\"num\">"
                 "Members</th><th scope=\"col\" class=\"num\">Response rate</th>"
                 "<th scope=\"col\" class=\"num\">Ties</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < v.wave_count; i++) {
            const struct network_wave_row *w = &v.waves[i];
            H(&page, "<tr><td><a href=\"");
            wave_link(&page, id, "/network", w->name);
            H(&page, "\">");
            html_text(&page, w->name);
            H(&page, "</a></td><td class=\"num\">");
            html_int(&page, w->respondents);
            H(&page, "</td><td class=\"num\">");
            html_int(&page, w->members);
            H(&page, "</td>");
            cell_pct(&page, w->respondents, w->members);
            H(&page, "<td class=\"num\">");
            html_int(&page, w->ties);
            H(&page, "</td></tr>\n");
        }
        H(&page, "</tbody></table>\n");
    } else {
        H(&page, "<p>No wave is open yet.</p>\n");
    }
    H(&page, "<form method=\"post\" action=\"/programmes/");
    html_int(&page, id);
    H(&page, "/network/waves\">\n");
    html_csrf(&page, r->csrf);
    html_input(&page, "text", "name", "Open a new wave named", NULL, true);
    /* Several relations per wave (issue 16): each line finishes "Whom do you ...?". */
    H(&page, "<p class=\"field\"><label for=\"relations\">Relations to ask, one a line</label>"
             "\n<span class=\"hint\" id=\"relations-hint\">Each finishes the question "
             "\"Whom do you ...?\", for example \"go to for advice\" or \"know well\". Up to "
             "10.</span>\n<textarea id=\"relations\" name=\"relations\" rows=\"3\" "
             "aria-describedby=\"relations-hint\">talk with about work</textarea></p>\n"
             "<p><button type=\"submit\">Open wave</button></p></form>\n");
    if (rc == 0) {
        H(&page, "<h2>Wave ");
        html_text(&page, v.wave_name);
        if (v.comparing) {
            H(&page, " beside ");
            html_text(&page, v.before_name);
        }
        /* The SVG is the picture for print and without JavaScript; network_graph.js puts the
         * interactive view (cytoscape.js, over graph.json) before it and hides it on screen. */
        H(&page, "</h2>\n");
        relation_selector(&page, id, &v, relation);
        H(&page, "<div id=\"network-view\" class=\"network-view\" data-graph=\"");
        wave_rel_link(&page, id, "/network/graph.json", v.wave_name, relation);
        H(&page, "\">\n<figure class=\"network wide\"><img src=\"");
        wave_rel_link(&page, id, "/network.svg", v.wave_name, relation);
        H(&page, "\" alt=\"The whole network, named; the People table below lists everyone\">"
                 "</figure>\n</div>\n<script src=\"/static/cytoscape.min.js\" defer></script>\n"
                 "<script src=\"/static/network_graph.js\" defer></script>\n");
        if (v.comparing) {
            H(&page, "<h2>How the metrics changed</h2>\n<figure class=\"network\"><img src=\"");
            wave_rel_link(&page, id, "/network/charts.svg", v.wave_name, relation);
            H(&page, "\" alt=\"Change charts\"></figure>\n");
            /* Who the comparison covers and which sets it judges by (network_view.h). */
            H(&page, "<p id=\"compared\">Compared over the ");
            html_int(&page, (long long)v.compared);
            H(&page, " people who answered both waves, and the ties they named");
            if (v.one_wave_only) {
                H(&page, "; ");
                html_int(&page, (long long)v.one_wave_only);
                H(&page, " who answered only one wave are left out");
            }
            H(&page, ". ");
            if (v.plan_name) {
                H(&page, "Sets are those of plan ");
                html_text(&page, v.plan_name);
                H(&page, ", in force when the later wave began.");
            } else {
                H(&page, "No plan was in force when the later wave began: no tie counts as "
                         "inside a set.");
            }
            H(&page, "</p>\n");
        }
        H(&page, "<p class=\"actions\">Anonymised download (pseudonyms P1, P2 ... in a new "
                 "order each time, no names or emails): <a href=\"");
        wave_rel_link(&page, id, "/network/anonymised.svg", v.wave_name, relation);
        H(&page, "\">anonymised SVG</a></p>\n<p class=\"actions\">Named downloads (names and "
                 "emails: keep them to the programme's administrators): <a href=\"");
        wave_rel_link(&page, id, "/network.graphml", v.wave_name, relation);
        H(&page, "\">GraphML (named)</a> <a href=\"");
        wave_rel_link(&page, id, "/network/nodes.csv", v.wave_name, relation);
        H(&page, "\">nodes CSV (named)</a> <a href=\"");
        wave_rel_link(&page, id, "/network/edges.csv", v.wave_name, relation);
        H(&page, "\">edges CSV (named)</a></p>\n<h2 id=\"people\">People</h2>\n<table "
                 "class=\"list\"><thead><tr>"
                 "<th scope=\"col\">Name</th><th scope=\"col\">Answered</th>"
                 "<th scope=\"col\" class=\"num\">Named</th><th scope=\"col\" class=\"num\">"
                 "Named by</th><th scope=\"col\" class=\"num\">Contacts</th>"
                 "<th scope=\"col\" class=\"num\">Reach in 2</th><th scope=\"col\" class=\"num\">"
                 "Betweenness</th><th scope=\"col\" class=\"num\">Constraint</th>"
                 "<th scope=\"col\" class=\"num\">E-I dept.</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < v.data.cohort.count; i++) {
            const struct net_person_metrics *m = &v.now.person[i];
            H(&page, "<tr><td><a href=\"/network/");
            html_int(&page, id);
            H(&page, "/people/");
            html_int(&page, v.data.cohort.people[i].id);
            H(&page, "/ego.svg\">");
            html_text(&page, v.data.cohort.people[i].name);
            H(&page, "</a></td><td>");
            if (v.data.responded[i])
                H(&page, "yes");
            else
                H(&page, "no");
            H(&page, "</td><td class=\"num\">");
            html_int(&page, m->out_degree);
            H(&page, "</td><td class=\"num\">");
            html_int(&page, m->in_degree);
            H(&page, "</td><td class=\"num\">");
            html_int(&page, m->degree);
            H(&page, "</td><td class=\"num\">");
            html_int(&page, m->reach2);
            H(&page, "</td>");
            cell_num(&page, m->betweenness);
            cell_num(&page, m->constraint);
            cell_num(&page, m->ei_department);
            H(&page, "</tr>\n");
        }
        H(&page, "</tbody></table>\n");
        network_view_free(&v);
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
}

/* Relations one wave may ask, and the longest name of one. */
#define NETWORK_WAVE_RELATIONS_MAX 10
#define NETWORK_RELATION_NAME_MAX  100

/* The relations typed one a line in TEXT (NULL or blank: none chosen), trimmed, each once
 * (ignoring case), into OUT (caller frees each) and *N. NULL, or what to fix (static text; then
 * nothing is left to free). */
static const char *wave_relations_parse(const char *text, char **out, size_t *n)
{
    *n = 0;
    for (const char *s = text ? text : ""; *s;) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const char *a = s, *b = s + len;
        s = end ? end + 1 : s + len;
        while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
            b--;
        if (a == b)
            continue;
        const char *problem = NULL;
        if ((size_t)(b - a) > NETWORK_RELATION_NAME_MAX)
            problem = "Keep each relation to 100 characters or fewer.";
        else if (*n == NETWORK_WAVE_RELATIONS_MAX)
            problem = "Ask at most 10 relations in one wave.";
        char *name = problem ? NULL : str_printf("%.*s", (int)(b - a), a);
        if (!problem && !name)
            problem = "Out of memory.";
        bool dup = false;
        for (size_t i = 0; name && i < *n; i++)
            dup = dup || str_ieq(out[i], name);
        if (problem) {
            for (size_t i = 0; i < *n; i++)
                free(out[i]);
            *n = 0;
            return problem;
        }
        if (dup)
            free(name);
        else
            out[(*n)++] = name;
    }
    return NULL;
}

void page_network_wave_create(struct web_request *r)
{
    const char *name = formdata_get(&r->form, "name");
    if (!name || !*name || strlen(name) > 100) {
        web_error(r, 400, "Give the wave a name of up to 100 characters.");
        return;
    }
    char *rels[NETWORK_WAVE_RELATIONS_MAX];
    size_t nrels = 0;
    const char *problem = wave_relations_parse(formdata_get(&r->form, "relations"), rels, &nrels);
    if (problem) {
        web_error(r, 400, problem);
        return;
    }
    long long wave_id;
    int created;
    int rc = store_network_wave_open(r->db, r->ids[0], name, (const char *const *)rels, nrels,
                                     &wave_id, &created);
    for (size_t i = 0; i < nrels; i++)
        free(rels[i]);
    if (rc != 0) {
        web_error(r, 500, "Could not open the wave.");
        return;
    }
    char *to = str_printf("/programmes/%lld/network", r->ids[0]);
    web_redirect(r, to ? to : "/");
    free(to);
}

enum export_kind {
    EXPORT_NAMED_SVG,
    EXPORT_ANON_SVG,
    EXPORT_CHARTS,
    EXPORT_GRAPHML,
    EXPORT_NODES,
    EXPORT_EDGES
};

/* Fills OUT with one export of the requested wave. 0, 1 no such wave, -1 error. */
static int export(struct web_request *r, enum export_kind kind, struct strbuf *out)
{
    const char *wave = formdata_get(&r->query, "wave");
    struct network_view v;
    /* The pictures of the whole network need no metric: at 2,000 people the metrics
     * (betweenness above all) would take most of the time. */
    bool plain = kind == EXPORT_NAMED_SVG || kind == EXPORT_ANON_SVG;
    const char *w = wave && *wave ? wave : NULL;
    int rc = plain ? web_network_load_plain(r, r->ids[0], w, query_relation(r), &v)
                   : web_network_load_relation(r, r->ids[0], w, query_relation(r), &v);
    if (rc != 0)
        return rc;
    bool anon = kind == EXPORT_ANON_SVG;
    char **labels = network_labels(&v.data, anon, (unsigned long)rng_secret_seed());
    char *err = NULL, *text = NULL;
    rc = -1;
    if (labels) {
        switch (kind) {
        case EXPORT_NAMED_SVG:
        case EXPORT_ANON_SVG:
            rc = network_view_network_svg(&v, labels, NETWORK_BY_DEPARTMENT, out, &err);
            break;
        case EXPORT_CHARTS: rc = v.comparing ? network_view_chart_svg(&v, out) : 1; break;
        case EXPORT_GRAPHML: text = network_graphml(&v.data, &v.now, labels, false); break;
        case EXPORT_NODES: text = network_nodes_csv(&v.data, &v.now, labels, false); break;
        case EXPORT_EDGES: text = network_edges_csv(&v.data, labels, false); break;
        }
        if (text)
            rc = sb_append(out, text) == 0 ? 0 : -1;
        network_labels_free(labels, v.data.cohort.count);
    }
    free(text);
    free(err);
    network_view_free(&v);
    return rc;
}

static void send_export(struct web_request *r, enum export_kind kind, const char *type)
{
    struct strbuf out = {0};
    int rc = export(r, kind, &out);
    if (rc != 0) {
        sb_free(&out);
        web_error(r, rc == 1 ? 404 : 500, "There is no such wave.");
        return;
    }
    sb_free(&r->body);
    r->body = out;
    r->status = 200;
    r->content_type_out = type;
}

void page_network_svg(struct web_request *r)
{
    send_export(r, EXPORT_NAMED_SVG, "image/svg+xml");
}
void page_network_charts_svg(struct web_request *r)
{
    send_export(r, EXPORT_CHARTS, "image/svg+xml");
}
void page_network_anon_svg(struct web_request *r)
{
    send_export(r, EXPORT_ANON_SVG, "image/svg+xml");
}
void page_network_graphml(struct web_request *r)
{
    send_export(r, EXPORT_GRAPHML, "application/graphml+xml");
}
void page_network_nodes_csv(struct web_request *r)
{
    send_export(r, EXPORT_NODES, "text/csv; charset=utf-8");
}
void page_network_edges_csv(struct web_request *r)
{
    send_export(r, EXPORT_EDGES, "text/csv; charset=utf-8");
}
void api_network_graphml(struct web_request *r)
{
    send_export(r, EXPORT_GRAPHML, "application/graphml+xml");
}

void api_network_report(struct web_request *r)
{
    const char *wave = formdata_get(&r->query, "wave");
    struct network_view v;
    int rc = web_network_load(r, r->ids[0], wave && *wave ? wave : NULL, &v);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such wave.");
        return;
    }
    char **labels = network_labels(&v.data, false, 0);
    json_t *j = labels ? network_view_json(&v, "", NULL, labels, true) : NULL;
    if (labels)
        network_labels_free(labels, v.data.cohort.count);
    network_view_free(&v);
    web_json(r, j ? 200 : 500, j);
}

/* GET /programmes/#/network/graph.json: the whole network for the interactive view (admins, as
 * the route table says; the same wave and people as the named SVG beside it, never an email). */
void page_network_graph_json(struct web_request *r)
{
    const char *wave = formdata_get(&r->query, "wave");
    struct network_view v;
    int rc =
        web_network_load_plain(r, r->ids[0], wave && *wave ? wave : NULL, query_relation(r), &v);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such wave.");
        return;
    }
    char *err = NULL;
    json_t *j = network_graph_json(&v, &err);
    free(err);
    network_view_free(&v);
    web_json(r, j ? 200 : 500, j);
}
