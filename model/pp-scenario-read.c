/* SPDX-License-Identifier: MIT */
/* pp-scenario-read.c: the streaming scenario reader's machinery.
 *
 * DOC: a SAX2 push parser reads the document once; each start tag, text
 * and end tag goes first to the checker generated from scenario.rng
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

/* The builder: libxml2's SAX2 push parser, fed in chunks, with callbacks
 * that check each start tag, text and end tag and turn each start tag
 * into an object.  No tree is built. */
typedef struct {
  Reader *r;
  PpRngChecker *checker;
  xmlParserCtxtPtr ctxt;
  PpXmlErrors errs;             /* well-formedness errors */
  GString *scratch;             /* attribute names and values of the element */
  GPtrArray *stack;             /* kinds of the open elements */
  guint64 n_elements;
  gint fail_line;               /* NO_LINE while all is well */
} Builder;

static void
builder_error (void *data, xmlErrorPtr err)
{
  Builder *b = data;
  pp_xml_errors_handler (&b->errs, err);
}

static void
builder_stop (Builder *b, gint line)
{
  b->fail_line = line;
  xmlStopParser (b->ctxt);
}

static gint
builder_line (Builder *b)
{
  return (gint) MIN (xmlSAX2GetLineNumber (b->ctxt), NO_LINE - 1);
}

