/* Finite fields GF(p^k) as addition and multiplication tables: elements are the base-p digits
 * of polynomials over GF(p), multiplied modulo a fixed irreducible polynomial. */
#include "engine/rounds/rounds_gf.h"

#include <string.h>

/* Monic irreducible polynomials x^k + c[k-1]x^(k-1) + ... + c[0], low coefficient first. */
static const struct {
    int q, p, k;
    unsigned char c[6];
} irreducible[] = {
    {4, 2, 2, {1, 1}},
    {8, 2, 3, {1, 1, 0}},
    {16, 2, 4, {1, 1, 0, 0}},
    {32, 2, 5, {1, 0, 1, 0, 0}},
    {64, 2, 6, {1, 1, 0, 0, 0, 0}},
    {9, 3, 2, {1, 0}},
    {27, 3, 3, {1, 2, 0}},
    {25, 5, 2, {2, 1}},
    {49, 7, 2, {3, 1}},
};

static int is_prime(int q)
{
    if (q < 2)
        return 0;
    for (int d = 2; d * d <= q; d++)
        if (q % d == 0)
            return 0;
    return 1;
}

static void digits(int x, int p, int k, int *out)
{
    for (int i = 0; i < k; i++) {
        out[i] = x % p;
        x /= p;
    }
}

static int number(const int *d, int p, int k)
{
    int x = 0;
    for (int i = k - 1; i >= 0; i--)
        x = x * p + d[i];
    return x;
}

int rounds_gf_init(struct rounds_gf *f, int q)
{
    memset(f, 0, sizeof *f);
    if (q < 2 || q > ROUNDS_GF_MAX)
        return -1;
    f->q = q;
    if (is_prime(q)) {
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++) {
                f->add[a][b] = (unsigned char)((a + b) % q);
                f->mul[a][b] = (unsigned char)((a * b) % q);
            }
        return 0;
    }
    size_t which = sizeof irreducible / sizeof irreducible[0];
    for (size_t i = 0; i < sizeof irreducible / sizeof irreducible[0]; i++)
        if (irreducible[i].q == q)
            which = i;
    if (which == sizeof irreducible / sizeof irreducible[0])
        return -1;
    int p = irreducible[which].p, k = irreducible[which].k;
    const unsigned char *c = irreducible[which].c;
    for (int a = 0; a < q; a++)
        for (int b = 0; b < q; b++) {
            int da[6], db[6], s[6], prod[12] = {0};
            digits(a, p, k, da);
            digits(b, p, k, db);
            for (int i = 0; i < k; i++)
                s[i] = (da[i] + db[i]) % p;
            f->add[a][b] = (unsigned char)number(s, p, k);
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                    prod[i + j] = (prod[i + j] + da[i] * db[j]) % p;
            /* x^k = -(c[k-1]x^(k-1) + ... + c[0]): fold the high terms down. */
            for (int d = 2 * k - 2; d >= k; d--) {
                int t = prod[d];
                prod[d] = 0;
                for (int i = 0; i < k; i++)
                    prod[d - k + i] = ((prod[d - k + i] - t * c[i]) % p + p) % p;
            }
            f->mul[a][b] = (unsigned char)number(prod, p, k);
        }
    return 0;
}
