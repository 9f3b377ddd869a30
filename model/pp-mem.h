/* SPDX-License-Identifier: MIT */
/* pp-mem.h: memory for the few arrays that grow to hundreds of megabytes
 * on a large estate (the scenario's routes, the engine's route entries).
 *
 * Touching fresh memory 4 KiB at a time costs a page fault each, and on
 * a virtual machine a page fault is dear: on the 20 000-VPC estate they
 * were a sixth of `check`'s time.  With transparent huge pages in madvise
 * mode (Debian's default), memory advised with MADV_HUGEPAGE is faulted
 * in 2 MiB at a time.  Only memory that is touched counts in the
 * process's size, so a generous reservation costs address space, not
 * memory. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The size of a huge page (the unit pp_mem_advise_huge() works in). */
#define PP_HUGE_PAGE (2u << 20)

/* Asks for huge pages for the whole 2 MiB pages inside [@p, @p + @len).
 * A hint: nothing happens where the system cannot, or will not. */
void     pp_mem_advise_huge (gpointer p, gsize len);

/* g_array_sized_new (FALSE, @clear, @element_size, @n), advised as
 * above: room for @n elements at once, no copy as it grows to them. */
GArray  *pp_array_new_huge (gboolean clear, guint element_size, guint n);

/* A block of @size bytes (a multiple of PP_HUGE_PAGE) aligned to a huge
 * page and advised; free it with g_aligned_free(). */
gpointer pp_mem_huge_block (gsize size);

/* Huge blocks (pp_mem_huge_block()) of one size, handed out one at a
 * time, the next one already faulted in on a thread of its own while
 * the caller fills the last: on a virtual machine the first touch of a
 * fresh huge page costs about as much as filling it. */
typedef struct _PpMemSupply PpMemSupply;

PpMemSupply *pp_mem_supply_new (gsize size);
/* A block of the supply's size (free it with g_aligned_free()), touched
 * already when the thread got to it. */
gpointer     pp_mem_supply_take (PpMemSupply *s);
/* Frees @s and the block it held ready (nullable). */
void         pp_mem_supply_free (PpMemSupply *s);

G_END_DECLS