static void
builder_start (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
               int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
               const xmlChar **attributes)
{
  Builder *b = data;
  Reader *r = b->r;
  Elem n = { 0 };
  gint line;
  guint depth = b->stack->len;
  gsize offsets[G_N_ELEMENTS (n.names)];
  const char *names[G_N_ELEMENTS (n.names)], *nss[G_N_ELEMENTS (n.names)], *values[G_N_ELEMENTS (n.names)];
  guint n_all = 0;
  int too_long = -1;
  GError *err = NULL;

  (void) prefix;
  (void) nb_namespaces;
  (void) namespaces;
  (void) nb_defaulted;
  n.name = (const char *) localname;
  n.kind = pp_scenario_element_kind (n.name);
  n.pkind = depth > 0 ? (ElKind) GPOINTER_TO_UINT (g_ptr_array_index (b->stack, depth - 1)) : EL_NONE;
  n.ns = (const char *) uri;
  g_ptr_array_add (b->stack, GUINT_TO_POINTER (n.kind));
  if (b->fail_line != NO_LINE)
    return;
  b->n_elements++;
  line = builder_line (b);

  if (depth == 0 && uri != NULL && strcmp ((const char *) uri, "urn:peerplan:workflow:1") == 0 &&
      strcmp (n.name, "workflow") == 0)
    {
      g_autofree char *sc = NULL;

      /* attributes: (localname, prefix, URI, value, end) each */
      for (int i = 0; i < nb_attributes; i++)
        if (strcmp ((const char *) attributes[i * 5], "scenario") == 0)
          sc = g_strndup ((const char *) attributes[i * 5 + 3],
                          (gsize) (attributes[i * 5 + 4] - attributes[i * 5 + 3]));
      pp_scenario_reader_fail (r, (guint) line, PP_MODEL_ERROR_SCHEMA_INVALID,
            "this is a peerplan workflow (API calls to replay), not a scenario "
            "(hint: `peerplan run` replays it%s%s%s)",
            sc != NULL ? "; the scenario it starts from is '" : "",
            sc != NULL ? sc : "", sc != NULL ? "', relative to the workflow's folder: give that file instead" : "");
      builder_stop (b, line);
      return;
    }
  if (depth == 0 && (uri == NULL || strcmp ((const char *) uri, "urn:peerplan:scenario:1") != 0 ||
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
  if ((guint) nb_attributes > G_N_ELEMENTS (n.names))
    {
      pp_scenario_reader_fail (r, (guint) line, PP_MODEL_ERROR_SCHEMA_INVALID,
            "element <%s> has %d attributes; no scenario element has more than %u",
            n.name, nb_attributes, (guint) G_N_ELEMENTS (n.names));
      builder_stop (b, line);
      return;
    }
  /* Copy the attributes NUL-terminated into the scratch buffer, then
   * point into it: all of them for the checker, the ones without a
   * namespace (the schema allows no other) for the builder. */
  g_string_truncate (b->scratch, 0);
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      gsize len = (gsize) (a[4] - a[3]);

      if (len > r->max_attr_len && too_long < 0)
        too_long = i;           /* refused after the checker, which may say more */
      offsets[n_all] = b->scratch->len;
      names[n_all] = (const char *) a[0];
      nss[n_all] = (const char *) a[2];
      /* Without entity substitution (never wanted: no DTD is read),
       * libxml2 hands a SAX2 reader "&amp;" and "&#38;" in an attribute
       * as the text "&#38;" (xmlSAX2AttributeNs decodes it; a reader of
       * its own must): every "&#38;" is an "&", since a bare "&" cannot
       * be in the document. */
      for (const char *v = (const char *) a[3], *end = v + len; v < end;)
        {
          const char *amp = memchr (v, '&', (gsize) (end - v));

          if (amp == NULL)
            amp = end;
          g_string_append_len (b->scratch, v, amp - v);
          if (amp == end)
            break;
          g_string_append_c (b->scratch, '&');
          v = amp + (end - amp >= 5 && memcmp (amp, "&#38;", 5) == 0 ? 5 : 1);
        }
      g_string_append_c (b->scratch, '\0');
      n_all++;
    }
  for (guint i = 0; i < n_all; i++)
    {
      values[i] = b->scratch->str + offsets[i];
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
builder_text (void *data, const xmlChar *text, int len)
{
  Builder *b = data;
  GError *err = NULL;
  gint line;

  if (b->fail_line != NO_LINE)
    return;
  /* Most text is the white space between elements: nothing to check. */
  for (int i = 0; i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'); i++)
    if (i == len - 1)
      return;
  if (pp_rng_checker_wants_text (b->checker))
    return;
  /* The parser is at the end of the text: count back to its start. */
  line = builder_line (b);
  for (int i = 0; i < len; i++)
    if (text[i] == '\n')
      line--;
  if (!pp_rng_checker_text (b->checker, (const char *) text, (gsize) len, (guint) MAX (line, 1), &err))
    {
      g_propagate_error (b->r->error, err);
      builder_stop (b, line);
    }
}

static void
builder_end (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  Builder *b = data;

  (void) localname;
  (void) prefix;
  (void) uri;
  if (b->stack->len > 0)
    g_ptr_array_set_size (b->stack, b->stack->len - 1);
  if (b->fail_line == NO_LINE)
    {
      GError *err = NULL;
      gint line = builder_line (b);

      if (!pp_rng_checker_end (b->checker, (guint) line, &err))
        {
          g_propagate_error (b->r->error, err);
          builder_stop (b, line);
        }
    }
}

#define CHUNK (256 * 1024)
#define CHUNK_READ (64 * 1024)
#define PROGRESS_BYTES (4u << 20)

/* Feeds the source to the builder's parser, in chunks (so that the
 * builder can stop early and report progress).  Returns FALSE when the
 * file cannot be read (the error is set). */
static gboolean
builder_run (Builder *b, const Source *src, const PpLoadOptions *opts, GError **error)
{
  xmlSAXHandler sax;
  guint64 fed = 0, next_report = PROGRESS_BYTES;
  g_autofree char *buf = NULL;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = builder_start;
  sax.endElementNs = builder_end;
  sax.characters = builder_text;
  sax.ignorableWhitespace = builder_text;
  sax.serror = builder_error;
  b->ctxt = xmlCreatePushParserCtxt (&sax, b, NULL, 0, src->name);
  if (b->ctxt == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
                   "%s:1: cannot start the XML parser", src->name);
      return FALSE;
    }
  xmlCtxtUseOptions (b->ctxt, READER_OPTIONS);
  if (src->fd >= 0)
    buf = g_malloc (CHUNK);
  for (;;)
    {
      const char *chunk;
      gssize got;

      if (src->fd >= 0)
        {
          got = source_read (src, fed, buf, CHUNK);
          if (got < 0)
            {
              int e = errno;
              g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                           "%s: cannot read: %s", src->name, g_strerror (e));
              return FALSE;
            }
          chunk = buf;
        }
      else
        {
          /* empty bytes may come without data: no arithmetic on NULL */
          chunk = src->data != NULL ? src->data + fed : "";
          got = (gssize) MIN ((guint64) CHUNK, src->len - fed);
        }
      if (xmlParseChunk (b->ctxt, chunk, (int) got, got == 0) != 0 || got == 0
          || b->fail_line != NO_LINE)
        break;
      fed += (guint64) got;
      if (opts != NULL && opts->progress != NULL && fed >= next_report)
        {
          report_progress (opts, src, fed, b->n_elements);
          next_report = fed + PROGRESS_BYTES;
        }
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
  b.checker = pp_rng_checker_new (&pp_scenario_schema, r.name, PP_SCENARIO_FORMAT_HINT);
  b.fail_line = NO_LINE;
  b.scratch = g_string_sized_new (256);
  b.stack = g_ptr_array_new ();
  pp_xml_errors_init (&b.errs, r.name);
  fed = builder_run (&b, src, opts, &io_error);

  if (!fed)
    err = g_steal_pointer (&io_error);
  else if (b.fail_line != NO_LINE)
    err = g_steal_pointer (&build_error);
  else if (b.errs.count > 0 || (b.ctxt != NULL && !b.ctxt->wellFormed))
    g_set_error (&err, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE, "%s",
                 b.errs.messages->len ? b.errs.messages->str : "not a well-formed XML document");
  pp_xml_errors_clear (&b.errs);
  if (b.ctxt != NULL)
    xmlFreeParserCtxt (b.ctxt);
  g_string_free (b.scratch, TRUE);
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
    report_progress (opts, src, src->len, b.n_elements);
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
