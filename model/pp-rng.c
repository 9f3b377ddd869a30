/* SPDX-License-Identifier: MIT */
/* pp-rng.c: the table-driven checker of generated schemas (pp-rng.h).
 *
 * DOC: each open element is a frame: its definition, the variants of it
 * that the document still matches (a bit each) and, per variant, the
 * state of its children's DFA.  A start tag moves the parent's states
 * and picks the child's variants by its attributes; an end tag needs a
 * final state.  The first error ends the walk, with a message that names
 * the line, the element, the attribute and what would be right.
 */
#include "model/pp-rng.h"
#include "model/pp-error.h"
#include "model/pp-suggest.h"

#include <string.h>

#define MAX_VARIANTS 8

typedef struct {
  guint element;
  guint32 live;                 /* variants still matched */
  guint16 state[MAX_VARIANTS];
} Frame;

/* An interned name (pp_rng_checker_set_interned()) and the schema's
 * pointer for its text, or NO_NAME when the schema has no such name. */
typedef struct {
  const char *key;
  const char *name;
} NameSlot;

#define NAME_SLOTS 256          /* a power of two; a schema has ~100 names */
static const char NO_NAME[] = "";

/* The attributes an element had last (interned names: the same pointers
 * are the same names) and what the variants make of them but for their
 * values: an estate's elements of a kind come with the same attributes
 * in the same order, 1.6 million routes. */
#define SHAPE_MAX 16

typedef struct {
  guint n;                      /* G_MAXUINT: none yet */
  const char *names[SHAPE_MAX];
  const char *nss[SHAPE_MAX];
  guint32 fit;                  /* variants whose attributes these are (each known,
                                   none foreign, every required one there) */
  const PpRngData *data[MAX_VARIANTS][SHAPE_MAX];   /* of each, in those */
} Shape;

struct _PpRngChecker {
  const PpRngSchema *schema;
  char *file;
  char *hint;
  Frame *frames;                /* the open elements, innermost last */
  guint depth, n_frames;
  gboolean failed;
  gboolean interned;
  const char *ns_seen;          /* interned: the namespace pointer found to be the schema's */
  NameSlot *slots;              /* interned: NAME_SLOTS of them */
  guint n_slots_used;
  Shape *shapes;                /* interned: one for each element of the schema */
};

PpRngChecker *
pp_rng_checker_new (const PpRngSchema *schema, const char *file, const char *hint)
{
  PpRngChecker *c = g_new0 (PpRngChecker, 1);

  c->schema = schema;
  c->file = g_strdup (file);
  c->hint = g_strdup (hint);
  c->n_frames = 16;
  c->frames = g_new (Frame, c->n_frames);
  return c;
}

void
pp_rng_checker_free (PpRngChecker *c)
{
  if (c == NULL)
    return;
  g_free (c->file);
  g_free (c->hint);
  g_free (c->frames);
  g_free (c->slots);
  g_free (c->shapes);
  g_free (c);
}

void
pp_rng_checker_set_interned (PpRngChecker *c, gboolean interned)
{
  g_return_if_fail (c != NULL);
  c->interned = interned;
  c->ns_seen = NULL;
  g_clear_pointer (&c->slots, g_free);
  g_clear_pointer (&c->shapes, g_free);
  c->n_slots_used = 0;
  if (interned)
    {
      c->slots = g_new0 (NameSlot, NAME_SLOTS);
      c->shapes = g_new0 (Shape, c->schema->n_elements);
      for (guint e = 0; e < c->schema->n_elements; e++)
        c->shapes[e].n = G_MAXUINT;
    }
}

/* The schema's pointer for the name @name, or NO_NAME. */
static const char *
schema_name (const PpRngSchema *s, const char *name)
{
  guint lo = 0, hi = s->n_names;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (name, s->names[mid]);

      if (cmp == 0)
        return s->names[mid];
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NO_NAME;
}

/* For an interned checker, the schema's pointer for the name @name
 * (NO_NAME: none), which the tables' names can be compared with; else
 * NULL: compare the text. */
static const char *
canonical (PpRngChecker *c, const char *name)
{
  guint h;

  if (c->slots == NULL)
    return NULL;
  h = (guint) (((guintptr) name >> 3) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) >> 56) & (NAME_SLOTS - 1);
  for (guint probe = 0; probe < NAME_SLOTS; probe++, h = (h + 1) & (NAME_SLOTS - 1))
    {
      NameSlot *slot = &c->slots[h];

      if (slot->key == name)
        return slot->name;
      if (slot->key == NULL)
        {
          /* at most half full, so that a probe ends soon; then by text */
          if (c->n_slots_used >= NAME_SLOTS / 2)
            return schema_name (c->schema, name);
          slot->key = name;
          slot->name = schema_name (c->schema, name);
          c->n_slots_used++;
          return slot->name;
        }
    }
  return schema_name (c->schema, name);
}

/* Sets @error to "FILE:LINE: MESSAGE", with the hint unless @suggested. */
static gboolean
fail (PpRngChecker *c, guint line, gboolean suggested, GError **error, GString *msg)
{
  c->failed = TRUE;
  if (c->hint != NULL && !suggested)
    g_string_append_printf (msg, " (%s)", c->hint);
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_SCHEMA_INVALID, "%s:%u: %s",
               c->file, line, msg->str);
  g_string_free (msg, TRUE);
  return FALSE;
}

