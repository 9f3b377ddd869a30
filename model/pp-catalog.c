/* SPDX-License-Identifier: MIT */
/* pp-catalog.c: loading the price, quota and ticket catalogs and quote files.
 *
 * The files are small (tens of rows), so each is parsed into a DOM with
 * libxml2 through pp_xml_parse() (no network, no DTD, no entity
 * expansion) and validated against its RelaxNG schema, then walked once into arrays of plain
 * structs whose strings live in the catalog's string chunk.  The schema
 * checks shape; this file checks meaning (decimals, areas, rule ids).
 */

#include "model/pp-catalog.h"
#include "model/pp-data.h"
#include "model/pp-error.h"
#include "model/pp-number.h"
#include "model/pp-rules.h"

#include "model/pp-xml.h"
#include <string.h>

PP_ENUM_IMPL (pp_ticket_applies, PpTicketApplies, PP_TICKET_APPLIES_LAST,
              "cross-border", "cross-region", "quota-exceeded");

#define CATALOG_MAX_BYTES (16 * 1024 * 1024)

struct _PpPrices {
  GStringChunk *strings;
  GArray *rows;               /* PpPrice */
  const char *as_of;
  guint max_age_days;
};

struct _PpQuotas {
  GStringChunk *strings;
  GArray *rows;               /* PpQuota */
};

struct _PpTickets {
  GStringChunk *strings;
  GArray *rows;               /* PpTicketRule */
};

/* ---- XML intake ---- */

/* Parses and validates @xml against data/schema/@schema (pp_xml_parse)
 * and checks the root is @root.  Returns the document (transfer full). */
static xmlDoc *
load_validated (GBytes *xml, const char *name, const char *schema,
                const char *root, GError **error)
{
  gsize len = 0;
  g_autoptr(xmlDoc) doc = NULL;

  g_bytes_get_data (xml, &len);
  if (len > CATALOG_MAX_BYTES)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
                   "%s:1: file is larger than %u bytes", name, CATALOG_MAX_BYTES);
      return NULL;
    }
  doc = pp_xml_parse (xml, name, schema, error);
  if (doc == NULL)
    return NULL;
  if (strcmp ((const char *) xmlDocGetRootElement (doc)->name, root) != 0)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_SCHEMA_INVALID,
                   "%s:1: root element is not <%s>", name, root);
      return NULL;
    }
  return g_steal_pointer (&doc);
}

static GBytes *
read_file (const char *file, GError **error)
{
  char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (file, &contents, &len, &local))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO, "%s:0: %s",
                   file, local->message);
      return NULL;
    }
  return g_bytes_new_take (contents, len);
}

static gboolean
is_element (xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0;
}

/* An attribute's value interned in @chunk, or NULL when absent. */
static const char *
prop (GStringChunk *chunk, xmlNode *n, const char *name)
{
  xmlChar *v = xmlGetProp (n, (const xmlChar *) name);
  const char *s;

  if (v == NULL)
    return NULL;
  s = g_string_chunk_insert_const (chunk, (const char *) v);
  xmlFree (v);
  return s;
}

static char *
node_text (xmlNode *n)
{
  xmlChar *v = xmlNodeGetContent (n);
  char *s = g_strdup (v ? (const char *) v : "");

  xmlFree (v);
  return g_strstrip (s);
}

static guint
prop_uint (xmlNode *n, const char *name)
{
  xmlChar *v = xmlGetProp (n, (const xmlChar *) name);
  guint64 u = 0;

  /* The schema has checked it is a (bounded) non-negative integer: failing
   * here means the schema lets through what this cannot read. */
  if (v != NULL && !pp_parse_uint ((const char *) v, 0, G_MAXUINT, &u, NULL))
    g_critical ("line %ld: %s=\"%s\" passed the schema but is not a number",
                xmlGetLineNo (n), name, (const char *) v);
  xmlFree (v);
  return (guint) u;
}

/* Collects <source id="...">text</source> (and its site) of @root. */
static GHashTable *
read_sources (xmlNode *root, GStringChunk *chunk)
{
  GHashTable *sources = g_hash_table_new (g_str_hash, g_str_equal);

  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (is_element (n, "source"))
      {
        g_autofree char *text = node_text (n);
        const char *id = prop (chunk, n, "id");

        g_hash_table_insert (sources, (gpointer) id,
                             (gpointer) g_string_chunk_insert_const (chunk, text));
      }
  return sources;
}

