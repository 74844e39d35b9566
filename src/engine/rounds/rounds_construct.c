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
