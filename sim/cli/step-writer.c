/* SPDX-License-Identifier: MIT */
/* step-writer.c: a runbook's steps written on a thread of their own.
 *
 * The caller's side appends records to a block (model/pp-blocks.h): a
 * step's text as it is ('T'), a route step's brief ('R': its numbers,
 * the static strings by pointer, the others copied after it), or a
 * function to call there ('F').  At most MAX_BLOCKS exist, so the caller
 * waits when the writer is that far behind.  A block is written in the
 * order of its records, blocks in the order they were sent: the
 * runbook's order.
 */
#include "sim/cli/step-writer.h"
#include "sim/cli/runbook.h"
#include "model/pp-blocks.h"

#include <string.h>

/* Blocks of 256 KB: about a thousand route steps each, so the two
 * threads meet a thousand times less often than there are steps. */
#define BLOCK_SIZE (256 * 1024)
#define MAX_BLOCKS 8
/* The writer writes its text in pieces of about this size. */
#define WRITE_SIZE (256 * 1024)

typedef struct {
  PpBlock base;
  gboolean last;              /* nothing follows */
} Block;

/* What a route record holds before its strings; copied in and out with
 * memcpy (a record starts anywhere in a block). */
typedef struct {
  guint number, connection, n, route;
  gint64 time;
  const char *version, *after_call, *settled;   /* static */
  gboolean has_hop;
  guint32 len[6];             /* the strings that follow, each with its NUL */
} RouteHead;

enum { S_TABLE, S_HOP_TEMPLATE, S_HOP, S_UID, S_REQUEST, S_CREATED, S_LAST };

struct _PpStepWriter {
  FILE *out;
  PpStepFormatFunc format;    /* how a step is put together, on either side */
  gpointer format_data;
  GThread *thread;
  PpBlocks blocks;            /* Block: to the writer and back */
  GString *mine;              /* the caller's: a step put together */
  PpPlanRouteView *view;      /* the writer's */
  GString *text;              /* the writer's: text not yet written */
};

/* The route step of the record at @p (its head @h), as text appended to
 * the writer's text. */
static void
write_route (PpStepWriter *w, const RouteHead *h, const char *p)
{
  const char *s[S_LAST];
  PpPlanRoute route;

  for (guint i = 0; i < S_LAST; i++)
    {
      s[i] = p;
      p += h->len[i];
    }
  route = (PpPlanRoute) {
    .number = h->number,
    .connection = h->connection,
    .n = h->n,
    .route = h->route,
    .time = h->time,
    .table = s[S_TABLE],
    .hop_template = s[S_HOP_TEMPLATE],
    .hop = h->has_hop ? s[S_HOP] : NULL,
    .caller_uid = s[S_UID],
    .request_id = s[S_REQUEST],
    .created = s[S_CREATED],
    .version = h->version,
    .after_call = h->after_call,
    .settled = h->settled,
  };
  w->format (w->text, pp_plan_route_view (w->view, &route), w->format_data);
}

static void
write_text (PpStepWriter *w, gboolean all)
{
  if (w->text->len > 0 && (all || w->text->len >= WRITE_SIZE))
    {
      fwrite (w->text->str, 1, w->text->len, w->out);
      g_string_truncate (w->text, 0);
    }
}

static void
write_block (PpStepWriter *w, const PpBlock *b)
{
  gsize at = 0;

  while (at < b->len)
    {
      char tag = b->data[at++];

      if (tag == 'T')
        {
          guint32 len;

          memcpy (&len, b->data + at, sizeof len);
          at += sizeof len;
          g_string_append_len (w->text, b->data + at, len);
          at += len;
        }
      else if (tag == 'F')
        {
          PpStepWriterFunc func;
          gpointer data;

          memcpy (&func, b->data + at, sizeof func);
          at += sizeof func;
          memcpy (&data, b->data + at, sizeof data);
          at += sizeof data;
          write_text (w, TRUE);
          func (w->out, data);
        }
      else
        {
          RouteHead h;

          g_assert (tag == 'R');
          memcpy (&h, b->data + at, sizeof h);
          at += sizeof h;
          write_route (w, &h, b->data + at);
          for (guint i = 0; i < S_LAST; i++)
            at += h.len[i];
        }
      write_text (w, FALSE);
    }
}

static gpointer
writer_run (gpointer data)
{
  PpStepWriter *w = data;
  gboolean last = FALSE;

  while (!last)
    {
      Block *b = (Block *) pp_blocks_receive (&w->blocks);

      write_block (w, &b->base);
      last = b->last;
      pp_blocks_give_back (&w->blocks, &b->base);
    }
  write_text (w, TRUE);
  return NULL;
}

void
pp_step_format_text (GString *out, const PpStepResult *r, gpointer data)
{
  pp_runbook_text_step_append (out, r, TRUE, GPOINTER_TO_INT (data));
}

void
pp_step_format_json (GString *out, const PpStepResult *r, gpointer data)
{
  (void) data;
  pp_runbook_json_step_append (out, r);
}

