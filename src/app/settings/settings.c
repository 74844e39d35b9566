/* The settings table, the checks on each kind of value, and the sources that fill it: the
 * config file parser, the environment and the flags. */
#include "app/settings/settings.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct setting_def table[SETTING_COUNT] = {
#define SETTINGS_ROW(id, name, kind, def, secret, desc)                                            \
    [SETTING_##id] = {name, SETTING_KIND_##kind, def, secret, desc},
    SETTINGS_TABLE(SETTINGS_ROW)
#undef SETTINGS_ROW
};

#define SETTINGS_ENV_PREFIX "SETWORK_"
#define SETTINGS_MASK       "********"
/* Seconds settings stop here: long enough for anything, small enough to add to a time. */
#define SETTINGS_SECONDS_MAX (1L << 30)

const struct setting_def *settings_def(enum setting_id id)
{
    return &table[id];
}

int settings_find(const char *name)
{
    for (int i = 0; i < SETTING_COUNT; i++) {
        if (strcmp(table[i].name, name) == 0)
            return i;
    }
    return -1;
}

void settings_init(struct settings *s)
{
    memset(s, 0, sizeof *s);
}

void settings_free(struct settings *s)
{
    for (int i = 0; i < SETTING_COUNT; i++) {
        free(s->values[i].value);
        free(s->values[i].origin);
    }
    free(s->config_file);
    settings_init(s);
}

const char *settings_get(const struct settings *s, enum setting_id id)
{
    const char *v = s->values[id].value;
    return v ? v : table[id].fallback;
}

long settings_get_long(const struct settings *s, enum setting_id id)
{
    /* Every stored value passed check_value, so this cannot fail. */
    return strtol(settings_get(s, id), NULL, 10);
}

const char *settings_shown(const struct settings *s, enum setting_id id)
{
    const char *v = settings_get(s, id);
    return table[id].secret && *v ? SETTINGS_MASK : v;
}

const char *settings_source_name(enum settings_source source)
{
    switch (source) {
    case SETTINGS_FILE: return "file";
    case SETTINGS_ENV: return "env";
    case SETTINGS_FLAG: return "flag";
    case SETTINGS_DEFAULT: break;
    }
    return "default";
}

int settings_describe_source(const struct settings *s, enum setting_id id, struct strbuf *out)
{
    const struct setting_value *v = &s->values[id];
    sb_append(out, settings_source_name(v->source));
    if (v->origin)
        sb_printf(out, " %s", v->origin);
    if (v->source == SETTINGS_FILE && v->line > 0)
        sb_printf(out, ":%ld", v->line);
    return out->failed ? -1 : 0;
}

