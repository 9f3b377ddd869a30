/* SPDX-License-Identifier: MIT */
/* cli-common.c: helpers shared by the verbs. */
#include "sim/cli/cli.h"
#include "model/pp-data.h"
#include "model/pp-error.h"
#include "model/pp-scenario-xml.h"
#include "pricing/pp-pricing-error.h"

#include <unistd.h>

void
pp_cli_error (const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "peerplan: %s\n", msg);
}

int
pp_cli_usage (GOptionContext *ctx, const char *message)
{
  g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);

  if (message != NULL)
    fprintf (stderr, "peerplan: %s\n\n", message);
  fputs (help, stderr);
  return PP_EXIT_INPUT;
}

int
pp_cli_exit_code (const GError *error)
{
  if (error == NULL)
    return PP_EXIT_INTERNAL;
  if (error->domain == PP_MODEL_ERROR && error->code != PP_MODEL_ERROR_FAILED)
    return PP_EXIT_INPUT;
  /* pricing: an option or date that does not parse, an amount too large */
  if (error->domain == PP_PRICING_ERROR && error->code != PP_PRICING_ERROR_FAILED)
    return PP_EXIT_INPUT;
  if (error->domain == G_OPTION_ERROR || error->domain == G_FILE_ERROR)
    return PP_EXIT_INPUT;
  return PP_EXIT_INTERNAL;
}

gboolean
pp_cli_parse (GOptionContext *ctx, int *argc, char ***argv, int *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *exit_code = pp_cli_usage (ctx, error->message);
      return FALSE;
    }
  return TRUE;
}

PpScenario *
pp_cli_load_scenario (const char *file, GError **error)
{
  if (file == NULL)
    {
      g_autoptr(GBytes) bytes = pp_data_get ("examples/article.xml", error);
      g_autofree char *name = pp_data_describe ("examples/article.xml");

      if (bytes == NULL)
        return NULL;
      return pp_scenario_load_bytes (bytes, name, NULL, error);
    }
  return pp_scenario_load_file (file, NULL, error);
}

gboolean
pp_cli_use_color (FILE *stream)
{
  const char *no = g_getenv ("NO_COLOR");

  if (no != NULL && *no != '\0')
    return FALSE;
  return isatty (fileno (stream)) == 1 && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
}
