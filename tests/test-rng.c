/* SPDX-License-Identifier: MIT */
/* test-rng.c: the checkers generated from the schemas (model/pp-rng.h)
 * against libxml2's RelaxNG, the oracle.
 *
 * The differential test: every document of the format under data/ and
 * tests/data/ (fixtures, *-invalid.xml, examples), and thousands of
 * documents mutated from the valid ones with a fixed seed (attributes
 * dropped, renamed, added, values changed, elements removed, duplicated,
 * moved, renamed, put in another namespace, text added), are judged by
 * both; they must agree on every one.  Where they disagree RelaxNG is
 * right: the first few disagreements are printed with the document.  For
 * scenarios the streaming reader is held to the same verdicts: it refuses
 * what RelaxNG refuses, and never calls a valid document's error a schema
 * error.  The checker is run twice on each, comparing names by pointer
 * (pp_rng_check_doc()) and as text: the same verdict and message.  PP_TEST_RNG_MUTANTS=N makes fewer mutants (e.g. under
 * valgrind).
 */
#include "tests/testutils.h"
#include "model/pp-rng.h"
#include "model/pp-error.h"
#include "model/pp-xml.h"
#include "model/pp-scenario-xml.h"

#include <string.h>

#define MUTANTS_PER_DOC 300
#define SEED 20261205

typedef struct {
  const char *format;           /* the namespace's NAME */
  const char *rng;
  const PpRngSchema *schema;
  gboolean stream;              /* also through pp_scenario_load_bytes() */
} Format;

static const Format formats[] = {
  { "scenario", "scenario.rng", &pp_scenario_schema, TRUE },
  { "workflow", "workflow.rng", &pp_workflow_schema, FALSE },
};

/* Values a mutation puts in an attribute: edges of every datatype the
 * schemas use. */
static const char *const pool_values[] = {
  "", " ", "x", "0", "-0", "00", "1", "-1", "+5", " 5 ", "5 ", "36", "37", "036", "1.5", "-0.0",
  ".5", "5.", "31", "31.0", "31.5", "24", "24.01", "1e3", "0x10", "99999999999999999999999",
  "2026-11-26", "2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "2026-13-01", "2026-04-31",
  "2026-11-26Z", "2026-11-26+14:00", "2026-11-26+14:01", "2026-11-26-05:30", " 2026-11-26 ",
  "26-11-2026", "0000-01-01", "-0001-01-01", "12026-01-01", "02026-01-01", "2026-1-01",
  "true", "false", " true ", "TRUE", "1 ", "maybe",
  "Gold", "gold", " Gold ", "Platinum", "vpc-peer", " vpc-peer ", "vpc-peering", "router-interface",
  "router interface", "subscription", "pay-as-you-go", "transfer", "month", "year", "day", "hour",
  "GB", "CNY", "USD", "usd", "2016-04-28", "2022-01-01",
  "1111111111111111", "111111111111111", "11111111111111111", "111111111111111a", " 1111111111111111",
  "AKIDexample123", "AK/ID+ex=am_ple-1", "bad key", "a&b", "<tag>", "\xc3\xa9t\xc3\xa9",
  "CreateVpc", "1CreateVpc", "Create-Vpc", "Forbidden.Error", "Vpc.Id", ".Vpc", "a b",
  "vpc-1", "-vpc", "vpc:1@x/y", "ecs-a", "10.0.0.0/16", "Large.1",
  NULL
};

typedef struct {
  const PpRngSchema *schema;
  GRand *rand;
  GPtrArray *attr_names;        /* every attribute name of the schema */
  GPtrArray *elem_names;        /* every element name of the schema */
  guint compared;
  guint valid;
  guint disagreements;
} Ctx;

static guint
pick (Ctx *x, guint n)
{
  return n == 0 ? 0 : (guint) g_rand_int_range (x->rand, 0, (gint32) n);
}

static void
collect_names (Ctx *x, const PpRngSchema *s)
{
  for (guint e = 0; e < s->n_elements; e++)
    {
      g_ptr_array_add (x->elem_names, (gpointer) s->elements[e].name);
      for (guint v = 0; v < s->elements[e].n_variants; v++)
        for (guint a = 0; a < s->elements[e].variants[v].n_attrs; a++)
          g_ptr_array_add (x->attr_names, (gpointer) s->elements[e].variants[v].attrs[a].name);
    }
}