/* Whole number from 0 to MAX, digits only (no sign, no spaces); -1 when it is not one. */
static long parse_number(const char *text, long max)
{
    if (!*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 10)
        return -1;
    long v = strtol(text, NULL, 10);
    return v <= max ? v : -1;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A URL with SCHEME followed by a host: no spaces, something after the "//". */
static bool is_url(const char *v, const char *scheme)
{
    size_t n = strlen(scheme);
    return starts_with(v, scheme) && v[n] && v[n] != '/' && !strpbrk(v, " \"<>\\^`{|}");
}

/* Returns NULL when VALUE suits KIND, else what is wrong and what to do (static storage). */
static const char *check_value(enum setting_kind kind, const char *value)
{
    switch (kind) {
    case SETTING_KIND_TEXT: return NULL;
    case SETTING_KIND_PATH: return *value ? NULL : "needs a file name";
    case SETTING_KIND_LISTEN_OPT:
        if (!*value)
            return NULL;
        return check_value(SETTING_KIND_LISTEN, value);
    case SETTING_KIND_COUNT:
        if (parse_number(value, SETTINGS_COUNT_MAX) >= 1)
            return NULL;
        return "wants a whole number from 1 to 100000";
    case SETTING_KIND_LISTEN: {
        const char *colon = strrchr(value, ':');
        char host[INET_ADDRSTRLEN];
        struct in_addr addr;
        if (!colon || (size_t)(colon - value) >= sizeof host || parse_number(colon + 1, 65535) < 0)
            return "wants an IPv4 HOST:PORT with a port from 0 to 65535, such as 127.0.0.1:8080";
        memcpy(host, value, (size_t)(colon - value));
        host[colon - value] = '\0';
        if (inet_pton(AF_INET, host, &addr) != 1)
            return "wants an IPv4 address before the port, such as 127.0.0.1:8080 or "
                   "0.0.0.0:8080 for every interface";
        return NULL;
    }
    case SETTING_KIND_URL:
        if (!*value || is_url(value, "http://") || is_url(value, "https://"))
            return NULL;
        return "wants an absolute URL that starts with http:// or https://, such as "
               "https://sets.example.org, or nothing";
    case SETTING_KIND_SMTP:
        if (!*value || is_url(value, "smtp://") || is_url(value, "smtps://"))
            return NULL;
        return "wants a URL that starts with smtp:// or smtps://, such as "
               "smtps://mail.example.org:465, or nothing";
    case SETTING_KIND_EMAIL:
        if (!*value || strchr(value, '@'))
            return NULL;
        return "wants a mail address such as sets@example.org or \"Sets <sets@example.org>\", "
               "or nothing";
    case SETTING_KIND_SECONDS:
        if (parse_number(value, SETTINGS_SECONDS_MAX) >= 1)
            return NULL;
        return "wants a whole number of seconds from 1 to 1073741824";
    }
    return NULL;
}

/* Says where a problem is for messages: "environment variable SETWORK_DB", "flag --db". */
static const char *source_words(enum settings_source source)
{
    switch (source) {
    case SETTINGS_ENV: return "environment variable ";
    case SETTINGS_FLAG: return "flag ";
    case SETTINGS_FILE:
    case SETTINGS_DEFAULT: break;
    }
    return "";
}

/* Turns diag_add's result into a status: the problem was stored, or memory ran out. */
static enum status added(int rc)
{
    return rc == 0 ? STATUS_INVALID : STATUS_FAILED;
}

/* Values are quoted in messages up to this many bytes. */
#define SETTINGS_QUOTE_MAX 60

/* Reports that VALUE does not suit setting NAME from SOURCE. File problems carry the file and
 * line; the others name the variable or flag in the sentence. */
static enum status report(struct diag_list *diags, enum settings_source source, const char *origin,
                          long line, const char *name, const char *what, const char *value)
{
    int n = SETTINGS_QUOTE_MAX;
    const char *more = strlen(value) > SETTINGS_QUOTE_MAX ? "..." : "";
    if (source == SETTINGS_FILE)
        return added(diag_add(diags, origin, line, NULL, "setting '%s' is '%.*s%s', but it %s.",
                              name, n, value, more, what));
    return added(diag_add(diags, NULL, 0, NULL, "%s%s: setting '%s' is '%.*s%s', but it %s.",
                          source_words(source), origin ? origin : "", name, n, value, more, what));
}

enum status settings_set(struct settings *s, enum setting_id id, const char *value,
                         enum settings_source source, const char *origin, long line,
                         struct diag_list *diags)
{
    const char *name = table[id].name;
    const char *problem = NULL;
    if (strlen(value) > SETTINGS_VALUE_MAX)
        problem = "is longer than the 2048 bytes a value may have";
    for (const unsigned char *p = (const unsigned char *)value; !problem && *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            problem = "may not hold control characters such as tabs or line breaks";
    }
    if (!problem)
        problem = check_value(table[id].kind, value);
    if (problem) {
        /* A secret is never echoed back, even when it is wrong. */
        return report(diags, source, origin, line, name, problem,
                      table[id].secret ? SETTINGS_MASK : value);
    }
    char *copy = strdup(value);
    char *where = origin ? strdup(origin) : NULL;
    if (!copy || (origin && !where)) {
        free(copy);
        free(where);
        return STATUS_FAILED;
    }
    struct setting_value *v = &s->values[id];
    free(v->value);
    free(v->origin);
    *v = (struct setting_value){copy, source, where, line};
    return STATUS_OK;
}

/* Combines two results: a failure outranks a problem, a problem outranks success. */
static enum status worst(enum status a, enum status b)
{
    if (a == STATUS_FAILED || b == STATUS_FAILED)
        return STATUS_FAILED;
    return a != STATUS_OK ? a : b;
}

/* Takes the value after '=' from P (trimmed, NUL-terminated) and unquotes it in place:
 * "..." with \" and \\ inside. Returns the value, or NULL with *WHY set when it is malformed. */
static char *unquote(char *p, const char **why)
{
    str_trim(p);
    if (*p != '"')
        return p;
    char *w = p;
    for (char *r = p + 1; *r; r++) {
        if (*r == '"') {
            if (r[1]) {
                *why = "has text after the closing double quote; quote the whole value";
                return NULL;
            }
            *w = '\0';
            return p;
        }
        if (*r == '\\') {
            if (r[1] != '"' && r[1] != '\\') {
                *why = "has a backslash that is not \\\" or \\\\; inside double quotes write \\\\ "
                       "for a backslash";
                return NULL;
            }
            r++;
        }
        *w++ = *r;
    }
    *why = "has no closing double quote; end the value with \"";
    return NULL;
}

/* Applies one line (NUL-terminated, no line break). */
static enum status parse_line(struct settings *s, const char *file, long lineno, char *line,
                              struct diag_list *diags)
{
    char *p = str_trim(line);
    if (!*p || *p == '#')
        return STATUS_OK;
    char *eq = strchr(p, '=');
    if (!eq)
        return added(diag_add(diags, file, lineno, NULL,
                              "'%s' is not a setting: write name = value, or start a comment "
                              "with #.",
                              p));
    *eq = '\0';
    char *name = str_trim(p);
    if (!*name)
        return added(diag_add(diags, file, lineno, NULL,
                              "the line has a value but no setting name: write name = value."));
    int id = settings_find(name);
    if (id < 0) {
        struct strbuf known = {0};
        for (int i = 0; i < SETTING_COUNT; i++)
            sb_printf(&known, "%s%s", i ? ", " : "", table[i].name);
        int rc = known.failed ? -1
                              : diag_add(diags, file, lineno, NULL,
                                         "unknown setting '%s': the settings are %s; check the "
                                         "spelling or remove the line.",
                                         name, known.data);
        sb_free(&known);
        return added(rc);
    }
    const struct setting_value *old = &s->values[id];
    if (old->source == SETTINGS_FILE) {
        return added(diag_add(diags, file, lineno, NULL,
                              "setting '%s' is set again (first on line %ld): keep one of the "
                              "lines.",
                              name, old->line));
    }
    const char *why = NULL;
    char *value = unquote(eq + 1, &why);
    if (!value)
        return added(
            diag_add(diags, file, lineno, NULL, "the value of setting '%s' %s.", name, why));
    return settings_set(s, (enum setting_id)id, value, SETTINGS_FILE, file, lineno, diags);
}

enum status settings_parse(struct settings *s, const char *file, const char *text, size_t len,
                           struct diag_list *diags)
{
    enum status result = STATUS_OK;
    char line[SETTINGS_LINE_MAX + 1];
    size_t pos = 0;
    long lineno = 0;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) /* a UTF-8 byte order mark */
        pos = 3;
    while (pos < len && result != STATUS_FAILED) {
        lineno++;
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (n > 0 && start[n - 1] == '\r')
            n--;
        if (n > SETTINGS_LINE_MAX) {
            result = worst(result, added(diag_add(diags, file, lineno, NULL,
                                                  "the line is longer than %d bytes; shorten it.",
                                                  SETTINGS_LINE_MAX)));
            continue;
        }
        if (memchr(start, '\0', n)) {
            result = worst(result, added(diag_add(diags, file, lineno, NULL,
                                                  "the line holds a NUL byte; is this a text "
                                                  "file?")));
            continue;
        }
        memcpy(line, start, n);
        line[n] = '\0';
        result = worst(result, parse_line(s, file, lineno, line, diags));
    }
    return result;
}

