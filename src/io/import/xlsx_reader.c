/* .xlsx: the workbook's sheet list, its relationships, the shared strings, the number formats
 * that make a number a date, and the cells of one sheet. */
#include "io/import/xlsx_reader.h"

#include "core/strbuf.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

struct workbook {
    const char *name;
    struct diag_list *diags;
    zip_t *zip;
    char **strings; /* shared strings */
    size_t string_count;
    unsigned char *date_style; /* per cellXfs index: 0 number, 1 date, 2 date and time */
    size_t style_count;
    bool date1904;
    bool oom;
};

bool xlsx_is_zip(const char *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

static bool is(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* An attribute by local name, whatever its namespace (r:id, or a strict-OOXML one). */
static char *attr(const xmlNode *n, const char *local)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, local) == 0) {
            xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
            char *s = v ? strdup((const char *)v) : NULL;
            xmlFree(v);
            return s;
        }
    }
    return NULL;
}

/* Reads part PATH of the archive into *BUF (caller frees) and *LEN. Returns 0, 1 when absent,
 * -1 when too large or unreadable (reported). */
static int read_bytes(struct workbook *wb, const char *path, char **buf, size_t *len)
{
    *buf = NULL;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(wb->zip, path, ZIP_FL_NOCASE, &st) != 0)
        return 1;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_MAX_PART_BYTES) {
        diag_add(wb->diags, wb->name, 0, NULL,
                 "the workbook part %s unpacks to more than %u bytes, the limit; save the "
                 "sheet as CSV",
                 path, XLSX_MAX_PART_BYTES);
        return -1;
    }
    zip_file_t *f = zip_fopen(wb->zip, path, ZIP_FL_NOCASE);
    *buf = malloc(st.size + 1);
    zip_int64_t got = f && *buf ? zip_fread(f, *buf, st.size) : -1;
    if (f)
        zip_fclose(f);
    if (got != (zip_int64_t)st.size) {
        free(*buf);
        *buf = NULL;
        if (!f || got >= 0 || zip_error_code_zip(zip_get_error(wb->zip)) != ZIP_ER_MEMORY)
            diag_add(wb->diags, wb->name, 0, NULL,
                     "the workbook part %s cannot be unpacked (a damaged file?); open it in "
                     "Excel and save it again",
                     path);
        return -1;
    }
    *len = (size_t)st.size;
    return 0;
}

static void damaged_part(struct workbook *wb, const char *path)
{
    diag_add(wb->diags, wb->name, 0, NULL,
             "the workbook part %s cannot be read (a damaged file?); open it in Excel and save "
             "it again",
             path);
}

/* Reads part PATH of the archive and parses it; NULL when absent (*MISSING) or bad. */
static xmlDoc *read_part(struct workbook *wb, const char *path, bool *missing)
{
    char *buf;
    size_t len = 0;
    int rc = read_bytes(wb, path, &buf, &len);
    *missing = rc == 1;
    if (rc != 0)
        return NULL;
    xmlDoc *doc = xmlReadMemory(buf, (int)len, path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(buf);
    if (!doc)
        damaged_part(wb, path);
    return doc;
}

/* The text of a string item: every <t> under it, leaving out phonetic runs (<rPh>). */
static void item_text(const xmlNode *n, struct strbuf *sb)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is(c, "rPh"))
            continue;
        if (is(c, "t")) {
            xmlChar *v = xmlNodeGetContent(c);
            if (v)
                sb_append(sb, (const char *)v);
            xmlFree(v);
        } else if (c->type == XML_ELEMENT_NODE) {
            item_text(c, sb);
        }
    }
}

static int load_strings(struct workbook *wb)
{
    bool missing;
    xmlDoc *doc = read_part(wb, "xl/sharedStrings.xml", &missing);
    if (!doc)
        return missing ? 0 : 1;
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t n = 0;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        n += is(c, "si");
    wb->strings = calloc(n ? n : 1, sizeof *wb->strings);
    if (!wb->strings)
        wb->oom = true;
    for (xmlNode *c = root ? root->children : NULL; c && !wb->oom; c = c->next) {
        if (!is(c, "si"))
            continue;
        struct strbuf sb = {0};
        item_text(c, &sb);
        char *s = sb_take(&sb);
        if (!s)
            wb->oom = true;
        wb->strings[wb->string_count++] = s;
    }
    xmlFreeDoc(doc);
    return 0;
}