static const char *
resolve_source (GHashTable *sources, GStringChunk *chunk, xmlNode *n,
                const char *name, GError **error)
{
  const char *id = prop (chunk, n, "source");
  const char *text = g_hash_table_lookup (sources, id);

  if (text == NULL)
    g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                 "%s:%ld: source \"%s\" is not declared by a <source> element",
                 name, xmlGetLineNo (n), id);
  return text;
}

/* Collects the attributes of @n as two NULL-terminated arrays. */
static void
collect_attributes (xmlNode *n, GPtrArray *names, GPtrArray *values)
{
  for (xmlAttr *a = n->properties; a != NULL; a = a->next)
    {
      xmlChar *v = xmlNodeListGetString (n->doc, a->children, 1);

      g_ptr_array_add (names, g_strdup ((const char *) a->name));
      g_ptr_array_add (values, g_strdup (v ? (const char *) v : ""));
      xmlFree (v);
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
}

/* ---- prices ---- */

static PpPrices *
prices_new (void)
{
  PpPrices *p = g_new0 (PpPrices, 1);

  p->strings = g_string_chunk_new (4096);
  p->rows = g_array_new (FALSE, TRUE, sizeof (PpPrice));
  return p;
}

void
pp_prices_free (PpPrices *prices)
{
  if (prices == NULL)
    return;
  g_string_chunk_free (prices->strings);
  g_array_unref (prices->rows);
  g_free (prices);
}

/* An attribute whose value is none of those its enum knows; FALSE. */
static gboolean
bad_enum (GError **error, const char *name, guint line, const char *attr, const char *value)
{
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
               "%s:%u: %s '%s' is not a value peerplan knows (see the catalog's schema)",
               name, line, attr, value != NULL ? value : "");
  return FALSE;
}

static gboolean
read_catalog_price (PpPrices *cat, GHashTable *sources, xmlNode *n,
                    const char *name, GError **error)
{
  GStringChunk *c = cat->strings;
  PpPrice p = { 0 };
  const char *v;
  guint line = (guint) xmlGetLineNo (n);
  g_autoptr(GError) local = NULL;

  p.id = prop (c, n, "id");
  p.file = g_string_chunk_insert_const (c, name);
  p.line = line;
  if (!pp_product_from_string ((v = prop (c, n, "product")), &p.product))
    return bad_enum (error, name, line, "product", v);
  /* "any" is what an absent role means, not a value to write */
  if (!pp_price_scope_from_string ((v = prop (c, n, "scope")), &p.scope) || p.scope == PP_SCOPE_ANY)
    return bad_enum (error, name, line, "scope", v);
  p.role = PP_ROLE_ANY;
  if ((v = prop (c, n, "role")) != NULL
      && (!pp_price_role_from_string (v, &p.role) || p.role == PP_ROLE_ANY))
    return bad_enum (error, name, line, "role", v);
  p.spec = prop (c, n, "spec");
  p.bandwidth = prop_uint (n, "bandwidth");
  p.link_type = prop (c, n, "link-type");
  v = prop (c, n, "from-area");
  if (v != NULL)
    {
      if (!pp_area_from_string (v, &p.from_area) ||
          !pp_area_from_string (prop (c, n, "to-area"), &p.to_area))
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "%s:%u: unknown area", name, line);
          return FALSE;
        }
      p.has_areas = TRUE;
    }
  if (!pp_price_charge_from_string ((v = prop (c, n, "charge")), &p.charge))
    return bad_enum (error, name, line, "charge", v);
  if (!pp_price_unit_from_string ((v = prop (c, n, "unit")), &p.unit))
    return bad_enum (error, name, line, "unit", v);
  if (!pp_currency_from_string ((v = prop (c, n, "currency")), &p.currency))
    return bad_enum (error, name, line, "currency", v);
  if (!pp_decimal_parse (prop (c, n, "amount"), 6, &p.amount_micro, &local))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "%s:%u: amount: %s", name, line, local->message);
      return FALSE;
    }
  p.site = prop (c, n, "site");
  p.source = resolve_source (sources, c, n, name, error);
  if (p.source == NULL)
    return FALSE;
  p.as_of = prop (c, n, "as-of");
  v = prop (c, n, "as-of-exact");
  p.as_of_exact = g_strcmp0 (v, "no") != 0;
  p.effective = prop (c, n, "effective");
  p.note = prop (c, n, "note");
  g_array_append_val (cat->rows, p);
  return TRUE;
}

