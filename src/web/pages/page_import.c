/* Importing a programme's cohort by upload: the CLI's validation (cohort_parse, then
 * cohort_import in one transaction), for CSV of any common delimiter and encoding or an .xlsx
 * sheet, with a sentence saying how the file was read; every problem shown with its line and
 * column, nothing stored unless the whole file is good. */
#include "web/http/web.h"

#include "app/people/cohort_import.h"
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
      "Nothing is stored unless the whole file is correct.</p>\n"
      "<p class=\"field\"><label for=\"f-file\">Cohort CSV file or Excel workbook (.xlsx)</label>\n"
      "<input type=\"file\" id=\"f-file\" name=\"file\" "
      "accept=\".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,"
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" "
      "required></p>\n"
      "<p class=\"field\"><label for=\"f-sheet\">Sheet of a workbook (empty: the "
      "first)</label>\n<input type=\"text\" id=\"f-sheet\" name=\"sheet\"></p>\n"
      "<p><button type=\"submit\">Check and import</button></p>\n</form>\n");
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
    struct cohort cohort = {0};
    struct cohort_lookup lookup = {store_person_exists, db};
    struct cohort_read_options read = {.sheet = sheet, .lookup = &lookup};
    int rc = cohort_parse(filename, data, len, &read, &cohort, src, diags);
    if (rc != 0)
        return rc;
    struct import_options opt = {.programme = programme, .source = filename};
    rc = cohort_import(db, &cohort, &opt, report, diags);
    cohort_free(&cohort);
    diag_sort(diags);
    return rc;
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

void page_upload(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        return;
    }
    const struct formdata_field *file = formdata_field(&r->form, "file");
    const struct formdata_field *sheet = formdata_field(&r->form, "sheet");
    struct diag_list diags = {0};
    struct import_report report = {0};
    struct sheet_source src = {0};
    const char *name = file && file->filename && *file->filename ? file->filename : "upload.csv";
    if (!file || file->len == 0) {
        diag_add(&diags, name, 0, NULL, "Choose a CSV file to upload; the one sent is empty.");
        rc = 1;
    } else {
        rc = web_import_cohort_file(
            r->db, json_string_value(json_object_get(prog, "name")), name, file->value, file->len,
            sheet && sheet->value && sheet->value[0] ? sheet->value : NULL, &src, &report, &diags);
    }
    struct strbuf read_as = {0};
    sheet_source_describe(&src, &read_as);
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, rc == 0 ? "Cohort imported" : "Nothing was imported", &v);
    if (read_as.data && read_as.data[0]) {
        H(&page, "<p class=\"hint\" id=\"read-as\">");
        html_text(&page, read_as.data);
        H(&page, "</p>\n");
    }
    if (rc == 0) {
        H(&page, "<p class=\"notice\" role=\"status\">");
        html_int(&page, (long long)report.people);
        H(&page, " people in the file: ");
        html_int(&page, (long long)report.created);
        H(&page, " new, ");
        html_int(&page, (long long)report.updated);
        H(&page, " updated, ");
        html_int(&page, (long long)report.unchanged);
        H(&page, " unchanged; ");
        html_int(&page, (long long)report.joined);
        H(&page, " joined the programme.</p>\n");
    } else {
        html_notice(&page, true,
                    "The file has problems. Nothing was stored: fix every line "
                    "listed below and upload the file again.");
        problems_table(&page, &diags);
        upload_form(&page, r->ids[0], r->csrf);
    }
    H(&page, "<p><a href=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "\">Back to the programme</a></p>\n");
    html_page_end(&page);
    web_html(r, rc == 0 ? 200 : rc == 1 ? 422 : 500, &page);
    html_free(&page);
    import_report_free(&report);
    sheet_source_free(&src);
    sb_free(&read_as);
    diag_list_free(&diags);
    json_decref(prog);
}
