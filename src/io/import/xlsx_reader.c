/* .xlsx: the workbook's sheet list, its relationships, the shared strings, the number formats
 * that make a number a date, and the cells of one sheet. */
#include "io/import/xlsx_reader.h"

#include "core/strbuf.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
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

/* Reads part PATH of the archive and parses it; NULL when absent (*MISSING) or bad. */
static xmlDoc *read_part(struct workbook *wb, const char *path, bool *missing)
{
    *missing = false;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(wb->zip, path, ZIP_FL_NOCASE, &st) != 0) {
        *missing = true;
        return NULL;
    }
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_MAX_PART_BYTES) {
        diag_add(wb->diags, wb->name, 0, NULL,
                 "the workbook part %s unpacks to more than %u bytes, the limit; save the "
                 "sheet as CSV",
                 path, XLSX_MAX_PART_BYTES);
        return NULL;
    }
    zip_file_t *f = zip_fopen(wb->zip, path, ZIP_FL_NOCASE);
    char *buf = malloc(st.size + 1);
    zip_int64_t got = f && buf ? zip_fread(f, buf, st.size) : -1;
    if (f)
        zip_fclose(f);
    xmlDoc *doc = NULL;
    if (got == (zip_int64_t)st.size)
        doc = xmlReadMemory(buf, (int)st.size, path, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(buf);
    if (!doc)
        diag_add(wb->diags, wb->name, 0, NULL,
                 "the workbook part %s cannot be read (a damaged file?); open it in Excel and "
                 "save it again",
                 path);
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

static char *cell_text(struct workbook *wb, const xmlNode *c)
{
    char *type = attr(c, "t");
    char *style = attr(c, "s");
    xmlChar *v = NULL;
    struct strbuf sb = {0};
    for (const xmlNode *k = c->children; k; k = k->next) {
        if (is(k, "v") && !v)
            v = xmlNodeGetContent(k);
        if (is(k, "is"))
            item_text(k, &sb);
    }
    const char *value = v ? (const char *)v : "";
    if (type && strcmp(type, "s") == 0) {
        char *end;
        unsigned long i = strtoul(value, &end, 10);
        if (*value && !*end && i < wb->string_count)
            sb_append(&sb, wb->strings[i]);
    } else if (type && strcmp(type, "b") == 0) {
        sb_append(&sb, strcmp(value, "1") == 0 ? "TRUE" : "FALSE");
    } else if (type && strcmp(type, "inlineStr") == 0) {
        /* the text is in <is>, appended above */
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
    xmlFree(v);
    free(type);
    free(style);
    char *s = sb_take(&sb);
    if (!s)
        wb->oom = true;
    return s;
}

/* Hands each <row> of the sheet to the builder, at its row number. */
static void read_rows(struct workbook *wb, const xmlNode *sheet_data, struct csv_builder *b)
{
    long next_row = 1;
    for (const xmlNode *row = sheet_data->children; row && !wb->oom; row = row->next) {
        if (!is(row, "row"))
            continue;
        char *r = attr(row, "r");
        long line = r ? strtol(r, NULL, 10) : next_row;
        free(r);
        next_row = line + 1;
        size_t count = 0, cap = 0;
        char **fields = NULL;
        size_t *lens = NULL;
        long next_col = 0;
        for (const xmlNode *c = row->children; c && !wb->oom; c = c->next) {
            if (!is(c, "c"))
                continue;
            char *ref = attr(c, "r");
            long col = ref ? column_of(ref) : next_col;
            free(ref);
            if (col < 0 || col < next_col)
                col = next_col;
            /* Past the widest header the reader takes, the row is refused anyway: do not pad
             * out thousands of empty cells for a cell at XFD. */
            if (col > CSV_MAX_COLUMNS)
                col = CSV_MAX_COLUMNS;
            if ((size_t)col < count)
                break;
            next_col = col + 1;
            if ((size_t)col >= cap) {
                size_t ncap = cap ? cap : 16;
                while (ncap <= (size_t)col)
                    ncap *= 2;
                char **f = realloc(fields, ncap * sizeof *f);
                size_t *l = f ? realloc(lens, ncap * sizeof *l) : NULL;
                if (f)
                    fields = f;
                if (!f || !l) {
                    wb->oom = true;
                    break;
                }
                lens = l;
                cap = ncap;
            }
            while (count < (size_t)col && !wb->oom) {
                fields[count] = strdup("");
                wb->oom = !fields[count];
                lens[count++] = 0;
            }
            if (wb->oom)
                break;
            fields[count] = cell_text(wb, c);
            lens[count] = fields[count] ? strlen(fields[count]) : 0;
            count += fields[count] != NULL;
        }
        if (wb->oom) {
            for (size_t i = 0; i < count; i++)
                free(fields[i]);
            free(fields);
        } else if (count) {
            csv_builder_record(b, line, fields, lens, count);
        } else {
            free(fields);
        }
        free(lens);
    }
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
    xmlDoc *doc = NULL;
    bool missing;
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
    doc = read_part(&wb, path, &missing);
    if (!doc) {
        if (missing)
            diag_add(diags, name, 0, NULL,
                     "the workbook names %s for sheet '%s' but has no such part; open it in "
                     "Excel and save it again",
                     path, *sheet_used);
        goto done;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *sheet_data = NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (is(c, "sheetData"))
            sheet_data = c;
    struct csv_builder *b = csv_builder_new(name, out, diags);
    if (!b) {
        rc = -1;
        goto done;
    }
    if (sheet_data)
        read_rows(&wb, sheet_data, b);
    rc = csv_builder_finish(b, keep_good_rows);
    if (wb.oom) {
        csv_table_free(out);
        rc = -1;
    }
done:
    xmlFreeDoc(doc);
    free(path);
    for (size_t i = 0; i < wb.string_count; i++)
        free(wb.strings[i]);
    free(wb.strings);
    free(wb.date_style);
    zip_discard(wb.zip);
    return rc;
}
