/* Scheduling a meeting series on the web in one step (admins): the form, a preview of the
 * dates computed by the same engine as the CLI (engine/meetings/series.h, shown in the series'
 * zone), then one confirming POST that writes every set's series in one transaction. Works
 * without JavaScript: Preview and Schedule are plain submit buttons of one form. The checks and
 * messages are meetings/series_plan.c's, shared with POST /api/v1/.../series. */
#include "web/http/web.h"

#include "app/meetings/series_plan.h"
#include "engine/meetings/when.h"
#include "web/http/views.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* The form's defaults: a typical action learning series. */
#define DEFAULT_COUNT    "6"
#define DEFAULT_WEEKS    "6"
#define DEFAULT_DURATION "3h"

static const char *form_value(void *ctx, const char *name)
{
    return formdata_get(ctx, name);
}

/* What a person calls each field, for the list of problems. */
static const char *field_label(const char *field)
{
    static const struct {
        const char *field, *label;
    } labels[] = {{"set", "Sets"},
                  {"skip_scheduled", "Leave out sets with meetings"},
                  {"count", "Number of meetings"},
                  {"first", "First meeting"},
                  {"every_weeks", "Every N weeks"},
                  {"duration", "Length"},
                  {"tz", "Time zone"},
                  {"mode", "In person or online"},
                  {"location", "Location"},
                  {"link", "Meeting link"}};
    for (size_t i = 0; field && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].field, field) == 0)
            return labels[i].label;
    return "Form";
}

/* A value to show in a field: what was sent, else DFLT. */
static const char *sent(const struct formdata *f, const char *name, const char *dflt)
{
    const char *v = f ? formdata_get(f, name) : NULL;
    return v ? v : dflt;
}

/* A digest of everything the fields say (hex, caller frees): a confirmation must be for the
 * dates previewed. Not a secret: it only notices edits made after the preview. */
static char *fingerprint(const struct formdata *f)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    static const char *const names[] = {
        "set", "skip_scheduled", "count",    "first", "every_weeks", "duration",
        "tz",  "mode",           "location", "link"};
    struct strbuf sb = {0};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        sb_append(&sb, sent(f, names[i], ""));
        sb_append_char(&sb, '\x1f');
    }
    char *text = sb_take(&sb);
    if (!text)
        return NULL;
    crypto_hash_sha256(hash, (const unsigned char *)text, strlen(text));
    free(text);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return strdup(hex);
}

static void set_select(struct html *page, const struct series_set *sets, size_t n,
                       const char *chosen)
{
    H(page, "<p class=\"field\"><label for=\"f-set\">Sets</label>\n"
            "<select id=\"f-set\" name=\"set\">\n<option value=\"all\"");
    if (!chosen || strcmp(chosen, "all") == 0)
        H(page, " selected");
    H(page, ">Every set of the published plan</option>\n");
    for (size_t i = 0; i < n; i++) {
        H(page, "<option value=\"");
        html_int(page, sets[i].id);
        H(page, "\"");
        if (chosen && atoll(chosen) == sets[i].id)
            H(page, " selected");
        H(page, ">");
        html_text(page, sets[i].name);
        if (sets[i].scheduled) {
            H(page, " (has ");
            html_int(page, sets[i].scheduled);
            H(page, " meetings)");
        }
        H(page, "</option>\n");
    }
    H(page, "</select></p>\n");
}

static void mode_radios(struct html *page, const char *mode)
{
    bool online = mode && strcmp(mode, "online") == 0;
    H(page, "<fieldset><legend>In person or online</legend>\n"
            "<p><input type=\"radio\" id=\"f-mode-in\" name=\"mode\" value=\"in_person\"");
    if (!online)
        H(page, " checked");
    H(page, "> <label for=\"f-mode-in\">In person</label>\n"
            "<input type=\"radio\" id=\"f-mode-online\" name=\"mode\" value=\"online\"");
    if (online)
        H(page, " checked");
    H(page, "> <label for=\"f-mode-online\">Online</label></p>\n</fieldset>\n");
}

/* The form, filled from F (NULL: defaults, with the set from the query). PREVIEWED (NULL: none)
 * is the fingerprint of the values whose dates are shown, which adds the Schedule button. */
