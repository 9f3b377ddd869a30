/* SPDX-License-Identifier: MIT */
/* pp-enum.h: text <-> enum through one string table per enum (the
 * libvirt VIR_ENUM pattern).  Each table is indexed by the enum and
 * checked against its _LAST sentinel with G_STATIC_ASSERT where it is
 * defined. */
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

G_END_DECLS
