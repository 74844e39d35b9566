/* setwork: action learning sets, mixers and network analysis. Everything is in libsetwork;
 * this file only hands the command line to it. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
