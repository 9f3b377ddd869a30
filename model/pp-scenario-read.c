/* SPDX-License-Identifier: MIT */
/* pp-scenario-read.c: the streaming scenario reader's machinery.
 *
 * DOC: a SAX2 push parser reads the document once, on a thread of its
 * own (below, "Two threads"); each start tag, text and end tag goes first,
 * on the caller's thread, to the checker generated from scenario.rng
 * (pp-rng.h: the shape, with messages that name what is wrong and what
 * would be right), then a start tag to the element handlers of
 * pp-scenario-elements.c, which build the model.  Nothing keeps more than
 * the current element, so the model's memory follows the model, not the
 * file.
 */
#include "model/pp-scenario-read-private.h"
#include "model/pp-xml.h"
#include "model/pp-rng.h"
#include "model/pp-mem.h"
#include "model/pp-blocks.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define DEFAULT_MAX_FILE_SIZE (G_GUINT64_CONSTANT (2) << 30)
#define DEFAULT_MAX_DEPTH 64
#define DEFAULT_MAX_ATTR_LEN 4096
/* Reserving room for the routes (read_stream): from files of this size,
 * one route for so many bytes (the benchmark estates have one for 78),
 * at most so many routes reserved. */
#define RESERVE_FROM (8u << 20)
#define BYTES_A_ROUTE 64
#define RESERVE_MAX (8u << 20)

/* The document: bytes in memory, or a regular file behind one descriptor
 * that the validator and the builder both read (with pread(), each at its
 * own offset), so that neither opens the file again by name: a file
 * replaced meanwhile is not seen.  Neither a copy nor a mapping: the
 * pages of a large file would count in the process's memory. */
typedef struct {
  int fd;                       /* -1: data */
  goffset base;                 /* the descriptor's offset when handed over */
  const char *data;
  gsize len;
  const char *name;             /* for messages */
} Source;

/* Up to @n bytes of @src from @pos into @buf: the count, 0 at the end,
 * -1 with errno set on a read error. */
static gssize
source_read (const Source *src, guint64 pos, char *buf, gsize n)
{
  if (pos >= src->len)
    return 0;
  n = (gsize) MIN ((guint64) n, src->len - pos);
  if (src->fd < 0)
    {
      memcpy (buf, src->data + pos, n);
      return (gssize) n;
    }
  for (;;)
    {
      gssize got = pread (src->fd, buf, n, src->base + (goffset) pos);

      if (got < 0 && errno == EINTR)
        continue;
      return got;
    }
}

static void
report_progress (const PpLoadOptions *opts, const Source *src, guint64 done, guint64 objects)
{
  PpProgress p = { "reading", src->name, MIN (done, (guint64) src->len), src->len, objects };

  opts->progress (&p, opts->progress_data);
}

#define READER_OPTIONS (PP_XML_PARSE_OPTIONS | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT)
#define NO_LINE G_MAXINT
#define MAX_ATTRS 16            /* G_N_ELEMENTS (Elem.names) */

G_STATIC_ASSERT (MAX_ATTRS == G_N_ELEMENTS (((Elem *) NULL)->names));

/* Two threads read a document: the parser's, libxml2's SAX2
 * push parser fed in chunks, turns start tags, text and end tags into
 * events in blocks; the calling thread's builder checks and builds from
 * them, block after block, as they come.  On an estate each half takes
 * about as long as the other (docs/performance.md, "Reading on two
 * cores").  The events keep libxml2's order, so the first error in the
 * document's order is still the one reported. */

typedef enum {
  EV_START,
  EV_TEXT,
  EV_END
} EvType;

/* An event, 8-byte aligned in its block.  A start tag's attributes
 * (EvAttr each, MAX_ATTRS at most: the builder refuses more) follow it,
 * then their values, NUL-terminated; a text's bytes follow it. */
