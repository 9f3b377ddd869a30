/* SPDX-License-Identifier: MIT */
/* pp-rng-gen.c: writes the C tables of a RelaxNG schema's checker.
 *
 * Usage: pp-rng-gen SCHEMA.rng C_NAME > OUT.c
 *
 * Run by make for each schema (model/Makefile.inc.am); the output is a
 * PpRngSchema (model/pp-rng.h) that model/pp-rng.c follows at run time.
 * Understood: grammar, start, define (no combine), ref, element and
 * attribute with a name attribute, group, choice, optional, zeroOrMore,
 * oneOrMore, empty, text, value (built-in token), data of the XML Schema
 * library (string, decimal, integer, nonNegativeInteger, positiveInteger,
 * boolean, date) with the params pattern (a sequence of character
 * classes, literals and groups with quantifiers), length, minLength,
 * maxLength, minInclusive and maxInclusive (whole numbers), and the
 * annotation pp:what on an attribute (what its value is, for messages).
 * Anything else stops the build with the line of the schema that uses it:
 * a checker that silently accepted more than the schema would be wrong.
 */
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_LIB "http://www.w3.org/2001/XMLSchema-datatypes"
#define PP_ANNOTATION_NS "urn:peerplan:rng:1"
#define MAX_POSITIONS 64
#define MAX_VARIANTS 8          /* model/pp-rng.c follows at most as many */

static const char *schema_file;
static xmlNodePtr grammar;
static GPtrArray *arena;        /* everything allocated: freed at the end */
static GPtrArray *arrays;       /* every GPtrArray: freed at the end */

G_GNUC_NORETURN G_GNUC_PRINTF (2, 3) static void
fail (xmlNodePtr at, const char *format, ...)
{
  va_list ap;

  va_start (ap, format);
  fprintf (stderr, "%s:%ld: pp-rng-gen: ", schema_file, at != NULL ? xmlGetLineNo (at) : 0L);
  vfprintf (stderr, format, ap);
  fprintf (stderr, " (the generated checker handles only the constructs listed in model/pp-rng-gen.c; "
           "extend the generator and the checker together, with tests/test-rng.c)\n");
  va_end (ap);
  exit (1);
}

static gpointer
new0 (gsize size)
{
  gpointer p = g_malloc0 (size);
  g_ptr_array_add (arena, p);
  return p;
}

static char *
keep (char *s)
{
  g_ptr_array_add (arena, s);
  return s;
}

static GPtrArray *
new_array (void)
{
  GPtrArray *a = g_ptr_array_new ();
  g_ptr_array_add (arrays, a);
  return a;
}

static gboolean
is_rng (xmlNodePtr n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
         strcmp ((const char *) n->ns->href, RNG_NS) == 0 &&
         (name == NULL || strcmp ((const char *) n->name, name) == 0);
}

/* The value of attribute @name (no namespace), trimmed, kept; NULL if absent. */
static const char *
prop (xmlNodePtr n, const char *name)
{
  xmlChar *v = xmlGetNoNsProp (n, (const xmlChar *) name);
  char *s;

  if (v == NULL)
    return NULL;
  s = keep (g_strstrip (g_strdup ((const char *) v)));
  xmlFree (v);
  return s;
}

static const char *
inherited (xmlNodePtr n, const char *name)
{
  for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    {
      const char *v = prop (n, name);
      if (v != NULL)
        return v;
    }
  return "";
}

/* The children of @n that are RelaxNG patterns: other text must be blank,
 * foreign elements are annotations (skipped). */
static GPtrArray *
pattern_children (xmlNodePtr n)
{
  GPtrArray *out = new_array ();

  for (xmlNodePtr c = n->children; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE)
        {
          for (const xmlChar *t = c->content; t != NULL && *t; t++)
            if (!g_ascii_isspace (*t))
              fail (n, "text inside <%s>", (const char *) n->name);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (c->ns == NULL || strcmp ((const char *) c->ns->href, RNG_NS) != 0)
        continue;               /* annotation */
      if (is_rng (c, "name") || is_rng (c, "anyName") || is_rng (c, "nsName"))
        fail (c, "<%s> name classes are not supported (use a name attribute)", (const char *) c->name);
      if (is_rng (c, "param") || is_rng (c, "except"))
        continue;               /* read by the data handler */
      g_ptr_array_add (out, c);
    }
  return out;
}

static void
check_attributes (xmlNodePtr n, const char *const *allowed)
{
  for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
    {
      gboolean ok = a->ns != NULL;      /* foreign attributes are annotations */

      for (guint i = 0; !ok && allowed[i] != NULL; i++)
        ok = strcmp ((const char *) a->name, allowed[i]) == 0;
      if (!ok)
        fail (n, "attribute %s on <%s>", (const char *) a->name, (const char *) n->name);
    }
}

static xmlNodePtr
find_define (xmlNodePtr at, const char *name)
{
  xmlNodePtr found = NULL;

  for (xmlNodePtr c = grammar->children; c != NULL; c = c->next)
    if (is_rng (c, "define"))
      {
        const char *dn = prop (c, "name");
        if (dn != NULL && strcmp (dn, name) == 0)
          {
            if (found != NULL || prop (c, "combine") != NULL)
              fail (c, "define '%s' is defined more than once or with combine", name);
            found = c;
          }
      }
  if (found == NULL)
    fail (at, "ref to undefined '%s'", name);
  return found;
}