/* Whether a number format shows a date (1) or a date and time (2): Excel's built-in date
 * formats, or a format code with day, year, hour or second letters outside quotes. */
static unsigned char format_kind(long id, const char *code)
{
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return id == 22 ? 2 : 1;
    if (id >= 18 && id <= 21)
        return 2; /* times */
    if (id >= 45 && id <= 47)
        return 2;
    if (!code)
        return 0;
    bool date = false, time = false, quoted = false, bracket = false;
    for (const char *p = code; *p; p++) {
        char c = (char)(*p | 0x20);
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '\\' && p[1])
            p++;
        else if (*p == '[')
            bracket = true;
        else if (*p == ']')
            bracket = false;
        else if (bracket)
            continue;
        else if (c == 'd' || c == 'y')
            date = true;
        else if (c == 'h' || c == 's')
            time = true;
    }
    return date && time ? 2 : date ? 1 : time ? 2 : 0;
}

static int load_styles(struct workbook *wb)
{
    bool missing;
    xmlDoc *doc = read_part(wb, "xl/styles.xml", &missing);
    if (!doc)
        return missing ? 0 : 1;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *fmts = NULL, *xfs = NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (is(c, "numFmts"))
            fmts = c;
        if (is(c, "cellXfs"))
            xfs = c;
    }
    size_t n = 0;
    for (xmlNode *c = xfs ? xfs->children : NULL; c; c = c->next)
        n += is(c, "xf");
    wb->date_style = calloc(n ? n : 1, 1);
    if (!wb->date_style)
        wb->oom = true;
    for (xmlNode *c = xfs ? xfs->children : NULL; c && !wb->oom; c = c->next) {
        if (!is(c, "xf"))
            continue;
        char *id_text = attr(c, "numFmtId");
        long id = id_text ? strtol(id_text, NULL, 10) : 0;
        char *code = NULL;
        for (xmlNode *f = fmts ? fmts->children : NULL; f && !code; f = f->next) {
            char *fid = is(f, "numFmt") ? attr(f, "numFmtId") : NULL;
            if (fid && strtol(fid, NULL, 10) == id)
                code = attr(f, "formatCode");
            free(fid);
        }
        wb->date_style[wb->style_count++] = format_kind(id, code);
        free(id_text);
        free(code);
    }
    xmlFreeDoc(doc);
    return 0;
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void civil_from_days(long z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

/* A serial date as ISO 8601: 1900 dates count from 1899-12-30 (Excel's phantom 29 February
 * 1900 shifts the first two months by one), 1904 dates from 1904-01-01. */
static void append_date(struct strbuf *sb, double serial, unsigned char kind, bool date1904)
{
    double days = floor(serial);
    long seconds = lround((serial - days) * 86400.0);
    if (seconds >= 86400) {
        days += 1;
        seconds -= 86400;
    }
    long epoch = date1904 ? -24107 /* 1904-01-01 */ : -25569 /* 1899-12-30 */;
    if (!date1904 && days < 61)
        epoch += 1;
    int y;
    unsigned m, d;
    civil_from_days((long)days + epoch, &y, &m, &d);
    bool show_date = kind == 1 || days > 0 || date1904;
    if (show_date)
        sb_printf(sb, "%04d-%02u-%02u", y, m, d);
    if (kind == 2 && (seconds || !show_date)) {
        sb_printf(sb, "%s%02ld:%02ld", show_date ? " " : "", seconds / 3600, seconds / 60 % 60);
        if (seconds % 60)
            sb_printf(sb, ":%02ld", seconds % 60);
    }
}

/* The 0-based column of a cell reference ("BC12"), or -1. */
static long column_of(const char *ref)
{
    long col = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        col = col * 26 + (*p - 'A' + 1);
        if (col > XLSX_MAX_COLUMNS)
            return -1;
    }
    return p == ref ? -1 : col - 1;
}