static void series_form(struct web_request *r, struct html *page, long long programme_id,
                        const struct series_set *sets, size_t nsets, const struct formdata *f,
                        const char *previewed, int count)
{
    H(page, "<form method=\"post\" action=\"/programmes/");
    html_int(page, programme_id);
    H(page, "/series\">\n");
    html_csrf(page, r->csrf);
    set_select(page, sets, nsets, f ? sent(f, "set", "all") : formdata_get(&r->query, "set"));
    H(page, "<p class=\"field\"><input type=\"checkbox\" id=\"f-skip_scheduled\" "
            "name=\"skip_scheduled\" value=\"1\"");
    if (f && formdata_get(f, "skip_scheduled"))
        H(page, " checked");
    H(page, "> <label for=\"f-skip_scheduled\">With every set: leave out the sets that already "
            "have meetings</label></p>\n");
    html_input(page, "number", "count", "Number of meetings", sent(f, "count", DEFAULT_COUNT),
               true);
    html_input(page, "datetime-local", "first", "First meeting (local date and time)",
               sent(f, "first", ""), true);
    html_input(page, "number", "every_weeks", "Every N weeks",
               sent(f, "every_weeks", DEFAULT_WEEKS), true);
    html_input(page, "text", "duration", "Length (3h, 90m or 2h30m)",
               sent(f, "duration", DEFAULT_DURATION), true);
    char tz[SERIES_TZ_MAX + 1];
    series_default_tz(r->db, programme_id, tz);
    html_input(page, "text", "tz", "Time zone (IANA name)", sent(f, "tz", tz), true);
    mode_radios(page, sent(f, "mode", "in_person"));
    html_input(page, "text", "location", "Location (in person)", sent(f, "location", ""), false);
    html_input(page, "url", "link", "Meeting link (online)", sent(f, "link", ""), false);
    H(page, "<p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"preview\">"
            "Preview the dates</button>\n");
    if (previewed) {
        H(page, "<input type=\"hidden\" name=\"previewed\" value=\"");
        html_text(page, previewed);
        H(page, "\">\n<button type=\"submit\" name=\"action\" value=\"confirm\">Schedule ");
        html_int(page, count);
        H(page, " meetings</button>");
    }
    H(page, "</p>\n</form>\n");
}

static void problems_list(struct html *page, const struct diag_list *problems)
{
    H(page, "<div class=\"error\" role=\"alert\"><p>Please check these fields:</p>\n<ul>\n");
    for (size_t i = 0; i < problems->count; i++) {
        H(page, "<li><strong>");
        html_text(page, field_label(problems->items[i].field));
        H(page, "</strong> (");
        html_text(page, problems->items[i].field);
        H(page, "): ");
        html_text(page, problems->items[i].message);
        H(page, "</li>\n");
    }
    H(page, "</ul></div>\n");
}