/* ---- Datatypes ---- */

typedef struct {
  guint32 cls[4];
  gint min, max;
  guint end;
  gboolean group;
} Atom;

typedef struct {
  const char *kind;             /* PP_RNG_* suffix */
  const char *type;
  GPtrArray *values;
  gint64 min_length, max_length;
  gboolean has_min, has_max;
  gint64 min, max;
  GArray *pattern;              /* Atom */
  const char *pattern_text;
  const char *what;
} Data;

static GPtrArray *datas;        /* Data */

static void
cls_add (guint32 *cls, xmlNodePtr at, int c)
{
  if (c <= 0 || c >= 128)
    fail (at, "a pattern character outside ASCII");
  cls[c / 32] |= 1u << (c % 32);
}

static const char *
pattern_escape (xmlNodePtr at, const char *p, int *c)
{
  /* After a backslash: only single-character escapes of metacharacters. */
  if (*p == '\0' || strchr ("\\-[]().+*?{}|^$/", *p) == NULL)
    fail (at, "pattern escape \\%c", *p ? *p : ' ');
  *c = (unsigned char) *p;
  return p + 1;
}

static const char *
parse_seq (xmlNodePtr at, const char *p, GArray *atoms, gboolean in_group);

static const char *
parse_quant (xmlNodePtr at, const char *p, Atom *a)
{
  a->min = a->max = 1;
  if (*p == '?')
    a->min = 0, p++;
  else if (*p == '*')
    a->min = 0, a->max = -1, p++;
  else if (*p == '+')
    a->max = -1, p++;
  else if (*p == '{')
    {
      char *end;
      a->min = (gint) strtol (p + 1, &end, 10);
      if (end == p + 1)
        fail (at, "pattern quantifier without a number");
      p = end;
      if (*p == ',')
        {
          p++;
          if (*p == '}')
            a->max = -1;
          else
            {
              a->max = (gint) strtol (p, &end, 10);
              if (end == p)
                fail (at, "pattern quantifier {n,m} without m");
              p = end;
            }
        }
      else
        a->max = a->min;
      if (*p != '}' || a->min < 0 || a->min > 30000 || a->max > 30000 || (a->max >= 0 && a->max < a->min))
        fail (at, "pattern quantifier");
      p++;
    }
  return p;
}

static const char *
parse_seq (xmlNodePtr at, const char *p, GArray *atoms, gboolean in_group)
{
  while (*p != '\0')
    {
      Atom a = { { 0 }, 1, 1, 0, FALSE };
      guint index = atoms->len;

      if (*p == ')')
        {
          if (!in_group)
            fail (at, "unbalanced ) in a pattern");
          return p;
        }
      if (*p == '|' || *p == '.' || *p == '^' || *p == '$' || *p == '*' || *p == '+' || *p == '?' || *p == '{')
        fail (at, "pattern metacharacter %c", *p);
      if (*p == '[')
        {
          p++;
          if (*p == '^')
            fail (at, "negated character class in a pattern");
          while (*p != ']')
            {
              int lo, hi;

              if (*p == '\0' || *p == '[')
                fail (at, "unterminated or nested character class in a pattern");
              if (*p == '\\')
                p = pattern_escape (at, p + 1, &lo);
              else
                lo = (unsigned char) *p++;
              hi = lo;
              if (*p == '-' && p[1] != ']')
                {
                  p++;
                  if (*p == '\\')
                    p = pattern_escape (at, p + 1, &hi);
                  else
                    hi = (unsigned char) *p++;
                  if (hi < lo)
                    fail (at, "reversed range in a pattern");
                }
              for (int c = lo; c <= hi; c++)
                cls_add (a.cls, at, c);
            }
          p++;
          g_array_append_val (atoms, a);
        }
      else if (*p == '(')
        {
          a.group = TRUE;
          g_array_append_val (atoms, a);
          p = parse_seq (at, p + 1, atoms, TRUE);
          if (*p != ')')
            fail (at, "unbalanced ( in a pattern");
          p++;
        }
      else
        {
          int c;
          if (*p == '\\')
            p = pattern_escape (at, p + 1, &c);
          else
            c = (unsigned char) *p++;
          cls_add (a.cls, at, c);
          g_array_append_val (atoms, a);
        }
      {
        Atom *stored = &g_array_index (atoms, Atom, index);
        Atom q = *stored;
        p = parse_quant (at, p, &q);
        stored = &g_array_index (atoms, Atom, index);
        stored->min = q.min;
        stored->max = q.max;
        stored->end = atoms->len;
      }
    }
  if (in_group)
    fail (at, "unbalanced ( in a pattern");
  return p;
}

static gint64
whole_number (xmlNodePtr at, const char *s)
{
  char *end;
  gint64 v = g_ascii_strtoll (s, &end, 10);

  if (*s == '\0' || *end != '\0')
    fail (at, "'%s' is not a whole number (only whole-number bounds are supported)", s);
  return v;
}

static Data *
new_data (const char *kind, const char *type)
{
  Data *d = new0 (sizeof *d);

  d->kind = kind;
  d->type = type;
  d->min_length = d->max_length = -1;
  return d;
}

static guint
add_data (Data *d)
{
  g_ptr_array_add (datas, d);
  return datas->len - 1;
}

