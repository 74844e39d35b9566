/* The MDGPLIB instance reader: whole file in memory, numbers parsed with strtol/strtod, every
 * index and bound checked before use. */
#include "io/import/mdgp_instance.h"

#include "core/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = str_printf("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    struct strbuf sb = {0};
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append_len(&sb, buf, got);
    fclose(f);
    char *data = sb_take(&sb);
    if (!data)
        *err = str_printf("%s: out of memory or empty", path);
    return data;
}

static int next_long(char **p, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(*p, &end, 10);
    if (end == *p || errno)
        return -1;
    *p = end;
    *out = v;
    return 0;
}

int mdgp_instance_read(const char *path, struct mdgp_instance *out, char **err)
{
    memset(out, 0, sizeof *out);
    *err = NULL;
    char *data = slurp(path, err);
    if (!data)
        return -1;
    char *p = data;
    long n, m;
    if (next_long(&p, &n) != 0 || next_long(&p, &m) != 0 || n < 2 || n > MDGP_MAX_ITEMS || m < 1 ||
        m > n) {
        *err = str_printf("%s: the first line must start with n (2..%d) and m (1..n)", path,
                          MDGP_MAX_ITEMS);
        goto fail;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    int ss = strncmp(p, "ss", 2) == 0, ds = strncmp(p, "ds", 2) == 0;
    if (!ss && !ds) {
        *err = str_printf("%s: the first line must say ss or ds after n and m", path);
        goto fail;
    }
    p += 2;
    /* Bound before allocating: n*n distances are allocated, so a few bytes claiming n = 20000
     * would take 3.2 GB; every one of the n(n-1)/2 lines "i j d" takes at least 6 bytes. */
    long need = n * (n - 1) / 2;
    if ((size_t)need > strlen(p) / 6 + 1) {
        *err = str_printf("%s: expected %ld distance lines, but the file is too short for them",
                          path, need);
        goto fail;
    }
    out->n = (int)n;
    out->m = (int)m;
    out->lo = malloc(sizeof(int) * (size_t)m);
    out->hi = malloc(sizeof(int) * (size_t)m);
    out->d = calloc((size_t)n * (size_t)n, sizeof(double));
    if (!out->lo || !out->hi || !out->d) {
        *err = str_printf("%s: out of memory", path);
        goto fail;
    }
    for (long g = 0; g < m; g++) {
        long a, b;
        if (next_long(&p, &a) != 0 || next_long(&p, &b) != 0 || a < 0 || b < a || b > n) {
            *err = str_printf("%s: set %ld needs bounds 0 <= a <= b <= n", path, g + 1);
            goto fail;
        }
        out->lo[g] = (int)a;
        out->hi[g] = (int)b;
    }
    long pairs = n * (n - 1) / 2;
    for (long t = 0; t < pairs; t++) {
        long i, j;
        char *end;
        if (next_long(&p, &i) != 0 || next_long(&p, &j) != 0) {
            *err = str_printf("%s: expected %ld distance lines, found %ld", path, pairs, t);
            goto fail;
        }
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno || i < 0 || j < 0 || i >= n || j >= n || i == j) {
            *err =
                str_printf("%s: distance line %ld is not 'i j d' with 0 <= i, j < n", path, t + 1);
            goto fail;
        }
        p = end;
        out->d[i * n + j] = v;
        out->d[j * n + i] = v;
    }
    free(data);
    return 0;
fail:
    free(data);
    mdgp_instance_free(out);
    return -1;
}

void mdgp_instance_free(struct mdgp_instance *inst)
{
    free(inst->d);
    free(inst->lo);
    free(inst->hi);
    memset(inst, 0, sizeof *inst);
}