/* A cell's text from its type (t), style (s), value (<v>) and inline text (<is>). */
static char *cell_value(struct workbook *wb, const char *type, const char *style, const char *value,
                        const char *inline_text)
{
    struct strbuf sb = {0};
    sb_append(&sb, "");
    if (type && strcmp(type, "s") == 0) {
        char *end;
        unsigned long i = strtoul(value, &end, 10);
        if (*value && !*end && i < wb->string_count)
            sb_append(&sb, wb->strings[i]);
    } else if (type && strcmp(type, "b") == 0) {
        sb_append(&sb, strcmp(value, "1") == 0 ? "TRUE" : "FALSE");
    } else if (type && strcmp(type, "inlineStr") == 0) {
        sb_append(&sb, inline_text);
    } else if (type && strcmp(type, "n") != 0) {
        sb_append(&sb, value); /* str (a formula's text), e (an error such as #N/A), d (ISO) */
    } else if (*value) {
        char *end;
        double num = strtod(value, &end);
        unsigned long s = style ? strtoul(style, NULL, 10) : 0;
        unsigned char kind = s < wb->style_count ? wb->date_style[s] : 0;
        if (*end || !isfinite(num))
            sb_append(&sb, value);
        else if (kind && num >= 0 && num < 2958466) /* up to 9999-12-31 */
            append_date(&sb, num, kind, wb->date1904);
        else
            csv_append_number(&sb, num);
    }
    char *out = sb_take(&sb);
    if (!out)
        wb->oom = true;
    return out;
}

/* The row being read from the sheet's XML stream. */
struct row_reader {
    struct workbook *wb;
    struct csv_builder *b;
    long line, next_row, next_col;
    char **fields;
    size_t *lens;
    size_t count, cap;
    bool full;          /* a cell lay past CSV_MAX_COLUMNS: the rest of the row is skipped */
    char *type, *style; /* the cell being read */
    long col;
    struct strbuf v, text; /* its <v>, and the <t> of its <is> */
    bool in_v, in_t, in_rph;
};

