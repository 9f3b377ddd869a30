/* SPDX-License-Identifier: MIT */
/* fuzz-import.c: the importers of Terraform and API JSON (import/), then
 * the model's checks and writer on what they build.
 *
 * The input is one or more files separated by NUL bytes (a JSON text holds
 * none), added in order as "in1.json", "in2.json", ... (at most 8), as
 * `peerplan import in1.json in2.json ...` does.  What must hold:
 *  - a refusal is an input error (exit 2): a PP_IMPORT_ERROR or a model
 *    error with a message that names the file ("inN.json: ..."), the one
 *    being read when pp_importer_add_bytes() refuses it;
 *  - an imported scenario is one peerplan can use: its notes carry a rule
 *    and a message, every model check's findings a rule, a message and a
 *    file; its XML loads as a scenario with the same check findings (rule
 *    and severity; the notes describe the input and are not written), and
 *    writing that one gives the same bytes (write -> read -> write is the
 *    identity).
 */
#include "tests/fuzz/fuzz.h"
#include "import/pp-import.h"
#include "model/pp-check.h"
#include "model/pp-error.h"
#include "model/pp-scenario-xml.h"

#include <string.h>

#define MAX_INPUTS 8

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  pp_fuzz_init ();
  return 0;
}

/* A refusal: an input error whose message starts with @name, or with any
 * "inN.json:" (N <= @n_inputs) when @name is NULL (pp_importer_finish()
 * names the file the faulty resource came from). */
static void
check_refused (const GError *error, const char *name, guint n_inputs)
{
  gboolean named = FALSE;

  PP_FUZZ_CHECK (error != NULL);
  PP_FUZZ_CHECK (error->domain == PP_IMPORT_ERROR || error->domain == PP_MODEL_ERROR);
  PP_FUZZ_CHECK (pp_error_is_input (error));
  PP_FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
  for (guint n = 1; n <= n_inputs && !named; n++)
    {
      g_autofree char *prefix = g_strdup_printf ("in%u.json:", n);

      named = g_str_has_prefix (error->message, prefix)
        && (name == NULL || strncmp (name, prefix, strlen (prefix) - 1) == 0);
    }
  if (!named)
    fprintf (stderr, "a refusal without the file name (%s): %s\n",
             name != NULL ? name : "any input", error->message);
  PP_FUZZ_CHECK (named);
}

/* Runs the model checks; returns the findings, sorted, as
 * "rule severity" lines.  The scenario's notes (what importing or loading
 * found worth saying, which pp_check_scenario() copies) are left out: they
 * describe the input, and the written XML does not carry them. */
static char *
check_all (PpScenario *sc)
{
  g_autoptr (PpFindings) findings = pp_findings_new ();
  g_autoptr (PpFindings) notes = g_steal_pointer (&sc->notes);
  GString *out = g_string_new (NULL);

  pp_check_scenario (sc, findings);
  sc->notes = g_steal_pointer (&notes);
  pp_findings_sort (findings);
  pp_fuzz_findings_lines (findings, out);
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (PpImporter) imp = pp_importer_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PpScenario) sc = NULL;
  g_autoptr (PpScenario) again = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autofree char *findings = NULL;
  g_autofree char *findings_again = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *xml_again = NULL;
  const guint8 *p = data, *end = data + size;
  guint n_inputs = 0;

  while (n_inputs < MAX_INPUTS)
    {
      const guint8 *nul = memchr (p, '\0', (gsize) (end - p));
      gsize len = nul != NULL ? (gsize) (nul - p) : (gsize) (end - p);
      g_autoptr (GBytes) bytes = g_bytes_new (p, len);
      g_autofree char *name = g_strdup_printf ("in%u.json", ++n_inputs);

      if (!pp_importer_add_bytes (imp, bytes, name, &error))
        {
          check_refused (error, name, n_inputs);
          return 0;
        }
      if (nul == NULL)
        break;
      p = nul + 1;
    }
  sc = pp_importer_finish (imp, &error);
  if (sc == NULL)
    {
      check_refused (error, NULL, n_inputs);
      return 0;
    }
  for (guint i = 0; sc->notes != NULL && i < pp_findings_len (sc->notes); i++)
    {
      const PpFinding *f = pp_findings_nth (sc->notes, i);

      PP_FUZZ_CHECK (f->rule != NULL && f->message != NULL && f->message[0] != '\0');
    }
  findings = check_all (sc);

  xml = pp_scenario_to_xml (sc);
  written = g_bytes_new_static (xml, strlen (xml));
  again = pp_scenario_load_bytes (written, "imported.xml", NULL, &error);
  if (again == NULL)
    fprintf (stderr, "the imported scenario does not load: %s\n%s", error->message, xml);
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
        fprintf (stderr, "findings of the import:\n%s\nof the written scenario:\n%s\n%s",
                 findings, findings_again, xml);
      PP_FUZZ_CHECK (strcmp (a, b) == 0);
    }
  return 0;
}
