/* SPDX-License-Identifier: MIT */
/* pp-render-gv.c: the Graphviz plumbing of render/: an id discipline that
 * keeps creation order, DOT text into memory, error capture, and output
 * through gvc.
 *
 * DOC: why an id discipline of our own.  cgraph keeps a graph's subgraphs
 * in a dictionary ordered by object id, and the stock discipline (AgIdDisc)
 * uses the address of the interned name as the id, so the order in which
 * agwrite() and the layout see clusters would follow malloc, not the
 * scenario.  Here a name's id is 2 * (its creation rank + 1): named objects
 * come out in the order they were made, which render builds sorted by id.
 * Anonymous objects (edges) get odd ids, as in AgIdDisc.
 */
#include "render/pp-render-gv.h"

#include <string.h>

/* ---- the id discipline ---------------------------------------------- */

typedef struct {
  Agraph_t *root;
  GHashTable *ids;            /* name (in names) -> GSIZE_TO_POINTER (id) */
  GPtrArray *names;           /* (id / 2 - 1) -> name, a cgraph refstr */
  IDTYPE next_anon;
} PpIdState;

static void *
pp_id_open (Agraph_t *g, Agdisc_t *disc)
{
  PpIdState *st = g_new0 (PpIdState, 1);

  st->root = g;
  st->ids = g_hash_table_new (g_str_hash, g_str_equal);
  st->names = g_ptr_array_new ();
  st->next_anon = 1;
  return st;
}

