/* SPDX-License-Identifier: MIT */
/* pp-engine-call.c: one call: finding the operation in the registered
 * tables (pp-api-registry.c), idempotency tokens, the parameter helpers
 * and checks the operations share, and paging.
 */

#include "sim/pp-engine-private.h"

#include <stdarg.h>
#include <string.h>

/* --- calls --- */

gboolean
pp_call_fail (Call *c, guint status, const char *code, const char *fmt, ...)
{
  va_list ap;

  g_return_val_if_fail (c->code == NULL, FALSE);
  c->status = status;
  c->code = g_strdup (code);
  va_start (ap, fmt);
  c->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  return FALSE;
}

const char *
pp_param (Call *c, const char *name)
{
  const char *v = NULL;

  if (c->params != NULL)
    v = g_hash_table_lookup (c->params, name);
  else
    for (guint i = c->n_list; v == NULL && i > 0; i--)
      /* the first letter before strcmp: an operation asks for about ten
       * names, most of them absent, of a call's five or so parameters */
      if (c->list[i - 1].name[0] == name[0] && strcmp (c->list[i - 1].name, name) == 0)
        v = c->list[i - 1].value;
  if (v == NULL || *v == '\0')
    return NULL;
  return v;
}

char *
pp_param_dup (Call *c, const char *name)
{
  const char *v = pp_param (c, name);

  return g_strdup (v != NULL ? v : "");
}

gboolean
pp_require (Call *c, const char *name, const char **out)
{
  const char *v = pp_param (c, name);

  if (v == NULL)
    return pp_call_fail (c, 400, "MissingParameter",
                      "The input parameter \"%s\" that is mandatory for processing this request is not supplied.",
                      name);
  if (out != NULL)
    *out = v;
  return TRUE;
}

gboolean
pp_param_bool (Call *c, const char *name, gboolean dflt, gboolean *out)
{
  const char *v = pp_param (c, name);

  *out = dflt;
  if (v == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (v, "true") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (v, "false") == 0)
    *out = FALSE;
  else
    return pp_call_fail (c, 400, "InvalidParameter",
                      "The specified parameter \"%s\" is not valid: \"%s\" is not true or false.",
                      name, v);
  return TRUE;
}

gboolean
pp_param_int (Call *c, const char *name, gint64 lo, gint64 hi, gint64 dflt,
           const char *code, gint64 *out)
{
  const char *v = pp_param (c, name);
  gint64 n;

  *out = dflt;
  if (v == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (v, 10, lo, hi, &n, NULL))
    return pp_call_fail (c, 400, code != NULL ? code : "InvalidParameter",
                      "The specified parameter \"%s\" is not valid: \"%s\" is not an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ".",
                      name, v, lo, hi);
  *out = n;
  return TRUE;
}

/* The catalog's region @v (nullable), remembered: calls come in runs in
 * one region. */
static const PpRegion *
region_named (PpEngine *e, const char *v)
{
  if (v == NULL || e->regions == NULL)
    return NULL;
  if (e->last_region == NULL || strcmp (e->last_region->id, v) != 0)
    e->last_region = pp_regions_lookup (e->regions, v);
  return e->last_region;
}

const PpRegion *
pp_call_region (Call *c, const char *name)
{
  return region_named (c->e, pp_param (c, name));
}

gboolean
pp_call_check_region (Call *c, const char *name, gboolean required, const PpRegion **out)
{
  const char *v = pp_param (c, name);

  if (v == NULL && required)
    {
      *out = NULL;
      return pp_require (c, name, NULL);
    }
  return pp_call_check_region_value (c, v, out);
}

gboolean
pp_call_check_region_value (Call *c, const char *v, const PpRegion **out)
{
  const PpRegion *r;

  *out = NULL;
  if (v == NULL)
    return TRUE;
  r = region_named (c->e, v);
  if (r == NULL)
    return pp_call_fail (c, 404, "InvalidRegionId.NotFound",
                      "The regionId provided does not exist in our records.");
  *out = r;
  return TRUE;
}