PpPrices *
pp_prices_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpPrices) cat = prices_new ();
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(xmlDoc) doc = load_validated (xml, name, "prices.rng", "prices", error);
  xmlNode *root;
  gboolean ok = TRUE;

  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  cat->as_of = prop (cat->strings, root, "as-of");
  cat->max_age_days = prop_uint (root, "max-age-days");
  sources = read_sources (root, cat->strings);
  for (xmlNode *n = root->children; ok && n != NULL; n = n->next)
    if (is_element (n, "price"))
      ok = read_catalog_price (cat, sources, n, name, error);
  return ok ? g_steal_pointer (&cat) : NULL;
}

PpPrices *
pp_prices_load_file (const char *file, GError **error)
{
  g_autoptr(GBytes) b = read_file (file, error);

  return b ? pp_prices_load_bytes (b, file, error) : NULL;
}

PpPrices *
pp_quote_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpPrices) q = prices_new ();
  g_autoptr(xmlDoc) doc = load_validated (xml, name, "quote.rng", "quote", error);
  gboolean ok = TRUE;

  if (doc == NULL)
    return NULL;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; ok && n != NULL; n = n->next)
    if (is_element (n, "price"))
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
        PpPrice p;

        collect_attributes (n, names, values);
        ok = pp_price_from_attributes (&p, q->strings,
                                       (const char * const *) names->pdata,
                                       (const char * const *) values->pdata,
                                       name, (guint) xmlGetLineNo (n), error);
        if (ok)
          g_array_append_val (q->rows, p);
      }
  return ok ? g_steal_pointer (&q) : NULL;
}

PpPrices *
pp_quote_load_file (const char *file, GError **error)
{
  g_autoptr(GBytes) b = read_file (file, error);

  return b ? pp_quote_load_bytes (b, file, error) : NULL;
}

guint
pp_prices_count (const PpPrices *prices)
{
  return prices->rows->len;
}

const PpPrice *
pp_prices_nth (const PpPrices *prices, guint i)
{
  g_return_val_if_fail (i < prices->rows->len, NULL);
  return &g_array_index (prices->rows, PpPrice, i);
}

const char *
pp_prices_as_of (const PpPrices *prices)
{
  return prices->as_of;
}

guint
pp_prices_max_age_days (const PpPrices *prices)
{
  return prices->max_age_days;
}

/* ---- quotas ---- */

static const char * const quota_counts_names[] = {
  "ri-per-router", "ri-pairs-per-router-pair", "ri-per-vpc", "ri-per-account",
  "route-entries-per-table", "vswitches-per-vpc", "peer-intra-region-per-vpc",
  "peer-cross-region-per-vpc", "peer-per-account-region",
  "peer-cross-region-bandwidth", "peer-cross-border-bandwidth",
};
G_STATIC_ASSERT (G_N_ELEMENTS (quota_counts_names) == PP_QUOTA_LAST);

static const char *
rule_for (const char *prefix, const char *id, const char *name, guint line,
          GError **error)
{
  g_autofree char *rule = g_strconcat (prefix, id, NULL);
  const PpRule *r = pp_rules_lookup (rule);

  if (r == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                   "%s:%u: rule \"%s\" is not in peerplan's rule table (hint: rule ids are fixed; see docs/rules.md)",
                   name, line, rule);
      return NULL;
    }
  return r->id;
}

void
pp_quotas_free (PpQuotas *quotas)
{
  if (quotas == NULL)
    return;
  g_string_chunk_free (quotas->strings);
  g_array_unref (quotas->rows);
  g_free (quotas);
}