/* ---- Values ---- */

static gboolean
is_space (char ch)
{
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* @v without leading and trailing white space, as [*start, *end). */
static void
trim (const char *v, const char **start, const char **end)
{
  const char *e = v + strlen (v);

  while (is_space (*v))
    v++;
  while (e > v && is_space (e[-1]))
    e--;
  *start = v;
  *end = e;
}

static gboolean
in_class (const PpRngAtom *a, unsigned char ch)
{
  return ch < 128 && (a->cls[ch / 32] & (1u << (ch % 32))) != 0;
}

/* What is left to match after the current atom: the rest of a sequence,
 * or another round of a group. */
typedef struct Cont {
  const PpRngAtom *atoms;
  guint i, end;                 /* the atoms [i, end) */
  gint round;                   /* >= 0: another round of group atoms[i], which ran round times */
  gsize group_start;            /* where the round began (no empty rounds) */
  const struct Cont *next;
} Cont;

static gboolean match_seq (const PpRngAtom *a, guint i, guint end, const char *s, gsize p, gsize len,
                           const Cont *k);

static gboolean
match_cont (const char *s, gsize p, gsize len, const Cont *k)
{
  if (k == NULL)
    return p == len;
  if (k->round < 0)
    return match_seq (k->atoms, k->i, k->end, s, p, len, k->next);
  {
    const PpRngAtom *g = &k->atoms[k->i];
    gint rounds = k->round;

    /* Greedy: another round first (if it would consume something), then
     * what follows the group. */
    if ((g->max < 0 || rounds < g->max) && (rounds == 0 || p > k->group_start || rounds < g->min))
      {
        Cont again = { k->atoms, k->i, k->end, rounds + 1, p, k->next };
        if (match_seq (k->atoms, k->i + 1, g->end, s, p, len, &again))
          return TRUE;
      }
    if (rounds >= g->min)
      return match_seq (k->atoms, g->end, k->end, s, p, len, k->next);
    return FALSE;
  }
}

static gboolean
match_seq (const PpRngAtom *a, guint i, guint end, const char *s, gsize p, gsize len, const Cont *k)
{
  const PpRngAtom *atom;

  if (i >= end)
    return match_cont (s, p, len, k);
  atom = &a[i];
  if (atom->group)
    {
      Cont round = { a, i, end, 0, p, k };
      return match_cont (s, p, len, &round);
    }
  {
    gsize run = 0, max = atom->max < 0 ? G_MAXSIZE : (gsize) atom->max;

    while (run < max && p + run < len && in_class (atom, (unsigned char) s[p + run]))
      run++;
    if (run < (gsize) atom->min)
      return FALSE;
    for (gsize n = run + 1; n-- > (gsize) atom->min;)
      if (match_seq (a, atom->end, end, s, p + n, len, k))
        return TRUE;
    return FALSE;
  }
}

static gboolean
pattern_matches (const PpRngData *d, const char *v)
{
  return match_seq (d->pattern, 0, d->n_pattern, v, 0, strlen (v), NULL);
}

/* Why @v does not match the pattern of @d: a count for a fixed-length
 * class ("15 digits; an Alibaba Cloud account UID has 16"), else the
 * first character no class takes, else the pattern. */
static void
explain_pattern (const PpRngData *d, const char *v, GString *why)
{
  const PpRngAtom *a = d->pattern;
  gboolean optional = FALSE;

  if (d->n_pattern == 2 && a[0].group && a[0].min == 0 && a[0].max == 1 && !a[1].group)
    {
      optional = TRUE;
      a = &a[1];
    }
  if ((d->n_pattern == 1 || optional) && !a->group)
    {
      gsize n = 0, len = strlen (v);
      gboolean digits = a->cls[0] == 0 && a->cls[1] == 0x03ff0000u && a->cls[2] == 0 && a->cls[3] == 0;

      while (n < len && in_class (a, (unsigned char) v[n]))
        n++;
      if (n == len && a->min == a->max)
        {
          g_string_append_printf (why, "%" G_GSIZE_FORMAT " %s; ", len, digits ? "digits" : "characters");
          if (d->what != NULL)
            g_string_append_printf (why, "%s has %d", d->what, a->min);
          else
            g_string_append_printf (why, "expected %d", a->min);
          if (optional)
            g_string_append (why, ", or nothing");
          return;
        }
      if (n == len)
        {
          g_string_append_printf (why, "%" G_GSIZE_FORMAT " characters; expected %d to %d", len, a->min, a->max);
          return;
        }
      if ((unsigned char) v[n] >= 32 && (unsigned char) v[n] < 127)
        g_string_append_printf (why, "the character '%c' is not allowed; ", v[n]);
      else
        g_string_append (why, "a character that is not allowed; ");
      if (d->what != NULL)
        g_string_append_printf (why, "%s is %s", d->what, d->pattern_text);
      else
        g_string_append_printf (why, "expected %s", d->pattern_text);
      return;
    }
  g_string_append_printf (why, "does not match the pattern %s", d->pattern_text);
}

/* Parses an optionally signed decimal [start, end): digits before and
 * after the point, without leading zeros of the whole part. */
static gboolean
parse_decimal (const char *start, const char *end, gboolean integer, gboolean *negative,
               const char **whole, gsize *n_whole, gboolean *fraction)
{
  const char *p = start;
  gsize digits = 0, significant;

  *negative = FALSE;
  *fraction = FALSE;
  if (p < end && (*p == '+' || *p == '-'))
    *negative = *p++ == '-';
  while (p < end && *p == '0' && p + 1 < end && g_ascii_isdigit (p[1]))
    p++, digits++;
  *whole = p;
  while (p < end && g_ascii_isdigit (*p))
    p++, digits++;
  *n_whole = (gsize) (p - *whole);
  if (*n_whole == 1 && **whole == '0')
    *n_whole = 0;
  significant = *n_whole;
  if (!integer && p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        {
          digits++;
          significant++;
          if (*p != '0')
            *fraction = TRUE;
          p++;
        }
    }
  /* libxml2 holds a decimal in 24 digits: the whole part without its
   * leading zeros and the fraction with its trailing ones. */
  return p == end && digits > 0 && significant <= 24;
}

/* Compares the number (negative, whole digits, fraction) with @bound:
 * <0, 0, >0. */
static int
compare_number (gboolean negative, const char *whole, gsize n_whole, gboolean fraction, gint64 bound)
{
  guint64 mag = 0;
  int sign;

  if (n_whole == 0 && !fraction)
    negative = FALSE;           /* -0 is 0 */
  if (n_whole > 18)
    return negative ? -1 : 1;
  for (gsize i = 0; i < n_whole; i++)
    mag = mag * 10 + (guint64) (whole[i] - '0');
  if (!negative)
    {
      if (bound < 0 || mag > (guint64) bound)
        return 1;
      if (mag < (guint64) bound)
        return -1;
      return fraction ? 1 : 0;
    }
  /* -(mag + fraction) against bound */
  if (bound >= 0)
    return (mag == 0 && !fraction && bound == 0) ? 0 : -1;
  sign = mag > (guint64) -bound ? -1 : mag < (guint64) -bound ? 1 : (fraction ? -1 : 0);
  return sign;
}

static gboolean
leap (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static gboolean
two_digits (const char *p, const char *end, int *v)
{
  if (end - p < 2 || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  *v = (p[0] - '0') * 10 + (p[1] - '0');
  return TRUE;
}

/* xsd:date: -?YYYY-MM-DD with an optional time zone (Z, +hh:mm, -hh:mm). */
static gboolean
valid_date (const char *p, const char *end)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  const char *y = p;
  gint64 year = 0;
  int month, day;

  if (p < end && *p == '-')
    y = ++p;
  while (p < end && g_ascii_isdigit (*p))
    {
      if (p - y < 12)
        year = year * 10 + (*p - '0');
      p++;
    }
  if (p - y < 4 || (p - y > 4 && *y == '0') || year == 0)
    return FALSE;
  if (p >= end || *p++ != '-' || !two_digits (p, end, &month))
    return FALSE;
  p += 2;
  if (p >= end || *p++ != '-' || !two_digits (p, end, &day))
    return FALSE;
  p += 2;
  if (month < 1 || month > 12 || day < 1)
    return FALSE;
  if (day > days[month - 1] && !(month == 2 && day == 29 && leap (year)))   /* as libxml2: the sign ignored */
    return FALSE;
  if (p == end)
    return TRUE;
  if (*p == 'Z')
    return p + 1 == end;
  if (*p == '+' || *p == '-')
    {
      int hh, mm;
      p++;
      if (!two_digits (p, end, &hh) || p + 2 >= end || p[2] != ':' || !two_digits (p + 3, end, &mm))
        return FALSE;
      return p + 5 == end && hh <= 14 && mm <= 59 && (hh < 14 || mm == 0);
    }
  return FALSE;
}

/* White space collapsed, as the token type compares. */
static gboolean
token_equal (const char *v, const char *value)
{
  const char *p, *end;

  trim (v, &p, &end);
  while (p < end)
    {
      if (is_space (*p))
        {
          while (is_space (*p))
            p++;
          if (*value++ != ' ')
            return FALSE;
          continue;
        }
      if (*value++ != *p++)
        return FALSE;
    }
  return *value == '\0';
}

static void
append_range (GString *why, const PpRngData *d, const char *noun)
{
  if (d->has_min && d->has_max)
    g_string_append_printf (why, "expected %s from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                            noun, d->min, d->max);
  else if (d->has_min)
    g_string_append_printf (why, "expected %s, %" G_GINT64_FORMAT " or more", noun, d->min);
  else if (d->has_max)
    g_string_append_printf (why, "expected %s, %" G_GINT64_FORMAT " or less", noun, d->max);
  else
    g_string_append_printf (why, "expected %s", noun);
}

/* TRUE if @v is a value of @d; else FALSE, with what is wrong in @why
 * when it is not NULL. */
static gboolean
check_value (const PpRngData *d, const char *v, GString *why)
{
  const char *start, *end;

  switch (d->kind)
    {
    case PP_RNG_TEXT:
      return TRUE;
    case PP_RNG_ENUM:
      for (guint i = 0; i < d->n_values; i++)
        if (token_equal (v, d->values[i]))
          return TRUE;
      if (why != NULL)
        {
          g_string_append (why, d->n_values == 1 ? "expected " : "expected one of ");
          for (guint i = 0; i < d->n_values; i++)
            g_string_append_printf (why, "%s%s", i ? ", " : "", d->values[i]);
        }
      return FALSE;
    case PP_RNG_STRING:
      {
        glong chars = -1;

        if (d->min_length >= 0 || d->max_length >= 0)
          chars = g_utf8_strlen (v, -1);
        if (d->max_length >= 0 && chars > d->max_length)
          {
            if (why != NULL)
              g_string_append_printf (why, "%ld characters; at most %" G_GINT64_FORMAT, chars, d->max_length);
            return FALSE;
          }
        if (d->min_length >= 0 && chars < d->min_length)
          {
            if (why != NULL)
              g_string_append_printf (why, "%s; at least %" G_GINT64_FORMAT " character%s",
                                      chars == 0 ? "empty" : "too short", d->min_length,
                                      d->min_length == 1 ? "" : "s");
            return FALSE;
          }
        if (d->pattern != NULL && !pattern_matches (d, v))
          {
            if (why != NULL)
              explain_pattern (d, v, why);
            return FALSE;
          }
        return TRUE;
      }
    case PP_RNG_DECIMAL:
    case PP_RNG_INTEGER:
      {
        gboolean integer = d->kind == PP_RNG_INTEGER, negative, fraction;
        const char *whole;
        gsize n_whole;

        trim (v, &start, &end);
        if (!parse_decimal (start, end, integer, &negative, &whole, &n_whole, &fraction)
            || (d->has_min && compare_number (negative, whole, n_whole, fraction, d->min) < 0)
            || (d->has_max && compare_number (negative, whole, n_whole, fraction, d->max) > 0))
          {
            if (why != NULL)
              append_range (why, d, integer ? "a whole number" : "a number");
            return FALSE;
          }
        return TRUE;
      }
    case PP_RNG_BOOLEAN:
      trim (v, &start, &end);
      if ((end - start == 4 && memcmp (start, "true", 4) == 0) ||
          (end - start == 5 && memcmp (start, "false", 5) == 0) ||
          (end - start == 1 && (*start == '1' || *start == '0')))
        return TRUE;
      if (why != NULL)
        g_string_append (why, "expected true or false");
      return FALSE;
    case PP_RNG_DATE:
      trim (v, &start, &end);
      if (valid_date (start, end))
        return TRUE;
      if (why != NULL)
        g_string_append (why, "expected a date, YYYY-MM-DD, e.g. 2026-11-26");
      return FALSE;
    }
  return FALSE;
}

/* ---- Elements and attributes ---- */

static const PpRngAttr *
find_attr (const PpRngVariant *v, const char *name)
{
  for (guint i = 0; i < v->n_attrs; i++)
    if (v->attrs[i].name[0] == name[0] && strcmp (v->attrs[i].name, name) == 0)
      return &v->attrs[i];
  return NULL;
}

typedef enum { ATTRS_OK, ATTRS_UNKNOWN, ATTRS_FOREIGN, ATTRS_VALUE, ATTRS_MISSING } AttrsResult;

/* Checks the attributes against variant @v: the first problem, and which
 * attribute (index into the instance's, or into v->attrs for a missing
 * one); *score counts what matched (an enumerated value twice: it says
 * which variant was meant). */
static AttrsResult
check_attrs (const PpRngVariant *v, guint n, const char *const *names, const char *const *nss,
             const char *const *values, guint *which, guint *score)
{
  AttrsResult result = ATTRS_OK;
  guint64 seen = 0;

  *score = 0;
  for (guint i = 0; i < n; i++)
    {
      const PpRngAttr *a;

      if (nss != NULL && nss[i] != NULL)
        {
          if (result == ATTRS_OK)
            result = ATTRS_FOREIGN, *which = i;
          continue;
        }
      a = find_attr (v, names[i]);
      if (a == NULL)
        {
          if (result == ATTRS_OK)
            result = ATTRS_UNKNOWN, *which = i;
          continue;
        }
      if (!check_value (a->data, values[i], NULL))
        {
          if (result == ATTRS_OK)
            result = ATTRS_VALUE, *which = i;
          continue;
        }
      *score += a->data->kind == PP_RNG_ENUM ? 2 : 1;
      seen |= G_GUINT64_CONSTANT (1) << (a - v->attrs);
    }
  if (result != ATTRS_OK)
    return result;
  for (guint k = 0; k < v->n_attrs; k++)
    if (v->attrs[k].required && !(seen & (G_GUINT64_CONSTANT (1) << k)))
      {
        *which = k;
        return ATTRS_MISSING;
      }
  return ATTRS_OK;
}

static void
append_quoted_value (GString *msg, const char *v)
{
  glong chars = g_utf8_strlen (v, -1);

  if (chars <= 40)
    {
      g_string_append (msg, v);
      return;
    }
  g_string_append_len (msg, v, g_utf8_offset_to_pointer (v, 37) - v);
  g_string_append (msg, "...");
}

static void
append_attr_names (GString *msg, const PpRngVariant *v, gboolean required_only)
{
  gboolean any = FALSE;

  for (guint i = 0; i < v->n_attrs; i++)
    if (!required_only || v->attrs[i].required)
      {
        g_string_append_printf (msg, "%s%s", any ? ", " : "", v->attrs[i].name);
        any = TRUE;
      }
  if (!any)
    g_string_append (msg, "no attributes");
}

static gboolean
has_child (const PpRngVariant *v, const char *name)
{
  for (guint s = 0; s < v->n_states; s++)
    for (guint i = v->states[s].first; i < v->states[s].first + v->states[s].n; i++)
      if (strcmp (v->trans[i].name, name) == 0)
        return TRUE;
  return FALSE;
}

/* When another variant of @el than @chosen takes @what (an attribute, or
 * a child element when @child), says which: "; 'bandwidth' goes with
 * type="vpc-peer", not type="router-interface"", from an enumerated
 * attribute of one value that both have with different values. */
static gboolean
append_other_form (GString *msg, const PpRngElement *el, const PpRngVariant *chosen,
                   const char *what, gboolean child)
{
  for (guint i = 0; i < el->n_variants; i++)
    {
      const PpRngVariant *o = &el->variants[i];

      if (o == chosen || (child ? !has_child (o, what) : find_attr (o, what) == NULL))
        continue;
      for (guint k = 0; k < o->n_attrs; k++)
        {
          const PpRngAttr *mine = find_attr (chosen, o->attrs[k].name);

          if (o->attrs[k].data->kind == PP_RNG_ENUM && o->attrs[k].data->n_values == 1 && mine != NULL
              && mine->data->kind == PP_RNG_ENUM && mine->data->n_values == 1)
            {
              g_string_append_printf (msg, child ? "; <%s> goes with %s=\"%s\", not %s=\"%s\""
                                                 : "; '%s' goes with %s=\"%s\", not %s=\"%s\"", what,
                                      o->attrs[k].name, o->attrs[k].data->values[0],
                                      mine->name, mine->data->values[0]);
              return TRUE;
            }
        }
    }
  return FALSE;
}

static gboolean
attrs_error (PpRngChecker *c, const PpRngElement *el, guint n, const char *const *names,
             const char *const *nss, const char *const *values, guint line, GError **error)
{
  const PpRngVariant *best = NULL;
  guint best_score = 0, which = 0;
  AttrsResult best_result = ATTRS_OK;
  GString *msg = g_string_new (NULL);
  gboolean suggested = FALSE;

  for (guint i = 0; i < el->n_variants; i++)
    {
      guint w = 0, score;
      AttrsResult r = check_attrs (&el->variants[i], n, names, nss, values, &w, &score);

      if (best == NULL || score > best_score)
        {
          best = &el->variants[i];
          best_score = score;
          best_result = r;
          which = w;
        }
    }
  switch (best_result)
    {
    case ATTRS_FOREIGN:
      g_string_append_printf (msg, "attribute '%s' in namespace \"%s\" is not allowed on <%s>; <%s> takes ",
                              names[which], nss[which], el->name, el->name);
      append_attr_names (msg, best, FALSE);
      break;
    case ATTRS_UNKNOWN:
      {
        g_autofree const char **cands = g_new0 (const char *, best->n_attrs + 1);
        const char *near;

        for (guint i = 0; i < best->n_attrs; i++)
          cands[i] = best->attrs[i].name;
        near = pp_suggest (names[which], cands);
        g_string_append_printf (msg, "unknown attribute '%s' on <%s>", names[which], el->name);
        if (near != NULL)
          {
            g_string_append_printf (msg, "; did you mean '%s'?", near);
            suggested = TRUE;
          }
        else
          {
            g_string_append_printf (msg, "; <%s> takes ", el->name);
            append_attr_names (msg, best, FALSE);
            append_other_form (msg, el, best, names[which], FALSE);
          }
        break;
      }
    case ATTRS_VALUE:
      {
        const PpRngAttr *a = find_attr (best, names[which]);
        GString *why = g_string_new (NULL);

        g_string_append_printf (msg, "%s=\"", names[which]);
        append_quoted_value (msg, values[which]);
        g_string_append_printf (msg, "\" on <%s>: ", el->name);
        if (a->data->kind == PP_RNG_ENUM && el->n_variants > 1)
          {
            /* Every value the variants give this attribute. */
            GPtrArray *all = g_ptr_array_new ();

            for (guint i = 0; i < el->n_variants; i++)
              {
                const PpRngAttr *o = find_attr (&el->variants[i], names[which]);
                for (guint k = 0; o != NULL && o->data->kind == PP_RNG_ENUM && k < o->data->n_values; k++)
                  {
                    gboolean seen = FALSE;
                    for (guint j = 0; j < all->len && !seen; j++)
                      seen = strcmp (g_ptr_array_index (all, j), o->data->values[k]) == 0;
                    if (!seen)
                      g_ptr_array_add (all, (gpointer) o->data->values[k]);
                  }
              }
            g_string_append (why, all->len == 1 ? "expected " : "expected one of ");
            for (guint j = 0; j < all->len; j++)
              g_string_append_printf (why, "%s%s", j ? ", " : "", (const char *) g_ptr_array_index (all, j));
            g_ptr_array_add (all, NULL);
            {
              const char *near = pp_suggest (values[which], (const char *const *) all->pdata);
              if (near != NULL && strcmp (near, values[which]) != 0)
                g_string_append_printf (why, "; did you mean %s?", near), suggested = TRUE;
            }
            g_ptr_array_free (all, TRUE);
          }
        else
          {
            check_value (a->data, values[which], why);
            if (a->data->kind == PP_RNG_ENUM)
              {
                const char *near = pp_suggest (values[which], a->data->values);
                if (near != NULL)
                  g_string_append_printf (why, "; did you mean %s?", near), suggested = TRUE;
              }
          }
        g_string_append (msg, why->str);
        g_string_free (why, TRUE);
        break;
      }
    case ATTRS_MISSING:
      g_string_append_printf (msg, "<%s> lacks the required attribute '%s'; <%s> requires ",
                              el->name, best->attrs[which].name, el->name);
      append_attr_names (msg, best, TRUE);
      break;
    case ATTRS_OK:
      g_string_append_printf (msg, "<%s>: attributes of no known form", el->name);
      break;
    }
  return fail (c, line, suggested, error, msg);
}

/* The transition of @v from @state on the child @name, whose schema
 * pointer is @canon (NULL: compare the text), or NULL. */
static const PpRngTrans *
step (const PpRngVariant *v, guint state, const char *name, const char *canon)
{
  const PpRngState *st = &v->states[state];

  for (guint i = st->first; i < st->first + st->n; i++)
    if (canon != NULL ? v->trans[i].name == canon : strcmp (v->trans[i].name, name) == 0)
      return &v->trans[i];
  return NULL;
}

static int
first_live (const Frame *f)
{
  for (int i = 0; i < MAX_VARIANTS; i++)
    if (f->live & (1u << i))
      return i;
  return 0;
}

/* "<route> or the end of <vpc>": what may come in state @state of @v. */
static void
append_expected (GString *msg, const PpRngVariant *v, guint state, const char *parent)
{
  const PpRngState *st = &v->states[state];
  guint shown = 0;

  for (guint i = st->first; i < st->first + st->n; i++)
    {
      gboolean seen = FALSE;
      for (guint j = st->first; j < i && !seen; j++)
        seen = strcmp (v->trans[j].name, v->trans[i].name) == 0;
      if (seen)
        continue;
      if (shown > 0)
        g_string_append (msg, i + 1 == st->first + st->n && !st->final ? " or " : ", ");
      g_string_append_printf (msg, "<%s>", v->trans[i].name);
      shown++;
    }
  if (st->final)
    g_string_append_printf (msg, "%sthe end of <%s>", shown ? " or " : "", parent);
}

static gboolean
child_error (PpRngChecker *c, const Frame *f, const char *ns, const char *name, guint line, GError **error)
{
  const PpRngElement *pe = &c->schema->elements[f->element];
  int vi = first_live (f);
  const PpRngVariant *v = &pe->variants[vi];
  GString *msg = g_string_new (NULL);
  gboolean elsewhere = FALSE, suggested = FALSE;
  GPtrArray *names = g_ptr_array_new ();
  const char *near;

  if (g_strcmp0 (ns, c->schema->ns) != 0)
    {
      g_string_append_printf (msg, "<%s> is in %s%s%s; the elements of this format are in %s",
                              name, ns != NULL ? "namespace \"" : "no namespace",
                              ns != NULL ? ns : "", ns != NULL ? "\"" : "", c->schema->ns);
      g_ptr_array_free (names, TRUE);
      return fail (c, line, FALSE, error, msg);
    }
  for (guint s = 0; s < v->n_states; s++)
    {
      const PpRngState *st = &v->states[s];
      for (guint i = st->first; i < st->first + st->n; i++)
        {
          gboolean seen = FALSE;
          for (guint j = 0; j < names->len && !seen; j++)
            seen = strcmp (g_ptr_array_index (names, j), v->trans[i].name) == 0;
          if (!seen)
            g_ptr_array_add (names, (gpointer) v->trans[i].name);
          if (strcmp (v->trans[i].name, name) == 0)
            elsewhere = TRUE;
        }
    }
  g_ptr_array_add (names, NULL);
  if (v->text)
    g_string_append_printf (msg, "<%s> is not allowed in <%s>, which holds only text", name, pe->name);
  else if (elsewhere)
    {
      g_string_append_printf (msg, "<%s> cannot come here in <%s>: expected ", name, pe->name);
      append_expected (msg, v, f->state[vi], pe->name);
      g_string_append_printf (msg, " (<%s> holds %s, in that order)", pe->name, v->content);
    }
  else
    {
      g_string_append_printf (msg, "<%s> is not allowed in <%s>, which holds %s", name, pe->name,
                              v->content);
      near = pp_suggest (name, (const char *const *) names->pdata);
      if (append_other_form (msg, pe, v, name, TRUE))
        ;
      else if (near != NULL)
        {
          g_string_append_printf (msg, "; did you mean <%s>?", near);
          suggested = TRUE;
        }
    }
  g_ptr_array_free (names, TRUE);
  return fail (c, line, suggested, error, msg);
}

/* Whether @sh holds the @n attributes @names (@nss: as pp_rng_checker_start()
 * takes them). */
static gboolean
shape_is (const Shape *sh, guint n, const char *const *names, const char *const *nss)
{
  if (sh->n != n || (n > 0 && memcmp (sh->names, names, n * sizeof *names) != 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (sh->nss[i] != (nss != NULL ? nss[i] : NULL))
      return FALSE;
  return TRUE;
}

/* @sh becomes the shape of those attributes on @el: check_attrs()'s
 * verdict for each variant, values aside. */
static void
shape_fill (Shape *sh, const PpRngElement *el, guint n, const char *const *names,
            const char *const *nss)
{
  sh->n = n;
  sh->fit = 0;
  for (guint i = 0; i < n; i++)
    {
      sh->names[i] = names[i];
      sh->nss[i] = nss != NULL ? nss[i] : NULL;
    }
  for (guint vi = 0; vi < el->n_variants; vi++)
    {
      const PpRngVariant *v = &el->variants[vi];
      guint64 seen = 0;
      gboolean fit = TRUE;

      for (guint i = 0; i < n && fit; i++)
        {
          const PpRngAttr *a = sh->nss[i] == NULL ? find_attr (v, names[i]) : NULL;

          fit = a != NULL;
          if (fit)
            {
              sh->data[vi][i] = a->data;
              seen |= G_GUINT64_CONSTANT (1) << (a - v->attrs);
            }
        }
      for (guint k = 0; k < v->n_attrs && fit; k++)
        fit = !v->attrs[k].required || (seen & (G_GUINT64_CONSTANT (1) << k));
      if (fit)
        sh->fit |= 1u << vi;
    }
}

/* The variants of @el whose attributes the @n given are (check_attrs()
 * says ATTRS_OK), by the shape @sh of the same names. */
static guint32
shape_live (const Shape *sh, const PpRngElement *el, guint n, const char *const *values)
{
  guint32 live = 0;

  for (guint vi = 0; vi < el->n_variants; vi++)
    {
      gboolean ok = (sh->fit & (1u << vi)) != 0;

      for (guint i = 0; i < n && ok; i++)
        ok = check_value (sh->data[vi][i], values[i], NULL);
      if (ok)
        live |= 1u << vi;
    }
  return live;
}

/* Whether @ns is the schema's namespace. */
static gboolean
schema_ns (PpRngChecker *c, const char *ns)
{
  if (c->interned && ns != NULL && ns == c->ns_seen)
    return TRUE;
  if (g_strcmp0 (ns, c->schema->ns) != 0)
    return FALSE;
  if (c->interned)
    c->ns_seen = ns;
  return TRUE;
}

gboolean
pp_rng_checker_start (PpRngChecker *c, const char *ns, const char *name, guint n_attrs,
                      const char *const *names, const char *const *nss, const char *const *values,
                      guint line, GError **error)
{
  const PpRngSchema *s = c->schema;
  Frame child = { 0 };
  const PpRngElement *el;
  guint elem;

  g_return_val_if_fail (!c->failed, FALSE);
  if (c->depth == 0)
    {
      if (g_strcmp0 (ns, s->ns) != 0 || strcmp (name, s->elements[s->root].name) != 0)
        {
          GString *msg = g_string_new (NULL);
          g_string_append_printf (msg, "the root element is <%s>%s%s%s, not <%s xmlns=\"%s\">", name,
                                  ns != NULL ? " in namespace \"" : " in no namespace",
                                  ns != NULL ? ns : "", ns != NULL ? "\"" : "",
                                  s->elements[s->root].name, s->ns);
          return fail (c, line, FALSE, error, msg);
        }
      elem = s->root;
    }
  else
    {
      Frame *f = &c->frames[c->depth - 1];
      const PpRngElement *pe = &s->elements[f->element];
      const char *canon_name = canonical (c, name);
      guint32 live = 0;

      elem = G_MAXUINT;
      if (schema_ns (c, ns))
        for (guint i = 0; i < pe->n_variants; i++)
          {
            const PpRngTrans *t;

            if (!(f->live & (1u << i)))
              continue;
            t = step (&pe->variants[i], f->state[i], name, canon_name);
            if (t == NULL)
              continue;
            live |= 1u << i;
            f->state[i] = t->to;
            elem = t->element;  /* the same in every variant (pp-rng-gen checks) */
          }
      if (live == 0)
        return child_error (c, f, ns, name, line, error);
      f->live = live;
    }

  el = &s->elements[elem];
  child.element = elem;
  if (c->shapes != NULL && n_attrs <= SHAPE_MAX)
    {
      Shape *sh = &c->shapes[elem];

      if (!shape_is (sh, n_attrs, names, nss))
        shape_fill (sh, el, n_attrs, names, nss);
      child.live = shape_live (sh, el, n_attrs, values);
    }
  else
    for (guint i = 0; i < el->n_variants; i++)
      {
        guint which, score;
        if (check_attrs (&el->variants[i], n_attrs, names, nss, values, &which, &score) == ATTRS_OK)
          child.live |= 1u << i;
      }
  if (child.live == 0)
    return attrs_error (c, el, n_attrs, names, nss, values, line, error);
  if (c->depth == c->n_frames)
    {
      c->n_frames *= 2;
      c->frames = g_renew (Frame, c->frames, c->n_frames);
    }
  c->frames[c->depth++] = child;
  return TRUE;
}

gboolean
pp_rng_checker_wants_text (const PpRngChecker *c)
{
  const Frame *f;
  const PpRngElement *el;

  if (c->depth == 0)
    return TRUE;
  f = &c->frames[c->depth - 1];
  el = &c->schema->elements[f->element];
  for (guint i = 0; i < el->n_variants; i++)
    if ((f->live & (1u << i)) && el->variants[i].text)
      return TRUE;
  return FALSE;
}

gboolean
pp_rng_checker_text (PpRngChecker *c, const char *text, gsize len, guint line, GError **error)
{
  const Frame *f;
  const PpRngElement *el;
  GString *msg;
  gsize i = 0;

  g_return_val_if_fail (!c->failed, FALSE);
  if (pp_rng_checker_wants_text (c))
    return TRUE;
  while (i < len && is_space (text[i]))
    {
      if (text[i] == '\n')
        line++;
      i++;
    }
  if (i == len)
    return TRUE;                /* white space between elements */
  f = &c->frames[c->depth - 1];
  el = &c->schema->elements[f->element];
  msg = g_string_new ("text \"");
  {
    gsize n = 0;
    const char *p = text + i;
    while (p < text + len && n < 20 && *p != '\n' && *p != '\r')
      {
        const char *next = g_utf8_find_next_char (p, text + len);
        if (next == NULL)
          next = text + len;
        g_string_append_len (msg, p, next - p);
        p = next;
        n++;
      }
    if (p < text + len && *p != '\n')
      g_string_append (msg, "...");
  }
  g_string_append_printf (msg, "\" is not allowed in <%s>, which holds %s", el->name,
                          el->variants[first_live (f)].content);
  return fail (c, line, FALSE, error, msg);
}

gboolean
pp_rng_checker_end (PpRngChecker *c, guint line, GError **error)
{
  Frame *f;
  const PpRngElement *el;
  guint32 done = 0;

  g_return_val_if_fail (!c->failed && c->depth > 0, FALSE);
  f = &c->frames[c->depth - 1];
  el = &c->schema->elements[f->element];
  for (guint i = 0; i < el->n_variants; i++)
    if ((f->live & (1u << i)) && el->variants[i].states[f->state[i]].final)
      done |= 1u << i;
  if (done == 0)
    {
      int vi = first_live (f);
      const PpRngVariant *v = &el->variants[vi];
      GString *msg = g_string_new (NULL);

      g_string_append_printf (msg, "<%s> ends too early: expected ", el->name);
      append_expected (msg, v, f->state[vi], el->name);
      g_string_append_printf (msg, "; <%s> holds %s", el->name, v->content);
      return fail (c, line, FALSE, error, msg);
    }
  c->depth--;
  return TRUE;
}

/* ---- A tree ---- */

#define MAX_TREE_ATTRS 64

static gboolean
check_node (PpRngChecker *c, xmlNodePtr node, GError **error)
{
  const char *names[MAX_TREE_ATTRS] = { NULL }, *nss[MAX_TREE_ATTRS] = { NULL };
  xmlChar *values[MAX_TREE_ATTRS] = { NULL };
  guint n = 0, line = (guint) MAX (xmlGetLineNo (node), 0);
  gboolean ok;

  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    {
      if (n == MAX_TREE_ATTRS)
        {
          for (guint i = 0; i < n; i++)
            xmlFree (values[i]);
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
                       "%s:%u: <%s> has more than %d attributes", c->file, line,
                       (const char *) node->name, MAX_TREE_ATTRS);
          return FALSE;
        }
      names[n] = (const char *) a->name;
      nss[n] = a->ns != NULL ? (const char *) a->ns->href : NULL;
      values[n] = xmlNodeGetContent ((xmlNodePtr) a);
      if (values[n] == NULL)
        values[n] = xmlStrdup ((const xmlChar *) "");
      n++;
    }
  ok = pp_rng_checker_start (c, node->ns != NULL ? (const char *) node->ns->href : NULL,
                             (const char *) node->name, n, names, nss,
                             (const char *const *) values, line, error);
  for (guint i = 0; i < n; i++)
    xmlFree (values[i]);
  if (!ok)
    return FALSE;
  for (xmlNodePtr k = node->children; k != NULL; k = k->next)
    {
      if (k->type == XML_ELEMENT_NODE)
        {
          if (!check_node (c, k, error))
            return FALSE;
        }
      else if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content != NULL
               && !pp_rng_checker_text (c, (const char *) k->content, strlen ((const char *) k->content),
                                        (guint) MAX (xmlGetLineNo (k), 0), error))
        return FALSE;
    }
  return pp_rng_checker_end (c, line, error);
}

gboolean
pp_rng_check_doc (const PpRngSchema *schema, xmlDocPtr doc, const char *file, const char *hint,
                  GError **error)
{
  g_autoptr(PpRngChecker) c = pp_rng_checker_new (schema, file, hint);
  xmlNodePtr root = xmlDocGetRootElement (doc);

  /* a tree's names and namespaces stay as they are while it is walked */
  pp_rng_checker_set_interned (c, TRUE);

  if (root == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_SCHEMA_INVALID, "%s:1: no root element", file);
      return FALSE;
    }
  return check_node (c, root, error);
}

gboolean
pp_rng_check_tree (PpRngChecker *c, xmlNodePtr root, GError **error)
{
  g_return_val_if_fail (c != NULL && root != NULL, FALSE);
  return check_node (c, root, error);
}
