/* SPDX-License-Identifier: MIT */
/* pp-blocks.h: records handed from one thread to another in blocks.
 *
 * Two threads that work on one stream of records in turn (the scenario
 * reader's parser and builder, the plan and its writer of steps) meet
 * once a block, not once a record: the producer appends records to a
 * block and sends it when it is full; the consumer takes blocks in the
 * order they were sent and gives each back once it is done with it.  At
 * most a given number of blocks exist, made as they are needed (a small
 * stream makes one), so a producer that is that far ahead waits for a
 * block to come back.
 *
 * A block is a struct of the caller's whose first member is a PpBlock,
 * for what the caller sends along with the records (how far the reader
 * has read, whether the block is the last).  The producer's side and the
 * consumer's side each belong to one thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *data;
  gsize len;                  /* the records' bytes */
  gsize size;                 /* room at @data */
} PpBlock;

typedef struct {
  GAsyncQueue *full;          /* sent, in order */
  GAsyncQueue *empty;         /* given back */
  PpBlock *cur;               /* the producer's, being filled; NULL: none yet */
  gsize block_struct;         /* the size of the caller's block struct */
  gsize block_size;
  guint made, max;
} PpBlocks;

/* At most @max blocks of @block_size bytes, each in a struct of
 * @block_struct bytes that starts with a PpBlock (zeroed when made). */
void     pp_blocks_init (PpBlocks *b, gsize block_struct, gsize block_size, guint max);
/* Frees every block; neither side may use @b any more. */
void     pp_blocks_clear (PpBlocks *b);

/* The producer's side.  The block being filled, a new one (or one given
 * back) when there is none. */
PpBlock *pp_blocks_current (PpBlocks *b);
/* Whether a block is being filled and @size more bytes do not fit in
 * it: then send it first. */
gboolean pp_blocks_must_send (const PpBlocks *b, gsize size);
/* @size bytes at the end of the block being filled, which grows when a
 * record is longer than a block (once in a while: a long text). */
gpointer pp_blocks_room (PpBlocks *b, gsize size);
/* Sends the block being filled (pp_blocks_current(): an empty one can
 * say that nothing follows). */
void     pp_blocks_send (PpBlocks *b);

/* The consumer's side.  The next block sent, waiting for it. */
PpBlock *pp_blocks_receive (PpBlocks *b);
/* @blk is read: emptied and given back to be filled again. */
void     pp_blocks_give_back (PpBlocks *b, PpBlock *blk);

G_END_DECLS