typedef struct {
  guint32 type;               /* EvType */
  guint32 line;
  guint32 n;                  /* start: attributes in the tag; text: bytes */
  guint32 size;               /* of the record, aligned */
  const char *name;           /* start: local name (libxml2's dictionary, which
                                 outlives the reading) */
  const char *ns;             /* start: namespace URI or NULL (the same) */
} Ev;

typedef struct {
  const char *name;           /* the dictionary's */
  const char *ns;
  guint32 value;              /* offset of the value from the event */
  guint32 raw_len;            /* its length in the document, before &#38; */
} EvAttr;

#define BLOCK_SIZE (256 * 1024)
#define N_BLOCKS 8              /* in flight: 2 MB */

typedef struct {
  PpBlock base;               /* the events (pp-blocks.h) */
  guint64 fed;                /* bytes of the document parsed when it was sent */
  guint64 elements;           /* start tags parsed then */
  gboolean last;              /* the parser is done: no block follows */
} Block;

/* The parser's thread and what it shares with the builder: the queues,
 * and the flag that stops it. */
typedef struct {
  const Source *src;
  xmlParserCtxtPtr ctxt;
  PpXmlErrors errs;             /* well-formedness errors */
  PpBlocks blocks;              /* Block: to the builder and back */
  gint stop;                    /* atomic: the builder has failed */
  guint64 fed;
  guint64 elements;
  int io_errno;                 /* reading failed: why (0: it did not) */
} Parser;

static void
parser_send (Parser *p, gboolean last)
{
  Block *blk = (Block *) pp_blocks_current (&p->blocks);

  blk->fed = p->fed;
  blk->elements = p->elements;
  blk->last = last;
  pp_blocks_send (&p->blocks);
}

/* Room for a record of @size bytes (a multiple of 8): its start, aligned
 * to 8 like every record before it. */
static gpointer
parser_room (Parser *p, gsize size)
{
  if (pp_blocks_must_send (&p->blocks, size))
    parser_send (p, FALSE);
  return pp_blocks_room (&p->blocks, size);
}

static gsize
aligned (gsize n)
{
  return (n + 7) & ~(gsize) 7;
}

static guint32
parser_line (Parser *p)
{
  return (guint32) MIN (xmlSAX2GetLineNumber (p->ctxt), NO_LINE - 1);
}

/* Stops the parser once the builder has failed: it reads no further. */
static gboolean
parser_stopped (Parser *p)
{
  if (!g_atomic_int_get (&p->stop))
    return FALSE;
  xmlStopParser (p->ctxt);
  return TRUE;
}

static void
parser_error (void *data, xmlErrorPtr err)
{
  Parser *p = data;

  pp_xml_errors_handler (&p->errs, err);
}

static void
parser_start (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
              int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
              const xmlChar **attributes)
{
  Parser *p = data;
  guint n_copy = nb_attributes <= MAX_ATTRS ? (guint) nb_attributes : 0;
  gsize size = sizeof (Ev) + n_copy * sizeof (EvAttr);
  Ev *ev;
  EvAttr *at;
  char *v;

  (void) prefix;
  (void) nb_namespaces;
  (void) namespaces;
  (void) nb_defaulted;
  if (parser_stopped (p))
    return;
  p->elements++;
  /* attributes: (localname, prefix, URI, value, end) each */
  for (guint i = 0; i < n_copy; i++)
    size += (gsize) (attributes[5 * i + 4] - attributes[5 * i + 3]) + 1;
  size = aligned (size);
  ev = parser_room (p, size);
  *ev = (Ev) { EV_START, parser_line (p), (guint32) nb_attributes, (guint32) size,
               (const char *) localname, (const char *) uri };
  at = (EvAttr *) (ev + 1);
  v = (char *) (at + n_copy);
  for (guint i = 0; i < n_copy; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      gsize len = (gsize) (a[4] - a[3]);

      at[i] = (EvAttr) { (const char *) a[0], (const char *) a[2], (guint32) (v - (char *) ev),
                         (guint32) MIN (len, (gsize) G_MAXUINT32) };
      /* Without entity substitution (never wanted: no DTD is read),
       * libxml2 hands a SAX2 reader "&amp;" and "&#38;" in an attribute
       * as the text "&#38;" (xmlSAX2AttributeNs decodes it; a reader of
       * its own must): every "&#38;" is an "&", since a bare "&" cannot
       * be in the document. */
      for (const char *r = (const char *) a[3], *end = r + len; r < end;)
        {
          const char *amp = memchr (r, '&', (gsize) (end - r));

          if (amp == NULL)
            amp = end;
          memcpy (v, r, (gsize) (amp - r));
          v += amp - r;
          if (amp == end)
            break;
          *v++ = '&';
          r = amp + (end - amp >= 5 && memcmp (amp, "&#38;", 5) == 0 ? 5 : 1);
        }
      *v++ = '\0';
    }
}

