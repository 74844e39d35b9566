/* Importing a programme's cohort by upload: the CLI's validation (cohort_parse, then
 * cohort_import in one transaction), for CSV of any common delimiter and encoding or an .xlsx
 * sheet, with a sentence saying how the file was read; every problem shown with its line and
 * column, nothing stored unless the whole file is good. */
#include "web/http/web.h"

#include "app/people/cohort_import.h"
#include "app/people/import_preview.h"
#include "core/strbuf.h"
#include "io/import/cohort_csv.h"
#include "io/import/sheet_load.h"
#include "store/store_people.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

static void upload_form(struct html *page, long long id, const char *csrf)
{
    H(page, "<form method=\"post\" action=\"/programmes/");
    html_int(page, id);
    H(page, "/import\" enctype=\"multipart/form-data\" class=\"card\">\n");
    html_csrf(page, csrf);
    H(page,
      "<p class=\"hint\">A CSV file (separated by commas, semicolons or tabs; UTF-8, "
      "UTF-16 or Windows-1252) or an Excel workbook (.xlsx) with a header row: "
      "<code>name</code> and "
      "<code>email</code> are required; <code>organisation</code>, <code>department</code>,"
      " <code>location</code>, <code>role</code>, <code>grade</code>, <code>gender</code>,"
      " <code>manager_email</code> and any other column are kept as attributes. "
      "You see every change the file would make before anything is stored, and apply them "
      "or cancel.</p>\n"
      "<p class=\"field\"><label for=\"f-file\">Cohort CSV file or Excel workbook (.xlsx)</label>\n"
      "<input type=\"file\" id=\"f-file\" name=\"file\" "
      "accept=\".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,"
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" "
      "required></p>\n"
      "<p class=\"field\"><label for=\"f-sheet\">Sheet of a workbook (empty: the "
      "first)</label>\n<input type=\"text\" id=\"f-sheet\" name=\"sheet\"></p>\n"
      "<p><button type=\"submit\">Check the file</button></p>\n</form>\n");
}

/* The longest column name shown whole in the problems table: a header read with the wrong
 * delimiter is one long name, which would squeeze the messages out of the table. */
#define COLUMN_CELL_MAX 40

static void column_cell(struct html *page, const char *field)
{
    if (!field)
        return;
    size_t n = strlen(field);
    if (n <= COLUMN_CELL_MAX) {
        html_text(page, field);
        return;
    }
    /* Cut on a UTF-8 character boundary. */
    while (n > COLUMN_CELL_MAX - 1 || (n > 0 && ((unsigned char)field[n] & 0xC0) == 0x80))
        n--;
    char *cut = str_printf("%.*s\u2026", (int)n, field);
    html_text(page, cut ? cut : "");
    free(cut);
}

