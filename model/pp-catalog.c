/* SPDX-License-Identifier: MIT */
/* pp-catalog.c: loading the price, quota and ticket catalogs and quote files.
 *
 * The files are small (tens of rows), so each is parsed into a DOM with
 * libxml2 through pp_xml_parse() (no network, no DTD, no entity
 * expansion) and validated against its RelaxNG schema, then walked once
 * (load_table(), the same walk for every catalog) into arrays of plain
 * structs whose strings live in the catalog's string chunk; each catalog
 * only says how to read one row.  The schema checks shape; this file
 * checks meaning (decimals, areas, rule ids).
 */

#include "model/pp-catalog.h"
#include "model/pp-data.h"
#include "model/pp-error.h"
#include "model/pp-number.h"
#include "model/pp-rules.h"

#include "model/pp-xml.h"
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

PP_ENUM_IMPL (pp_ticket_applies, PpTicketApplies, PP_TICKET_APPLIES_LAST,
              "cross-border", "cross-region", "quota-exceeded");

#define CATALOG_MAX_BYTES (16 * 1024 * 1024)

/* What every catalog holds: its rows and the strings they point into.
 * It is the first member of each catalog, so a Table * is the catalog. */
typedef struct {
  GStringChunk *strings;
  GArray *rows;
} Table;

struct _PpPrices {
  Table t;                    /* PpPrice */
  const char *as_of;
  guint max_age_days;
};

struct _PpQuotas {
  Table t;                    /* PpQuota */
};

struct _PpTickets {
  Table t;                    /* PpTicketRule */
};

static void
table_init (Table *t, gsize chunk, guint row_size)
{
  t->strings = g_string_chunk_new (chunk);
  t->rows = g_array_new (FALSE, TRUE, row_size);
}

/* Frees @t's contents and @t (the catalog it starts). */
static void
table_free (Table *t)
{
  g_string_chunk_free (t->strings);
  g_array_unref (t->rows);
  g_free (t);
}

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

/* The whole of @file; a message that names the file once, with the
 * system's reason, as the scenario reader's (no line: there is none). */
static GBytes *
read_file (const char *file, GError **error)
{
  g_autoptr(GMappedFile) map = NULL;
  g_autoptr(GError) local = NULL;
  GStatBuf st;
  int fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
  int e;

  if (fd < 0)
    {
      e = errno;
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: cannot open: %s", file, g_strerror (e));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: not a regular file", file);
      close (fd);
      return NULL;
    }
  map = g_mapped_file_new_from_fd (fd, FALSE, &local);
  close (fd);
  if (map == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: cannot read: %s", file, local->message);
      return NULL;
    }
  return g_mapped_file_get_bytes (map);
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

/* Reads one row element @n into @t (appending it), or sets @error.
 * @sources maps the file's <source> ids to their text (NULL for a file
 * without sources). */
typedef gboolean (*RowReader) (Table *t, GHashTable *sources, xmlNode *n,
                               const char *name, GError **error);
/* Reads what the root element @root says about the whole catalog. */
typedef void (*RootReader) (Table *t, xmlNode *root);

/* The one walk of every catalog: parses and validates @xml against
 * @schema (root element @root_name), reads the root with @root_reader (if
 * any), the <source>s (when @with_sources), then every <@element> child of
 * the root with @row, stopping at the first that fails. */
static gboolean
load_table (Table *t, GBytes *xml, const char *name, const char *schema,
            const char *root_name, const char *element, gboolean with_sources,
            RootReader root_reader, RowReader row, GError **error)
{
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(xmlDoc) doc = load_validated (xml, name, schema, root_name, error);
  xmlNode *root;
  gboolean ok = TRUE;

  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  if (root_reader != NULL)
    root_reader (t, root);
  if (with_sources)
    sources = read_sources (root, t->strings);
  for (xmlNode *n = root->children; ok && n != NULL; n = n->next)
    if (is_element (n, element))
      ok = row (t, sources, n, name, error);
  return ok;
}

/* A catalog's _load_file(): the file's bytes to its _load_bytes(). */
#define DEFINE_FILE_LOADER(Type, func, from_bytes)                           \
  Type *func (const char *file, GError **error)                             \
  {                                                                         \
    g_autoptr(GBytes) b = read_file (file, error);                          \
                                                                            \
    return b ? from_bytes (b, file, error) : NULL;                          \
  }

/* ---- prices ---- */

static PpPrices *
prices_new (void)
{
  PpPrices *p = g_new0 (PpPrices, 1);

  table_init (&p->t, 4096, sizeof (PpPrice));
  return p;
}