static Data *
data_of_data (xmlNodePtr n)
{
  static const char *const allowed[] = { "type", "datatypeLibrary", NULL };
  const char *type = prop (n, "type");
  const char *lib = inherited (n, "datatypeLibrary");
  Data *d;

  check_attributes (n, allowed);
  if (strcmp (lib, XSD_LIB) != 0)
    fail (n, "datatype library '%s'", lib);
  if (type == NULL)
    fail (n, "<data> without type");
  if (strcmp (type, "string") == 0)
    d = new_data ("STRING", type);
  else if (strcmp (type, "decimal") == 0)
    d = new_data ("DECIMAL", type);
  else if (strcmp (type, "integer") == 0)
    d = new_data ("INTEGER", type);
  else if (strcmp (type, "nonNegativeInteger") == 0)
    {
      d = new_data ("INTEGER", type);
      d->has_min = TRUE, d->min = 0;
    }
  else if (strcmp (type, "positiveInteger") == 0)
    {
      d = new_data ("INTEGER", type);
      d->has_min = TRUE, d->min = 1;
    }
  else if (strcmp (type, "boolean") == 0)
    d = new_data ("BOOLEAN", type);
  else if (strcmp (type, "date") == 0)
    d = new_data ("DATE", type);
  else
    fail (n, "datatype '%s'", type);

  for (xmlNodePtr c = n->children; c != NULL; c = c->next)
    {
      const char *pname, *value;
      gboolean numeric = strcmp (d->kind, "DECIMAL") == 0 || strcmp (d->kind, "INTEGER") == 0;

      if (is_rng (c, "except"))
        fail (c, "<except>");
      if (!is_rng (c, "param"))
        continue;
      pname = prop (c, "name");
      {
        xmlChar *raw = xmlNodeGetContent (c);
        value = keep (g_strdup ((const char *) raw));
        xmlFree (raw);
      }
      if (pname == NULL)
        fail (c, "<param> without name");
      if (strcmp (pname, "pattern") == 0 && strcmp (d->kind, "STRING") == 0 && d->pattern == NULL)
        {
          d->pattern = g_array_new (FALSE, TRUE, sizeof (Atom));
          g_ptr_array_add (arrays, NULL);       /* placeholder: freed with datas */
          parse_seq (c, value, d->pattern, FALSE);
          d->pattern_text = value;
        }
      else if (strcmp (pname, "maxLength") == 0 && strcmp (d->kind, "STRING") == 0)
        d->max_length = whole_number (c, value);
      else if (strcmp (pname, "minLength") == 0 && strcmp (d->kind, "STRING") == 0)
        d->min_length = whole_number (c, value);
      else if (strcmp (pname, "length") == 0 && strcmp (d->kind, "STRING") == 0)
        d->min_length = d->max_length = whole_number (c, value);
      else if (strcmp (pname, "minInclusive") == 0 && numeric)
        {
          gint64 v = whole_number (c, value);
          if (!d->has_min || v > d->min)
            d->min = v;
          d->has_min = TRUE;
        }
      else if (strcmp (pname, "maxInclusive") == 0 && numeric)
        {
          gint64 v = whole_number (c, value);
          if (!d->has_max || v < d->max)
            d->max = v;
          d->has_max = TRUE;
        }
      else
        fail (c, "param '%s' on %s", pname, type);
    }
  return d;
}

/* Appends the values of a <value> or a choice of them (through refs) to
 * @values; FALSE if @n is not one. */
static gboolean
collect_values (xmlNodePtr n, GPtrArray *values)
{
  if (is_rng (n, "value"))
    {
      static const char *const allowed[] = { "type", "datatypeLibrary", "ns", NULL };
      const char *type = prop (n, "type");
      xmlChar *raw = xmlNodeGetContent (n);
      char **words;
      GString *norm = g_string_new (NULL);

      check_attributes (n, allowed);
      if (type != NULL && strcmp (type, "token") != 0)
        fail (n, "<value type=\"%s\"> (only the built-in token type)", type);
      if (type != NULL && strcmp (inherited (n, "datatypeLibrary"), "") != 0)
        fail (n, "<value type=\"token\"> of another datatype library");
      /* The built-in token type compares values with their white space
       * collapsed. */
      words = g_strsplit_set ((const char *) raw, " \t\r\n", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i])
          {
            if (norm->len)
              g_string_append_c (norm, ' ');
            g_string_append (norm, words[i]);
          }
      g_strfreev (words);
      xmlFree (raw);
      g_ptr_array_add (values, keep (g_string_free (norm, FALSE)));
      return TRUE;
    }
  if (is_rng (n, "choice"))
    {
      GPtrArray *kids = pattern_children (n);
      for (guint i = 0; i < kids->len; i++)
        if (!collect_values (g_ptr_array_index (kids, i), values))
          return FALSE;
      return kids->len > 0;
    }
  if (is_rng (n, "ref"))
    {
      GPtrArray *kids = pattern_children (find_define (n, prop (n, "name")));
      return kids->len == 1 && collect_values (g_ptr_array_index (kids, 0), values);
    }
  return FALSE;
}

