/* SPDX-License-Identifier: MIT */
/* pp-mem.c: see pp-mem.h. */
#include "model/pp-mem.h"

#include <sys/mman.h>

void
pp_mem_advise_huge (gpointer p, gsize len)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) p + PP_HUGE_PAGE - 1) & ~(guintptr) (PP_HUGE_PAGE - 1);
  guintptr end = ((guintptr) p + len) & ~(guintptr) (PP_HUGE_PAGE - 1);

  if (end > start)
    (void) madvise ((void *) start, end - start, MADV_HUGEPAGE);
#else
  (void) p;
  (void) len;
#endif
}

GArray *
pp_array_new_huge (gboolean clear, guint element_size, guint n)
{
  GArray *a = g_array_sized_new (FALSE, clear, element_size, n);

  pp_mem_advise_huge (a->data, (gsize) n * element_size);
  return a;
}

gpointer
pp_mem_huge_block (gsize size)
{
  gpointer p;

  g_return_val_if_fail (size % PP_HUGE_PAGE == 0, NULL);
  p = g_aligned_alloc (1, size, PP_HUGE_PAGE);
  pp_mem_advise_huge (p, size);
  return p;
}