static void
parser_text (void *data, const xmlChar *text, int len)
{
  Parser *p = data;
  gsize size = aligned (sizeof (Ev) + (gsize) len);
  guint32 line;
  Ev *ev;
  int i;

  if (parser_stopped (p))
    return;
  /* Most text is the white space between elements: nothing to check. */
  for (i = 0; i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'); i++)
    ;
  if (i == len)
    return;
  /* The parser is at the end of the text: count back to its start. */
  line = parser_line (p);
  for (i = 0; i < len; i++)
    if (text[i] == '\n' && line > 1)
      line--;
  ev = parser_room (p, size);
  *ev = (Ev) { EV_TEXT, line, (guint32) len, (guint32) size, NULL, NULL };
  memcpy (ev + 1, text, (gsize) len);
}

static void
parser_end (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  Parser *p = data;
  Ev *ev;

  (void) localname;
  (void) prefix;
  (void) uri;
  if (parser_stopped (p))
    return;
  ev = parser_room (p, sizeof (Ev));
  *ev = (Ev) { EV_END, parser_line (p), 0, sizeof (Ev), NULL, NULL };
}

#define CHUNK (256 * 1024)
#define CHUNK_READ (64 * 1024)

/* The parser's thread: the document, chunk by chunk, through libxml2;
 * the last block says it is done, whatever happened. */
static gpointer
parser_run (gpointer data)
{
  Parser *p = data;
  const Source *src = p->src;
  g_autofree char *buf = src->fd >= 0 ? g_malloc (CHUNK) : NULL;

  for (;;)
    {
      const char *chunk;
      gssize got;

      if (src->fd >= 0)
        {
          got = source_read (src, p->fed, buf, CHUNK);
          if (got < 0)
            {
              p->io_errno = errno;
              break;
            }
          chunk = buf;
        }
      else
        {
          /* empty bytes may come without data: no arithmetic on NULL */
          chunk = src->data != NULL ? src->data + p->fed : "";
          got = (gssize) MIN ((guint64) CHUNK, src->len - p->fed);
        }
      if (xmlParseChunk (p->ctxt, chunk, (int) got, got == 0) != 0 || got == 0
          || g_atomic_int_get (&p->stop))
        break;
      p->fed += (guint64) got;
    }
  parser_send (p, TRUE);
  return NULL;
}

/* The builder: checks each start tag, text and end tag and turns each
 * start tag into an object.  No tree is built. */
typedef struct {
  Reader *r;
  Parser *p;
  PpRngChecker *checker;
  GPtrArray *stack;             /* kinds of the open elements */
  gint fail_line;               /* NO_LINE while all is well */
} Builder;

static void
builder_stop (Builder *b, gint line)
{
  b->fail_line = line;
  g_atomic_int_set (&b->p->stop, 1);
}

static void
builder_start (Builder *b, const Ev *ev)
{
  Reader *r = b->r;
  const EvAttr *at = (const EvAttr *) (ev + 1);
  Elem n = { 0 };
  gint line = (gint) ev->line;
  guint depth = b->stack->len;
  const char *names[MAX_ATTRS], *nss[MAX_ATTRS], *values[MAX_ATTRS];
  guint n_all = ev->n <= MAX_ATTRS ? ev->n : 0;
  int too_long = -1;
  GError *err = NULL;

  n.name = ev->name;
  n.kind = pp_scenario_element_kind (n.name);
  n.pkind = depth > 0 ? (ElKind) GPOINTER_TO_UINT (g_ptr_array_index (b->stack, depth - 1)) : EL_NONE;
  n.ns = ev->ns;
  g_ptr_array_add (b->stack, GUINT_TO_POINTER (n.kind));
  if (b->fail_line != NO_LINE)
    return;
  for (guint i = 0; i < n_all; i++)
    {
      names[i] = at[i].name;
      nss[i] = at[i].ns;
      values[i] = (const char *) ev + at[i].value;
      if (at[i].raw_len > r->max_attr_len && too_long < 0)
        too_long = (int) i;     /* refused after the checker, which may say more */
    }

  if (depth == 0 && n.ns != NULL && strcmp (n.ns, "urn:peerplan:workflow:1") == 0 &&
      strcmp (n.name, "workflow") == 0)
    {
      const char *sc = NULL;

      for (guint i = 0; i < n_all; i++)
        if (strcmp (names[i], "scenario") == 0)
          sc = values[i];
      pp_scenario_reader_fail (r, (guint) line, PP_MODEL_ERROR_SCHEMA_INVALID,
            "this is a peerplan workflow (API calls to replay), not a scenario "
            "(hint: `peerplan run` replays it%s%s%s)",
            sc != NULL ? "; the scenario it starts from is '" : "",
            sc != NULL ? sc : "", sc != NULL ? "', relative to the workflow's folder: give that file instead" : "");
      builder_stop (b, line);
      return;
    }
  if (depth == 0 && (n.ns == NULL || strcmp (n.ns, "urn:peerplan:scenario:1") != 0 ||
                     strcmp (n.name, "scenario") != 0))
    {
      pp_scenario_reader_fail (r, (guint) line, PP_MODEL_ERROR_SCHEMA_INVALID,
            "the root element is <%s>, not <scenario xmlns=\"urn:peerplan:scenario:1\">; is this a peerplan scenario?",
            n.name);
      builder_stop (b, line);
      return;
    }
  if (depth >= r->max_depth)
    {
      pp_scenario_reader_fail (r, (guint) line, PP_MODEL_ERROR_LIMIT,
            "elements are nested more than %u deep; a scenario is at most a few levels deep",
            r->max_depth);
      builder_stop (b, line);
      return;
    }
  if (ev->n > MAX_ATTRS)
    {
      pp_scenario_reader_fail (r, (guint) line, PP_MODEL_ERROR_SCHEMA_INVALID,
            "element <%s> has %u attributes; no scenario element has more than %u",
            n.name, ev->n, (guint) MAX_ATTRS);
      builder_stop (b, line);
      return;
    }
  /* all the attributes for the checker, the ones without a namespace
   * (the schema allows no other) for the builder */
  for (guint i = 0; i < n_all; i++)
    {
      if (nss[i] != NULL)
        continue;
      n.names[n.n_attrs] = names[i];
      n.values[n.n_attrs] = values[i];
      n.n_attrs++;
    }
  if (!pp_rng_checker_start (b->checker, n.ns, n.name, n_all, names, nss, values, (guint) line, &err))
    {
      g_propagate_error (r->error, err);
      builder_stop (b, line);
      return;
    }
  if (too_long >= 0)
    {
      pp_scenario_reader_fail (r, (guint) line, PP_MODEL_ERROR_LIMIT,
            "attribute '%s' is longer than %u bytes; no scenario value needs that much",
            names[too_long], r->max_attr_len);
      builder_stop (b, line);
      return;
    }
  if (!pp_scenario_read_element (r, &n, (guint) line))
    builder_stop (b, line);
}

static void
builder_text (Builder *b, const Ev *ev)
{
  GError *err = NULL;

  if (b->fail_line != NO_LINE || pp_rng_checker_wants_text (b->checker))
    return;
  if (!pp_rng_checker_text (b->checker, (const char *) (ev + 1), ev->n, MAX (ev->line, 1), &err))
    {
      g_propagate_error (b->r->error, err);
      builder_stop (b, (gint) ev->line);
    }
}

static void
builder_end (Builder *b, const Ev *ev)
{
  if (b->stack->len > 0)
    g_ptr_array_set_size (b->stack, b->stack->len - 1);
  if (b->fail_line == NO_LINE)
    {
      GError *err = NULL;

      if (!pp_rng_checker_end (b->checker, ev->line, &err))
        {
          g_propagate_error (b->r->error, err);
          builder_stop (b, (gint) ev->line);
        }
    }
}

#define PROGRESS_BYTES (4u << 20)

/* The builder's side of reading: every block's events, in order, until
 * the parser's last (after a failure, the rest only go back). */
static void
builder_run (Builder *b, const Source *src, const PpLoadOptions *opts)
{
  guint64 next_report = PROGRESS_BYTES;
  gboolean last = FALSE;

  while (!last)
    {
      Block *blk = (Block *) pp_blocks_receive (&b->p->blocks);

      for (gsize off = 0; off < blk->base.len && b->fail_line == NO_LINE;)
        {
          const Ev *ev = (gconstpointer) (blk->base.data + off);

          if (ev->type == EV_START)
            builder_start (b, ev);
          else if (ev->type == EV_TEXT)
            builder_text (b, ev);
          else
            builder_end (b, ev);
          off += ev->size;
        }
      last = blk->last;
      if (opts != NULL && opts->progress != NULL && blk->fed >= next_report && !last)
        {
          report_progress (opts, src, blk->fed, blk->elements);
          next_report = blk->fed + PROGRESS_BYTES;
        }
      pp_blocks_give_back (&b->p->blocks, &blk->base);
    }
}

/* Reads @src with the two threads; FALSE when the file cannot be read or
 * the parser cannot start (@error set).  The parser's errors are in
 * @p->errs, the builder's in its reader. */
static gboolean
read_two (Builder *b, Parser *p, const Source *src, const PpLoadOptions *opts, GError **error)
{
  xmlSAXHandler sax;
  GThread *thread;
  GError *err = NULL;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = parser_start;
  sax.endElementNs = parser_end;
  sax.characters = parser_text;
  sax.ignorableWhitespace = parser_text;
  sax.serror = parser_error;
  p->ctxt = xmlCreatePushParserCtxt (&sax, p, NULL, 0, src->name);
  if (p->ctxt == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
                   "%s:1: cannot start the XML parser", src->name);
      return FALSE;
    }
  xmlCtxtUseOptions (p->ctxt, READER_OPTIONS);
  p->src = src;
  pp_blocks_init (&p->blocks, sizeof (Block), BLOCK_SIZE, N_BLOCKS);
  thread = g_thread_try_new ("pp-parse", parser_run, p, &err);
  if (thread == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: cannot start the reader's parser thread: %s", src->name, err->message);
      g_error_free (err);
      return FALSE;
    }
  builder_run (b, src, opts);
  g_thread_join (thread);
  if (p->io_errno != 0)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: cannot read: %s", src->name, g_strerror (p->io_errno));
      return FALSE;
    }
  return TRUE;
}

