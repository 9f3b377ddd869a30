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

struct _PpMemSupply {
  gsize size;
  gpointer next;              /* the block handed out next, or NULL */
  GThread *toucher;           /* faulting @next in, or NULL */
};

PpMemSupply *
pp_mem_supply_new (gsize size)
{
  PpMemSupply *s;

  g_return_val_if_fail (size % PP_HUGE_PAGE == 0, NULL);
  s = g_new0 (PpMemSupply, 1);
  s->size = size;
  return s;
}

/* Writes a byte of each page of the block: the kernel faults it in then. */
static gpointer
touch (gpointer data)
{
  PpMemSupply *s = data;
  volatile char *p = s->next;

  for (gsize at = 0; at < s->size; at += 4096)
    p[at] = 0;
  return NULL;
}

static void
supply_wait (PpMemSupply *s)
{
  if (s->toucher != NULL)
    g_thread_join (g_steal_pointer (&s->toucher));
}

gpointer
pp_mem_supply_take (PpMemSupply *s)
{
  gpointer block;

  supply_wait (s);
  block = s->next != NULL ? s->next : pp_mem_huge_block (s->size);
  s->next = pp_mem_huge_block (s->size);
  s->toucher = g_thread_try_new ("pp-touch", touch, s, NULL);
  return block;
}

void
pp_mem_supply_free (PpMemSupply *s)
{
  if (s == NULL)
    return;
  supply_wait (s);
  g_aligned_free (s->next);
  g_free (s);
}