enum status settings_load_file(struct settings *s, const char *path, struct diag_list *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return added(diag_add(diags, path, 0, NULL,
                              "cannot read the config file: %s; name another with --config FILE.",
                              strerror(errno)));
    char *text = malloc(SETTINGS_FILE_MAX + 1);
    enum status result = STATUS_FAILED;
    if (!text)
        goto out;
    size_t len = fread(text, 1, SETTINGS_FILE_MAX + 1, f);
    if (ferror(f)) {
        result = added(
            diag_add(diags, path, 0, NULL, "cannot read the config file: %s.", strerror(errno)));
        goto out;
    }
    if (len > SETTINGS_FILE_MAX) {
        result = added(diag_add(diags, path, 0, NULL,
                                "the config file is larger than %d bytes; is it the right file?",
                                SETTINGS_FILE_MAX));
        goto out;
    }
    free(s->config_file);
    s->config_file = strdup(path);
    if (!s->config_file)
        goto out;
    result = settings_parse(s, path, text, len, diags);
out:
    free(text);
    fclose(f);
    return result;
}

enum status settings_load_env(struct settings *s, char *const *envp, struct diag_list *diags)
{
    enum status result = STATUS_OK;
    for (int i = 0; envp && i < SETTING_COUNT && result != STATUS_FAILED; i++) {
        struct strbuf var = {0};
        sb_append(&var, SETTINGS_ENV_PREFIX);
        for (const char *c = table[i].name; *c; c++)
            sb_append_char(&var, (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c));
        if (var.failed) {
            sb_free(&var);
            return STATUS_FAILED;
        }
        /* The last assignment wins, as getenv would see it. */
        const char *value = NULL;
        for (char *const *e = envp; *e; e++) {
            if (strncmp(*e, var.data, var.len) == 0 && (*e)[var.len] == '=')
                value = *e + var.len + 1;
        }
        if (value)
            result = worst(result, settings_set(s, (enum setting_id)i, value, SETTINGS_ENV,
                                                var.data, 0, diags));
        sb_free(&var);
    }
    return result;
}