void
pp_prices_free (PpPrices *prices)
{
  if (prices != NULL)
    table_free (&prices->t);
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
read_catalog_price (Table *t, GHashTable *sources, xmlNode *n,
                    const char *name, GError **error)
{
  GStringChunk *c = t->strings;
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
  g_array_append_val (t->rows, p);
  return TRUE;
}

static void
read_prices_root (Table *t, xmlNode *root)
{
  PpPrices *cat = (PpPrices *) t;

  cat->as_of = prop (t->strings, root, "as-of");
  cat->max_age_days = prop_uint (root, "max-age-days");
}

PpPrices *
pp_prices_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpPrices) cat = prices_new ();

  if (!load_table (&cat->t, xml, name, "prices.rng", "prices", "price", TRUE,
                   read_prices_root, read_catalog_price, error))
    return NULL;
  return g_steal_pointer (&cat);
}

DEFINE_FILE_LOADER (PpPrices, pp_prices_load_file, pp_prices_load_bytes)

/* A quote's row: the same attributes as a catalog price, read by the
 * model's price reader (pp_price_from_attributes). */
static gboolean
read_quote_price (Table *t, GHashTable *sources, xmlNode *n,
                  const char *name, GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  PpPrice p;

  (void) sources;
  collect_attributes (n, names, values);
  if (!pp_price_from_attributes (&p, t->strings,
                                 (const char * const *) names->pdata,
                                 (const char * const *) values->pdata,
                                 name, (guint) xmlGetLineNo (n), error))
    return FALSE;
  g_array_append_val (t->rows, p);
  return TRUE;
}

PpPrices *
pp_quote_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpPrices) q = prices_new ();

  if (!load_table (&q->t, xml, name, "quote.rng", "quote", "price", FALSE,
                   NULL, read_quote_price, error))
    return NULL;
  return g_steal_pointer (&q);
}

DEFINE_FILE_LOADER (PpPrices, pp_quote_load_file, pp_quote_load_bytes)

guint
pp_prices_count (const PpPrices *prices)
{
  return prices->t.rows->len;
}

const PpPrice *
pp_prices_nth (const PpPrices *prices, guint i)
{
  g_return_val_if_fail (i < prices->t.rows->len, NULL);
  return &g_array_index (prices->t.rows, PpPrice, i);
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
  if (quotas != NULL)
    table_free (&quotas->t);
}

static gboolean
read_quota (Table *t, GHashTable *sources, xmlNode *n, const char *name, GError **error)
{
  PpQuotas *q = (PpQuotas *) t;
  PpQuota row = { 0 };
  g_autofree char *text = NULL;
  const char *counts;
  const char *by;
  int k = -1;

  row.line = (guint) xmlGetLineNo (n);
  row.id = prop (t->strings, n, "id");
  counts = prop (t->strings, n, "counts");
  for (guint i = 0; i < G_N_ELEMENTS (quota_counts_names); i++)
    if (strcmp (quota_counts_names[i], counts) == 0)
      k = (int) i;
  g_assert (k >= 0);            /* the schema lists the same values */
  row.counts = (PpQuotaCounts) k;
  if (pp_quotas_find (q, row.counts) != NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_DUPLICATE_ID,
                   "%s:%u: a second quota counts %s", name, row.line, counts);
      return FALSE;
    }
  by = prop (t->strings, n, "reported-by");
  row.reported_elsewhere = by != NULL;
  row.rule = by ? rule_for ("", by, name, row.line, error)
                : rule_for ("quota-", row.id, name, row.line, error);
  if (row.rule == NULL)
    return FALSE;
  row.source = resolve_source (sources, t->strings, n, name, error);
  if (row.source == NULL)
    return FALSE;
  row.limit = prop_uint (n, "limit");
  row.unit = prop (t->strings, n, "unit");
  text = node_text (n);
  row.description = g_string_chunk_insert_const (t->strings, text);
  row.quota_name = prop (t->strings, n, "quota-name");
  row.raise = prop (t->strings, n, "raise");
  row.as_of = prop (t->strings, n, "as-of");
  row.as_of_exact = g_strcmp0 (prop (t->strings, n, "as-of-exact"), "no") != 0;
  row.note = prop (t->strings, n, "note");
  g_array_append_val (t->rows, row);
  return TRUE;
}

PpQuotas *
pp_quotas_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpQuotas) q = g_new0 (PpQuotas, 1);

  table_init (&q->t, 2048, sizeof (PpQuota));
  if (!load_table (&q->t, xml, name, "quotas.rng", "quotas", "quota", TRUE,
                   NULL, read_quota, error))
    return NULL;
  return g_steal_pointer (&q);
}

