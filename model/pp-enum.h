/* SPDX-License-Identifier: MIT */
/* pp-enum.h: text <-> enum through one string table per enum (the
 * libvirt VIR_ENUM_DECL/VIR_ENUM_IMPL pattern).
 *
 * In the header, next to the enum (which ends with a _LAST sentinel):
 *
 *   PP_ENUM_DECL (pp_cycle, PpCycle);
 *
 * declares pp_cycle_to_string() and pp_cycle_from_string(); in one .c file
 *
 *   PP_ENUM_IMPL (pp_cycle, PpCycle, PP_CYCLE_LAST, "month", "year");
 *
 * defines them over a table that must name every value, in order: its
 * length is checked against the sentinel at compile time.  A reader turns
 * text it does not know into an error naming the text, never into a
 * default value. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of @s in @table[0..@n), or -1 when absent (or @s is NULL). */
static inline int
pp_enum_from_string (const char *const *table, guint n, const char *s)
{
  for (guint i = 0; s != NULL && i < n; i++)
    if (table[i] != NULL && g_str_equal (table[i], s))
      return (int) i;
  return -1;
}

/* Declares PREFIX_to_string (Type) -> const char * (NULL, with a critical,
 * for a value out of range) and PREFIX_from_string (text, Type *out) ->
 * gboolean (FALSE, *out untouched, for NULL or unknown text). */
#define PP_ENUM_DECL(prefix, Type)                                              \
  const char *prefix##_to_string (Type v);                                      \
  gboolean prefix##_from_string (const char *s, Type *out)

/* Defines what PP_ENUM_DECL declared, over the names given in order. */
#define PP_ENUM_IMPL(prefix, Type, last, ...)                                   \
  static const char *const prefix##_names[] = { __VA_ARGS__ };                  \
  G_STATIC_ASSERT (G_N_ELEMENTS (prefix##_names) == (last));                    \
  const char *                                                                  \
  prefix##_to_string (Type v)                                                   \
  {                                                                             \
    g_return_val_if_fail ((guint) v < (guint) (last), NULL);                    \
    return prefix##_names[v];                                                   \
  }                                                                             \
  gboolean                                                                      \
  prefix##_from_string (const char *s, Type *out)                               \
  {                                                                             \
    int i = pp_enum_from_string (prefix##_names, (last), s);                    \
                                                                                \
    if (i < 0)                                                                  \
      return FALSE;                                                             \
    *out = (Type) i;                                                            \
    return TRUE;                                                                \
  }                                                                             \
  G_STATIC_ASSERT (TRUE)

G_END_DECLS