enum status settings_load(struct settings *s, const char *config, char *const *envp,
                          struct diag_list *diags)
{
    enum status result = STATUS_OK;
    if (!config) {
        if (access(SETTINGS_LOCAL_CONFIG, F_OK) == 0)
            config = SETTINGS_LOCAL_CONFIG;
        else if (access(SETTINGS_SYSTEM_CONFIG, F_OK) == 0)
            config = SETTINGS_SYSTEM_CONFIG;
    }
    if (config)
        result = settings_load_file(s, config, diags);
    if (result != STATUS_FAILED)
        result = worst(result, settings_load_env(s, envp, diags));
    return result;
}

/* Appends VALUE as the config file would need it: bare when it reads back the same, else in
 * double quotes with \" and \\ escaped. */
static void append_value(struct strbuf *out, const char *value)
{
    size_t n = strlen(value);
    bool bare = n == 0 || (value[0] != '"' && value[0] != ' ' && value[n - 1] != ' ');
    if (bare) {
        sb_append(out, value);
        return;
    }
    sb_append_char(out, '"');
    for (const char *c = value; *c; c++) {
        if (*c == '"' || *c == '\\')
            sb_append_char(out, '\\');
        sb_append_char(out, *c);
    }
    sb_append_char(out, '"');
}

int settings_write_example(struct strbuf *out)
{
    sb_append(
        out,
        "# setwork.conf: an example that lists every setting at its default.\n"
        "# Made by 'setwork config show --example'; docs/setwork.conf.example is a copy.\n"
        "#\n"
        "# setwork reads the file named by --config FILE, else " SETTINGS_LOCAL_CONFIG " if it\n"
        "# exists, else " SETTINGS_SYSTEM_CONFIG " if it exists. Each line is\n"
        "# 'name = value'; a value may be in double quotes (write \\\" and \\\\ inside them),\n"
        "# and lines that start with # are comments. An environment variable\n"
        "# SETWORK_<NAME>, such as SETWORK_DB, overrides the file, and a command-line flag,\n"
        "# such as --db, overrides both. 'setwork config show' prints what is in effect.\n");
    for (int i = 0; i < SETTING_COUNT; i++) {
        sb_printf(out, "\n# %s%s\n#%s =%s", table[i].description,
                  table[i].secret ? " A secret: 'config show' masks it." : "", table[i].name,
                  *table[i].fallback ? " " : "");
        append_value(out, table[i].fallback);
        sb_append_char(out, '\n');
    }
    return out->failed ? -1 : 0;
}
