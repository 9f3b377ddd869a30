/* SPDX-License-Identifier: MIT */
/* fuzz-scenario.c: the scenario reader, the checks and the writer
 * (model/pp-scenario-read.c, pp-check.c, pricing's checks,
 * pp-scenario-write.c).
 *
 * The input is a scenario file.  What must hold:
 *  - a refusal is an input error (exit 2) whose message starts "fuzz.xml:";
 *  - a scenario that loads goes through every check of `peerplan check`
 *    (model rules and pricing), each finding with a rule id, a message and
 *    a file;
 *  - write-back: its canonical XML loads again, gives the same findings
 *    (rule and severity, in any order), and writes the same bytes again
 *    (write -> read -> write is the identity, pp-scenario-xml.h).
 */
#include "tests/fuzz/fuzz.h"
#include "model/pp-check.h"
#include "model/pp-error.h"
#include "model/pp-scenario-xml.h"
#include "pricing/pp-estimate.h"

#include <string.h>

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  pp_fuzz_init ();
  return 0;
}

/* Runs every check; returns the findings, sorted, as "rule severity" lines. */
static char *
check_all (const PpScenario *sc)
{
  g_autoptr (PpFindings) findings = pp_findings_new ();
  g_autoptr (GError) error = NULL;
  GString *out = g_string_new (NULL);

  pp_check_scenario (sc, findings);
  if (!pp_pricing_check (sc, findings, &error))
    {
      PP_FUZZ_CHECK (error != NULL && error->message != NULL);
      g_string_append_printf (out, "pricing error %s %d\n",
                              g_quark_to_string (error->domain), error->code);
    }
  pp_findings_sort (findings);
  pp_fuzz_findings_lines (findings, out);
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PpScenario) sc = NULL;
  g_autoptr (PpScenario) again = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autofree char *findings = NULL;
  g_autofree char *findings_again = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *xml_again = NULL;

  sc = pp_scenario_load_bytes (bytes, "fuzz.xml", NULL, &error);
  if (sc == NULL)
    {
      PP_FUZZ_CHECK (error != NULL);
      /* An input error (exit 2), never an internal one. */
      PP_FUZZ_CHECK (pp_error_is_input (error));
      if (!g_str_has_prefix (error->message, "fuzz.xml:"))
        fprintf (stderr, "a refusal without the file name: %s\n", error->message);
      PP_FUZZ_CHECK (g_str_has_prefix (error->message, "fuzz.xml:"));
      return 0;
    }
  findings = check_all (sc);

  xml = pp_scenario_to_xml (sc);
  written = g_bytes_new_static (xml, strlen (xml));
  again = pp_scenario_load_bytes (written, "written.xml", NULL, &error);
  if (again == NULL)
    fprintf (stderr, "the written scenario does not load: %s\n%s", error->message, xml);
  PP_FUZZ_CHECK (again != NULL);
  xml_again = pp_scenario_to_xml (again);
  if (strcmp (xml, xml_again) != 0)
    fprintf (stderr, "written once:\n%s\nwritten again:\n%s", xml, xml_again);
  PP_FUZZ_CHECK (strcmp (xml, xml_again) == 0);

  findings_again = check_all (again);
  if (strcmp (findings, findings_again) != 0)
    {
      g_autofree char *a = pp_fuzz_sorted_lines (findings);
      g_autofree char *b = pp_fuzz_sorted_lines (findings_again);

      if (strcmp (a, b) != 0)
        fprintf (stderr, "findings of the input:\n%s\nof the written scenario:\n%s\n%s",
                 findings, findings_again, xml);
      PP_FUZZ_CHECK (strcmp (a, b) == 0);
    }
  return 0;
}
