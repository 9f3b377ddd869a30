/* SPDX-License-Identifier: MIT */
/* pp-rng.h: the checker generated from a RelaxNG schema, and its tables.
 *
 * data/schema/NAME.rng stays the definition of a format and the tests'
 * oracle; at build time model/pp-rng-gen reads it and writes a
 * PpRngSchema (elements, their variants, attributes with their datatypes,
 * and a DFA of each element's children), and at run time a PpRngChecker
 * follows a document's start tags, text and end tags against those
 * tables.  It reports the first error, naming the line, the element, the
 * attribute and what would be right.  The generator understands only the
 * constructs the schemas use and fails the build on any other, so a
 * change to a schema cannot silently weaken the checker;
 * tests/test-rng.c compares its verdicts with libxml2's RelaxNG.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef enum {
  PP_RNG_TEXT,                  /* any text */
  PP_RNG_ENUM,                  /* one of values (built-in token type) */
  PP_RNG_STRING,                /* xsd:string with facets */
  PP_RNG_DECIMAL,               /* xsd:decimal */
  PP_RNG_INTEGER,               /* xsd:integer and its kin (bounds in min/max) */
  PP_RNG_BOOLEAN,
  PP_RNG_DATE,
} PpRngKind;

/* A compiled pattern facet: a sequence of atoms, each a character class
 * (ASCII bitmap) or a group spanning atoms (i, end), repeated min..max
 * times (max -1: unbounded). */
typedef struct {
  guint32 cls[4];
  gint16 min, max;
  guint16 end;                  /* i + 1 for a class; past the group's last atom */
  gboolean group;
} PpRngAtom;

typedef struct {
  PpRngKind kind;
  const char *type;             /* the datatype's name, for messages */
  const char *const *values;    /* PP_RNG_ENUM; NULL-terminated */
  guint n_values;
  gint64 min_length, max_length;       /* characters; -1: none */
  gboolean has_min, has_max;
  gint64 min, max;              /* inclusive bounds of numbers */
  const PpRngAtom *pattern;     /* NULL: none */
  guint n_pattern;
  const char *pattern_text;
  const char *what;             /* pp:what annotation ("an Alibaba Cloud account UID") or NULL */
} PpRngData;

typedef struct {
  const char *name;
  gboolean required;
  const PpRngData *data;
} PpRngAttr;

typedef struct {
  const char *name;             /* a child element's name */
  guint16 element;              /* its definition */
  guint16 to;                   /* the next state */
} PpRngTrans;

typedef struct {
  guint16 first, n;             /* transitions */
  gboolean final;               /* the element may end here */
} PpRngState;

/* One way an element may be written: the attributes it takes and the
 * children it holds (state 0 is the start).  An element has several when
 * its schema chooses between groups of attributes and elements. */
typedef struct {
  const PpRngAttr *attrs;
  guint n_attrs;
  const PpRngState *states;
  guint n_states;
  const PpRngTrans *trans;
  gboolean text;                /* text content allowed */
  const char *content;          /* "vswitch*, route*", for messages */
} PpRngVariant;

typedef struct {
  const char *name;
  const PpRngVariant *variants;
  guint n_variants;
} PpRngElement;

typedef struct {
  const char *ns;
  const char *source;           /* "scenario.rng" */
  guint root;
  const PpRngElement *elements;
  guint n_elements;
  /* every element's and attribute's name once, sorted (strcmp): the
   * tables above hold these pointers, one for each name */
  const char *const *names;
  guint n_names;
} PpRngSchema;

/* The generated schemas. */
extern const PpRngSchema pp_scenario_schema;
extern const PpRngSchema pp_workflow_schema;

/* Follows one document.  Each call returns FALSE with @error set
 * (PP_MODEL_ERROR_SCHEMA_INVALID, "FILE:LINE: what is wrong; what would be
 * right") at the first error, and the checker is then spent.  @hint, when
 * not NULL, is appended to each message in parentheses. */
typedef struct _PpRngChecker PpRngChecker;

PpRngChecker *pp_rng_checker_new   (const PpRngSchema *schema, const char *file, const char *hint);
void          pp_rng_checker_free  (PpRngChecker *c);
/* Whether every namespace and name given from now on stays, unchanged,
 * for the checker's life (libxml2's dictionary while its parser lives, or
 * a tree's strings): then a pointer seen twice is the same name, and the
 * checker compares names by pointer and remembers what each element's
 * attributes were last time.  Default FALSE: names are compared as text. */
void          pp_rng_checker_set_interned (PpRngChecker *c, gboolean interned);
/* A start tag: @ns may be NULL; attribute i is @names[i] in namespace
 * @nss[i] (@nss NULL, or an entry NULL: none) with value @values[i]. */
gboolean      pp_rng_checker_start (PpRngChecker *c, const char *ns, const char *name,
                                    guint n_attrs, const char *const *names,
                                    const char *const *nss, const char *const *values,
                                    guint line, GError **error);
/* Text that starts on @line. */
gboolean      pp_rng_checker_text  (PpRngChecker *c, const char *text, gsize len,
                                    guint line, GError **error);
gboolean      pp_rng_checker_end   (PpRngChecker *c, guint line, GError **error);
/* Whether the current element takes text (then pp_rng_checker_text() has
 * nothing to check). */
gboolean      pp_rng_checker_wants_text (const PpRngChecker *c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRngChecker, pp_rng_checker_free)

/* Checks a parsed document: its elements, attributes and text, in
 * document order (an element's end is reported at its start line, which
 * is all a tree keeps), with its names as interned
 * (pp_rng_checker_set_interned()).  @file and @hint as for
 * pp_rng_checker_new(). */
gboolean      pp_rng_check_doc (const PpRngSchema *schema, xmlDocPtr doc, const char *file,
                                const char *hint, GError **error);
/* The same walk from @root with the checker @c as it is made (the tests
 * hold a checker that compares names as text to the same verdicts). */
gboolean      pp_rng_check_tree (PpRngChecker *c, xmlNodePtr root, GError **error);

G_END_DECLS