static void
elements_of (xmlNodePtr n, GPtrArray *out)
{
  for (; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        g_ptr_array_add (out, n);
        elements_of (n->children, out);
      }
}

static char *
typo (Ctx *x, const char *word)
{
  GString *s = g_string_new (word);
  guint i = pick (x, (guint) s->len + 1);

  switch (pick (x, 3))
    {
    case 0:
      if (s->len > 1)
        g_string_erase (s, MIN (i, s->len - 1), 1);
      else
        g_string_append_c (s, 'x');
      break;
    case 1:
      g_string_insert_c (s, i, "aeioux-"[pick (x, 7)]);
      break;
    default:
      if (s->len > 1)
        {
          guint j = MIN (i, s->len - 2);
          char t = s->str[j];
          s->str[j] = s->str[j + 1];
          s->str[j + 1] = t;
          if (strcmp (s->str, word) == 0)
            g_string_append_c (s, 'x');
        }
      else
        g_string_append_c (s, 'y');
    }
  return g_string_free (s, FALSE);
}

/* The datatype the schema gives attribute @a of element @e (the first
 * variant of the first element of that name that has it), or NULL. */
static const PpRngData *
data_of (Ctx *x, xmlNodePtr e, xmlAttrPtr a)
{
  const PpRngSchema *s = x->schema;

  for (guint i = 0; a != NULL && i < s->n_elements; i++)
    if (strcmp (s->elements[i].name, (const char *) e->name) == 0)
      for (guint v = 0; v < s->elements[i].n_variants; v++)
        for (guint k = 0; k < s->elements[i].variants[v].n_attrs; k++)
          if (strcmp (s->elements[i].variants[v].attrs[k].name, (const char *) a->name) == 0)
            return s->elements[i].variants[v].attrs[k].data;
  return NULL;
}

/* A value at an edge of datatype @d. */
static char *
edge_value (Ctx *x, const PpRngData *d)
{
  static const char *const pads[] = { "", " ", "\t", "\n " };
  const char *pad = pads[pick (x, G_N_ELEMENTS (pads))];
  gint64 n;

  switch (d->kind)
    {
    case PP_RNG_ENUM:
      {
        const char *v = d->values[pick (x, d->n_values)];
        switch (pick (x, 4))
          {
          case 0: return g_strconcat (pad, v, pad, NULL);
          case 1: return g_ascii_strup (v, -1);
          case 2: return g_strconcat (v, pick (x, 2) ? "x" : " x", NULL);
          default: return g_strdup (v);
          }
      }
    case PP_RNG_INTEGER:
    case PP_RNG_DECIMAL:
      n = d->has_min && pick (x, 2) ? d->min : d->has_max ? d->max : 100;
      n += (gint64) pick (x, 3) - 1;
      switch (pick (x, 6))
        {
        case 0: return g_strdup_printf ("%s%" G_GINT64_FORMAT "%s", pad, n, pad);
        case 1: return g_strdup_printf ("+%" G_GINT64_FORMAT, n);
        case 2: return g_strdup_printf ("0%" G_GINT64_FORMAT, n);
        case 3: return g_strdup_printf ("%" G_GINT64_FORMAT ".%s", n, pick (x, 2) ? "0" : "01");
        case 4: return g_strdup_printf ("-%s", pick (x, 2) ? "0" : "0.0");
        default: return g_strdup_printf ("%" G_GINT64_FORMAT, n);
        }
    case PP_RNG_DATE:
      {
        static const int years[] = { 1900, 2000, 2024, 2026, 10000, 0, 99 };
        int y = years[pick (x, G_N_ELEMENTS (years))];
        return g_strdup_printf ("%s%s%04d-%02u-%02u%s%s", pad, pick (x, 8) == 0 ? "-" : "", y,
                                1 + pick (x, 13), 28 + pick (x, 4),
                                pick (x, 3) == 0 ? (pick (x, 2) ? "Z" : "+14:00") : "", pad);
      }
    case PP_RNG_BOOLEAN:
      return g_strconcat (pad, (const char *[]) { "true", "false", "1", "0", "True", "yes" }[pick (x, 6)], pad, NULL);
    case PP_RNG_STRING:
      {
        gint64 len = d->max_length >= 0 ? d->max_length : 16;
        GString *s = g_string_new (NULL);
        const char *unit = pick (x, 3) == 0 ? "\xc3\xa9" : pick (x, 2) ? "7" : "a";

        if (d->min_length > 0 && pick (x, 3) == 0)
          len = d->min_length;
        len += (gint64) pick (x, 3) - 1;
        if (d->pattern != NULL && pick (x, 2))
          len = d->pattern[d->n_pattern - 1].max >= 0 ? d->pattern[d->n_pattern - 1].max : 16;
        for (gint64 i = 0; i < len + (gint64) pick (x, 3) - 1; i++)
          g_string_append (s, unit);
        return g_string_free (s, FALSE);
      }
    case PP_RNG_TEXT:
      break;
    }
  return g_strdup (pad);
}