static PpScenario *
read_stream (const Source *src, const PpLoadOptions *opts, GError **error)
{
  g_autoptr(PpScenario) sc = pp_scenario_new (src->name);
  g_autoptr(GError) build_error = NULL;
  g_autoptr(GError) io_error = NULL;
  Builder b = { 0 };
  Parser p = { 0 };
  Reader r = { 0 };
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  GError *err = NULL;
  gboolean fed;

  if (src->len >= RESERVE_FROM)
    {
      /* Routes are most of a large estate: room for them at once, in
       * huge pages (pp-mem.h).  The estimate only sizes a reservation;
       * more routes than that grow the arrays as usual. */
      guint n = (guint) MIN (src->len / BYTES_A_ROUTE, RESERVE_MAX);

      g_array_unref (sc->routes);
      sc->routes = pp_array_new_huge (TRUE, sizeof (PpRoute), n);
    }
  r.sc = sc;
  r.pending = pending;
  r.name = sc->file;
  r.regions = opts != NULL && opts->regions != NULL ? opts->regions : pp_regions_default (error);
  if (r.regions == NULL)
    return NULL;
  r.max_depth = opts != NULL && opts->max_depth ? opts->max_depth : DEFAULT_MAX_DEPTH;
  r.max_attr_len = opts != NULL && opts->max_attr_len ? opts->max_attr_len : DEFAULT_MAX_ATTR_LEN;
  r.account = r.vpc = r.vswitch = r.connection = PP_NONE;
  r.error = &build_error;

  b.r = &r;
  b.p = &p;
  b.checker = pp_rng_checker_new (&pp_scenario_schema, r.name, PP_SCENARIO_FORMAT_HINT);
  /* the events' names are the parser's dictionary's */
  pp_rng_checker_set_interned (b.checker, TRUE);
  b.fail_line = NO_LINE;
  b.stack = g_ptr_array_new ();
  pp_xml_errors_init (&p.errs, r.name);
  fed = read_two (&b, &p, src, opts, &io_error);

  if (!fed)
    err = g_steal_pointer (&io_error);
  else if (b.fail_line != NO_LINE)
    err = g_steal_pointer (&build_error);
  else if (p.errs.count > 0 || (p.ctxt != NULL && !p.ctxt->wellFormed))
    g_set_error (&err, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE, "%s",
                 p.errs.messages->len ? p.errs.messages->str : "not a well-formed XML document");
  pp_xml_errors_clear (&p.errs);
  if (p.ctxt != NULL)
    xmlFreeParserCtxt (p.ctxt);
  pp_blocks_clear (&p.blocks);
  g_ptr_array_unref (b.stack);
  pp_rng_checker_free (b.checker);
  if (err != NULL)
    {
      g_propagate_error (error, err);
      return NULL;
    }

  r.error = error;
  if (!pp_scenario_resolve_pending (&r))
    return NULL;
  if (opts != NULL && opts->progress != NULL)
    report_progress (opts, src, src->len, p.elements);
  return g_steal_pointer (&sc);
}

