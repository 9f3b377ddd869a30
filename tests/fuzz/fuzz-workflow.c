/* SPDX-License-Identifier: MIT */
/* fuzz-workflow.c: the workflow reader, the runner and the writer
 * (sim/pp-workflow.c, on the engine).
 *
 * The input is a workflow file, read as if it were
 * $PP_TOP_SRCDIR/data/examples/fuzz.workflow.xml, so that scenario="..."
 * may name an example beside it or a built-in one
 * ("peerplan:examples/article.xml").  What must hold:
 *  - a refusal is an input error (exit 2) whose message starts with the
 *    name;
 *  - a workflow that loads runs to the end (every step passed, failed or
 *    skipped, with a reason unless passed), and a second run with the same
 *    seed gives the same outcomes (deterministic);
 *  - write-back: the workflow written with its run's waits loads again,
 *    and writing that one is stable (write -> read -> write is the
 *    identity).
 */
#include "tests/fuzz/fuzz.h"
#include "model/pp-error.h"
#include "model/pp-xml.h"
#include "sim/pp-workflow.h"

#include <libxml/parser.h>
#include <string.h>

static char *name;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const char *top = g_getenv ("PP_TOP_SRCDIR");

  pp_fuzz_init ();
  name = g_build_filename (top != NULL ? top : ".", "data", "examples",
                           "fuzz.workflow.xml", NULL);
  return 0;
}

/* The outcomes of a run, one line per step. */
static char *
outcomes (const PpRunResult *run)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < run->steps->len; i++)
    {
      const PpStepResult *r = run->steps->pdata[i];

      PP_FUZZ_CHECK (r->outcome < PP_OUTCOME_LAST);
      PP_FUZZ_CHECK (r->outcome == PP_OUTCOME_PASSED || r->reason != NULL);
      g_string_append_printf (out, "%u %s %s\n", r->number, pp_outcome_to_string (r->outcome),
                              r->reason != NULL ? r->reason : "");
    }
  return g_string_free (out, FALSE);
}

/* The scenario attribute as written in @data (it passed the hardened
 * reader: no DTD, nothing to expand). */
static char *
scenario_attribute (const guint8 *data, size_t size)
{
  g_autoptr (xmlDoc) doc = xmlReadMemory ((const char *) data, (int) size, name, NULL,
                                          XML_PARSE_NONET | XML_PARSE_NOERROR
                                          | XML_PARSE_NOWARNING);
  xmlChar *value;
  char *out;

  PP_FUZZ_CHECK (doc != NULL && xmlDocGetRootElement (doc) != NULL);
  value = xmlGetProp (xmlDocGetRootElement (doc), (const xmlChar *) "scenario");
  PP_FUZZ_CHECK (value != NULL);
  out = g_strdup ((const char *) value);
  xmlFree (value);
  return out;
}

static PpWorkflow *
reload (const char *xml)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr (GError) error = NULL;
  PpWorkflow *wf = pp_workflow_load_bytes (bytes, name, &error);

  if (wf == NULL)
    fprintf (stderr, "a written workflow does not load: %s\n%s", error->message, xml);
  PP_FUZZ_CHECK (wf != NULL);
  return wf;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PpWorkflow) wf = NULL;
  g_autoptr (PpWorkflow) wf2 = NULL;
  g_autoptr (PpWorkflow) wf3 = NULL;
  g_autoptr (PpRunResult) run = NULL;
  g_autoptr (PpRunResult) run2 = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *xml1 = NULL;
  g_autofree char *xml2 = NULL;
  g_autofree char *xml3 = NULL;
  PpRunOptions opts = { PP_RUN_DEFAULT_SEED, TRUE, FALSE };

  wf = pp_workflow_load_bytes (bytes, name, &error);
  if (wf == NULL)
    {
      PP_FUZZ_CHECK (error != NULL);
      /* An input error (exit 2), never an internal one. */
      PP_FUZZ_CHECK (pp_error_is_input (error));
      if (!g_str_has_prefix (error->message, name))
        fprintf (stderr, "a refusal without the file name: %s\n", error->message);
      PP_FUZZ_CHECK (g_str_has_prefix (error->message, name));
      return 0;
    }

  run = pp_workflow_run (wf, NULL, &opts, &error);
  if (run == NULL)
    {
      PP_FUZZ_CHECK (error != NULL && error->message != NULL);
      return 0;
    }
  PP_FUZZ_CHECK (run->steps->len == wf->steps->len);
  run2 = pp_workflow_run (wf, NULL, &opts, NULL);
  PP_FUZZ_CHECK (run2 != NULL);
  out1 = outcomes (run);
  out2 = outcomes (run2);
  PP_FUZZ_CHECK (strcmp (out1, out2) == 0);

  scenario = scenario_attribute (data, size);
  xml1 = pp_workflow_to_xml (wf, run, scenario, NULL);
  wf2 = reload (xml1);
  xml2 = pp_workflow_to_xml (wf2, NULL, scenario, NULL);
  wf3 = reload (xml2);
  xml3 = pp_workflow_to_xml (wf3, NULL, scenario, NULL);
  if (strcmp (xml2, xml3) != 0)
    fprintf (stderr, "written once:\n%s\nwritten again:\n%s", xml2, xml3);
  PP_FUZZ_CHECK (strcmp (xml2, xml3) == 0);
  return 0;
}
