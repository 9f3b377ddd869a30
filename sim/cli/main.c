/* SPDX-License-Identifier: MIT */
/* main.c: the peerplan program: the verb table and dispatch (the gio-tool
 * pattern).  Each verb parses its own options. */
#include "sim/cli/cli.h"
#include "model/pp-suggest.h"
#include "model/pp-xml.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* serve runs in a program of its own, so that the other verbs start
 * without libsoup (helper.c). */
static int
run_serve (int argc, char **argv)
{
  return pp_cli_exec_helper ("peerplan-serve", argc, argv);
}

static const PpVerb verbs[] = {
  { "check", pp_cmd_check, "check scenarios and report findings (for CI)" },
  { "cost", pp_cmd_cost, "estimate what each side pays, break-even, lead time, quotas" },
  { "plan", pp_cmd_plan, "plan a scenario: steps, findings, cost (default: the article)" },
  { "report", pp_cmd_report, "one self-contained HTML page for a design review" },
  { "graph", pp_cmd_graph, "draw the topology: DOT to stdout, or SVG/PNG/PDF with -T/-o" },
  { "run", pp_cmd_run, "replay a workflow of API calls with expected outcomes" },
  { "diff", pp_cmd_diff, "what a change does: objects, findings, reachability, cost per month" },
  { "import", pp_cmd_import, "a scenario from Terraform plan/state JSON, terraform.tfstate or API answers" },
  { "serve", run_serve, "serve the VPC API locally for the official SDKs (default: the article)" },
};

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: peerplan VERB [OPTIONS] [FILE...]\n"
           "\n"
           "An offline simulator and cost/quota planner for Alibaba Cloud VPC-to-VPC\n"
           "connections (Express Connect router interfaces and VPC peering).\n"
           "\n"
           "Verbs:\n");
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (out, "  %-8s %s\n", verbs[i].name, verbs[i].summary);
  fprintf (out,
           "\n"
           "A scenario FILE of '-' is read from standard input.\n"
           "Run 'peerplan VERB --help' for a verb's options; 'peerplan -V/--version'.\n"
           "Exit status: 0 clean, 1 findings, 2 bad usage or input, 3 internal failure\n"
           "(or output that could not be written).\n");
}

/* The error, the nearest verb if one is close, and where the list is. */
static int
unknown_verb (const char *verb)
{
  const char *names[G_N_ELEMENTS (verbs) + 1];
  const char *best;

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    names[i] = verbs[i].name;
  names[G_N_ELEMENTS (verbs)] = NULL;
  best = pp_suggest (verb, names);
  if (best != NULL)
    pp_cli_error ("unknown verb '%s' (did you mean '%s'?)", verb, best);
  else
    pp_cli_error ("unknown verb '%s'", verb);
  fprintf (stderr, "Try 'peerplan --help' for the verbs.\n");
  return PP_EXIT_INPUT;
}

/* Runs the verb argv[1] and returns its exit code. */
static int
dispatch (int argc, char **argv)
{
  const char *verb;

  if (argc < 2)
    {
      usage (stderr);
      return PP_EXIT_INPUT;
    }
  verb = argv[1];
  if (strcmp (verb, "--version") == 0 || strcmp (verb, "-V") == 0 || strcmp (verb, "version") == 0)
    {
      printf ("peerplan %s\n", PACKAGE_VERSION);
      return PP_EXIT_OK;
    }
  if (strcmp (verb, "--help") == 0 || strcmp (verb, "-h") == 0 ||
      (strcmp (verb, "help") == 0 && argc == 2))
    {
      usage (stdout);
      return PP_EXIT_OK;
    }
  if (strcmp (verb, "help") == 0)
    {
      char *args[] = { argv[2], (char *) "--help", NULL };
      for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
        if (strcmp (argv[2], verbs[i].name) == 0)
          return verbs[i].run (2, args);
      return unknown_verb (argv[2]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (strcmp (verb, verbs[i].name) == 0)
      return verbs[i].run (argc - 1, argv + 1);

  return unknown_verb (verb);
}

/* At exit (also the exit (0) of GOption's --help): a write to standard
 * output that failed is exit 3, whatever the verb returned (gnulib's
 * close_stdout). */
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
  return dispatch (argc, argv);
}