void
pp_step_format_markdown (GString *out, const PpStepResult *r, gpointer data)
{
  (void) data;
  pp_runbook_markdown_step_append (out, r);
}

void
pp_step_format_workflow (GString *out, const PpStepResult *r, gpointer data)
{
  (void) data;
  pp_workflow_xml_step (out, r->step, r);
}

PpStepWriter *
pp_step_writer_new (FILE *out, const PpScenario *sc, gboolean color, GError **error)
{
  return pp_step_writer_new_format (out, sc, pp_step_format_text, GINT_TO_POINTER (color != FALSE),
                                    error);
}

PpStepWriter *
pp_step_writer_new_format (FILE *out, const PpScenario *sc, PpStepFormatFunc format,
                           gpointer data, GError **error)
{
  PpStepWriter *w;

  g_return_val_if_fail (out != NULL && sc != NULL && format != NULL, NULL);
  w = g_new0 (PpStepWriter, 1);
  w->out = out;
  w->format = format;
  w->format_data = data;
  pp_blocks_init (&w->blocks, sizeof (Block), BLOCK_SIZE, MAX_BLOCKS);
  w->mine = g_string_sized_new (1024);
  w->view = pp_plan_route_view_new (sc);
  w->text = g_string_sized_new (WRITE_SIZE + 4096);
  w->thread = g_thread_try_new ("pp-steps", writer_run, w, error);
  if (w->thread == NULL)
    {
      pp_step_writer_finish (w);
      return NULL;
    }
  return w;
}

/* @need bytes for a record, at the end of the block being filled. */
static char *
room (PpStepWriter *w, gsize need)
{
  if (pp_blocks_must_send (&w->blocks, need))
    pp_blocks_send (&w->blocks);
  return pp_blocks_room (&w->blocks, need);
}

void
pp_step_writer_text (PpStepWriter *w, const char *text, gsize len)
{
  guint32 n = (guint32) len;
  char *p;

  g_return_if_fail (w != NULL && len <= G_MAXUINT32);
  p = room (w, 1 + sizeof n + len);
  *p++ = 'T';
  memcpy (p, &n, sizeof n);
  memcpy (p + sizeof n, text, len);
}

void
pp_step_writer_step (PpStepWriter *w, const PpStepResult *r)
{
  g_return_if_fail (w != NULL && r != NULL);
  g_string_truncate (w->mine, 0);
  w->format (w->mine, r, w->format_data);
  pp_step_writer_text (w, w->mine->str, w->mine->len);
}

void
pp_step_writer_route (PpStepWriter *w, const PpPlanRoute *route)
{
  const char *s[S_LAST] = {
    route->table, route->hop_template, route->hop != NULL ? route->hop : "",
    route->caller_uid, route->request_id, route->created,
  };
  RouteHead h;
  gsize need = 1 + sizeof h;
  char *p;

  g_return_if_fail (w != NULL && route != NULL);
  memset (&h, 0, sizeof h);     /* its padding too: the record is copied whole */
  h.number = route->number;
  h.connection = route->connection;
  h.n = route->n;
  h.route = route->route;
  h.time = route->time;
  h.version = route->version;
  h.after_call = route->after_call;
  h.settled = route->settled;
  h.has_hop = route->hop != NULL;
  for (guint i = 0; i < S_LAST; i++)
    {
      h.len[i] = (guint32) strlen (s[i]) + 1;
      need += h.len[i];
    }
  p = room (w, need);
  *p++ = 'R';
  memcpy (p, &h, sizeof h);
  p += sizeof h;
  for (guint i = 0; i < S_LAST; i++)
    {
      memcpy (p, s[i], h.len[i]);
      p += h.len[i];
    }
}

void
pp_step_writer_call (PpStepWriter *w, PpStepWriterFunc func, gpointer data)
{
  char *p;

  g_return_if_fail (w != NULL && func != NULL);
  p = room (w, 1 + sizeof func + sizeof data);
  *p++ = 'F';
  memcpy (p, &func, sizeof func);
  memcpy (p + sizeof func, &data, sizeof data);
}

void
pp_step_writer_flush (PpStepWriter *w)
{
  g_return_if_fail (w != NULL);
  if (w->blocks.cur != NULL && w->blocks.cur->len > 0)
    pp_blocks_send (&w->blocks);
}

void
pp_step_writer_finish (PpStepWriter *w)
{
  if (w == NULL)
    return;
  if (w->thread != NULL)
    {
      /* the records waiting here, in a last block */
      ((Block *) pp_blocks_current (&w->blocks))->last = TRUE;
      pp_blocks_send (&w->blocks);
      g_thread_join (g_steal_pointer (&w->thread));
    }
  pp_blocks_clear (&w->blocks);
  g_string_free (w->mine, TRUE);
  g_string_free (w->text, TRUE);
  pp_plan_route_view_free (w->view);
  g_free (w);
}
