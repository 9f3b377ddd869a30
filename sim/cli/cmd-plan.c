/* SPDX-License-Identifier: MIT */
/* cmd-plan.c: `peerplan plan [SCENARIO]`, the main job.
 *
 * Validates the scenario, prints its topology and every finding.  With no
 * file it runs the article's scenario, compiled into the program. */
#include "sim/cli/cli.h"
#include "sim/cli/report.h"
#include "model/pp-check.h"

static void
print_topology (const PpScenario *sc)
{
  printf ("scenario %s (%s)\n", sc->name, sc->file);
  for (guint a = 0; a < sc->accounts->len; a++)
    {
      const PpAccount *acc = pp_scenario_account (sc, a);

      printf ("  account %s (uid %s)\n", acc->id, acc->uid);
      for (guint v = 0; v < sc->vpcs->len; v++)
        {
          const PpVpc *vpc = pp_scenario_vpc (sc, v);
          char buf[PP_CIDR_STRLEN];

          if (vpc->account != a)
            continue;
          printf ("    vpc %s  %s  %s, %s\n", vpc->id, pp_cidr_format (vpc->cidr, buf),
                  vpc->region->id, vpc->region->name);
          for (guint s = vpc->first_vswitch; s < vpc->first_vswitch + vpc->n_vswitches; s++)
            {
              const PpVSwitch *vsw = pp_scenario_vswitch (sc, s);

              printf ("      vswitch %s  %s  %s\n", vsw->id, pp_cidr_format (vsw->cidr, buf), vsw->zone);
              for (guint k = vsw->first_instance; k < vsw->first_instance + vsw->n_instances; k++)
                {
                  char ip[PP_IP_STRLEN];
                  printf ("        instance %s  %s\n", pp_scenario_instance (sc, k)->id,
                          pp_ip_format (pp_scenario_instance (sc, k)->ip, ip));
                }
            }
        }
    }
  for (guint i = 0; i < sc->connections->len; i++)
    {
      const PpConnection *c = pp_scenario_connection (sc, i);

      printf ("  connection %s (%s%s%s): %s -> %s\n", c->id, pp_conn_type_to_string (c->type),
              c->spec ? ", " : "", c->spec ? c->spec : "",
              pp_scenario_vpc (sc, c->ends[0].vpc)->id, pp_scenario_vpc (sc, c->ends[1].vpc)->id);
    }
}

int
pp_cmd_plan (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpFindings) findings = pp_findings_new ();
  const char *files[2] = { NULL, NULL };
  int code = 0;
  GOptionEntry entries[] = { PP_CLI_PROGRESS_OPTION, { NULL } };

  g_set_prgname ("peerplan plan");
  ctx = g_option_context_new ("[SCENARIO] - plan a scenario: topology, steps, findings");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx,
    "Validates the scenario and prints its topology and every finding.\n"
    "With no SCENARIO, plans the bundled article scenario (Tokyo <-> Silicon Valley).");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (argc > 2)
    return pp_cli_usage (ctx, "plan takes at most one scenario");

  sc = pp_cli_load_scenario (argc == 2 ? argv[1] : NULL, &error);
  if (sc == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  print_topology (sc);
  pp_check_scenario (sc, findings);
  pp_findings_sort (findings);
  printf ("\nfindings:\n");
  files[0] = sc->file;
  pp_report_findings (stdout, PP_REPORT_TEXT, findings, files, PP_SEVERITY_ERROR,
                      pp_cli_use_color (stdout));
  return pp_findings_any_at_least (findings, PP_SEVERITY_ERROR) ? PP_EXIT_FINDINGS : PP_EXIT_OK;
}