/* The real API's name rule: 2-@max characters, starting with a letter or a
 * non-ASCII (Chinese) character, then letters, digits, '.', '_', '-' (and
 * non-ASCII); never starting with http:// or https://. */
gboolean
pp_call_check_name (Call *c, const char *param_name, guint max, const char *code)
{
  const char *v = pp_param (c, param_name);
  glong n;
  const char *p;
  gboolean description;

  if (v == NULL)
    return TRUE;
  description = g_str_has_suffix (param_name, "Description");
  n = g_utf8_strlen (v, -1);
  if (!g_utf8_validate (v, -1, NULL) || n < 2 || n > (glong) max
      || g_str_has_prefix (v, "http://") || g_str_has_prefix (v, "https://")
      || !(g_ascii_isalpha (v[0]) || (guchar) v[0] >= 0x80))
    goto bad;
  if (!description)
    for (p = v; *p != '\0'; p++)
      if (!(g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-' || (guchar) *p >= 0x80))
        goto bad;
  return TRUE;
bad:
  return pp_call_fail (c, 400, code,
                    "The specified \"%s\" is not valid: it must be 2 to %u characters, start with a letter or a Chinese character%s, and not start with http:// or https://.",
                    param_name, max,
                    description ? "" : ", and contain only letters, digits, '.', '_' and '-'");
}

gboolean
pp_call_check_dry_run (Call *c)
{
  gboolean dry = FALSE;

  if (!pp_param_bool (c, "DryRun", FALSE, &dry))
    return FALSE;     /* a DryRun that is not a boolean: answered */
  if (dry)
    return pp_call_fail (c, 400, "DryRunOperation",
                         "Request validation has been passed with DryRun flag set.");
  return TRUE;
}

gboolean
pp_call_owns (Call *c, const Res *r)
{
  return r != NULL && !r->gone && r->account == c->caller;
}

void
pp_call_created (Call *c, GVariantDict *d, Res *r, const char *id_field,
                 const char *status, guint delay, const char *to)
{
  r->status = status;
  pp_schedule (c->e, r, delay, status, to);
  pp_dict_str (d, id_field, r->id);
}

void
pp_call_created_only (Call *c, Res *r, const char *id_field, const char *status, guint delay,
                      const char *to)
{
  r->status = status;
  pp_schedule (c->e, r, delay, status, to);
  c->only_field = id_field;
  c->only_id = r->id;
}

/* A floating a{sv} of two strings, keys in order. */
GVariant *
pp_api_answer_only (const char *request_id, const char *field, const char *id)
{
  GVariant *e[2];
  gboolean first = strcmp ("RequestId", field) < 0;

  e[first ? 0 : 1] = g_variant_new_dict_entry (g_variant_new_string ("RequestId"),
                                               g_variant_new_variant (g_variant_new_string (request_id)));
  e[first ? 1 : 0] = g_variant_new_dict_entry (g_variant_new_string (field),
                                               g_variant_new_variant (g_variant_new_string (id)));
  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), e, 2);
}

GVariant *
pp_api_answer_request_id (const char *request_id)
{
  GVariant *e = g_variant_new_dict_entry (g_variant_new_string ("RequestId"),
                                          g_variant_new_variant (g_variant_new_string (request_id)));

  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), &e, 1);
}

gboolean
pp_page_numbered (Call *c, guint max_size, Page *p)
{
  memset (p, 0, sizeof *p);
  if (!pp_param_int (c, "PageNumber", 1, G_MAXINT32, 1, "InvalidParameter", &p->number)
      || !pp_param_int (c, "PageSize", 1, max_size, 10, "InvalidParameter", &p->size))
    return FALSE;
  p->start = (p->number - 1) * p->size;
  p->max = p->size;
  return TRUE;
}

gboolean
pp_page_token (Call *c, const char *max_name, guint max, guint dflt, const char *max_field, Page *p)
{
  const char *token = pp_param (c, "NextToken");

  memset (p, 0, sizeof *p);
  p->token = TRUE;
  p->max_field = max_field;
  if (!pp_param_int (c, max_name, 1, max, dflt, "InvalidParameter", &p->max))
    return FALSE;
  if (token != NULL && !g_ascii_string_to_signed (token, 10, 0, G_MAXINT32, &p->start, NULL))
    return pp_call_fail (c, 400, "InvalidParameter", "The specified NextToken \"%s\" is not valid.", token);
  return TRUE;
}

