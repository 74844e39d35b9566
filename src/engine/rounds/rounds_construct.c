/* Perfect schedules by construction: the circle method for pairs, and resolutions of a
 * transversal design taken from the affine plane AG(2,q) for g = q groups of p <= q people. */
#include "engine/rounds/rounds.h"
#include "engine/rounds/rounds_gf.h"

#include <stdlib.h>

int rounds_construct_round_robin(int n, int w, int *table)
{
    if (n < 2 || n % 2 != 0 || w > n - 1 || w < 0)
        return -1;
    /* Person n-1 stays put; the others rotate one place per round (Berger's circle). */
    int m = n - 1;
    for (int r = 0; r < w; r++) {
        table[r * n + (n - 1)] = 0;
        table[r * n + r] = 0;
        for (int k = 1; k <= (n - 2) / 2; k++) {
            int a = (r + k) % m, b = (r - k + m) % m;
            table[r * n + a] = k;
            table[r * n + b] = k;
        }
    }
    return 0;
}

int rounds_construct_transversal(int groups, int group_size, int w, int *table)
{
    int q = groups, p = group_size;
    if (p < 2 || p > q || w < 0)
        return -1;
    int extra = (q % p == 0) ? 1 : 0;
    if (w > q + extra)
        return -1;
    struct rounds_gf *f = malloc(sizeof *f);
    if (!f)
        return -1;
    if (rounds_gf_init(f, q) != 0) {
        free(f);
        return -1;
    }
    /* Person (y, i) is number i*q + y: point (x_i, y) of AG(2,q) with x_i the field element i.
     * Round a (slope a) groups the points of each line y = a*x + b, b naming the table: two
     * people of different levels share exactly one line, people of one level none. */
    int n = q * p;
    for (int r = 0; r < w && r < q; r++)
        for (int i = 0; i < p; i++)
            for (int b = 0; b < q; b++) {
                int y = f->add[f->mul[r][i]][b];
                table[r * n + i * q + y] = b;
            }
    /* The last round gathers each level (the vertical lines) in tables of p. */
    if (extra && w == q + 1)
        for (int i = 0; i < p; i++)
            for (int y = 0; y < q; y++)
                table[q * n + i * q + y] = (i * q + y) / p;
    free(f);
    return 0;
}

int rounds_construct_affine_space(int q, int k, int w, int *table)
{
    if (k < 2 || q < 2)
        return -1;
    long n = 1, dirs = 0;
    for (int i = 0; i < k; i++)
        n *= q;
    dirs = (n - 1) / (q - 1);
    if (w < 0 || w > dirs || n > ROUNDS_MAX_PEOPLE)
        return -1;
    struct rounds_gf *f = malloc(sizeof *f);
    if (!f)
        return -1;
    if (rounds_gf_init(f, q) != 0) {
        free(f);
        return -1;
    }
    int neg[ROUNDS_GF_MAX];
    for (int a = 0; a < q; a++)
        for (int b = 0; b < q; b++)
            if (f->add[a][b] == 0)
                neg[a] = b;
    /* Round r takes the r-th direction d of AG(k,q) (a vector whose first non-zero coordinate,
     * at position lead, is 1) and seats together the q points of each line x + t*d. The line is
     * named by its point with coordinate lead equal to 0. */
    int r = 0;
    for (long dcode = 1; dcode < n && r < w; dcode++) {
        int d[16], x[16];
        long c = dcode;
        int lead = -1;
        for (int i = 0; i < k; i++, c /= q)
            d[i] = (int)(c % q);
        for (int i = 0; i < k && lead < 0; i++)
            if (d[i])
                lead = i;
        if (d[lead] != 1)
            continue;
        for (long pt = 0; pt < n; pt++) {
            long e = pt;
            for (int i = 0; i < k; i++, e /= q)
                x[i] = (int)(e % q);
            int t = neg[x[lead]];
            long name = 0;
            for (int i = k - 1; i >= 0; i--)
                if (i != lead)
                    name = name * q + f->add[x[i]][f->mul[t][d[i]]];
            table[(long)r * n + pt] = (int)name;
        }
        r++;
    }
    free(f);
    return 0;
}