static guint64
max_file_size (const PpLoadOptions *opts)
{
  return opts != NULL && opts->max_file_size ? opts->max_file_size : DEFAULT_MAX_FILE_SIZE;
}

static gboolean
too_large (const char *name, guint64 size, guint64 max, GError **error)
{
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
               "%s: the scenario is %" G_GUINT64_FORMAT " bytes, more than the limit of %" G_GUINT64_FORMAT,
               name, size, max);
  return FALSE;
}

static gboolean
read_failed (const char *name, int e, GError **error)
{
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
               "%s: cannot read: %s", name, g_strerror (e));
  return FALSE;
}

/* Reads @fd (a pipe, a terminal) to its end into @buf: the prologue first,
 * so that a DOCTYPE is refused before the rest is read, then the rest, at
 * most @max bytes in all. */
static gboolean
read_stream_fd (int fd, const char *name, guint64 max, GByteArray *buf, GError **error)
{
  gboolean checked = FALSE;

  for (;;)
    {
      guint8 chunk[CHUNK_READ];
      gssize got = read (fd, chunk, sizeof chunk);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return read_failed (name, errno, error);
      if ((guint64) buf->len + (guint64) got > max)
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
                       "%s: the scenario is more than the limit of %" G_GUINT64_FORMAT " bytes",
                       name, max);
          return FALSE;
        }
      g_byte_array_append (buf, chunk, (guint) got);
      if (!checked && (got == 0 || buf->len >= PP_XML_PROLOGUE_MAX))
        {
          gsize head = MIN (buf->len, (gsize) PP_XML_PROLOGUE_MAX);

          if (!pp_xml_check_prologue ((const char *) buf->data, head, head < PP_XML_PROLOGUE_MAX,
                                      name, error))
            return FALSE;
          checked = TRUE;
        }
      if (got == 0)
        return TRUE;
    }
}