gboolean
pp_page_take (Page *p)
{
  gboolean on_page = p->total >= p->start && p->total < p->start + p->max;

  p->total++;
  return on_page;
}

void
pp_page_add (Page *p, GVariant *item)
{
  if (p->items == NULL)
    p->items = g_ptr_array_new ();
  g_ptr_array_add (p->items, item);
}

void
pp_page_offer (Page *p, PpEngine *e, Res *r, ItemFunc item)
{
  if (pp_page_take (p))
    pp_page_add (p, item (e, r));
}

void
pp_page_end (Page *p, GVariantDict *d, const char *outer, const char *inner)
{
  if (p->token)
    {
      g_autofree char *next = NULL;
      if (p->start + p->max < p->total)
        next = g_strdup_printf ("%" G_GINT64_FORMAT, p->start + p->max);
      pp_dict_str (d, "NextToken", next);
      if (p->max_field != NULL)
        pp_dict_int (d, p->max_field, p->max);
    }
  else
    {
      pp_dict_int (d, "PageNumber", p->number);
      pp_dict_int (d, "PageSize", p->size);
    }
  pp_dict_int (d, "TotalCount", p->total);
  pp_dict_list (d, outer, inner, g_steal_pointer (&p->items));
}

/* --- dispatch --- */

static const Op *
find_op (const char *version, const char *action)
{
  guint t;
  const Op *o;

  for (t = 0; pp_api_tables[t] != NULL; t++)
    for (o = pp_api_tables[t]->ops; o->action != NULL; o++)
      if (o->action[0] == action[0] && strcmp (o->action, action) == 0)
        {
          if (version == NULL || strcmp (version, o->version) == 0)
            return o;
        }
  return NULL;
}