static char *get_attr(xmlTextReaderPtr rd, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
    char *s = v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static void start_row(struct row_reader *rr, xmlTextReaderPtr rd)
{
    char *r = get_attr(rd, "r");
    rr->line = r ? strtol(r, NULL, 10) : rr->next_row;
    free(r);
    rr->next_row = rr->line + 1;
    rr->next_col = 0;
    rr->count = 0;
    rr->full = false;
}

static void end_row(struct row_reader *rr)
{
    if (rr->count && !rr->wb->oom) {
        csv_builder_record(rr->b, rr->line, rr->fields, rr->lens, rr->count);
        rr->fields = NULL;
        rr->cap = 0;
    }
    for (size_t i = 0; rr->fields && i < rr->count; i++)
        free(rr->fields[i]);
    rr->count = 0;
}

static void start_cell(struct row_reader *rr, xmlTextReaderPtr rd)
{
    char *ref = get_attr(rd, "r");
    long col = ref ? column_of(ref) : rr->next_col;
    free(ref);
    if (col < 0 || col < rr->next_col)
        col = rr->next_col;
    /* Past the widest header the reader takes, the row is refused anyway: do not pad out
     * thousands of empty cells for a cell at XFD. */
    if (col > CSV_MAX_COLUMNS)
        col = CSV_MAX_COLUMNS;
    rr->col = col;
    rr->type = get_attr(rd, "t");
    rr->style = get_attr(rd, "s");
    rr->in_v = rr->in_t = rr->in_rph = false;
    sb_reset(&rr->v);
    sb_reset(&rr->text);
}

static void end_cell(struct row_reader *rr)
{
    struct workbook *wb = rr->wb;
    long col = rr->col;
    if (!rr->full && (size_t)col >= rr->count && !wb->oom) {
        if ((size_t)col >= rr->cap) {
            size_t ncap = rr->cap ? rr->cap : 16;
            while (ncap <= (size_t)col)
                ncap *= 2;
            char **f = realloc(rr->fields, ncap * sizeof *f);
            size_t *l = f ? realloc(rr->lens, ncap * sizeof *l) : NULL;
            if (f)
                rr->fields = f;
            if (l)
                rr->lens = l;
            if (!f || !l)
                wb->oom = true;
            else
                rr->cap = ncap;
        }
        while (!wb->oom && rr->count < (size_t)col) {
            rr->fields[rr->count] = strdup("");
            wb->oom = !rr->fields[rr->count];
            rr->lens[rr->count++] = 0;
        }
        char *text = wb->oom ? NULL
                             : cell_value(wb, rr->type, rr->style, rr->v.data ? rr->v.data : "",
                                          rr->text.data ? rr->text.data : "");
        if (text) {
            rr->fields[rr->count] = text;
            rr->lens[rr->count++] = strlen(text);
        }
        rr->next_col = col + 1;
        rr->full = col >= CSV_MAX_COLUMNS;
    }
    free(rr->type);
    free(rr->style);
    rr->type = rr->style = NULL;
}

/* Streams the sheet's XML (a DOM of a large sheet takes gigabytes) and hands each <row> to the
 * builder at its row number. Returns 0, or 1 when the XML is damaged (reported). */
static int read_rows(struct workbook *wb, const char *path, const char *xml, size_t len,
                     struct csv_builder *b)
{
    xmlTextReaderPtr rd = xmlReaderForMemory(
        xml, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!rd) {
        wb->oom = true;
        return 0;
    }
    struct row_reader rr = {.wb = wb, .b = b, .next_row = 1};
    bool in_row = false, in_cell = false, in_data = false;
    int ret;
    while (!wb->oom && (ret = xmlTextReaderRead(rd)) == 1) {
        int type = xmlTextReaderNodeType(rd);
        const char *name = (const char *)xmlTextReaderConstLocalName(rd);
        bool empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(rd);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (strcmp(name, "sheetData") == 0)
                in_data = !empty;
            else if (in_data && strcmp(name, "row") == 0) {
                start_row(&rr, rd);
                in_row = !empty;
            } else if (in_row && strcmp(name, "c") == 0) {
                start_cell(&rr, rd);
                in_cell = true;
                if (empty) {
                    end_cell(&rr);
                    in_cell = false;
                }
            } else if (in_cell && strcmp(name, "v") == 0)
                rr.in_v = !empty;
            else if (in_cell && strcmp(name, "rPh") == 0)
                rr.in_rph = !empty;
            else if (in_cell && strcmp(name, "t") == 0)
                rr.in_t = !empty;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (strcmp(name, "sheetData") == 0)
                in_data = false;
            else if (in_row && strcmp(name, "row") == 0) {
                end_row(&rr);
                in_row = false;
            } else if (in_cell && strcmp(name, "c") == 0) {
                end_cell(&rr);
                in_cell = false;
            } else if (strcmp(name, "v") == 0)
                rr.in_v = false;
            else if (strcmp(name, "rPh") == 0)
                rr.in_rph = false;
            else if (strcmp(name, "t") == 0)
                rr.in_t = false;
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_WHITESPACE ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const char *v = (const char *)xmlTextReaderConstValue(rd);
            if (v && rr.in_v)
                sb_append(&rr.v, v);
            else if (v && rr.in_t && !rr.in_rph)
                sb_append(&rr.text, v);
        }
        if (rr.v.failed || rr.text.failed)
            wb->oom = true;
    }
    end_row(&rr); /* a damaged file may end inside a row */
    free(rr.type);
    free(rr.style);
    free(rr.fields);
    free(rr.lens);
    sb_free(&rr.v);
    sb_free(&rr.text);
    xmlFreeTextReader(rd);
    if (!wb->oom && ret != 0) {
        damaged_part(wb, path);
        return 1;
    }
    return 0;
}

