/* SPDX-License-Identifier: MIT */
/* pp-xml.c: hardened libxml2 intake, schemas and error collection. */
#include "model/pp-xml.h"
#include "model/pp-data.h"
#include "model/pp-error.h"

#include <string.h>

void
pp_xml_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      LIBXML_TEST_VERSION
      xmlInitParser ();
      g_once_init_leave (&done, 1);
    }
}

void
pp_xml_errors_init (PpXmlErrors *errs, const char *name)
{
  errs->name = name;
  errs->messages = g_string_new (NULL);
  errs->count = 0;
  errs->first_line = 0;
  errs->schema = FALSE;
}

void
pp_xml_errors_clear (PpXmlErrors *errs)
{
  if (errs->messages != NULL)
    g_string_free (errs->messages, TRUE);
  errs->messages = NULL;
}

void
pp_xml_errors_handler (void *data, xmlErrorPtr err)
{
  PpXmlErrors *errs = data;
  g_autofree char *msg = NULL;

  if (err == NULL || err->level == XML_ERR_WARNING)
    return;
  errs->count++;
  if (errs->count > 20)
    return;                     /* enough to act on; keep memory bounded */
  msg = g_strchomp (g_strdup (err->message != NULL ? err->message : "unknown XML error"));
  if (g_str_has_prefix (msg, "Input is not proper UTF-8"))
    {
      /* libxml2 says "indicate encoding !" and the bytes on a second
       * line; peerplan reads UTF-8 only, so say that, on one line. */
      const char *bytes = strstr (msg, "Bytes: ");
      g_autofree char *plain = g_strdup_printf ("bytes that are not UTF-8 (%s); peerplan reads UTF-8 only "
                                                "(convert the file from its encoding, e.g. iconv -f LATIN1 -t UTF-8)",
                                                bytes != NULL ? bytes + strlen ("Bytes: ") : "?");
      g_free (msg);
      msg = g_steal_pointer (&plain);
    }
  if (errs->count == 1)
    {
      errs->first_line = (guint) MAX (err->line, 0);
      errs->schema = err->domain == XML_FROM_RELAXNGV || err->domain == XML_FROM_RELAXNGP;
    }
  if (errs->messages->len > 0)
    g_string_append_c (errs->messages, '\n');
  g_string_append_printf (errs->messages, "%s:%d: %s", errs->name, err->line, msg);
}

G_LOCK_DEFINE_STATIC (schemas);
static GHashTable *schemas;     /* name -> xmlRelaxNGPtr, never freed */

xmlRelaxNGPtr
pp_xml_schema (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat ("schema/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  xmlRelaxNGParserCtxtPtr pctxt;
  xmlRelaxNGPtr schema;
  PpXmlErrors errs;
  gsize len;
  const char *data;

  pp_xml_init ();
  G_LOCK (schemas);
  if (schemas == NULL)
    schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  schema = g_hash_table_lookup (schemas, name);
  G_UNLOCK (schemas);
  if (schema != NULL)
    return schema;

  bytes = pp_data_get (path, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) len);
  pp_xml_errors_init (&errs, path);
  xmlRelaxNGSetParserStructuredErrors (pctxt, pp_xml_errors_handler, &errs);
  schema = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);
  if (schema == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_FAILED,
                   "schema %s does not compile: %s", path,
                   errs.messages->len ? errs.messages->str : "unknown error");
      pp_xml_errors_clear (&errs);
      return NULL;
    }
  pp_xml_errors_clear (&errs);

  G_LOCK (schemas);
  if (g_hash_table_lookup (schemas, name) == NULL)
    g_hash_table_insert (schemas, g_strdup (name), schema);
  else
    {
      xmlRelaxNGFree (schema);
      schema = g_hash_table_lookup (schemas, name);
    }
  G_UNLOCK (schemas);
  return schema;
}

static guint
count_lines (const char *data, gsize upto)
{
  guint line = 1;

  for (gsize i = 0; i < upto; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static gboolean
prologue_truncated (gboolean complete, const char *name, GError **error)
{
  if (complete)
    return TRUE;                /* the parser reports what is wrong */
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
               "%s:1: the comments and declarations before the root element are longer than %d bytes",
               name, PP_XML_PROLOGUE_MAX);
  return FALSE;
}

/* The value of the encoding pseudo-attribute of the XML declaration
 * data[0..len), or NULL when it declares none.  Malformed declarations
 * are left to the parser. */
static char *
declared_encoding (const char *data, gsize len)
{
  const char *p = g_strstr_len (data, (gssize) len, "encoding");
  const char *end = data + len;
  const char *value;
  char quote;

  if (p == NULL)
    return NULL;
  p += strlen ("encoding");
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || *p != '=')
    return NULL;
  p++;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || (*p != '"' && *p != '\''))
    return NULL;
  quote = *p++;
  value = p;
  while (p < end && *p != quote)
    p++;
  if (p >= end)
    return NULL;
  return g_strndup (value, (gsize) (p - value));
}

/* peerplan reads UTF-8 only: a converter libxml2 would pick for another
 * encoding reports its failures on standard error, without a line, and
 * outside the parser's error handler (found by the scenario fuzz target
 * with encoding="UTF-7").  US-ASCII is a subset and passes. */