static long
pp_id_map (void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
  PpIdState *st = state;
  gpointer found;
  char *name;

  if (str == NULL)
    {
      *id = st->next_anon;
      st->next_anon += 2;
      return TRUE;
    }
  found = g_hash_table_lookup (st->ids, str);
  if (found != NULL)
    {
      *id = (IDTYPE) GPOINTER_TO_SIZE (found);
      return TRUE;
    }
  if (!createflag)
    return FALSE;
  /* cgraph reads flags (e.g. "is HTML") in the header of the strings a
   * discipline prints, so names must be its own refstrs.  They live in the
   * root graph's string dictionary, freed with the graph. */
  name = agstrdup (st->root, str);
  g_ptr_array_add (st->names, name);
  *id = (IDTYPE) st->names->len * 2;
  g_hash_table_insert (st->ids, name, GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

static long
pp_id_alloc (void *state, int objtype, IDTYPE request)
{
  return FALSE;
}

static void
pp_id_free (void *state, int objtype, IDTYPE id)
{
  /* Names live until the graph is closed: an id is never reused. */
}

static char *
pp_id_print (void *state, int objtype, IDTYPE id)
{
  PpIdState *st = state;

  if (id % 2 != 0 || id == 0 || id / 2 > st->names->len)
    return NULL;
  return g_ptr_array_index (st->names, id / 2 - 1);
}

static void
pp_id_close (void *state)
{
  PpIdState *st = state;

  g_hash_table_destroy (st->ids);
  g_ptr_array_unref (st->names);
  g_free (st);
}

static void
pp_id_register (void *state, int objtype, void *obj)
{
}

static Agiddisc_t pp_id_disc = {
  pp_id_open, pp_id_map, pp_id_alloc, pp_id_free, pp_id_print,
  pp_id_close, pp_id_register,
};

/* ---- DOT text into a GString ----------------------------------------- */

static int
pp_io_putstr (void *chan, const char *str)
{
  g_string_append ((GString *) chan, str);
  return 0;
}

static int
pp_io_flush (void *chan)
{
  return 0;
}

static int
pp_io_afread (void *chan, char *buf, int bufsize)
{
  return 0;                   /* render never reads DOT */
}

static Agiodisc_t pp_io_disc = { pp_io_afread, pp_io_putstr, pp_io_flush };

static Agdisc_t pp_disc = { &AgMemDisc, &pp_id_disc, &pp_io_disc };

Agraph_t *
pp_render_graph_open (const char *name)
{
  return agopen ((char *) name, Agdirected, &pp_disc);
}

/* ---- Graphviz's messages, captured ----------------------------------- */

G_LOCK_DEFINE_STATIC (pp_gv_messages);
static GString *pp_gv_messages;

static int
pp_gv_collect (char *msg)
{
  if (pp_gv_messages != NULL)
    g_string_append (pp_gv_messages, msg);
  return 0;
}

void
pp_render_capture_begin (void)
{
  G_LOCK (pp_gv_messages);
  pp_gv_messages = g_string_new (NULL);
  agseterrf (pp_gv_collect);
  agreseterrors ();
}

/* Returns the messages Graphviz gave since _begin (transfer full, may be
 * empty), and stops capturing. */
char *
pp_render_capture_end (void)
{
  char *msg;

  agseterrf (NULL);
  msg = g_strstrip (g_string_free (pp_gv_messages, FALSE));
  pp_gv_messages = NULL;
  G_UNLOCK (pp_gv_messages);
  return msg;
}

/* ---- output ----------------------------------------------------------- */

char *
pp_render_graph_to_dot (Agraph_t *g)
{
  GString *out = g_string_new (NULL);

  agwrite (g, out);
  return g_string_free (out, FALSE);
}

static const char * const pp_formats[] = { "dot", "svg", "png", "pdf", NULL };

gboolean
pp_render_graph_check_format (const char *format, GError **error)
{
  if (format != NULL && g_strv_contains (pp_formats, format))
    return TRUE;
  g_set_error (error, PP_RENDER_ERROR, PP_RENDER_ERROR_FORMAT,
               "unknown output format '%s' (hint: one of dot, svg, png, pdf)",
               format ? format : "");
  return FALSE;
}

/* The process's one gvc context, for callers that pass none.  Graphviz
 * 2.42 keeps a text-size cache across contexts, so freeing a context and
 * making another reads freed memory (AddressSanitizer shows it in
 * textspan_size); one context for the whole process, as gvc intends, is
 * safe.  It lives until exit. */
static GVC_t *
default_context (void)
{
  static gsize once = 0;
  static GVC_t *gvc;

  if (g_once_init_enter (&once))
    {
      gvc = gvContext ();
      g_once_init_leave (&once, 1);
    }
  return gvc;
}

/* Lays @g out and renders it into *@data. */
static gboolean
layout_render (GVC_t *gvc, Agraph_t *g, const char *format, GBytes **data,
               GError **error)
{
  g_autofree char *msg = NULL;
  char *buf = NULL;
  unsigned int len = 0;
  int rc;

  if (gvc == NULL)
    gvc = default_context ();
  pp_render_capture_begin ();
  rc = gvLayout (gvc, g, "dot");
  if (rc != 0)
    {
      msg = pp_render_capture_end ();
      g_set_error (error, PP_RENDER_ERROR, PP_RENDER_ERROR_LAYOUT,
                   "graphviz could not lay the graph out%s%s",
                   *msg ? ": " : "", msg);
      return FALSE;
    }
  rc = gvRenderData (gvc, g, format, &buf, &len);
  gvFreeLayout (gvc, g);
  msg = pp_render_capture_end ();
  if (rc != 0)
    {
      g_set_error (error, PP_RENDER_ERROR, PP_RENDER_ERROR_OUTPUT,
                   "graphviz could not render %s%s%s", format, *msg ? ": " : "", msg);
      if (buf)
        gvFreeRenderData (buf);
      return FALSE;
    }
  *data = g_bytes_new (buf, len);
  gvFreeRenderData (buf);
  return TRUE;
}

GBytes *
pp_render_graph_render (GVC_t *gvc, Agraph_t *g, const char *format, GError **error)
{
  GBytes *data = NULL;

  if (!pp_render_graph_check_format (format, error))
    return NULL;
  if (g_str_equal (format, "dot"))
    {
      char *dot = pp_render_graph_to_dot (g);

      return g_bytes_new_take (dot, strlen (dot));
    }
  layout_render (gvc, g, format, &data, error);
  return data;
}