static void preview_table(struct html *page, const struct series_plan *p)
{
    H(page, "<h2>Preview</h2>\n<p>");
    html_int(page, p->count);
    H(page, " meetings every ");
    html_int(page, p->weeks);
    if (p->weeks == 1)
        H(page, " week");
    else
        H(page, " weeks");
    H(page, " for ");
    for (size_t i = 0; i < p->nchosen; i++) {
        if (i)
            H(page, ", ");
        html_text(page, series_plan_set_name(p, p->chosen[i]));
    }
    if (p->online)
        H(page, ", online at ");
    else
        H(page, ", at ");
    html_text(page, p->place);
    H(page, ".");
    if (p->nskipped) {
        H(page, " Left out because they already have meetings: ");
        bool first = true;
        for (size_t i = 0; i < p->nsets; i++) {
            if (p->sets[i].scheduled == 0)
                continue;
            if (!first)
                H(page, ", ");
            html_text(page, p->sets[i].name);
            first = false;
        }
        H(page, ".");
    }
    H(page, " Nothing is saved until you press Schedule.</p>\n<table class=\"list\" "
            "id=\"preview\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">When (");
    html_text(page, p->tz);
    H(page, ")</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < p->count; i++) {
        char when[MEET_WHEN_MAX];
        meet_when_format(p->tz, p->starts[i], p->starts[i] + (int64_t)p->duration_min * 60, when,
                         sizeof when);
        H(page, "<tr><td>");
        html_int(page, i + 1);
        H(page, "</td><td>");
        html_text(page, when);
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
    /* Local times in a daylight-saving gap or fold: what RFC 5545's rule stores instead. */
    struct diag_list warnings = {0};
    if (series_plan_warnings(p, &warnings) == 0 && warnings.count) {
        H(page, "<div class=\"warning\" role=\"status\" id=\"dst-warnings\"><p>Daylight "
                "saving:</p>\n<ul>\n");
        for (size_t i = 0; i < warnings.count; i++) {
            H(page, "<li>");
            html_text(page, warnings.items[i].message);
            H(page, "</li>\n");
        }
        H(page, "</ul></div>\n");
    }
    diag_list_free(&warnings);
}

/* The page around the form; STATUS 200 or 422. */
static void render(struct web_request *r, int status, json_t *prog, const struct series_set *sets,
                   size_t nsets, const struct formdata *f, const struct diag_list *problems,
                   const struct series_plan *preview, const char *notice)
{
    long long id = json_integer_value(json_object_get(prog, "id"));
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Schedule meetings", &v);
    H(&page, "<p class=\"meta\"><a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "\">");
    html_text(&page, json_string_value(json_object_get(prog, "name")));
    H(&page, "</a></p>\n<p>A series of meetings at the same local time for one set, or for every "
             "set of the published plan at once. Existing meetings are never changed here: move "
             "or cancel single meetings on their pages.</p>\n");
    if (notice)
        html_notice(&page, false, notice);
    if (problems && problems->count)
        problems_list(&page, problems);
    char *fp = preview ? fingerprint(f) : NULL;
    series_form(r, &page, id, sets, nsets, f, fp, preview ? preview->count : 0);
    free(fp);
    if (preview)
        preview_table(&page, preview);
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

/* The programme of the route, or NULL with the error page sent. */
static json_t *programme(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0)
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
    return rc == 0 ? prog : NULL;
}

/* GET /programmes/#/series[?set=ID][&scheduled=N] */
void page_series_form(struct web_request *r)
{
    json_t *prog = programme(r);
    if (!prog)
        return;
    struct series_set *sets = NULL;
    size_t n = 0;
    if (store_series_sets(r->db, r->ids[0], &sets, &n) != 0) {
        json_decref(prog);
        web_error(r, 500, "The sets could not be read.");
        return;
    }
    const char *done = formdata_get(&r->query, "scheduled");
    char *notice = done ? str_printf("Scheduled %d meetings for each chosen set.", atoi(done))
                   : n == 0
                       ? str_printf("The programme has no published plan yet: form and publish "
                                    "its sets first.")
                       : NULL;
    render(r, 200, prog, sets, n, NULL, NULL, NULL, notice);
    free(notice);
    series_sets_free(sets, n);
    json_decref(prog);
}

/* POST /programmes/#/series action=preview|confirm */
void page_series_schedule(struct web_request *r)
{
    json_t *prog = programme(r);
    if (!prog)
        return;
    struct series_plan p;
    struct diag_list problems = {0};
    int rc = series_plan_read(r->db, r->ids[0], form_value, &r->form, &p, &problems);
    const char *action = sent(&r->form, "action", "preview");
    char *fp = fingerprint(&r->form);
    bool unchanged = fp && strcmp(sent(&r->form, "previewed", ""), fp) == 0;
    free(fp);
    if (rc < 0) {
        web_error(r, 500, "The series could not be prepared.");
    } else if (rc == 1) {
        render(r, 422, prog, p.sets, p.nsets, &r->form, &problems, NULL, NULL);
    } else if (strcmp(action, "confirm") != 0 || !unchanged) {
        /* A confirmation of values other than those previewed shows their dates first. */
        render(r, 200, prog, p.sets, p.nsets, &r->form, NULL, &p,
               strcmp(action, "confirm") == 0 ? "The fields changed since the preview: check "
                                                "these dates, then schedule."
                                              : NULL);
    } else if ((rc = series_plan_save(r->db, &p, &problems)) == 0) {
        char *to = str_printf("/programmes/%lld/series?scheduled=%d", r->ids[0], p.count);
        web_redirect(r, to);
        free(to);
    } else if (rc == 1) {
        render(r, 409, prog, p.sets, p.nsets, &r->form, &problems, NULL, NULL);
    } else {
        web_error(r, 500, "The series could not be saved.");
    }
    series_plan_free(&p);
    diag_list_free(&problems);
    json_decref(prog);
}