static PpScenario *
load_source (const Source *src, const PpLoadOptions *opts, GError **error)
{
  if (src->len > G_MAXINT)
    {
      too_large (src->name, src->len, G_MAXINT, error);
      return NULL;
    }
  return read_stream (src, opts, error);
}

PpScenario *
pp_scenario_load_bytes (GBytes *xml, const char *name, const PpLoadOptions *opts, GError **error)
{
  guint64 max = max_file_size (opts);
  Source src = { -1, 0, NULL, 0, name };

  pp_xml_init ();
  src.data = g_bytes_get_data (xml, &src.len);
  if (src.len == 0)
    {
      /* g_bytes_get_data() gives NULL for no bytes: nothing to offset. */
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
                   "%s:1: empty, not a scenario (a scenario starts with "
                   "<scenario xmlns=\"urn:peerplan:scenario:1\">)", name);
      return NULL;
    }
  if (src.len > max || src.len > G_MAXINT)
    {
      too_large (name, src.len, max, error);
      return NULL;
    }
  if (!pp_xml_check_prologue (src.data, src.len, TRUE, name, error))
    return NULL;
  return load_source (&src, opts, error);
}

PpScenario *
pp_scenario_load_fd (int fd, const char *name, const PpLoadOptions *opts, GError **error)
{
  guint64 max = max_file_size (opts);
  Source src = { fd, 0, NULL, 0, name };
  char head[PP_XML_PROLOGUE_MAX];
  GStatBuf st;
  gssize got;

  g_return_val_if_fail (fd >= 0 && name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  pp_xml_init ();
  if (fstat (fd, &st) != 0)
    {
      read_failed (name, errno, error);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: not a regular file", name);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      /* A pipe or a terminal: read to its end, once, into memory. */
      g_autoptr(GByteArray) buf = g_byte_array_new ();

      if (!read_stream_fd (fd, name, max, buf, error))
        return NULL;
      src.fd = -1;
      src.data = (const char *) buf->data;
      src.len = buf->len;
      return load_source (&src, opts, error);
    }
  src.base = lseek (fd, 0, SEEK_CUR);
  if (src.base < 0 || src.base > st.st_size)
    src.base = 0;
  src.len = (gsize) (st.st_size - src.base);
  if ((guint64) src.len > max)
    {
      too_large (name, src.len, max, error);
      return NULL;
    }
  got = source_read (&src, 0, head, sizeof head);
  if (got < 0)
    {
      read_failed (name, errno, error);
      return NULL;
    }
  if (!pp_xml_check_prologue (head, (gsize) got, (gsize) got < sizeof head, name, error))
    return NULL;
  return load_source (&src, opts, error);
}

PpScenario *
pp_scenario_load_file (const char *file, const PpLoadOptions *opts, GError **error)
{
  PpScenario *sc;
  int fd;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (strcmp (file, "-") == 0)
    return pp_scenario_load_fd (STDIN_FILENO, PP_SCENARIO_STDIN_NAME, opts, error);
  fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: cannot open: %s", file, g_strerror (e));
      return NULL;
    }
  sc = pp_scenario_load_fd (fd, file, opts, error);
  close (fd);
  return sc;
}