PpQuotas *
pp_quotas_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpQuotas) q = g_new0 (PpQuotas, 1);
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  gboolean ok = TRUE;

  q->strings = g_string_chunk_new (2048);
  q->rows = g_array_new (FALSE, TRUE, sizeof (PpQuota));
  doc = load_validated (xml, name, "quotas.rng", "quotas", error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  sources = read_sources (root, q->strings);
  for (xmlNode *n = root->children; ok && n != NULL; n = n->next)
    {
      PpQuota row = { 0 };
      g_autofree char *text = NULL;
      const char *counts;
      int k = -1;

      if (!is_element (n, "quota"))
        continue;
      row.line = (guint) xmlGetLineNo (n);
      row.id = prop (q->strings, n, "id");
      counts = prop (q->strings, n, "counts");
      for (guint i = 0; i < G_N_ELEMENTS (quota_counts_names); i++)
        if (strcmp (quota_counts_names[i], counts) == 0)
          k = (int) i;
      g_assert (k >= 0);        /* the schema lists the same values */
      row.counts = (PpQuotaCounts) k;
      if (pp_quotas_find (q, row.counts) != NULL)
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_DUPLICATE_ID,
                       "%s:%u: a second quota counts %s", name, row.line, counts);
          ok = FALSE;
          break;
        }
      {
        const char *by = prop (q->strings, n, "reported-by");

        row.reported_elsewhere = by != NULL;
        row.rule = by ? rule_for ("", by, name, row.line, error)
                      : rule_for ("quota-", row.id, name, row.line, error);
      }
      row.source = resolve_source (sources, q->strings, n, name, error);
      if (row.rule == NULL || row.source == NULL)
        {
          ok = FALSE;
          break;
        }
      row.limit = prop_uint (n, "limit");
      row.unit = prop (q->strings, n, "unit");
      text = node_text (n);
      row.description = g_string_chunk_insert_const (q->strings, text);
      row.quota_name = prop (q->strings, n, "quota-name");
      row.raise = prop (q->strings, n, "raise");
      row.as_of = prop (q->strings, n, "as-of");
      row.as_of_exact = g_strcmp0 (prop (q->strings, n, "as-of-exact"), "no") != 0;
      row.note = prop (q->strings, n, "note");
      g_array_append_val (q->rows, row);
    }
  return ok ? g_steal_pointer (&q) : NULL;
}

PpQuotas *
pp_quotas_load_file (const char *file, GError **error)
{
  g_autoptr(GBytes) b = read_file (file, error);

  return b ? pp_quotas_load_bytes (b, file, error) : NULL;
}

guint
pp_quotas_count (const PpQuotas *quotas)
{
  return quotas->rows->len;
}

const PpQuota *
pp_quotas_nth (const PpQuotas *quotas, guint i)
{
  g_return_val_if_fail (i < quotas->rows->len, NULL);
  return &g_array_index (quotas->rows, PpQuota, i);
}

const PpQuota *
pp_quotas_find (const PpQuotas *quotas, PpQuotaCounts counts)
{
  for (guint i = 0; i < quotas->rows->len; i++)
    if (g_array_index (quotas->rows, PpQuota, i).counts == counts)
      return &g_array_index (quotas->rows, PpQuota, i);
  return NULL;
}

/* ---- tickets ---- */

void
pp_tickets_free (PpTickets *tickets)
{
  if (tickets == NULL)
    return;
  g_string_chunk_free (tickets->strings);
  g_array_unref (tickets->rows);
  g_free (tickets);
}