static char *
some_value (Ctx *x, xmlNodePtr e, xmlAttrPtr a, GPtrArray *els)
{
  const PpRngData *d = data_of (x, e, a);

  if (d != NULL && pick (x, 2))
    return edge_value (x, d);
  if (pick (x, 4) == 0)
    {
      /* the value of another attribute of the document */
      xmlNodePtr o = g_ptr_array_index (els, pick (x, els->len));
      if (o->properties != NULL && o->properties->children != NULL)
        return g_strdup ((const char *) o->properties->children->content);
    }
  return g_strdup (pool_values[pick (x, G_N_ELEMENTS (pool_values) - 1)]);
}

/* One random change to @doc. */
static void
mutate (Ctx *x, xmlDocPtr doc, const char *ns)
{
  g_autoptr(GPtrArray) els = g_ptr_array_new ();
  xmlNodePtr root = xmlDocGetRootElement (doc), e, o;
  guint n_attrs = 0;
  xmlAttrPtr a;

  elements_of (root, els);
  e = g_ptr_array_index (els, pick (x, els->len));
  for (a = e->properties; a != NULL; a = a->next)
    n_attrs++;
  a = e->properties;
  for (guint i = pick (x, n_attrs); i > 0 && a != NULL; i--)
    a = a->next;

  switch (pick (x, 13))
    {
    case 0:                     /* drop an attribute */
      if (a != NULL)
        xmlRemoveProp (a);
      break;
    case 1:                     /* rename an attribute: a typo or another name */
      if (a != NULL)
        {
          g_autofree char *name = pick (x, 2) ? typo (x, (const char *) a->name)
                                              : g_strdup (g_ptr_array_index (x->attr_names, pick (x, x->attr_names->len)));
          g_autofree char *value = (char *) xmlNodeGetContent ((xmlNodePtr) a);
          if (xmlHasProp (e, (const xmlChar *) name) == NULL)
            {
              xmlRemoveProp (a);
              xmlSetProp (e, (const xmlChar *) name, (const xmlChar *) value);
            }
        }
      break;
    case 2: case 3: case 4:     /* change a value */
      if (a != NULL)
        {
          g_autofree char *v = some_value (x, e, a, els);
          xmlSetProp (e, a->name, (const xmlChar *) v);
        }
      break;
    case 5:                     /* add an attribute */
      {
        const char *name = g_ptr_array_index (x->attr_names, pick (x, x->attr_names->len));
        if (pick (x, 5) == 0)
          {
            xmlNsPtr fns = xmlNewNs (e, (const xmlChar *) "urn:example:other", (const xmlChar *) "o");
            xmlSetNsProp (e, fns, (const xmlChar *) name, (const xmlChar *) "1");
          }
        else if (xmlHasProp (e, (const xmlChar *) name) == NULL)
          {
            g_autofree char *v = some_value (x, e, NULL, els);
            xmlSetProp (e, (const xmlChar *) name, (const xmlChar *) v);
          }
      }
      break;
    case 6:                     /* remove an element */
      if (e != root)
        {
          xmlUnlinkNode (e);
          xmlFreeNode (e);
        }
      break;
    case 7:                     /* duplicate an element */
      if (e != root)
        xmlAddNextSibling (e, xmlCopyNode (e, 1));
      break;
    case 8:                     /* move an element next to or into another */
      o = g_ptr_array_index (els, pick (x, els->len));
      if (e != root && o != e)
        {
          gboolean inside = FALSE;
          for (xmlNodePtr p = o; p != NULL; p = p->parent)
            inside = inside || p == e;
          if (inside)
            break;
          xmlUnlinkNode (e);
          switch (pick (x, 3))
            {
            case 0: if (o != root) { xmlAddPrevSibling (o, e); break; } G_GNUC_FALLTHROUGH;
            case 1: xmlAddChild (o, e); break;
            default: if (o != root) xmlAddNextSibling (o, e); else xmlAddChild (o, e); break;
            }
        }
      break;
    case 9:                     /* rename an element */
      {
        g_autofree char *name = pick (x, 3) == 0 ? typo (x, (const char *) e->name)
                                                 : g_strdup (g_ptr_array_index (x->elem_names, pick (x, x->elem_names->len)));
        xmlNodeSetName (e, (const xmlChar *) name);
      }
      break;
    case 10:                    /* text */
      xmlAddChild (e, xmlNewText ((const xmlChar *) (pick (x, 3) == 0 ? " \n\t " : "some text")));
      break;
    case 11:                    /* another namespace, or none */
      if (pick (x, 2))
        xmlSetNs (e, xmlNewNs (e, (const xmlChar *) "urn:example:other", NULL));
      else
        xmlSetNs (e, NULL);
      break;
    default:                    /* a new empty element of the schema */
      {
        const char *name = g_ptr_array_index (x->elem_names, pick (x, x->elem_names->len));
        xmlNodePtr k = xmlNewDocNode (doc, root->ns, (const xmlChar *) name, NULL);
        if (pick (x, 2) || e == root)
          xmlAddChild (e, k);
        else
          xmlAddPrevSibling (e, k);
      }
      break;
    }
  (void) ns;
}