/* Finds the sheet to read in the workbook and the path of its part. */
static char *sheet_path(struct workbook *wb, const char *wanted, char **sheet_used)
{
    bool missing;
    xmlDoc *doc = read_part(wb, "xl/workbook.xml", &missing);
    if (!doc) {
        if (missing)
            diag_add(wb->diags, wb->name, 0, NULL,
                     "this is a zip archive but not an Excel workbook (.xlsx): it has no "
                     "xl/workbook.xml; save the sheet as .xlsx or CSV");
        return NULL;
    }
    char *rid = NULL;
    struct strbuf names = {0};
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (is(c, "workbookPr")) {
            char *d = attr(c, "date1904");
            wb->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
            free(d);
        }
        if (!is(c, "sheets"))
            continue;
        for (xmlNode *s = c->children; s; s = s->next) {
            char *name = is(s, "sheet") ? attr(s, "name") : NULL;
            if (!name)
                continue;
            sb_printf(&names, "%s'%s'", names.len ? ", " : "", name);
            if (!rid && (!wanted || strcasecmp(name, wanted) == 0)) {
                rid = attr(s, "id");
                *sheet_used = name;
                name = NULL;
            }
            free(name);
        }
    }
    xmlFreeDoc(doc);
    if (!rid) {
        if (wanted)
            diag_add(wb->diags, wb->name, 0, NULL,
                     "the workbook has no sheet '%s'; its sheets are %s (give one with --sheet)",
                     wanted, names.data ? names.data : "none");
        else
            diag_add(wb->diags, wb->name, 0, NULL, "the workbook has no sheets");
        sb_free(&names);
        return NULL;
    }
    sb_free(&names);
    doc = read_part(wb, "xl/_rels/workbook.xml.rels", &missing);
    char *path = NULL;
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (xmlNode *c = root ? root->children : NULL; c && !path; c = c->next) {
        char *id = is(c, "Relationship") ? attr(c, "Id") : NULL;
        if (id && strcmp(id, rid) == 0) {
            char *target = attr(c, "Target");
            if (target)
                path = target[0] == '/' ? strdup(target + 1) : str_printf("xl/%s", target);
            free(target);
        }
        free(id);
    }
    xmlFreeDoc(doc);
    if (!path)
        diag_add(wb->diags, wb->name, 0, NULL,
                 "the workbook does not say where sheet '%s' is (xl/_rels/workbook.xml.rels); "
                 "open it in Excel and save it again",
                 *sheet_used);
    free(rid);
    return path;
}

int xlsx_read(const char *name, const char *data, size_t len, const char *sheet,
              bool keep_good_rows, struct csv_table *out, char **sheet_used,
              struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    *sheet_used = NULL;
    struct workbook wb = {.name = name, .diags = diags};
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    wb.zip = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    if (!wb.zip) {
        if (src)
            zip_source_free(src);
        diag_add(diags, name, 0, NULL,
                 "the file starts like a zip archive (.xlsx) but cannot be opened (%s); save "
                 "it again as .xlsx or CSV",
                 zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return 1;
    }
    zip_error_fini(&zerr);
    int rc = 1;
    char *path = NULL;
    if (zip_name_locate(wb.zip, "content.xml", 0) >= 0 &&
        zip_name_locate(wb.zip, "xl/workbook.xml", 0) < 0) {
        diag_add(diags, name, 0, NULL,
                 "this is an OpenDocument spreadsheet (.ods), which setwork does not read; "
                 "save it as .xlsx or CSV");
        goto done;
    }
    path = sheet_path(&wb, sheet, sheet_used);
    if (!path || load_strings(&wb) != 0 || load_styles(&wb) != 0 || wb.oom)
        goto done;
    char *xml = NULL;
    size_t xml_len = 0;
    int got = read_bytes(&wb, path, &xml, &xml_len);
    if (got != 0) {
        if (got == 1)
            diag_add(diags, name, 0, NULL,
                     "the workbook names %s for sheet '%s' but has no such part; open it in "
                     "Excel and save it again",
                     path, *sheet_used);
        goto done;
    }
    struct csv_builder *b = csv_builder_new(name, out, diags);
    if (!b) {
        free(xml);
        rc = -1;
        goto done;
    }
    int damaged = read_rows(&wb, path, xml, xml_len, b);
    free(xml);
    rc = csv_builder_finish(b, keep_good_rows);
    if (damaged && rc == 0) {
        rc = 1;
        if (!keep_good_rows)
            csv_table_free(out);
    }
    if (wb.oom) {
        csv_table_free(out);
        rc = -1;
    }
done:
    free(path);
    for (size_t i = 0; i < wb.string_count; i++)
        free(wb.strings[i]);
    free(wb.strings);
    free(wb.date_style);
    zip_discard(wb.zip);
    return rc;
}