PpTickets *
pp_tickets_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpTickets) t = g_new0 (PpTickets, 1);
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  gboolean ok = TRUE;

  t->strings = g_string_chunk_new (2048);
  t->rows = g_array_new (FALSE, TRUE, sizeof (PpTicketRule));
  doc = load_validated (xml, name, "tickets.rng", "tickets", error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  sources = read_sources (root, t->strings);
  for (xmlNode *n = root->children; ok && n != NULL; n = n->next)
    {
      PpTicketRule row = { 0 };
      const char *v;
      g_auto(GStrv) products = NULL;

      if (!is_element (n, "ticket"))
        continue;
      row.line = (guint) xmlGetLineNo (n);
      row.id = prop (t->strings, n, "id");
      v = prop (t->strings, n, "applies");
      if (!pp_ticket_applies_from_string (v, &row.applies))
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "%s:%u: a ticket rule applies to '%s', which is none of cross-border, "
                       "cross-region, quota-exceeded", name, row.line, v);
          ok = FALSE;
          break;
        }
      if (pp_tickets_find (t, row.applies) != NULL)
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_DUPLICATE_ID,
                       "%s:%u: a second ticket rule applies to %s", name, row.line, v);
          ok = FALSE;
          break;
        }
      products = g_strsplit (prop (t->strings, n, "products"), " ", -1);
      for (guint i = 0; products[i] != NULL; i++)
        {
          PpProduct p;

          if (*products[i] == '\0')
            continue;
          if (!pp_product_from_string (products[i], &p))
            {
              ok = bad_enum (error, name, row.line, "products", products[i]);
              break;
            }
          row.products[p] = TRUE;
        }
      if (!ok)
        break;
      row.has_days = xmlHasProp (n, (const xmlChar *) "min-days") != NULL;
      row.min_days = prop_uint (n, "min-days");
      row.max_days = prop_uint (n, "max-days");
      if (row.has_days && row.max_days < row.min_days)
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "%s:%u: max-days %u is less than min-days %u",
                       name, row.line, row.max_days, row.min_days);
          ok = FALSE;
          break;
        }
      row.month_end_days = prop_uint (n, "month-end-days");
      row.confirmed = g_strcmp0 (prop (t->strings, n, "confirmed"), "yes") == 0;
      row.what = prop (t->strings, n, "what");
      row.as_of = prop (t->strings, n, "as-of");
      row.note = prop (t->strings, n, "note");
      row.rule = rule_for ("ticket-", row.id, name, row.line, error);
      row.source = resolve_source (sources, t->strings, n, name, error);
      if (row.rule == NULL || row.source == NULL)
        {
          ok = FALSE;
          break;
        }
      g_array_append_val (t->rows, row);
    }
  return ok ? g_steal_pointer (&t) : NULL;
}

PpTickets *
pp_tickets_load_file (const char *file, GError **error)
{
  g_autoptr(GBytes) b = read_file (file, error);

  return b ? pp_tickets_load_bytes (b, file, error) : NULL;
}

guint
pp_tickets_count (const PpTickets *tickets)
{
  return tickets->rows->len;
}

const PpTicketRule *
pp_tickets_nth (const PpTickets *tickets, guint i)
{
  g_return_val_if_fail (i < tickets->rows->len, NULL);
  return &g_array_index (tickets->rows, PpTicketRule, i);
}

const PpTicketRule *
pp_tickets_find (const PpTickets *tickets, PpTicketApplies applies)
{
  for (guint i = 0; i < tickets->rows->len; i++)
    if (g_array_index (tickets->rows, PpTicketRule, i).applies == applies)
      return &g_array_index (tickets->rows, PpTicketRule, i);
  return NULL;
}

/* ---- the default catalogs (process-wide, never freed) ---- */

#define DEFINE_DEFAULT(Type, func, data_name, loader)                        \
  const Type *func (GError **error)                                         \
  {                                                                         \
    static gsize once = 0;                                                  \
    static Type *value = NULL;                                              \
    static GError *failure = NULL;                                          \
    if (g_once_init_enter (&once))                                          \
      {                                                                     \
        g_autoptr(GBytes) b = pp_data_get (data_name, &failure);            \
        if (b != NULL)                                                      \
          {                                                                 \
            g_autofree char *name = pp_data_describe (data_name);           \
            value = loader (b, name, &failure);                             \
          }                                                                 \
        g_once_init_leave (&once, 1);                                       \
      }                                                                     \
    if (value == NULL && error != NULL)                                     \
      *error = g_error_copy (failure);                                      \
    return value;                                                           \
  }

DEFINE_DEFAULT (PpPrices, pp_prices_default, "prices.xml", pp_prices_load_bytes)
DEFINE_DEFAULT (PpQuotas, pp_quotas_default, "quotas.xml", pp_quotas_load_bytes)
DEFINE_DEFAULT (PpTickets, pp_tickets_default, "tickets.xml", pp_tickets_load_bytes)