static void
quiet (void *data, xmlErrorPtr err)
{
  (void) data;
  (void) err;
}

/* Both verdicts on @xml; FALSE when they disagree (printed). */
static gboolean
compare (Ctx *x, const Format *f, const char *name, const char *xml, gsize len)
{
  xmlRelaxNGPtr rng = pp_xml_schema (f->rng, NULL);
  g_autoptr(xmlDoc) doc = xmlReadMemory (xml, (int) len, name, NULL, PP_XML_PARSE_OPTIONS);
  g_autoptr(GError) error = NULL;
  xmlRelaxNGValidCtxtPtr vctxt;
  gboolean oracle, ours, agree = TRUE;

  ck_assert_ptr_nonnull (rng);
  if (doc == NULL)
    return TRUE;                /* not well-formed: neither judges it */
  vctxt = xmlRelaxNGNewValidCtxt (rng);
  xmlRelaxNGSetValidStructuredErrors (vctxt, quiet, NULL);
  oracle = xmlRelaxNGValidateDoc (vctxt, doc) == 0;
  xmlRelaxNGFreeValidCtxt (vctxt);
  ours = pp_rng_check_doc (f->schema, doc, name, NULL, &error);
  x->compared++;
  x->valid += oracle;
  if (oracle != ours)
    agree = FALSE;
  if (agree)
    {
      /* the same checker comparing names as text: the same verdict and
       * the same message */
      g_autoptr(PpRngChecker) c = pp_rng_checker_new (f->schema, name, NULL);
      g_autoptr(GError) cerr = NULL;
      gboolean copied = pp_rng_check_tree (c, xmlDocGetRootElement (doc), &cerr);

      if (copied != ours || g_strcmp0 (cerr != NULL ? cerr->message : NULL,
                                       error != NULL ? error->message : NULL) != 0)
        {
          agree = FALSE;
          g_clear_error (&error);
          error = cerr != NULL ? g_error_copy (cerr) : NULL;
          ours = copied;
        }
    }
  if (agree && f->stream)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (xml, len);
      g_autoptr(GError) serr = NULL;
      g_autoptr(PpScenario) sc = pp_scenario_load_bytes (bytes, name, NULL, &serr);

      if (!oracle && sc != NULL)
        agree = FALSE;
      if (oracle && g_error_matches (serr, PP_MODEL_ERROR, PP_MODEL_ERROR_SCHEMA_INVALID))
        agree = FALSE;
      if (!agree)
        {
          g_clear_error (&error);
          error = serr != NULL ? g_error_copy (serr) : NULL;
          ours = sc != NULL;
        }
    }
  if (!agree)
    {
      x->disagreements++;
      if (x->disagreements <= 40)
        fprintf (stderr, "DISAGREE on %s: RelaxNG says %s, the checker %s (%s)\n%s\n----\n",
                 name, oracle ? "valid" : "invalid", ours ? "valid" : "invalid",
                 error != NULL ? error->message : "no error", xml);
    }
  return agree;
}