/* The datatype of an attribute whose content is @kids. */
static guint
attribute_data (xmlNodePtr at, GPtrArray *kids)
{
  GPtrArray *values = new_array ();
  xmlNodePtr n;

  if (kids->len == 0)
    return add_data (new_data ("TEXT", "text"));
  if (kids->len > 1)
    fail (at, "an attribute with more than one pattern");
  n = g_ptr_array_index (kids, 0);
  while (is_rng (n, "ref") && !collect_values (n, values))
    {
      GPtrArray *body = pattern_children (find_define (n, prop (n, "name")));
      if (body->len != 1)
        fail (n, "ref '%s' in an attribute to a define of %u patterns", prop (n, "name"), body->len);
      n = g_ptr_array_index (body, 0);
    }
  if (values->len > 0 || collect_values (n, values))
    {
      Data *d = new_data ("ENUM", "token");
      d->values = values;
      return add_data (d);
    }
  if (is_rng (n, "text"))
    return add_data (new_data ("TEXT", "text"));
  if (is_rng (n, "data"))
    return add_data (data_of_data (n));
  fail (n, "<%s> as an attribute's value", (const char *) n->name);
}

/* ---- Element content: variants of attributes and a regular expression
 * over child elements ---- */

typedef enum { RE_EPS, RE_SYM, RE_SEQ, RE_ALT, RE_STAR, RE_PLUS, RE_OPT } ReKind;

typedef struct Re {
  ReKind kind;
  struct Re *a, *b;
  guint elem;
  guint pos;
} Re;

typedef struct {
  const char *name;
  gboolean required;
  guint data;
} Attr;

typedef struct {
  GPtrArray *attrs;             /* Attr */
  Re *re;
  gboolean text;
} Var;

static GPtrArray *elements;     /* xmlNodePtr of <element> */
static GHashTable *element_index;       /* xmlNodePtr -> index + 1 */

static Re *
re_new (ReKind kind, Re *a, Re *b)
{
  Re *r = new0 (sizeof *r);
  r->kind = kind;
  r->a = a;
  r->b = b;
  return r;
}

static Re *
re_seq (Re *a, Re *b)
{
  if (a->kind == RE_EPS)
    return b;
  if (b->kind == RE_EPS)
    return a;
  return re_new (RE_SEQ, a, b);
}

static Var *
var_new (void)
{
  Var *v = new0 (sizeof *v);
  v->attrs = new_array ();
  v->re = re_new (RE_EPS, NULL, NULL);
  return v;
}

static const char *
element_name (xmlNodePtr n)
{
  static const char *const allowed[] = { "name", "ns", "datatypeLibrary", NULL };
  const char *name = prop (n, "name");

  check_attributes (n, allowed);
  if (name == NULL)
    fail (n, "<element> without a name attribute");
  if (strchr (name, ':') != NULL)
    fail (n, "a prefixed element name");
  return name;
}

static guint
element_of (xmlNodePtr n)
{
  gpointer i = g_hash_table_lookup (element_index, n);

  if (i != NULL)
    return GPOINTER_TO_UINT (i) - 1;
  element_name (n);
  g_ptr_array_add (elements, n);
  g_hash_table_insert (element_index, n, GUINT_TO_POINTER (elements->len));
  return elements->len - 1;
}

static GPtrArray *variants (xmlNodePtr n);

static gboolean
has_attrs (GPtrArray *vs)
{
  for (guint i = 0; i < vs->len; i++)
    if (((Var *) g_ptr_array_index (vs, i))->attrs->len > 0)
      return TRUE;
  return vs->len > 1;
}

static Var *
var_concat (xmlNodePtr at, const Var *x, const Var *y)
{
  Var *v = var_new ();

  g_ptr_array_extend (v->attrs, x->attrs, NULL, NULL);
  for (guint i = 0; i < y->attrs->len; i++)
    {
      Attr *a = g_ptr_array_index (y->attrs, i);
      for (guint j = 0; j < x->attrs->len; j++)
        if (strcmp (((Attr *) g_ptr_array_index (x->attrs, j))->name, a->name) == 0)
          fail (at, "attribute '%s' twice in one group", a->name);
      g_ptr_array_add (v->attrs, a);
    }
  v->re = re_seq (x->re, y->re);
  v->text = x->text || y->text;
  return v;
}

/* The variants of the sequence @kids. */
static GPtrArray *
variants_of_group (xmlNodePtr at, GPtrArray *kids)
{
  GPtrArray *acc = new_array ();

  g_ptr_array_add (acc, var_new ());
  for (guint k = 0; k < kids->len; k++)
    {
      GPtrArray *vs = variants (g_ptr_array_index (kids, k));
      GPtrArray *next = new_array ();

      for (guint i = 0; i < acc->len; i++)
        for (guint j = 0; j < vs->len; j++)
          g_ptr_array_add (next, var_concat (at, g_ptr_array_index (acc, i), g_ptr_array_index (vs, j)));
      if (next->len > MAX_VARIANTS)
        fail (at, "more than %d variants of one element", MAX_VARIANTS);
      acc = next;
    }
  return acc;
}

static GPtrArray *
single (Var *v)
{
  GPtrArray *a = new_array ();
  g_ptr_array_add (a, v);
  return a;
}

