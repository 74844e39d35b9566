/* Reading a Maximally Diverse Grouping Problem instance in the MDGPLIB text format
 * ("n m ss|ds a_1 b_1 ... a_m b_m" then "i j d_ij" lines), for `setwork bench mdgp`. */
#ifndef SETWORK_IO_IMPORT_MDGP_INSTANCE_H
#define SETWORK_IO_IMPORT_MDGP_INSTANCE_H

/* The largest instance read: MDGPLIB's biggest matrix (n=3000) fits with room. */
#define MDGP_MAX_ITEMS 20000

struct mdgp_instance {
    int n, m;
    double *d; /* n*n, symmetric, zero diagonal */
    int *lo, *hi;
};

/* Reads PATH. Returns 0 and fills OUT (free with mdgp_instance_free), or -1 with a message in
 * *ERR (caller frees). */
int mdgp_instance_read(const char *path, struct mdgp_instance *out, char **err);

void mdgp_instance_free(struct mdgp_instance *inst);

#endif
