/* SPDX-License-Identifier: MIT */
/* pp-scenario-read-private.h: what the scenario reader's two halves
 * share: the element handlers (pp-scenario-elements.c), which turn one
 * start tag into objects of the scenario, and the machinery that feeds
 * them (pp-scenario-read.c: the bytes, the SAX2 builder and the checker
 * generated from the schema).  Not for use outside those two files.
 */
#pragma once

#include "model/pp-scenario-xml.h"
#include "model/pp-error.h"

G_BEGIN_DECLS

typedef struct {
  PpScenario *sc;
  const PpRegions *regions;
  const char *name;             /* for messages */
  guint max_depth;
  guint max_attr_len;
  guint account;                /* current parents, PP_NONE outside */
  guint vpc;
  guint vswitch;
  guint connection;
  guint n_ends;
  const char *last_hop;         /* the previous table route's next hop (interned), or NULL:
                                   a VPC's routes name a few next hops, one after the other */
  GPtrArray *pending;           /* the next hops table routes name, once a run: until
                                   pp_scenario_resolve_pending(), such a route's next_hop
                                   is PP_PENDING_HOP | an index here */
  GError **error;
} Reader;

/* The element being read, as the SAX2 parser hands it over: its name, its
 * parent's, its namespace, and its attributes copied once into a scratch
 * buffer as NUL-terminated name/value pairs (libxml2 gives values as
 * ranges into its input). */
typedef enum {
  EL_OTHER,                     /* description, or unknown */
  EL_SCENARIO, EL_ACCOUNT, EL_VPC, EL_VSWITCH, EL_INSTANCE, EL_CONNECTION,
  EL_INITIATOR, EL_REQUESTER, EL_ACCEPTOR, EL_ACCEPTER, EL_ROUTE, EL_EXPECT,
  EL_PRICE, EL_USAGE, EL_WAIVE,
  EL_LAST,
  EL_NONE = EL_LAST             /* the parent of the root */
} ElKind;

typedef struct {
  const char *name;
  ElKind kind;
  ElKind pkind;                 /* EL_NONE for the root */
  const char *ns;               /* namespace URI or NULL */
  guint n_attrs;
  const char *names[16];
  const char *values[16];
} Elem;

#define PP_PENDING_HOP 0x80000000u

/* pp-scenario-elements.c */
/* Sets r->error to "NAME:LINE: message" in PP_MODEL_ERROR @code; FALSE. */
gboolean pp_scenario_reader_fail (Reader *r, guint line, PpModelError code,
                                  const char *format, ...) G_GNUC_PRINTF (4, 5);
/* The kind of element called @name. */
ElKind   pp_scenario_element_kind (const char *name);
/* Checks element @n where it stands and adds what it declares; FALSE with
 * r->error set. */
gboolean pp_scenario_read_element (Reader *r, const Elem *n, guint line);
/* Resolves the references to objects declared later (route next hops);
 * FALSE with r->error set. */
gboolean pp_scenario_resolve_pending (Reader *r);

G_END_DECLS