static GPtrArray *
variants (xmlNodePtr n)
{
  Var *v;

  if (is_rng (n, "element"))
    {
      v = var_new ();
      v->re = re_new (RE_SYM, NULL, NULL);
      v->re->elem = element_of (n);
      return single (v);
    }
  if (is_rng (n, "attribute"))
    {
      static const char *const allowed[] = { "name", "ns", "datatypeLibrary", NULL };
      Attr *a = new0 (sizeof *a);
      const char *ns = prop (n, "ns");
      xmlChar *what = xmlGetNsProp (n, (const xmlChar *) "what", (const xmlChar *) PP_ANNOTATION_NS);

      check_attributes (n, allowed);
      a->name = prop (n, "name");
      if (a->name == NULL)
        fail (n, "<attribute> without a name attribute");
      if ((ns != NULL && *ns) || strchr (a->name, ':') != NULL)
        fail (n, "an attribute in a namespace");
      a->required = TRUE;
      a->data = attribute_data (n, pattern_children (n));
      if (what != NULL)
        {
          ((Data *) g_ptr_array_index (datas, a->data))->what = keep (g_strdup ((const char *) what));
          xmlFree (what);
        }
      v = var_new ();
      g_ptr_array_add (v->attrs, a);
      return single (v);
    }
  if (is_rng (n, "text"))
    {
      v = var_new ();
      v->text = TRUE;
      return single (v);
    }
  if (is_rng (n, "empty"))
    return single (var_new ());
  if (is_rng (n, "ref"))
    return variants_of_group (n, pattern_children (find_define (n, prop (n, "name"))));
  if (is_rng (n, "group"))
    return variants_of_group (n, pattern_children (n));
  if (is_rng (n, "optional"))
    {
      GPtrArray *vs = variants_of_group (n, pattern_children (n));
      Var *only = vs->len == 1 ? g_ptr_array_index (vs, 0) : NULL;

      if (only != NULL && only->attrs->len == 0)
        {
          only->re = re_new (RE_OPT, only->re, NULL);
          return vs;
        }
      if (only != NULL && only->attrs->len == 1 && only->re->kind == RE_EPS && !only->text)
        {
          Attr *a = new0 (sizeof *a);
          *a = *(Attr *) g_ptr_array_index (only->attrs, 0);
          a->required = FALSE;
          g_ptr_array_index (only->attrs, 0) = a;
          return vs;
        }
      g_ptr_array_add (vs, var_new ());
      return vs;
    }
  if (is_rng (n, "zeroOrMore") || is_rng (n, "oneOrMore"))
    {
      GPtrArray *vs = variants_of_group (n, pattern_children (n));
      Var *only = g_ptr_array_index (vs, 0);

      if (has_attrs (vs))
        fail (n, "attributes inside <%s>", (const char *) n->name);
      only->re = re_new (is_rng (n, "zeroOrMore") ? RE_STAR : RE_PLUS, only->re, NULL);
      return vs;
    }
  if (is_rng (n, "choice"))
    {
      GPtrArray *kids = pattern_children (n);
      GPtrArray *all = new_array ();
      gboolean attrs = FALSE;

      for (guint i = 0; i < kids->len; i++)
        {
          GPtrArray *vs = variants (g_ptr_array_index (kids, i));
          attrs = attrs || has_attrs (vs);
          g_ptr_array_extend (all, vs, NULL, NULL);
        }
      if (all->len == 0)
        fail (n, "an empty <choice>");
      if (!attrs)
        {
          /* Elements only: one variant whose expression chooses. */
          Var *one = var_new ();
          one->re = ((Var *) g_ptr_array_index (all, 0))->re;
          one->text = ((Var *) g_ptr_array_index (all, 0))->text;
          for (guint i = 1; i < all->len; i++)
            {
              Var *o = g_ptr_array_index (all, i);
              one->re = re_new (RE_ALT, one->re, o->re);
              if (o->text != one->text)
                fail (n, "a choice between text and no text");
            }
          return single (one);
        }
      return all;
    }
  fail (n, "<%s>", (const char *) n->name);
}

/* ---- Glushkov automaton of a variant's expression, then its DFA ---- */

typedef struct {
  GPtrArray *syms;              /* Re* of each position */
} Positions;

static void
number (Re *r, Positions *p, xmlNodePtr at)
{
  if (r == NULL)
    return;
  if (r->kind == RE_SYM)
    {
      if (p->syms->len >= MAX_POSITIONS)
        fail (at, "more than %d element positions in one content model", MAX_POSITIONS);
      r->pos = p->syms->len;
      g_ptr_array_add (p->syms, r);
    }
  number (r->a, p, at);
  number (r->b, p, at);
}

static gboolean
nullable (const Re *r)
{
  switch (r->kind)
    {
    case RE_EPS: case RE_STAR: case RE_OPT: return TRUE;
    case RE_SYM: return FALSE;
    case RE_SEQ: return nullable (r->a) && nullable (r->b);
    case RE_ALT: return nullable (r->a) || nullable (r->b);
    case RE_PLUS: return nullable (r->a);
    }
  return FALSE;
}

static guint64
first (const Re *r)
{
  switch (r->kind)
    {
    case RE_EPS: return 0;
    case RE_SYM: return G_GUINT64_CONSTANT (1) << r->pos;
    case RE_SEQ: return first (r->a) | (nullable (r->a) ? first (r->b) : 0);
    case RE_ALT: return first (r->a) | first (r->b);
    default: return first (r->a);
    }
}

