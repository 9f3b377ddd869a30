/* SPDX-License-Identifier: MIT */
/* pp-error.c: the model's GError domain, and which codes of every domain
 * are input errors. */
#include "model/pp-error.h"

PP_DEFINE_ERROR_QUARK (pp-model-error-quark, pp_model_error,
                       PP_MODEL_ERROR_IO, PP_MODEL_ERROR_XML_PARSE,
                       PP_MODEL_ERROR_SCHEMA_INVALID, PP_MODEL_ERROR_INVALID_VALUE,
                       PP_MODEL_ERROR_DUPLICATE_ID, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                       PP_MODEL_ERROR_LIMIT)

/* A handful of layers: a small table, searched linearly. */
#define PP_ERROR_DOMAINS_MAX 16

static struct {
  GQuark domain;
  guint64 input;                /* bit n: code n is an input error */
} domains[PP_ERROR_DOMAINS_MAX];
static guint n_domains;
G_LOCK_DEFINE_STATIC (domains);

void
pp_error_domain_register (GQuark domain, const gint *input_codes, gsize n_input)
{
  guint64 mask = 0;
  guint i;

  g_return_if_fail (domain != 0);
  for (gsize k = 0; k < n_input; k++)
    {
      g_return_if_fail (input_codes[k] >= 0 && input_codes[k] < 64);
      mask |= G_GUINT64_CONSTANT (1) << input_codes[k];
    }
  G_LOCK (domains);
  for (i = 0; i < n_domains && domains[i].domain != domain; i++)
    ;
  if (i == n_domains)
    {
      if (n_domains == PP_ERROR_DOMAINS_MAX)
        {
          G_UNLOCK (domains);
          g_return_if_reached ();
        }
      n_domains++;
    }
  domains[i].domain = domain;
  domains[i].input = mask;
  G_UNLOCK (domains);
}

gboolean
pp_error_is_input (const GError *error)
{
  gboolean input = FALSE;

  if (error == NULL)
    return FALSE;
  if (error->domain == G_OPTION_ERROR)
    return TRUE;
  if (error->domain == G_FILE_ERROR)
    switch (error->code)
      {
      case G_FILE_ERROR_EXIST:
      case G_FILE_ERROR_ISDIR:
      case G_FILE_ERROR_ACCES:
      case G_FILE_ERROR_NAMETOOLONG:
      case G_FILE_ERROR_NOENT:
      case G_FILE_ERROR_NOTDIR:
      case G_FILE_ERROR_NXIO:
      case G_FILE_ERROR_NODEV:
      case G_FILE_ERROR_ROFS:
      case G_FILE_ERROR_LOOP:
      case G_FILE_ERROR_PERM:
        return TRUE;
      default:
        return FALSE;
      }
  if (error->code < 0 || error->code >= 64)
    return FALSE;
  G_LOCK (domains);
  for (guint i = 0; i < n_domains; i++)
    if (domains[i].domain == error->domain)
      input = (domains[i].input >> error->code) & 1;
  G_UNLOCK (domains);
  return input;
}