static gboolean
encoding_refused (const char *encoding, const char *name, guint line, GError **error)
{
  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0 ||
      g_ascii_strcasecmp (encoding, "US-ASCII") == 0 || g_ascii_strcasecmp (encoding, "ASCII") == 0)
    return FALSE;
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
               "%s:%u: the document declares encoding=\"%s\"; peerplan reads UTF-8 only "
               "(convert it, e.g. iconv -f %s -t UTF-8, and declare encoding=\"UTF-8\")",
               name, line, encoding, encoding);
  return TRUE;
}

gboolean
pp_xml_check_prologue (const char *data, gsize len, gboolean complete,
                       const char *name, GError **error)
{
  gsize i = 0;
  gboolean seen_markup = FALSE;

  /* libxml2 would detect UTF-16 and UTF-32 by themselves (with or without
   * a byte order mark), and the DOCTYPE guard below reads bytes: refuse
   * them here rather than let a DOCTYPE through in two-byte characters. */
  if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0 ||
                   data[0] == '\0' || data[1] == '\0'))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
                   "%s:1: the file is UTF-16 or UTF-32 (it starts with a byte order mark or a NUL byte); "
                   "peerplan reads UTF-8 only (convert it, e.g. iconv -f UTF-16 -t UTF-8)",
                   name);
      return FALSE;
    }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len)
    {
      if (g_ascii_isspace (data[i]))
        {
          i++;
          continue;
        }
      if (data[i] != '<')
        return TRUE;            /* not XML at all: the parser will say so */
      seen_markup = TRUE;
      if (i + 1 < len && data[i + 1] == '?')
        {
          const char *end = g_strstr_len (data + i, (gssize) (len - i), "?>");
          if (end == NULL)
            return prologue_truncated (complete, name, error);
          if (i + 5 < len && memcmp (data + i, "<?xml", 5) == 0 && g_ascii_isspace (data[i + 5]))
            {
              g_autofree char *encoding = declared_encoding (data + i, (gsize) (end - data) - i);

              if (encoding != NULL &&
                  encoding_refused (encoding, name, count_lines (data, i), error))
                return FALSE;
            }
          i = (gsize) (end - data) + 2;
          continue;
        }
      if (i + 3 < len && memcmp (data + i, "<!--", 4) == 0)
        {
          const char *end = g_strstr_len (data + i, (gssize) (len - i), "-->");
          if (end == NULL)
            return prologue_truncated (complete, name, error);
          i = (gsize) (end - data) + 3;
          continue;
        }
      if (i + 1 < len && data[i + 1] == '!')
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
                       "%s:%u: a DOCTYPE declaration is not allowed: peerplan reads no DTDs and expands no entities (remove the <!DOCTYPE ...> block)",
                       name, count_lines (data, i));
          return FALSE;
        }
      return TRUE;              /* the root element */
    }
  if (!complete)
    return prologue_truncated (complete, name, error);
  /* Without this, libxml2 says "Extra content at the end of the
   * document" about a file with nothing in it. */
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
               "%s:1: the file is empty%s (hint: is it the file you meant? "
               "an XML document needs a root element)",
               name, seen_markup ? ": it holds only comments and declarations, no element" : "");
  return FALSE;
}

xmlDocPtr
pp_xml_parse (GBytes *bytes, const char *name, const char *schema_name, GError **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  PpXmlErrors errs;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  pp_xml_init ();
  /* No bytes come as NULL, which libxml2 refuses without a word: give it
   * an empty string, so that the message says "file:1: Document is
   * empty" as for an empty file. */
  if (data == NULL)
    data = "";
  if (!pp_xml_check_prologue (data, len, TRUE, name, error))
    return NULL;
  if (len > G_MAXINT)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
                   "%s: the document is too large", name);
      return NULL;
    }

  pp_xml_errors_init (&errs, name);
  ctxt = xmlNewParserCtxt ();
  xmlSetStructuredErrorFunc (&errs, pp_xml_errors_handler);
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, name, NULL, PP_XML_PARSE_OPTIONS);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || errs.count > 0)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE, "%s",
                   errs.messages->len ? errs.messages->str : "not well-formed XML");
      pp_xml_errors_clear (&errs);
      return NULL;
    }

  /* The compiled-in catalogs were validated when they were tested; a
   * catalog a user points PEERPLAN_DATA_DIR at is validated here. */
  if (schema_name != NULL && !pp_data_is_builtin (name))
    {
      xmlRelaxNGPtr schema = pp_xml_schema (schema_name, error);
      xmlRelaxNGValidCtxtPtr vctxt;
      int rc;

      if (schema == NULL)
        {
          pp_xml_errors_clear (&errs);
          return NULL;
        }
      vctxt = xmlRelaxNGNewValidCtxt (schema);
      xmlRelaxNGSetValidStructuredErrors (vctxt, pp_xml_errors_handler, &errs);
      rc = xmlRelaxNGValidateDoc (vctxt, doc);
      xmlRelaxNGFreeValidCtxt (vctxt);
      if (rc != 0)
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_SCHEMA_INVALID,
                       "%s (does not match %s)",
                       errs.messages->len ? errs.messages->str : "invalid document",
                       schema_name);
          pp_xml_errors_clear (&errs);
          return NULL;
        }
    }
  pp_xml_errors_clear (&errs);
  return g_steal_pointer (&doc);
}

const char *
pp_xml_prop (xmlNodePtr node, const char *name)
{
  xmlAttrPtr attr = xmlHasProp (node, (const xmlChar *) name);

  if (attr == NULL || attr->children == NULL)
    return NULL;
  return (const char *) attr->children->content;
}