gboolean
pp_engine_has_action (const char *version, const char *action)
{
  g_return_val_if_fail (action != NULL, FALSE);
  return find_op (version, action) != NULL;
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
pp_engine_actions (const char *version)
{
  GPtrArray *names = g_ptr_array_new ();
  guint t;
  const Op *o;

  for (t = 0; pp_api_tables[t] != NULL; t++)
    for (o = pp_api_tables[t]->ops; o->action != NULL; o++)
      if (version == NULL || strcmp (version, o->version) == 0)
        g_ptr_array_add (names, g_strdup (o->action));
  g_ptr_array_sort (names, cmp_str);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static gboolean
is_create (const char *action)
{
  return g_str_has_prefix (action, "Create");
}

PpApiResult *
pp_call_begin (PpEngine *e, Call *c, const char *action)
{
  PpApiResult *res = g_new0 (PpApiResult, 1);

  res->request_id = pp_new_request_id (e);
  c->e = e;
  c->action = action;
  /* Transitions due by now happen before the call looks at anything. */
  pp_engine_advance_to (e, e->now);
  return res;
}

void
pp_call_answer_created (Call *c, PpApiResult *res, gboolean lean)
{
  if (lean)
    {
      res->created_field = c->only_field;
      res->created_id = g_strdup (c->only_id);
    }
  else
    res->response = g_variant_ref_sink (pp_api_answer_only (res->request_id, c->only_field,
                                                            c->only_id));
}

void
pp_call_unanswered (Call *c)
{
  if (c->code == NULL)
    pp_call_fail (c, 500, "InternalError",
                  "The request processing has failed due to some unknown error.");
}

PpApiResult *
pp_call_end (Call *c, PpApiResult *res)
{
  if (c->code != NULL)
    {
      res->http_status = c->status;
      res->code = g_steal_pointer (&c->code);
      res->message = g_steal_pointer (&c->message);
    }
  else
    res->http_status = 200;
  if (c->e->tick > 0)
    pp_engine_advance (c->e, c->e->tick);
  return res;
}

/* pp_engine_call() with the parameters in @c (a table or a list). */
static PpApiResult *
engine_call (PpEngine *e, const char *caller_uid, const char *version,
             const char *action, Call c)
{
  PpApiResult *res;
  const Op *op = NULL;
  g_autofree char *token_key = NULL;

  g_return_val_if_fail (e != NULL, NULL);
  res = pp_call_begin (e, &c, action);

  /* a plan calls one action a million times over: the last one first */
  if (action != NULL && e->last_op != NULL && strcmp (e->last_op->action, action) == 0
      && (version == NULL || strcmp (version, e->last_op->version) == 0))
    op = e->last_op;
  else if (action != NULL)
    op = e->last_op = find_op (version, action);
  if (op != NULL)
    res->version = op->version;
  if (version != NULL && strcmp (version, PP_API_VERSION_VPC) != 0
      && strcmp (version, PP_API_VERSION_VPCPEER) != 0)
    pp_call_fail (&c, 400, "InvalidVersion", "Specified parameter Version is not valid.");
  else if (op == NULL)
    pp_call_fail (&c, 404, "InvalidAction.NotFound",
               "Specified api is not found, please check your url and method.");
  else if (!pp_account_lookup_uid (e, caller_uid, &c.caller))
    pp_call_fail (&c, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  else
    {
      const char *token = pp_param (&c, "ClientToken");

      GVariant *cached = NULL;

      c.account = g_ptr_array_index (e->accounts, c.caller);
      if (token != NULL && is_create (action))
        {
          token_key = g_strdup_printf ("%s\x1f%s\x1f%s", action, c.account->uid, token);
          cached = g_hash_table_lookup (e->tokens, token_key);
        }
      if (cached != NULL)
        {
          /* Idempotent retry: the first answer, with this call's RequestId. */
          GVariantDict *d = g_variant_dict_new (cached);
          pp_dict_str (d, "RequestId", res->request_id);
          res->response = g_variant_ref_sink (pp_dict_end (d));
        }
      else
        {
          GVariantDict *d = op->no_dict ? NULL : g_variant_dict_new (NULL);

          if (op->func (&c, d))
            {
              g_assert (c.code == NULL);
              if (c.only_field != NULL)
                {
                  g_clear_pointer (&d, g_variant_dict_unref);
                  pp_call_answer_created (&c, res, e->lean && token_key == NULL);
                }
              else if (d == NULL)
                res->response = g_variant_ref_sink (pp_api_answer_request_id (res->request_id));
              else
                {
                  pp_dict_str (d, "RequestId", res->request_id);
                  res->response = g_variant_ref_sink (pp_dict_end (d));
                }
              if (token_key != NULL)
                g_hash_table_insert (e->tokens, g_steal_pointer (&token_key),
                                     g_variant_ref (res->response));
            }
          else
            {
              g_clear_pointer (&d, g_variant_dict_unref);
              pp_call_unanswered (&c);
            }
        }
    }
  return pp_call_end (&c, res);
}

PpApiResult *
pp_engine_call (PpEngine *e, const char *caller_uid, const char *version,
                const char *action, GHashTable *params)
{
  Call c = { 0 };

  c.params = params;
  return engine_call (e, caller_uid, version, action, c);
}

PpApiResult *
pp_engine_call_list (PpEngine *e, const char *caller_uid, const char *version,
                     const char *action, const PpCallParam *params, guint n_params)
{
  Call c = { 0 };

  g_return_val_if_fail (params != NULL || n_params == 0, NULL);
  c.list = params;
  c.n_list = n_params;
  return engine_call (e, caller_uid, version, action, c);
}

PpApiResult *
pp_engine_callv (PpEngine *e, const char *caller_uid, const char *version,
                 const char *action, ...)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  va_list ap;
  const char *k;

  va_start (ap, action);
  while ((k = va_arg (ap, const char *)) != NULL)
    {
      const char *v = va_arg (ap, const char *);
      g_hash_table_insert (params, (gpointer) k, (gpointer) (v != NULL ? v : ""));
    }
  va_end (ap);
  return pp_engine_call (e, caller_uid, version, action, params);
}

