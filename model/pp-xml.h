/* SPDX-License-Identifier: MIT */
/* pp-xml.h: libxml2 helpers shared by the scenario reader and the catalogs.
 *
 * Hardened intake for every XML document peerplan reads: no network, no
 * DTD loading, no entity expansion (XML_PARSE_NOENT is never used), and a
 * DOCTYPE is refused outright, since no peerplan format needs one.  RelaxNG
 * schemas come from the data files (pp-data.h) and are compiled once per
 * process.  Errors are PP_MODEL_ERROR with "file:line: message".
 */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

/* The parser options every peerplan document is read with. */
#define PP_XML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_NOCDATA)

/* Calls xmlInitParser() and checks the ABI once; safe to call often. */
void        pp_xml_init (void);

/* The compiled schema data/schema/NAME (e.g. "scenario.rng"), cached for the
 * life of the process (transfer none). */
xmlRelaxNGPtr pp_xml_schema (const char *name, GError **error);

/* Refuses a document that carries a DOCTYPE: scans the prologue of @data
 * (the bytes before the root element).  @complete says @data is the whole
 * document; when it is only the head of a file, a prologue that does not
 * end within it is refused (PP_XML_PROLOGUE_MAX).  A complete document
 * without an element (empty, blank, only comments) is refused as empty.
 * @name is used in the message. */
#define PP_XML_PROLOGUE_MAX 65536
gboolean    pp_xml_check_prologue (const char *data, gsize len, gboolean complete,
                                   const char *name, GError **error);

/* Parses @bytes into a DOM and validates it against schema @schema_name
 * (NULL: no validation; nor for a compiled-in data file, see
 * pp_data_is_builtin()).  For small documents (catalogs, quotes); large
 * scenarios go through the streaming reader. */
xmlDocPtr   pp_xml_parse (GBytes *bytes, const char *name, const char *schema_name, GError **error);

/* Collects libxml2's structured errors (parser and RelaxNG) as
 * "name:line: message" lines; the first one is the one reported. */
typedef struct {
  const char *name;
  GString *messages;
  guint count;
  guint first_line;
  gboolean schema;              /* the first error came from RelaxNG */
} PpXmlErrors;

void        pp_xml_errors_init (PpXmlErrors *errs, const char *name);
void        pp_xml_errors_clear (PpXmlErrors *errs);
void        pp_xml_errors_handler (void *data, xmlErrorPtr err);

/* An attribute's value as a string owned by libxml2's dictionary or the
 * node (borrowed, NULL when absent): for DOM documents. */
const char *pp_xml_prop (xmlNodePtr node, const char *name);

G_END_DECLS