static guint64
last (const Re *r)
{
  switch (r->kind)
    {
    case RE_EPS: return 0;
    case RE_SYM: return G_GUINT64_CONSTANT (1) << r->pos;
    case RE_SEQ: return last (r->b) | (nullable (r->b) ? last (r->a) : 0);
    case RE_ALT: return last (r->a) | last (r->b);
    default: return last (r->a);
    }
}

static void
follow (const Re *r, guint64 *fol)
{
  if (r == NULL)
    return;
  follow (r->a, fol);
  follow (r->b, fol);
  if (r->kind == RE_SEQ)
    {
      guint64 l = last (r->a), f = first (r->b);
      for (guint i = 0; i < MAX_POSITIONS; i++)
        if (l & (G_GUINT64_CONSTANT (1) << i))
          fol[i] |= f;
    }
  else if (r->kind == RE_STAR || r->kind == RE_PLUS)
    {
      guint64 l = last (r->a), f = first (r->a);
      for (guint i = 0; i < MAX_POSITIONS; i++)
        if (l & (G_GUINT64_CONSTANT (1) << i))
          fol[i] |= f;
    }
}

static const char *
ename (guint e)
{
  return prop (g_ptr_array_index (elements, e), "name");
}

/* "vswitch*, route*": the expression as a reader would write it. */
static void
describe (const Re *r, GString *out, int outer)
{
  /* outer: 0 top, 1 inside a sequence, 2 inside a choice, 3 under a quantifier */
  switch (r->kind)
    {
    case RE_EPS:
      g_string_append (out, "nothing");
      return;
    case RE_SYM:
      g_string_append (out, ename (r->elem));
      return;
    case RE_SEQ:
      if (outer >= 2)
        g_string_append_c (out, '(');
      describe (r->a, out, 1);
      g_string_append (out, ", ");
      describe (r->b, out, 1);
      if (outer >= 2)
        g_string_append_c (out, ')');
      return;
    case RE_ALT:
      if (outer == 1 || outer == 3)
        g_string_append_c (out, '(');
      describe (r->a, out, 2);
      g_string_append (out, " | ");
      describe (r->b, out, 2);
      if (outer == 1 || outer == 3)
        g_string_append_c (out, ')');
      return;
    default:
      describe (r->a, out, 3);
      g_string_append_c (out, r->kind == RE_STAR ? '*' : r->kind == RE_PLUS ? '+' : '?');
      return;
    }
}

static void
emit_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_c (out, '\\');
      if ((unsigned char) *s < 32 || (unsigned char) *s >= 127)
        fail (NULL, "a non-printable character in a name or value");
      g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

/* The names of elements and attributes, each emitted once as name_N, so
 * that the tables hold one pointer for each name (PpRngSchema.names) */
static GHashTable *name_index;  /* name -> N + 1 */
static GPtrArray *name_list;

static void
emit_name (GString *out, const char *s)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (name_index, s));

  if (n == 0)
    {
      g_ptr_array_add (name_list, (gpointer) s);
      n = name_list->len;
      g_hash_table_insert (name_index, (gpointer) s, GUINT_TO_POINTER (n));
    }
  g_string_append_printf (out, "name_%u", n - 1);
}

