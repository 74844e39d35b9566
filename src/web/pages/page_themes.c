/* An admin's themes of a programme (issue 16): every theme with its size, and forms to rename,
 * merge and split them, as `setwork challenges rename|merge|split` do. What an admin sees of the
 * challenges is what challenge_themes_json and challenge_theme_members_json give them (no name,
 * no title, an excerpt only from a consenting author in a theme that may be shown). A merge or a
 * split is confirmed on a second page before it is done. */
#include "web/pages/page_themes.h"

#include "app/challenges/challenges.h"
#include "store/store_programmes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More themes than a cohort of thousands ever forms; bounds the ids read from one form. */
#define THEMES_FORM_MAX_IDS 1000

/* What went wrong with a form, to show next to it: which form (the theme renamed or split, or
 * the merge form), and the sentence. */
struct theme_problem {
    const char *form; /* "rename", "merge", "split", or NULL */
    long long theme;  /* the theme of a rename or split form */
    const char *message;
};

/* The ids sent in the fields named NAME (one each), into IDS (at most MAX); how many. -1 when one
 * is not a number. */
static long form_ids(const struct formdata *f, const char *name, long long *ids, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++) {
        if (strcmp(f->fields[i].name, name) != 0)
            continue;
        char *end = NULL;
        long long v = strtoll(f->fields[i].value, &end, 10);
        if (!*f->fields[i].value || *end || v <= 0)
            return -1;
        if (n < max)
            ids[n++] = v;
    }
    return (long)n;
}