static void
add (GPtrArray *out, char *v)
{
  g_ptr_array_add (out, v);
}

/* A value that @d's pattern takes: each class atom's first character,
 * min times (a group once). */
static void
pattern_sample (const PpRngData *d, GString *s, guint from, guint to)
{
  for (guint i = from; i < to; i = d->pattern[i].end)
    {
      const PpRngAtom *a = &d->pattern[i];
      guint times = MAX (a->min, 1);

      for (guint t = 0; t < times; t++)
        {
          if (a->group)
            {
              pattern_sample (d, s, i + 1, a->end);
              continue;
            }
          for (int ch = 1; ch < 128; ch++)
            if (a->cls[ch / 32] & (1u << (ch % 32)))
              {
                g_string_append_c (s, (char) ch);
                break;
              }
        }
    }
}

/* Every edge of datatype @d, in a fixed order. */
static GPtrArray *
edge_values (const PpRngData *d)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  static const char *const common[] = { "", " ", "abc", NULL };

  for (guint i = 0; common[i] != NULL; i++)
    add (out, g_strdup (common[i]));
  switch (d->kind)
    {
    case PP_RNG_ENUM:
      for (guint i = 0; i < d->n_values; i++)
        {
          const char *v = d->values[i];
          add (out, g_strdup (v));
          add (out, g_strdup_printf (" %s ", v));
          add (out, g_strdup_printf ("\t%s\n", v));
          add (out, g_ascii_strup (v, -1));
          add (out, g_strdup_printf ("%sx", v));
          add (out, g_strdup_printf ("%s %s", v, v));
        }
      break;
    case PP_RNG_INTEGER:
    case PP_RNG_DECIMAL:
      {
        gint64 bounds[] = { 0, 100, d->has_min ? d->min : 7, d->has_max ? d->max : 7 };
        static const char *const odd[] = { "-0", "+0", "-0.0", ".5", "5.", "0.", ".", "+", "-", "1e3",
          "0x10", "1 2", "99999999999999999999999", "-99999999999999999999999",
          "000000000000000000000000000001", "1.000000000000000000000000001", "123456789012345678901234",
          "1000000000000000000000000", "1234567890123456789012.34", "1234567890123456789012.345",
          "0.000000000000000000000001", "0.0000000000000000000000001", NULL };

        for (guint b = 0; b < G_N_ELEMENTS (bounds); b++)
          for (gint64 n = bounds[b] - 1; n <= bounds[b] + 1; n++)
            {
              add (out, g_strdup_printf ("%" G_GINT64_FORMAT, n));
              add (out, g_strdup_printf ("+%" G_GINT64_FORMAT, n));
              add (out, g_strdup_printf ("00%" G_GINT64_FORMAT, n));
              add (out, g_strdup_printf (" %" G_GINT64_FORMAT "\n", n));
              add (out, g_strdup_printf ("%" G_GINT64_FORMAT ".0", n));
              add (out, g_strdup_printf ("%" G_GINT64_FORMAT ".01", n));
              add (out, g_strdup_printf ("%" G_GINT64_FORMAT ".000000000000000000001", n));
              add (out, g_strdup_printf ("%" G_GINT64_FORMAT ".", n));
            }
        for (guint i = 0; odd[i] != NULL; i++)
          add (out, g_strdup (odd[i]));
        break;
      }
    case PP_RNG_DATE:
      {
        static const char *const dates[] = {
          "2026-11-26", "2024-02-29", "2026-02-29", "1900-02-29", "2000-02-29", "2026-04-30", "2026-04-31",
          "2026-12-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "0000-01-01", "0001-01-01",
          "-0001-01-01", "-0001-02-29", "-0004-02-29", "-0005-02-29", "-2024-02-29", "10000-01-01",
          "10000-02-29", "02026-01-01", "2026-1-01", "2026-01-1", "2026-11-26Z", "2026-11-26+14:00",
          "2026-11-26+14:01", "2026-11-26-14:00", "2026-11-26+13:59", "2026-11-26+15:00",
          "2026-11-26+1:00", "2026-11-26+01:60", "2026-11-26+00:00", "2026-11-26z", "2026-11-26 Z",
          " 2026-11-26 ", "\t2026-11-26\n", "2026-11-26T00:00:00", "2026/11/26", "26-11-2026", "+2026-11-26",
          NULL };
        for (guint i = 0; dates[i] != NULL; i++)
          add (out, g_strdup (dates[i]));
        break;
      }
    case PP_RNG_BOOLEAN:
      {
        static const char *const bools[] = { "true", "false", "1", "0", " true ", "\nfalse\t", "True",
          "TRUE", "yes", "01", "t", NULL };
        for (guint i = 0; bools[i] != NULL; i++)
          add (out, g_strdup (bools[i]));
        break;
      }
    case PP_RNG_STRING:
      {
        GString *sample = g_string_new (NULL);
        gint64 lens[] = { d->min_length, d->max_length };

        for (guint b = 0; b < G_N_ELEMENTS (lens); b++)
          for (gint64 n = lens[b] - 1; lens[b] >= 0 && n <= lens[b] + 1; n++)
            for (const char *unit = "a"; unit != NULL; unit = strcmp (unit, "a") == 0 ? "\xc3\xa9" : NULL)
              {
                GString *v = g_string_new (NULL);
                for (gint64 k = 0; k < n; k++)
                  g_string_append (v, unit);
                add (out, g_string_free (v, FALSE));
              }
        if (d->pattern != NULL)
          {
            pattern_sample (d, sample, 0, d->n_pattern);
            add (out, g_strdup (sample->str));
            add (out, g_strdup_printf ("%s%c", sample->str, sample->len ? sample->str[sample->len - 1] : 'a'));
            add (out, g_strdup_printf ("%s!", sample->str));
            add (out, g_strdup_printf (" %s", sample->str));
            if (sample->len > 0)
              {
                add (out, g_strndup (sample->str, sample->len - 1));
                add (out, g_strdup_printf ("-%s", sample->str + 1));
                add (out, g_strdup_printf ("%s\xc3\xa9", sample->str));
              }
            /* the last class at its bounds */
            {
              const PpRngAtom *a = &d->pattern[d->n_pattern - 1];
              gint lims[] = { a->min, a->max };
              for (guint b = 0; b < G_N_ELEMENTS (lims); b++)
                for (gint n = lims[b] - 1; lims[b] >= 0 && n <= lims[b] + 1; n++)
                  {
                    GString *v = g_string_new (NULL);
                    g_string_append_len (v, sample->str, (gssize) (sample->len - (gsize) MAX (a->min, 1) * !a->group));
                    for (gint k = 0; k < n; k++)
                      g_string_append_c (v, sample->len ? sample->str[sample->len - 1] : 'a');
                    add (out, g_string_free (v, FALSE));
                  }
            }
          }
        g_string_free (sample, TRUE);
        break;
      }
    case PP_RNG_TEXT:
      break;
    }
  return out;
}

