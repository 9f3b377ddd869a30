/* SPDX-License-Identifier: MIT */
/* serve-main.c: peerplan-serve, the program `peerplan serve` becomes
 * (sim/cli/helper.c says why): the same options, messages and exit codes
 * as the verb, since it is the verb (cmd-serve.c). */
#include "sim/cli/cli.h"
#include "model/pp-xml.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

static void
close_stdout_at_exit (void)
{
  if (!pp_cli_close_stdout ())
    _exit (PP_EXIT_INTERNAL);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pp_xml_init ();
  atexit (close_stdout_at_exit);
  /* The verb parses its options after its name, as under peerplan. */
  argv[0] = (char *) "serve";
  return pp_cmd_serve (argc, argv);
}