static int
name_compare (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
emit_variant (GString *out, guint e, guint vi, Var *v)
{
  xmlNodePtr at = g_ptr_array_index (elements, e);
  Positions p = { new_array () };
  guint64 fol[MAX_POSITIONS] = { 0 };
  GArray *states = g_array_new (FALSE, FALSE, sizeof (guint64));      /* position sets; bit 63+1 trick: state 0 is the start */
  GString *trans = g_string_new (NULL), *st = g_string_new (NULL), *content = g_string_new (NULL);
  guint n_trans = 0;
  guint64 start_marker = 0;

  number (v->re, &p, at);
  follow (v->re, fol);
  g_array_append_val (states, start_marker);    /* state 0: nothing read yet */
  for (guint s = 0; s < states->len; s++)
    {
      guint64 set = g_array_index (states, guint64, s);
      guint64 next = 0;
      gboolean final;
      guint first_trans = n_trans;
      GPtrArray *names = new_array ();

      if (s == 0)
        {
          next = first (v->re);
          final = nullable (v->re);
        }
      else
        {
          for (guint i = 0; i < MAX_POSITIONS; i++)
            if (set & (G_GUINT64_CONSTANT (1) << i))
              next |= fol[i];
          final = (set & last (v->re)) != 0;
        }
      /* Group the next positions by name, in position order. */
      for (guint i = 0; i < p.syms->len; i++)
        {
          Re *sym = g_ptr_array_index (p.syms, i);
          const char *name = ename (sym->elem);
          guint64 target = 0;
          gboolean seen = FALSE;
          guint to;

          if (!(next & (G_GUINT64_CONSTANT (1) << i)))
            continue;
          for (guint k = 0; k < names->len; k++)
            seen = seen || strcmp (g_ptr_array_index (names, k), name) == 0;
          if (seen)
            continue;
          g_ptr_array_add (names, (gpointer) name);
          for (guint j = i; j < p.syms->len; j++)
            {
              Re *o = g_ptr_array_index (p.syms, j);
              if ((next & (G_GUINT64_CONSTANT (1) << j)) && strcmp (ename (o->elem), name) == 0)
                {
                  if (o->elem != sym->elem)
                    fail (at, "two different <%s> elements may come at one place in <%s>", name, ename (e));
                  target |= G_GUINT64_CONSTANT (1) << j;
                }
            }
          for (to = 1; to < states->len; to++)
            if (g_array_index (states, guint64, to) == target)
              break;
          if (to == states->len)
            g_array_append_val (states, target);
          g_string_append (trans, "  { ");
          emit_name (trans, name);
          g_string_append_printf (trans, ", %u, %u },\n", sym->elem, to);
          n_trans++;
        }
      g_string_append_printf (st, "  { %u, %u, %s },\n", first_trans, n_trans - first_trans,
                              final ? "TRUE" : "FALSE");
    }
  if (n_trans == 0)
    g_string_append (trans, "  { NULL, 0, 0 },\n");

  g_string_append_printf (out, "static const PpRngTrans trans_%u_%u[] = {\n%s};\n", e, vi, trans->str);
  g_string_append_printf (out, "static const PpRngState states_%u_%u[] = {\n%s};\n", e, vi, st->str);
  if (v->attrs->len > 64)
    fail (at, "more than 64 attributes on <%s>", ename (e));
  g_string_append_printf (out, "static const PpRngAttr attrs_%u_%u[] = {\n", e, vi);
  for (guint i = 0; i < v->attrs->len; i++)
    {
      Attr *a = g_ptr_array_index (v->attrs, i);
      g_string_append (out, "  { ");
      emit_name (out, a->name);
      g_string_append_printf (out, ", %s, &data_%u },\n", a->required ? "TRUE" : "FALSE", a->data);
    }
  if (v->attrs->len == 0)
    g_string_append (out, "  { NULL, FALSE, NULL },\n");
  g_string_append (out, "};\n");
  if (v->text && v->re->kind != RE_EPS)
    fail (at, "mixed content (text and elements) in <%s>", ename (e));
  if (v->text)
    g_string_append (content, "text");
  else
    describe (v->re, content, 0);
  g_string_append_printf (out, "#define content_%u_%u ", e, vi);
  emit_string (out, content->str);
  g_string_append_c (out, '\n');
  g_string_free (trans, TRUE);
  g_string_free (st, TRUE);
  g_string_free (content, TRUE);
  g_array_free (states, TRUE);
}

static void
emit_data (GString *out, guint i, Data *d)
{
  if (d->values != NULL)
    {
      g_string_append_printf (out, "static const char *const values_%u[] = { ", i);
      for (guint k = 0; k < d->values->len; k++)
        {
          emit_string (out, g_ptr_array_index (d->values, k));
          g_string_append (out, ", ");
        }
      g_string_append (out, "NULL };\n");
    }
  if (d->pattern != NULL)
    {
      g_string_append_printf (out, "static const PpRngAtom pattern_%u[] = {\n", i);
      for (guint k = 0; k < d->pattern->len; k++)
        {
          Atom *a = &g_array_index (d->pattern, Atom, k);
          g_string_append_printf (out, "  { { 0x%08xu, 0x%08xu, 0x%08xu, 0x%08xu }, %d, %d, %u, %s },\n",
                                  a->cls[0], a->cls[1], a->cls[2], a->cls[3], a->min, a->max, a->end,
                                  a->group ? "TRUE" : "FALSE");
        }
      g_string_append (out, "};\n");
    }
  g_string_append_printf (out, "static const PpRngData data_%u = {\n  PP_RNG_%s, ", i, d->kind);
  emit_string (out, d->type);
  if (d->values != NULL)
    g_string_append_printf (out, ", values_%u, %u,\n", i, d->values->len);
  else
    g_string_append (out, ", NULL, 0,\n");
  g_string_append_printf (out, "  %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %s, %s, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ",\n",
                          d->min_length, d->max_length, d->has_min ? "TRUE" : "FALSE",
                          d->has_max ? "TRUE" : "FALSE", d->min, d->max);
  if (d->pattern != NULL)
    {
      g_string_append_printf (out, "  pattern_%u, %u, ", i, d->pattern->len);
      emit_string (out, d->pattern_text);
    }
  else
    g_string_append (out, "  NULL, 0, NULL");
  g_string_append (out, ", ");
  if (d->what != NULL)
    emit_string (out, d->what);
  else
    g_string_append (out, "NULL");
  g_string_append (out, "\n};\n");
}

int
main (int argc, char **argv)
{
  xmlDocPtr doc;
  xmlNodePtr start = NULL;
  GString *out, *body;
  GPtrArray *sorted;
  GPtrArray *start_kids, *all_variants;
  const char *ns, *base;

  if (argc != 3)
    {
      fprintf (stderr, "usage: pp-rng-gen SCHEMA.rng C_NAME > OUT.c\n");
      return 2;
    }
  schema_file = argv[1];
  arena = g_ptr_array_new_with_free_func (g_free);
  arrays = g_ptr_array_new ();
  datas = g_ptr_array_new ();
  elements = g_ptr_array_new ();
  element_index = g_hash_table_new (NULL, NULL);
  all_variants = g_ptr_array_new ();
  name_index = g_hash_table_new (g_str_hash, g_str_equal);
  name_list = g_ptr_array_new ();

  doc = xmlReadFile (schema_file, NULL, XML_PARSE_NONET);
  if (doc == NULL)
    fail (NULL, "cannot parse the schema");
  grammar = xmlDocGetRootElement (doc);
  if (!is_rng (grammar, "grammar"))
    fail (grammar, "the root is not a <grammar>");
  for (xmlNodePtr c = grammar->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE || c->ns == NULL || strcmp ((const char *) c->ns->href, RNG_NS) != 0)
        continue;
      if (is_rng (c, "start"))
        {
          if (start != NULL || prop (c, "combine") != NULL)
            fail (c, "more than one <start>");
          start = c;
        }
      else if (!is_rng (c, "define"))
        fail (c, "<%s> in the grammar", (const char *) c->name);
    }
  if (start == NULL)
    fail (grammar, "no <start>");
  start_kids = pattern_children (start);
  if (start_kids->len != 1 || !is_rng (g_ptr_array_index (start_kids, 0), "element"))
    fail (start, "the start is not one element");
  element_of (g_ptr_array_index (start_kids, 0));

  /* Elements are numbered as they are found; their variants find more. */
  for (guint e = 0; e < elements->len; e++)
    {
      xmlNodePtr el = g_ptr_array_index (elements, e);
      ns = inherited (el, "ns");
      if (strcmp (ns, inherited (g_ptr_array_index (elements, 0), "ns")) != 0)
        fail (el, "elements of more than one namespace");
      g_ptr_array_add (all_variants, variants_of_group (el, pattern_children (el)));
    }
  ns = inherited (g_ptr_array_index (elements, 0), "ns");

  body = g_string_new (NULL);
  for (guint i = 0; i < datas->len; i++)
    emit_data (body, i, g_ptr_array_index (datas, i));
  for (guint e = 0; e < elements->len; e++)
    {
      GPtrArray *vs = g_ptr_array_index (all_variants, e);
      for (guint vi = 0; vi < vs->len; vi++)
        emit_variant (body, e, vi, g_ptr_array_index (vs, vi));
      g_string_append_printf (body, "static const PpRngVariant variants_%u[] = {\n", e);
      for (guint vi = 0; vi < vs->len; vi++)
        {
          Var *v = g_ptr_array_index (vs, vi);
          g_string_append_printf (body, "  { attrs_%u_%u, %u, states_%u_%u, G_N_ELEMENTS (states_%u_%u), trans_%u_%u, %s, content_%u_%u },\n",
                                  e, vi, v->attrs->len, e, vi, e, vi, e, vi, v->text ? "TRUE" : "FALSE", e, vi);
        }
      g_string_append (body, "};\n");
    }
  g_string_append (body, "static const PpRngElement elements[] = {\n");
  for (guint e = 0; e < elements->len; e++)
    {
      g_string_append (body, "  { ");
      emit_name (body, ename (e));
      g_string_append_printf (body, ", variants_%u, %u },\n", e,
                              ((GPtrArray *) g_ptr_array_index (all_variants, e))->len);
    }
  g_string_append (body, "};\n");

  base = strrchr (schema_file, '/');
  base = base != NULL ? base + 1 : schema_file;
  out = g_string_new (NULL);
  g_string_append_printf (out, "/* Generated by model/pp-rng-gen from %s: do not edit. */\n", base);
  g_string_append (out, "#include \"model/pp-rng.h\"\n\n");
  for (guint i = 0; i < name_list->len; i++)
    {
      g_string_append_printf (out, "static const char name_%u[] = ", i);
      emit_string (out, g_ptr_array_index (name_list, i));
      g_string_append (out, ";\n");
    }
  g_string_append (out, body->str);
  /* the names sorted (strcmp), for pp_rng_checker_start()'s search */
  sorted = g_ptr_array_copy (name_list, NULL, NULL);
  g_ptr_array_sort (sorted, name_compare);
  g_string_append (out, "static const char *const names[] = {\n");
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (out, "  name_%u,\n",
                            GPOINTER_TO_UINT (g_hash_table_lookup (name_index, g_ptr_array_index (sorted, i))) - 1);
  g_string_append (out, "};\n");
  g_string_append_printf (out, "\nconst PpRngSchema %s = {\n  ", argv[2]);
  emit_string (out, ns);
  g_string_append (out, ", ");
  emit_string (out, base);
  g_string_append_printf (out, ", 0, elements, %u, names, %u\n};\n", elements->len, sorted->len);
  fwrite (out->str, 1, out->len, stdout);
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, "pp-rng-gen: cannot write the output\n");
      return 1;
    }

  g_string_free (out, TRUE);
  g_string_free (body, TRUE);
  g_ptr_array_unref (sorted);
  g_ptr_array_unref (name_list);
  g_hash_table_unref (name_index);
  for (guint i = 0; i < datas->len; i++)
    {
      Data *d = g_ptr_array_index (datas, i);
      if (d->pattern != NULL)
        g_array_free (d->pattern, TRUE);
    }
  for (guint i = 0; i < arrays->len; i++)
    if (g_ptr_array_index (arrays, i) != NULL)
      g_ptr_array_unref (g_ptr_array_index (arrays, i));
  g_ptr_array_unref (arrays);
  g_ptr_array_unref (all_variants);
  g_ptr_array_unref (datas);
  g_ptr_array_unref (elements);
  g_hash_table_unref (element_index);
  g_ptr_array_unref (arena);
  xmlFreeDoc (doc);
  xmlCleanupParser ();
  return 0;
}