static void problems_table(struct html *page, const struct diag_list *diags)
{
    H(page, "<table class=\"list problems\">\n<caption>Problems, by line</caption>\n<thead><tr>"
            "<th scope=\"col\" class=\"num\">Line</th><th scope=\"col\">Column</th>"
            "<th scope=\"col\">Problem</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < diags->count; i++) {
        H(page, "<tr><td class=\"num\">");
        if (diags->items[i].line)
            html_int(page, diags->items[i].line);
        H(page, "</td><td>");
        column_cell(page, diags->items[i].field);
        H(page, "</td><td>");
        html_text(page, diags->items[i].message);
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
    if (diags->dropped) {
        H(page, "<p>");
        html_int(page, (long long)diags->dropped);
        H(page, " more problems are not shown.</p>\n");
    }
}

int web_import_cohort(struct db *db, const char *programme, const char *filename, const char *data,
                      size_t len, struct import_report *report, struct diag_list *diags)
{
    struct sheet_source src;
    int rc = web_import_cohort_file(db, programme, filename, data, len, NULL, &src, report, diags);
    sheet_source_free(&src);
    return rc;
}

int web_import_cohort_file(struct db *db, const char *programme, const char *filename,
                           const char *data, size_t len, const char *sheet,
                           struct sheet_source *src, struct import_report *report,
                           struct diag_list *diags)
{
    struct import_options opt = {.programme = programme, .source = filename};
    return import_upload(db, &opt, data, len, sheet, src, report, diags);
}

void page_upload_form(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Import a cohort", &v);
    H(&page, "<p>Into <a href=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "\">");
    html_text(&page, json_string_value(json_object_get(prog, "name")));
    H(&page, "</a>.</p>\n");
    upload_form(&page, r->ids[0], r->csrf);
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(prog);
}

/* "N people in the file: ..." for a preview (WOULD) or an import done. */
static void summary(struct html *page, const struct import_report *r, bool would)
{
    H(page, "<p class=\"notice\" role=\"status\" id=\"import-summary\">");
    html_int(page, (long long)r->people);
    H(page, " people in the file: ");
    html_int(page, (long long)r->created);
    H(page, " new, ");
    html_int(page, (long long)r->updated);
    H(page, " updated, ");
    html_int(page, (long long)r->unchanged);
    H(page, " unchanged; ");
    html_int(page, (long long)r->joined);
    if (would)
        H(page, " would join the programme.</p>\n");
    else
        H(page, " joined the programme.</p>\n");
}

static void value_cell(struct html *page, const char *v)
{
    if (v && *v)
        html_text(page, v);
    else
        H(page, "<span class=\"hint\">(empty)</span>");
}

/* Every change of every updated person: person, field, before, after. */
static void changes_table(struct html *page, const struct import_report *r, bool would)
{
    if (json_array_size(r->changes) == 0)
        return;
    H(page, "<table class=\"list\" id=\"import-changes\">\n<caption>");
    if (would)
        H(page, "What would change for people already in setwork");
    else
        H(page, "What changed for people already in setwork");
    H(page, "</caption>\n<thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Field</th>"
            "<th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead>\n<tbody>\n");
    size_t i;
    json_t *ch;
    json_array_foreach(r->changes, i, ch)
    {
        H(page, "<tr><td>");
        html_text(page, json_string_value(json_object_get(ch, "email")));
        H(page, "</td><td>");
        html_text(page, json_string_value(json_object_get(ch, "field")));
        H(page, "</td><td>");
        value_cell(page, json_string_value(json_object_get(ch, "from")));
        H(page, "</td><td>");
        value_cell(page, json_string_value(json_object_get(ch, "to")));
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
}

/* People who join the programme, and members the file leaves out (they stay). */
static void people_lists(struct html *page, const struct import_report *r, bool would)
{
    size_t i;
    json_t *e;
    if (json_array_size(r->added)) {
        H(page, "<h2>");
        if (would)
            H(page, "People who would join the programme");
        else
            H(page, "People who joined the programme");
        H(page, "</h2>\n<ul id=\"import-added\">\n");
        json_array_foreach(r->added, i, e)
        {
            H(page, "<li>");
            html_text(page, json_string_value(json_object_get(e, "name")));
            H(page, " (");
            html_text(page, json_string_value(json_object_get(e, "email")));
            if (json_is_true(json_object_get(e, "new")))
                H(page, "), new to setwork</li>\n");
            else
                H(page, "), already in setwork</li>\n");
        }
        H(page, "</ul>\n");
    }
    if (json_array_size(r->not_in_file)) {
        H(page, "<h2>Members not in this file</h2>\n<p id=\"import-missing-note\">");
        html_int(page, (long long)json_array_size(r->not_in_file));
        H(page, " of the programme's members are not in the file. Nothing happens to them: they "
                "stay in the programme as they are. (The command line's <code>setwork import "
                "--prune</code> removes such members.)</p>\n<ul id=\"import-missing\">\n");
        json_array_foreach(r->not_in_file, i, e)
        {
            H(page, "<li>");
            html_text(page, json_string_value(e));
            H(page, "</li>\n");
        }
        H(page, "</ul>\n");
    }
}

/* The preview: what the file would change, with Apply (when anything would) and Cancel. */
static void preview_body(struct html *page, long long programme_id, const char *csrf,
                         const struct import_report *r, long long preview_id)
{
    summary(page, r, true);
    changes_table(page, r, true);
    people_lists(page, r, true);
    if (!preview_id) {
        H(page, "<p id=\"import-nothing\">The file matches what setwork holds: there is nothing "
                "to apply.</p>\n<p><a href=\"/programmes/");
        html_int(page, programme_id);
        H(page, "\">Back to the programme</a></p>\n");
        return;
    }
    H(page, "<form method=\"post\" action=\"/programmes/");
    html_int(page, programme_id);
    H(page, "/import\" class=\"actions\">\n");
    html_csrf(page, csrf);
    H(page, "<input type=\"hidden\" name=\"preview\" value=\"");
    html_int(page, preview_id);
    H(page, "\">\n<p>Nothing has been changed yet.</p>\n<p><button type=\"submit\">Apply these "
            "changes</button> <a href=\"/programmes/");
    html_int(page, programme_id);
    H(page, "\">Cancel</a></p>\n</form>\n");
}

static void read_as_hint(struct html *page, const struct sheet_source *src)
{
    struct strbuf read_as = {0};
    sheet_source_describe(src, &read_as);
    if (read_as.data && read_as.data[0]) {
        H(page, "<p class=\"hint\" id=\"read-as\">");
        html_text(page, read_as.data);
        H(page, "</p>\n");
    }
    sb_free(&read_as);
}

/* The second step: apply the kept file named by the form's "preview". */
static int apply(struct web_request *r, const char *programme, long long preview_id,
                 struct html *page)
{
    struct diag_list diags = {0};
    struct import_report report = {0};
    struct sheet_source src = {0};
    long long id = preview_id;
    struct html_viewer v = web_viewer(r);
    int rc = import_preview_apply(r->db, r->ids[0], programme, r->user.id, r->now, &id, &src,
                                  &report, &diags);
    int status = 200;
    if (rc == 0) {
        html_page_begin(page, "Cohort imported", &v);
        read_as_hint(page, &src);
        summary(page, &report, false);
        changes_table(page, &report, false);
        people_lists(page, &report, false);
    } else if (rc == 2) {
        status = 409;
        html_page_begin(page, "Check the changes again", &v);
        html_notice(page, true,
                    "Nothing was changed: the people in setwork changed after you checked the "
                    "file, so it would no longer make the changes you saw. Here is what it "
                    "would change now.");
        read_as_hint(page, &src);
        preview_body(page, r->ids[0], r->csrf, &report, id);
    } else if (rc == 3) {
        status = 410;
        html_page_begin(page, "Nothing was imported", &v);
        html_notice(page, true,
                    "This check of the file is no longer available: it was applied already, or "
                    "it is more than a day old. Upload the file again to see its changes.");
        upload_form(page, r->ids[0], r->csrf);
    } else {
        status = rc == 1 ? 422 : 500;
        html_page_begin(page, "Nothing was imported", &v);
        html_notice(page, true,
                    "The file has problems. Nothing was stored: fix every line "
                    "listed below and upload the file again.");
        problems_table(page, &diags);
        upload_form(page, r->ids[0], r->csrf);
    }
    if (rc == 0 || rc == 3) {
        H(page, "<p><a href=\"/programmes/");
        html_int(page, r->ids[0]);
        H(page, "\">Back to the programme</a></p>\n");
    }
    import_report_free(&report);
    sheet_source_free(&src);
    diag_list_free(&diags);
    return status;
}

/* The first step: check the upload and show what it would change. */
static int preview(struct web_request *r, const char *programme, struct html *page)
{
    const struct formdata_field *file = formdata_field(&r->form, "file");
    const struct formdata_field *sheet = formdata_field(&r->form, "sheet");
    struct diag_list diags = {0};
    struct import_report report = {0};
    struct sheet_source src = {0};
    const char *name = file && file->filename && *file->filename ? file->filename : "upload.csv";
    long long preview_id = 0;
    int rc;
    if (!file || file->len == 0) {
        diag_add(&diags, name, 0, NULL, "Choose a CSV file to upload; the one sent is empty.");
        rc = 1;
    } else {
        rc = import_preview(r->db, r->ids[0], programme, r->user.id, name, file->value, file->len,
                            sheet && sheet->value && sheet->value[0] ? sheet->value : NULL, r->now,
                            &preview_id, &src, &report, &diags);
    }
    struct html_viewer v = web_viewer(r);
    html_page_begin(page, rc == 0 ? "Check the changes" : "Nothing was imported", &v);
    read_as_hint(page, &src);
    if (rc == 0) {
        preview_body(page, r->ids[0], r->csrf, &report, preview_id);
    } else {
        html_notice(page, true,
                    "The file has problems. Nothing was stored: fix every line "
                    "listed below and upload the file again.");
        problems_table(page, &diags);
        upload_form(page, r->ids[0], r->csrf);
        H(page, "<p><a href=\"/programmes/");
        html_int(page, r->ids[0]);
        H(page, "\">Back to the programme</a></p>\n");
    }
    import_report_free(&report);
    sheet_source_free(&src);
    diag_list_free(&diags);
    return rc == 0 ? 200 : rc == 1 ? 422 : 500;
}

void page_upload(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        return;
    }
    const char *programme = json_string_value(json_object_get(prog, "name"));
    const struct formdata_field *kept = formdata_field(&r->form, "preview");
    struct html page = {0};
    int status;
    if (kept && kept->value && kept->value[0]) {
        char *end = NULL;
        long long id = strtoll(kept->value, &end, 10);
        status = apply(r, programme, end && *end == '\0' && id > 0 ? id : 0, &page);
    } else {
        status = preview(r, programme, &page);
    }
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
    json_decref(prog);
}
