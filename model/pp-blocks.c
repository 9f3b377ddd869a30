/* SPDX-License-Identifier: MIT */
/* pp-blocks.c: records handed from one thread to another in blocks. */
#include "model/pp-blocks.h"

static void
block_free (gpointer data)
{
  PpBlock *blk = data;

  g_free (blk->data);
  g_free (blk);
}

void
pp_blocks_init (PpBlocks *b, gsize block_struct, gsize block_size, guint max)
{
  g_return_if_fail (b != NULL && block_struct >= sizeof (PpBlock) && max > 0);
  b->full = g_async_queue_new_full (block_free);
  b->empty = g_async_queue_new_full (block_free);
  b->cur = NULL;
  b->block_struct = block_struct;
  b->block_size = block_size;
  b->made = 0;
  b->max = max;
}

void
pp_blocks_clear (PpBlocks *b)
{
  if (b->cur != NULL)
    block_free (g_steal_pointer (&b->cur));
  g_clear_pointer (&b->full, g_async_queue_unref);
  g_clear_pointer (&b->empty, g_async_queue_unref);
}

PpBlock *
pp_blocks_current (PpBlocks *b)
{
  PpBlock *blk;

  if (b->cur != NULL)
    return b->cur;
  /* one given back, a new one while fewer than max exist, else the next
   * one given back */
  blk = g_async_queue_try_pop (b->empty);
  if (blk == NULL && b->made < b->max)
    {
      blk = g_malloc0 (b->block_struct);
      blk->size = b->block_size;
      blk->data = g_malloc (b->block_size);
      b->made++;
    }
  if (blk == NULL)
    blk = g_async_queue_pop (b->empty);
  b->cur = blk;
  return blk;
}

gboolean
pp_blocks_must_send (const PpBlocks *b, gsize size)
{
  return b->cur != NULL && b->cur->len + size > b->cur->size;
}

gpointer
pp_blocks_room (PpBlocks *b, gsize size)
{
  PpBlock *blk = pp_blocks_current (b);
  gpointer at;

  if (blk->len + size > blk->size)
    {
      blk->size = blk->len + size;
      blk->data = g_realloc (blk->data, blk->size);
    }
  at = blk->data + blk->len;
  blk->len += size;
  return at;
}

void
pp_blocks_send (PpBlocks *b)
{
  g_async_queue_push (b->full, pp_blocks_current (b));
  b->cur = NULL;
}

PpBlock *
pp_blocks_receive (PpBlocks *b)
{
  return g_async_queue_pop (b->full);
}

void
pp_blocks_give_back (PpBlocks *b, PpBlock *blk)
{
  blk->len = 0;
  g_async_queue_push (b->empty, blk);
}