DEFINE_FILE_LOADER (PpQuotas, pp_quotas_load_file, pp_quotas_load_bytes)

guint
pp_quotas_count (const PpQuotas *quotas)
{
  return quotas->t.rows->len;
}

const PpQuota *
pp_quotas_nth (const PpQuotas *quotas, guint i)
{
  g_return_val_if_fail (i < quotas->t.rows->len, NULL);
  return &g_array_index (quotas->t.rows, PpQuota, i);
}

const PpQuota *
pp_quotas_find (const PpQuotas *quotas, PpQuotaCounts counts)
{
  for (guint i = 0; i < quotas->t.rows->len; i++)
    if (g_array_index (quotas->t.rows, PpQuota, i).counts == counts)
      return &g_array_index (quotas->t.rows, PpQuota, i);
  return NULL;
}

/* ---- tickets ---- */

void
pp_tickets_free (PpTickets *tickets)
{
  if (tickets != NULL)
    table_free (&tickets->t);
}

static gboolean
read_ticket (Table *t, GHashTable *sources, xmlNode *n, const char *name, GError **error)
{
  PpTickets *tickets = (PpTickets *) t;
  PpTicketRule row = { 0 };
  const char *v;
  g_auto(GStrv) products = NULL;

  row.line = (guint) xmlGetLineNo (n);
  row.id = prop (t->strings, n, "id");
  v = prop (t->strings, n, "applies");
  if (!pp_ticket_applies_from_string (v, &row.applies))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "%s:%u: a ticket rule applies to '%s', which is none of cross-border, "
                   "cross-region, quota-exceeded", name, row.line, v);
      return FALSE;
    }
  if (pp_tickets_find (tickets, row.applies) != NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_DUPLICATE_ID,
                   "%s:%u: a second ticket rule applies to %s", name, row.line, v);
      return FALSE;
    }
  products = g_strsplit (prop (t->strings, n, "products"), " ", -1);
  for (guint i = 0; products[i] != NULL; i++)
    {
      PpProduct p;

      if (*products[i] == '\0')
        continue;
      if (!pp_product_from_string (products[i], &p))
        return bad_enum (error, name, row.line, "products", products[i]);
      row.products[p] = TRUE;
    }
  row.has_days = xmlHasProp (n, (const xmlChar *) "min-days") != NULL;
  row.min_days = prop_uint (n, "min-days");
  row.max_days = prop_uint (n, "max-days");
  if (row.has_days && row.max_days < row.min_days)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "%s:%u: max-days %u is less than min-days %u",
                   name, row.line, row.max_days, row.min_days);
      return FALSE;
    }
  row.month_end_days = prop_uint (n, "month-end-days");
  row.confirmed = g_strcmp0 (prop (t->strings, n, "confirmed"), "yes") == 0;
  row.what = prop (t->strings, n, "what");
  row.as_of = prop (t->strings, n, "as-of");
  row.note = prop (t->strings, n, "note");
  row.rule = rule_for ("ticket-", row.id, name, row.line, error);
  if (row.rule == NULL)
    return FALSE;
  row.source = resolve_source (sources, t->strings, n, name, error);
  if (row.source == NULL)
    return FALSE;
  g_array_append_val (t->rows, row);
  return TRUE;
}

PpTickets *
pp_tickets_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(PpTickets) t = g_new0 (PpTickets, 1);

  table_init (&t->t, 2048, sizeof (PpTicketRule));
  if (!load_table (&t->t, xml, name, "tickets.rng", "tickets", "ticket", TRUE,
                   NULL, read_ticket, error))
    return NULL;
  return g_steal_pointer (&t);
}

DEFINE_FILE_LOADER (PpTickets, pp_tickets_load_file, pp_tickets_load_bytes)

guint
pp_tickets_count (const PpTickets *tickets)
{
  return tickets->t.rows->len;
}

const PpTicketRule *
pp_tickets_nth (const PpTickets *tickets, guint i)
{
  g_return_val_if_fail (i < tickets->t.rows->len, NULL);
  return &g_array_index (tickets->t.rows, PpTicketRule, i);
}

const PpTicketRule *
pp_tickets_find (const PpTickets *tickets, PpTicketApplies applies)
{
  for (guint i = 0; i < tickets->t.rows->len; i++)
    if (g_array_index (tickets->t.rows, PpTicketRule, i).applies == applies)
      return &g_array_index (tickets->t.rows, PpTicketRule, i);
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