/* The sweep: on every element of @doc, every attribute its element
 * allows, set to every edge of its datatype (each element name,
 * attribute and value once per format). */
static void
sweep (Ctx *x, const Format *f, const char *rel, xmlDocPtr doc, GHashTable *seen)
{
  g_autoptr(GPtrArray) els = g_ptr_array_new ();

  elements_of (xmlDocGetRootElement (doc), els);
  for (guint i = 0; i < els->len; i++)
    {
      xmlNodePtr e = g_ptr_array_index (els, i);

      for (guint k = 0; k < f->schema->n_elements; k++)
        {
          const PpRngElement *el = &f->schema->elements[k];

          if (strcmp (el->name, (const char *) e->name) != 0)
            continue;
          for (guint v = 0; v < el->n_variants; v++)
            for (guint a = 0; a < el->variants[v].n_attrs; a++)
              {
                const PpRngAttr *at = &el->variants[v].attrs[a];
                g_autoptr(GPtrArray) values = edge_values (at->data);

                for (guint j = 0; j < values->len; j++)
                  {
                    const char *value = g_ptr_array_index (values, j);
                    char *key = g_strdup_printf ("%s %s %s", el->name, at->name, value);
                    g_autoptr(xmlDoc) copy = NULL;
                    g_autoptr(GPtrArray) cels = g_ptr_array_new ();
                    g_autofree char *name = NULL;
                    xmlChar *out = NULL;
                    int len = 0;

                    if (!g_hash_table_add (seen, key))
                      continue;
                    copy = xmlCopyDoc (doc, 1);
                    elements_of (xmlDocGetRootElement (copy), cels);
                    xmlSetProp (g_ptr_array_index (cels, i), (const xmlChar *) at->name, (const xmlChar *) value);
                    xmlDocDumpMemory (copy, &out, &len);
                    name = g_strdup_printf ("%s~%s/%s=\"%s\"", rel, el->name, at->name, value);
                    compare (x, f, name, (const char *) out, (gsize) len);
                    xmlFree (out);
                  }
              }
        }
    }
}