static bool form_has_id(const struct formdata *f, const char *name, long long id)
{
    long long ids[THEMES_FORM_MAX_IDS];
    long n = f ? form_ids(f, name, ids, THEMES_FORM_MAX_IDS) : 0;
    for (long i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static long long form_id(const struct formdata *f, const char *name)
{
    const char *v = f ? formdata_get(f, name) : NULL;
    char *end = NULL;
    long long id = v && *v ? strtoll(v, &end, 10) : 0;
    return v && *v && !*end && id > 0 ? id : 0;
}

static void theme_name(struct html *page, json_t *t)
{
    H(page, "#");
    html_int(page, json_integer_value(json_object_get(t, "id")));
    H(page, " ");
    html_text(page, json_string_value(json_object_get(t, "label")));
}

/* The error of form FORM (theme THEME) when it is the one that went wrong, with id ID for
 * aria-describedby. */
static bool problem_here(const struct theme_problem *p, const char *form, long long theme)
{
    return p && p->form && strcmp(p->form, form) == 0 && (theme == 0 || p->theme == theme);
}

static void field_error(struct html *page, const char *id, const char *message)
{
    H(page, "<p class=\"error field-error\" id=\"");
    html_text(page, id);
    H(page, "\" role=\"alert\">");
    html_text(page, message);
    H(page, "</p>\n");
}

static void rename_form(struct web_request *r, struct html *page, json_t *t,
                        const struct theme_problem *p)
{
    long long id = json_integer_value(json_object_get(t, "id"));
    bool bad = problem_here(p, "rename", id);
    char fid[48], eid[48];
    snprintf(fid, sizeof fid, "label-%lld", id);
    snprintf(eid, sizeof eid, "label-%lld-error", id);
    H(page, "<form method=\"post\" class=\"inline\" action=\"/programmes/");
    html_int(page, r->ids[0]);
    H(page, "/themes/rename\">\n");
    html_csrf(page, r->csrf);
    H(page, "<input type=\"hidden\" name=\"theme\" value=\"");
    html_int(page, id);
    H(page, "\">\n<label for=\"");
    html_text(page, fid);
    H(page, "\">New name for theme #");
    html_int(page, id);
    H(page, "</label> <input type=\"text\" id=\"");
    html_text(page, fid);
    H(page, "\" name=\"label\" maxlength=\"200\" required value=\"");
    html_text(page, bad ? formdata_get(&r->form, "label")
                        : json_string_value(json_object_get(t, "label")));
    H(page, "\"");
    if (bad) {
        H(page, " aria-invalid=\"true\" aria-describedby=\"");
        html_text(page, eid);
        H(page, "\"");
    }
    H(page, "> <button type=\"submit\">Rename</button>\n");
    if (bad)
        field_error(page, eid, p->message);
    H(page, "</form>\n");
}

/* The split form of theme T: its challenges to tick, each by number and, where the admin may
 * read it, its excerpt. */
static void split_form(struct web_request *r, struct html *page, json_t *t, json_t *members,
                       const struct theme_problem *p)
{
    long long id = json_integer_value(json_object_get(t, "id"));
    bool bad = problem_here(p, "split", id);
    H(page, "<details");
    if (bad)
        H(page, " open");
    H(page, "><summary>Split theme #");
    html_int(page, id);
    H(page, "</summary>\n<form method=\"post\" action=\"/programmes/");
    html_int(page, r->ids[0]);
    H(page, "/themes/split\">\n");
    html_csrf(page, r->csrf);
    H(page, "<input type=\"hidden\" name=\"theme\" value=\"");
    html_int(page, id);
    H(page, "\">\n<fieldset");
    if (bad) {
        H(page, " aria-describedby=\"split-");
        html_int(page, id);
        H(page, "-error\"");
    }
    H(page, "><legend>Challenges that go to a new theme</legend>\n");
    if (bad) {
        char eid[48];
        snprintf(eid, sizeof eid, "split-%lld-error", id);
        field_error(page, eid, p->message);
    }
    H(page, "<ul class=\"people-pick\">\n");
    size_t i;
    json_t *m;
    json_array_foreach(members, i, m)
    {
        long long cid = json_integer_value(json_object_get(m, "id"));
        H(page, "<li><label><input type=\"checkbox\" name=\"move\" value=\"");
        html_int(page, cid);
        H(page, "\"");
        if (bad && form_has_id(&r->form, "move", cid))
            H(page, " checked");
        H(page, "> Challenge ");
        html_int(page, (long long)i + 1);
        const char *e = json_string_value(json_object_get(m, "excerpt"));
        if (e) {
            H(page, ": <q>");
            html_text(page, e);
            H(page, "</q>");
        } else {
            H(page, " <small>(its words are not shown: its author did not agree to an "
                    "excerpt, or the theme is too small to be shown)</small>");
        }
        H(page, "</label></li>\n");
    }
    H(page, "</ul>\n</fieldset>\n<p><button type=\"submit\">Split…</button></p>\n</form>\n"
            "</details>\n");
}

static void merge_form(struct web_request *r, struct html *page, json_t *themes,
                       const struct theme_problem *p)
{
    bool bad = problem_here(p, "merge", 0);
    long long into = bad ? form_id(&r->form, "into") : 0;
    size_t i;
    json_t *t;
    H(page, "<h2 id=\"merge\">Merge themes</h2>\n<form method=\"post\" action=\"/programmes/");
    html_int(page, r->ids[0]);
    H(page, "/themes/merge\">\n");
    html_csrf(page, r->csrf);
    if (bad)
        field_error(page, "merge-error", p->message);
    H(page, "<p class=\"field\"><label for=\"into\">Keep</label>\n<select id=\"into\" "
            "name=\"into\"");
    if (bad)
        H(page, " aria-describedby=\"merge-error\"");
    H(page, ">\n");
    json_array_foreach(themes, i, t)
    {
        long long id = json_integer_value(json_object_get(t, "id"));
        H(page, "<option value=\"");
        html_int(page, id);
        H(page, "\"");
        if (id == into)
            H(page, " selected");
        H(page, ">");
        theme_name(page, t);
        H(page, "</option>\n");
    }
    H(page, "</select></p>\n<fieldset");
    if (bad)
        H(page, " aria-describedby=\"merge-error\"");
    H(page, "><legend>and merge into it</legend>\n<ul class=\"people-pick\">\n");
    json_array_foreach(themes, i, t)
    {
        long long id = json_integer_value(json_object_get(t, "id"));
        H(page, "<li><label><input type=\"checkbox\" name=\"from\" value=\"");
        html_int(page, id);
        H(page, "\"");
        if (bad && form_has_id(&r->form, "from", id))
            H(page, " checked");
        H(page, "> ");
        theme_name(page, t);
        H(page, "</label></li>\n");
    }
    H(page, "</ul>\n</fieldset>\n<p><button type=\"submit\">Merge…</button></p>\n</form>\n");
}

/* The themes page, with P's error next to its form (status CODE). */
static void themes_page(struct web_request *r, int code, const struct theme_problem *p)
{
    struct theme_settings s;
    json_t *themes = NULL;
    if (store_theme_settings(r->db, r->ids[0], &s) != 0 ||
        !(themes = challenge_themes_json(r->db, r->ids[0], &s, true))) {
        web_error(r, 500, "The themes could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Themes", &v);
    /* The error at the top too: its form may be far down the page, or gone with its theme. */
    if (p && p->message)
        html_notice(&page, true, p->message);
    H(&page, "<p class=\"hint\">Themes are found again in the background whenever challenges "
             "shared with the cohort change. A name you give stays with the theme; a theme you "
             "merge or split stays as you left it, and new challenges close to it join it. "
             "Participants hear of a theme only when it holds at least ");
    html_int(&page,
             s.min_people < PRIVACY_FLOOR_MIN_PEOPLE ? PRIVACY_FLOOR_MIN_PEOPLE : s.min_people);
    H(&page, " people; you see only the words of authors who agreed to share an excerpt.</p>\n"
             "<p><a href=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "\">Back to the programme</a></p>\n");
    size_t n = json_array_size(themes), i;
    json_t *t;
    if (n == 0)
        H(&page, "<p>No themes yet: they appear when several people share challenges that are "
                 "close to one another with the cohort.</p>\n");
    else {
        html_scroll_begin(&page, "The programme's themes");
        H(&page, "<table class=\"list\">\n<caption>The programme's themes, largest first"
                 "</caption>\n<thead><tr><th scope=\"col\">Theme</th><th scope=\"col\" "
                 "class=\"num\">People</th><th scope=\"col\" class=\"num\">Challenges</th>"
                 "<th scope=\"col\">Shown to participants</th></tr></thead>\n<tbody>\n");
        json_array_foreach(themes, i, t)
        {
            H(&page, "<tr><td>");
            theme_name(&page, t);
            if (json_is_true(json_object_get(t, "renamed")))
                H(&page, " <small>(named by an admin)</small>");
            if (json_is_true(json_object_get(t, "pinned")))
                H(&page, " <small>(kept as merged or split)</small>");
            H(&page, "</td><td class=\"num\">");
            html_int(&page, json_integer_value(json_object_get(t, "people")));
            H(&page, "</td><td class=\"num\">");
            html_int(&page, json_integer_value(json_object_get(t, "challenges")));
            H(&page, "</td><td>");
            if (json_is_true(json_object_get(t, "shown")))
                H(&page, "yes");
            else
                H(&page, "no: too few people");
            H(&page, "</td></tr>\n");
        }
        H(&page, "</tbody></table>\n");
        html_scroll_end(&page);
        H(&page, "<h2>Rename or split</h2>\n");
        json_array_foreach(themes, i, t)
        {
            H(&page, "<section class=\"theme-admin\" aria-labelledby=\"theme-");
            html_int(&page, json_integer_value(json_object_get(t, "id")));
            H(&page, "\"><h3 id=\"theme-");
            html_int(&page, json_integer_value(json_object_get(t, "id")));
            H(&page, "\">");
            theme_name(&page, t);
            H(&page, "</h3>\n");
            rename_form(r, &page, t, p);
            json_t *members = challenge_theme_members_json(
                r->db, r->ids[0], json_integer_value(json_object_get(t, "id")), &s);
            if (members && json_array_size(members) >= 2)
                split_form(r, &page, t, members, p);
            json_decref(members);
            H(&page, "</section>\n");
        }
        if (n >= 2)
            merge_form(r, &page, themes, p);
    }
    html_page_end(&page);
    web_html(r, code, &page);
    html_free(&page);
    json_decref(themes);
}

void page_themes(struct web_request *r)
{
    themes_page(r, 200, NULL);
}

/* After a change: back to the list, so that reloading it repeats nothing. */
static void done_redirect(struct web_request *r)
{
    char *to = str_printf("/programmes/%lld/themes", r->ids[0]);
    web_redirect(r, to ? to : "/");
    free(to);
}

void page_theme_rename(struct web_request *r)
{
    long long id = form_id(&r->form, "theme");
    const char *label = formdata_get(&r->form, "label");
    if (!id) {
        web_error(r, 400, "Say which theme to rename.");
        return;
    }
    char *err = NULL;
    int rc = challenge_theme_rename(r->db, r->ids[0], id, label ? label : "", &err);
    if (rc == 0) {
        free(err);
        done_redirect(r);
        return;
    }
    if (rc < 0) {
        free(err);
        web_error(r, 500, "The theme could not be renamed.");
        return;
    }
    /* The store's sentence speaks of bytes and commands; a person gets these. */
    struct theme_problem p = {"rename", id, NULL};
    if (!label || !*label)
        p.message = "Give the theme a name.";
    else if (strlen(label) > CHALLENGE_MAX_TITLE)
        p.message = "Keep the name to 200 characters or fewer.";
    else
        p.message = "This theme no longer exists (themes were found again): reload the page.";
    free(err);
    themes_page(r, 422, &p);
}

/* The confirmation of a merge or split: what will happen, and the same form again with
 * confirm=yes. */
static void confirm_page(struct web_request *r, const char *action, const char *what)
{
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, strcmp(action, "merge") == 0 ? "Merge themes?" : "Split the theme?", &v);
    H(&page, "<p>");
    html_text(&page, what);
    H(&page, "</p>\n<form method=\"post\" action=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "/themes/");
    html_text(&page, action);
    H(&page, "\">\n");
    html_csrf(&page, r->csrf);
    for (size_t i = 0; i < r->form.count; i++) {
        const char *name = r->form.fields[i].name;
        if (strcmp(name, "into") != 0 && strcmp(name, "from") != 0 && strcmp(name, "theme") != 0 &&
            strcmp(name, "move") != 0)
            continue;
        H(&page, "<input type=\"hidden\" name=\"");
        html_text(&page, name);
        H(&page, "\" value=\"");
        html_text(&page, r->form.fields[i].value);
        H(&page, "\">\n");
    }
    H(&page, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">\n<p class=\"actions\">"
             "<button type=\"submit\">Yes, ");
    html_text(&page, action);
    H(&page, "</button> <a href=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "/themes\">No, go back</a></p>\n</form>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
}

static bool confirmed(struct web_request *r)
{
    const char *c = formdata_get(&r->form, "confirm");
    return c && strcmp(c, "yes") == 0;
}

/* The label of theme ID now, for the confirmation (caller frees); "#ID" when unknown. */
static char *label_now(struct web_request *r, long long id)
{
    struct theme_row t;
    if (store_theme_get(r->db, r->ids[0], id, &t) != 0)
        return str_printf("#%lld", id);
    char *s = str_printf("#%lld %s", id, t.label);
    theme_row_clear(&t);
    return s;
}

void page_theme_merge(struct web_request *r)
{
    long long from[THEMES_FORM_MAX_IDS];
    long long into = form_id(&r->form, "into");
    long n = form_ids(&r->form, "from", from, THEMES_FORM_MAX_IDS);
    struct theme_problem p = {"merge", 0, NULL};
    if (!into || n < 0)
        p.message = "Choose the theme to keep and the themes to merge into it.";
    /* Ticking the kept theme among the merged ones is harmless: it is left out. */
    long k = 0;
    for (long i = 0; i < n; i++)
        if (from[i] != into)
            from[k++] = from[i];
    if (!p.message && k == 0)
        p.message = "Tick at least one theme to merge into the one you keep.";
    if (p.message) {
        themes_page(r, 422, &p);
        return;
    }
    struct theme_settings s;
    char *err = NULL;
    if (!confirmed(r)) {
        /* Checked before asking, so that the confirmation is never for a merge that fails. */
        struct theme_row t;
        for (long i = -1; i < k; i++) {
            int rc = store_theme_get(r->db, r->ids[0], i < 0 ? into : from[i], &t);
            if (rc == 0) {
                theme_row_clear(&t);
                continue;
            }
            p.message = "A theme chosen no longer exists (themes were found again): choose "
                        "again.";
            themes_page(r, rc == 1 ? 422 : 500, &p);
            return;
        }
        struct strbuf what = {0};
        char *l = label_now(r, into);
        sb_printf(&what, "Merge %ld theme%s into %s? ", k, k == 1 ? "" : "s", l ? l : "");
        free(l);
        for (long i = 0; i < k; i++) {
            l = label_now(r, from[i]);
            sb_printf(&what, "%s%s", i ? ", " : "", l ? l : "");
            free(l);
        }
        sb_printf(&what, " will be gone and their challenges will be in the theme you keep.");
        confirm_page(r, "merge", what.data ? what.data : "");
        sb_free(&what);
        return;
    }
    int rc = store_theme_settings(r->db, r->ids[0], &s) != 0
                 ? -1
                 : challenge_theme_merge_many(r->db, r->ids[0], into, from, (size_t)k, &s, &err);
    free(err);
    if (rc == 0) {
        done_redirect(r);
        return;
    }
    if (rc < 0) {
        web_error(r, 500, "The themes could not be merged.");
        return;
    }
    p.message = "A theme chosen no longer exists (themes were found again): choose again.";
    themes_page(r, 422, &p);
}

void page_theme_split(struct web_request *r)
{
    long long move[THEMES_FORM_MAX_IDS];
    long long id = form_id(&r->form, "theme");
    long n = form_ids(&r->form, "move", move, THEMES_FORM_MAX_IDS);
    if (!id) {
        web_error(r, 400, "Say which theme to split.");
        return;
    }
    struct theme_problem p = {"split", id, NULL};
    struct theme_settings s;
    if (store_theme_settings(r->db, r->ids[0], &s) != 0) {
        web_error(r, 500, "The themes could not be read.");
        return;
    }
    json_t *members = challenge_theme_members_json(r->db, r->ids[0], id, &s);
    if (!members) {
        web_error(r, 500, "The themes could not be read.");
        return;
    }
    size_t total = json_array_size(members);
    json_decref(members);
    if (n < 0 || total == 0)
        p.message = "This theme no longer exists (themes were found again): choose again.";
    else if (n == 0)
        p.message = "Tick the challenges that go to the new theme.";
    else if ((size_t)n >= total)
        p.message = "Leave at least one challenge in the theme: tick fewer.";
    if (p.message) {
        themes_page(r, 422, &p);
        return;
    }
    if (!confirmed(r)) {
        char *l = label_now(r, id);
        char *what = str_printf("Split %s? The %ld challenge%s you ticked will form a new theme "
                                "and the other %zu stay.",
                                l ? l : "", n, n == 1 ? "" : "s", total - (size_t)n);
        confirm_page(r, "split", what ? what : "");
        free(what);
        free(l);
        return;
    }
    long long fresh;
    char *err = NULL;
    int rc = challenge_theme_split_chosen(r->db, r->ids[0], id, move, (size_t)n, &s, &fresh, &err);
    if (rc == 0) {
        free(err);
        done_redirect(r);
        return;
    }
    if (rc < 0) {
        free(err);
        web_error(r, 500, "The theme could not be split.");
        return;
    }
    p.message = "The challenges chosen are no longer all in this theme (themes were found "
                "again): choose again.";
    free(err);
    themes_page(r, 422, &p);
}