static gboolean
has_ns (const char *xml, const char *format)
{
  g_autofree char *needle = g_strdup_printf ("xmlns=\"urn:peerplan:%s:1\"", format);
  return strstr (xml, needle) != NULL;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
find_xml (const char *top, const char *rel, GPtrArray *out)
{
  g_autofree char *dir_path = g_build_filename (top, rel, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (rel, g_ptr_array_index (names, i), NULL);
      g_autofree char *full = g_build_filename (top, child, NULL);

      if (strcmp (g_ptr_array_index (names, i), "node_modules") == 0)
        continue;
      if (g_file_test (full, G_FILE_TEST_IS_DIR) && !g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        find_xml (top, child, out);
      else if (g_str_has_suffix (child, ".xml"))
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

START_TEST (test_differential)
{
  const Format *f = &formats[_i];
  g_autofree char *top = pp_test_srcpath ("");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  Ctx x = { 0 };
  guint files_used = 0, invalid_files = 0, swept;
  /* PP_TEST_RNG_MUTANTS=N: fewer mutants, e.g. under valgrind */
  guint mutants = g_getenv ("PP_TEST_RNG_MUTANTS") != NULL
                  ? (guint) g_ascii_strtoull (g_getenv ("PP_TEST_RNG_MUTANTS"), NULL, 10) : MUTANTS_PER_DOC;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  x.schema = f->schema;
  x.rand = g_rand_new_with_seed (SEED);
  x.attr_names = g_ptr_array_new ();
  x.elem_names = g_ptr_array_new ();
  collect_names (&x, f->schema);
  find_xml (top, "data", files);
  find_xml (top, "tests/data", files);
  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *xml = pp_test_read (rel);
      g_autoptr(xmlDoc) doc = NULL;
      guint before = x.valid;

      if (!has_ns (xml, f->format))
        continue;
      files_used++;
      compare (&x, f, rel, xml, strlen (xml));
      if (x.valid == before)
        {
          invalid_files++;
          continue;             /* mutants are made from valid documents */
        }
      doc = xmlReadMemory (xml, (int) strlen (xml), rel, NULL, PP_XML_PARSE_OPTIONS);
      ck_assert_ptr_nonnull (doc);
      sweep (&x, f, rel, doc, seen);
      for (guint m = 0; m < mutants; m++)
        {
          g_autoptr(xmlDoc) copy = xmlCopyDoc (doc, 1);
          xmlChar *out = NULL;
          int len = 0;
          g_autofree char *name = g_strdup_printf ("%s~%u", rel, m);

          for (guint k = 1 + pick (&x, 3); k > 0; k--)
            mutate (&x, copy, f->format);
          xmlDocDumpMemory (copy, &out, &len);
          compare (&x, f, name, (const char *) out, (gsize) len);
          xmlFree (out);
        }
    }
  swept = g_hash_table_size (seen);
  printf ("test-rng: %s: %u documents compared (%u files, %u of them invalid; %u values swept; %u mutants), "
          "%u valid by RelaxNG, %u disagreements\n",
          f->format, x.compared, files_used, invalid_files, swept, x.compared - files_used - swept,
          x.valid, x.disagreements);
  ck_assert_uint_gt (files_used, 0);
  ck_assert_uint_gt (invalid_files, 0);
  ck_assert_uint_gt (x.valid, files_used);      /* some mutants stay valid */
  ck_assert_uint_lt (x.valid, x.compared);
  ck_assert_uint_eq (x.disagreements, 0);
  g_rand_free (x.rand);
  g_ptr_array_unref (x.attr_names);
  g_ptr_array_unref (x.elem_names);
}
END_TEST

static Suite *
rng_suite (void)
{
  Suite *s = suite_create ("rng");
  TCase *tc = tcase_create ("differential");

  tcase_set_timeout (tc, 600);
  tcase_add_loop_test (tc, test_differential, 0, G_N_ELEMENTS (formats));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  pp_xml_init ();
  return pp_test_run (rng_suite ());
}
