/* SPDX-License-Identifier: MIT */
/* pp-scenario-read.c: the streaming scenario reader.
 *
 * DOC: the file is read with xmlTextReader, one node at a time, and
 * validated against scenario.rng on the stream; the reader keeps only the
 * current element, so memory follows the model, not the file.  Each start
 * tag is turned into an object appended to the scenario's arrays; the
 * element nesting (account > vpc > vswitch > instance, connection > ends)
 * gives the parent indices.  References to objects declared later (a route
 * table entry naming a connection) are resolved at the end.
 */
#include "model/pp-scenario-xml.h"
#include "model/pp-error.h"
#include "model/pp-xml.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define DEFAULT_MAX_FILE_SIZE (G_GUINT64_CONSTANT (2) << 30)
#define DEFAULT_MAX_DEPTH 64
#define DEFAULT_MAX_ATTR_LEN 4096

typedef struct {
  guint route;                  /* index into routes */
  const char *next_hop;         /* interned */
} PendingHop;

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
  GArray *pending;              /* PendingHop */
  GError **error;
} Reader;

G_GNUC_PRINTF (4, 5) static gboolean
fail (Reader *r, guint line, PpModelError code, const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (r->error, PP_MODEL_ERROR, code, "%s:%u: %s", r->name, line, msg);
  return FALSE;
}

/* The value of attribute @name of @node, or NULL (borrowed from the node). */
static const char *
attr (Reader *r, xmlNodePtr node, const char *name)
{
  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    if (strcmp ((const char *) a->name, name) == 0)
      {
        if (a->children == NULL)
          return "";
        if (a->children->next == NULL && a->children->type == XML_TEXT_NODE)
          return (const char *) a->children->content;
        /* Several children only come from entity references, and a
         * scenario has no DTD to declare any: refuse rather than guess. */
        return "";
      }
  return NULL;
}

static gboolean
check_attr_lengths (Reader *r, xmlNodePtr node, guint line)
{
  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    if (a->children != NULL && a->children->content != NULL &&
        strlen ((const char *) a->children->content) > r->max_attr_len)
      return fail (r, line, PP_MODEL_ERROR_LIMIT,
                   "attribute '%s' is longer than %u bytes; no scenario value needs that much",
                   (const char *) a->name, r->max_attr_len);
  return TRUE;
}

static gboolean
parse_cidr (Reader *r, guint line, const char *what, const char *text, gboolean route, PpCidr *out)
{
  g_autoptr(GError) local = NULL;
  gboolean ok = route ? pp_cidr_parse_route (text, out, &local) : pp_cidr_parse (text, out, &local);

  if (!ok)
    return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE, "%s: %s", what, local->message);
  return TRUE;
}

static gboolean
register_id (Reader *r, PpKind kind, const char *kind_name, const char *id, guint index, guint line)
{
  if (!pp_scenario_register (r->sc, kind, id, index))
    return fail (r, line, PP_MODEL_ERROR_DUPLICATE_ID,
                 "duplicate %s id '%s' (ids must be unique per kind)", kind_name, id);
  return TRUE;
}

static gboolean
resolve (Reader *r, PpKind kind, const char *kind_name, const char *id, guint line, guint *out)
{
  *out = pp_scenario_lookup (r->sc, kind, id);
  if (*out == PP_NONE)
    return fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                 "unknown %s '%s' (declare it before it is used, or fix the id)", kind_name, id);
  return TRUE;
}

static gboolean
read_account (Reader *r, xmlNodePtr n, guint line)
{
  PpAccount a = { 0 };
  PpScenario *sc = r->sc;

  a.id = pp_scenario_intern (sc, attr (r, n, "id"));
  a.uid = pp_scenario_intern (sc, attr (r, n, "uid"));
  a.access_key_id = pp_scenario_intern (sc, attr (r, n, "access-key-id"));
  a.access_key_secret = pp_scenario_intern (sc, attr (r, n, "access-key-secret"));
  a.line = line;
  if ((a.access_key_id == NULL) != (a.access_key_secret == NULL))
    return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "account '%s' has only half of an AccessKey pair; give both access-key-id and access-key-secret, or neither",
                 a.id);
  for (guint i = 0; i < sc->accounts->len; i++)
    if (g_str_equal (pp_scenario_account (sc, i)->uid, a.uid))
      return fail (r, line, PP_MODEL_ERROR_DUPLICATE_ID,
                   "account '%s' has the same uid %s as account '%s' (line %u)",
                   a.id, a.uid, pp_scenario_account (sc, i)->id, pp_scenario_account (sc, i)->line);
  if (!register_id (r, PP_KIND_ACCOUNT, "account", a.id, sc->accounts->len, line))
    return FALSE;
  g_array_append_val (sc->accounts, a);
  r->account = sc->accounts->len - 1;
  return TRUE;
}

static gboolean
read_vpc (Reader *r, xmlNodePtr n, guint line)
{
  PpVpc v = { 0 };
  PpScenario *sc = r->sc;
  const char *region = attr (r, n, "region");

  v.id = pp_scenario_intern (sc, attr (r, n, "id"));
  v.name = pp_scenario_intern (sc, attr (r, n, "name"));
  v.account = r->account;
  v.vrouter_id = pp_scenario_intern (sc, attr (r, n, "vrouter-id"));
  v.route_table_id = pp_scenario_intern (sc, attr (r, n, "route-table-id"));
  v.first_vswitch = sc->vswitches->len;
  v.line = line;
  v.region = pp_regions_lookup (r->regions, region);
  if (v.region == NULL)
    return fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                 "vpc '%s': unknown region '%s' (peerplan knows the regions in regions.xml, e.g. ap-northeast-1, us-west-1, cn-hangzhou)",
                 v.id, region);
  if (!parse_cidr (r, line, "vpc cidr", attr (r, n, "cidr"), FALSE, &v.cidr))
    return FALSE;
  if (!register_id (r, PP_KIND_VPC, "vpc", v.id, sc->vpcs->len, line))
    return FALSE;
  g_array_append_val (sc->vpcs, v);
  r->vpc = sc->vpcs->len - 1;
  return TRUE;
}

static gboolean
read_vswitch (Reader *r, xmlNodePtr n, guint line)
{
  PpVSwitch w = { 0 };
  PpScenario *sc = r->sc;
  PpVpc *vpc = pp_scenario_vpc (sc, r->vpc);

  w.id = pp_scenario_intern (sc, attr (r, n, "id"));
  w.vpc = r->vpc;
  w.zone = pp_scenario_intern (sc, attr (r, n, "zone"));
  w.first_instance = sc->instances->len;
  w.line = line;
  if (!pp_region_has_zone (vpc->region, w.zone))
    return fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                 "vswitch '%s': zone '%s' is not a zone of region %s (zones are written %sa or %s-a)",
                 w.id, w.zone, vpc->region->id, vpc->region->id, vpc->region->id);
  if (!parse_cidr (r, line, "vswitch cidr", attr (r, n, "cidr"), FALSE, &w.cidr))
    return FALSE;
  if (!register_id (r, PP_KIND_VSWITCH, "vswitch", w.id, sc->vswitches->len, line))
    return FALSE;
  g_array_append_val (sc->vswitches, w);
  vpc->n_vswitches++;
  r->vswitch = sc->vswitches->len - 1;
  return TRUE;
}

static gboolean
read_instance (Reader *r, xmlNodePtr n, guint line)
{
  PpInstance in = { 0 };
  PpScenario *sc = r->sc;
  g_autoptr(GError) local = NULL;

  in.id = pp_scenario_intern (sc, attr (r, n, "id"));
  in.vswitch = r->vswitch;
  in.line = line;
  if (!pp_ip_parse (attr (r, n, "ip"), &in.ip, &local))
    return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE, "instance ip: %s", local->message);
  if (!register_id (r, PP_KIND_INSTANCE, "instance", in.id, sc->instances->len, line))
    return FALSE;
  g_array_append_val (sc->instances, in);
  pp_scenario_vswitch (sc, r->vswitch)->n_instances++;
  return TRUE;
}

static gboolean
read_table_route (Reader *r, xmlNodePtr n, guint line)
{
  PpRoute rt = { 0 };
  PpScenario *sc = r->sc;
  const char *type = attr (r, n, "next-hop-type");
  const char *hop = attr (r, n, "next-hop");

  rt.vpc = r->vpc;
  rt.id = pp_scenario_intern (sc, attr (r, n, "id"));
  rt.line = line;
  rt.next_hop = PP_NONE;
  if (!parse_cidr (r, line, "route destination", attr (r, n, "destination"), TRUE, &rt.destination))
    return FALSE;
  if (type != NULL && !g_str_equal (type, "RouterInterface") && !g_str_equal (type, "VpcPeer") &&
      !g_str_equal (type, "Instance"))
    {
      g_autofree char *full = g_strdup_printf ("%s:%s", type, hop);
      rt.next_hop_kind = PP_NEXT_HOP_OTHER;
      rt.next_hop_name = pp_scenario_intern (sc, full);
    }
  else
    {
      PendingHop p = { sc->routes->len, pp_scenario_intern (sc, hop) };
      rt.next_hop_kind = g_strcmp0 (type, "Instance") == 0 ? PP_NEXT_HOP_INSTANCE : PP_NEXT_HOP_CONNECTION;
      rt.next_hop_name = p.next_hop;
      g_array_append_val (r->pending, p);
    }
  g_array_append_val (sc->routes, rt);
  return TRUE;
}

static gboolean
read_connection (Reader *r, xmlNodePtr n, guint line)
{
  PpConnection c = { 0 };
  PpScenario *sc = r->sc;
  const char *type = attr (r, n, "type");
  const char *bw = attr (r, n, "bandwidth");

  c.id = pp_scenario_intern (sc, attr (r, n, "id"));
  c.type = g_strcmp0 (type, "vpc-peer") == 0 ? PP_CONN_VPC_PEER : PP_CONN_ROUTER_INTERFACE;
  c.spec = pp_scenario_intern (sc, attr (r, n, "spec"));
  c.link_type = pp_scenario_intern (sc, attr (r, n, "link-type"));
  c.status = pp_scenario_intern (sc, attr (r, n, "status"));
  c.line = line;
  c.ends[0].vpc = c.ends[1].vpc = PP_NONE;
  if (bw != NULL)
    {
      guint64 v;
      if (!g_ascii_string_to_unsigned (bw, 10, 0, G_MAXUINT32, &v, NULL))
        return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                     "connection '%s': bandwidth '%s' is not a number of Mbps", c.id, bw);
      c.bandwidth = (guint) v;
    }
  if (!register_id (r, PP_KIND_CONNECTION, "connection", c.id, sc->connections->len, line))
    return FALSE;
  g_array_append_val (sc->connections, c);
  r->connection = sc->connections->len - 1;
  r->n_ends = 0;
  return TRUE;
}

static gboolean
read_end (Reader *r, xmlNodePtr n, guint line, guint which)
{
  PpScenario *sc = r->sc;
  PpConnection *c = pp_scenario_connection (sc, r->connection);
  PpEnd *e = &c->ends[which];
  const char *charge = attr (r, n, "charge");
  const char *period = attr (r, n, "period");
  const char *cycle = attr (r, n, "cycle");

  e->line = line;
  if (!resolve (r, PP_KIND_VPC, "vpc", attr (r, n, "vpc"), line, &e->vpc))
    return FALSE;
  if (which == 1 && c->ends[0].vpc == e->vpc)
    return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "connection '%s' joins vpc '%s' to itself; a connection needs two different VPCs",
                 c->id, pp_scenario_vpc (sc, e->vpc)->id);
  e->interface_id = pp_scenario_intern (sc, attr (r, n, "interface"));
  e->opposite_interface = pp_scenario_intern (sc, attr (r, n, "opposite-interface"));
  e->opposite_owner = pp_scenario_intern (sc, attr (r, n, "opposite-owner"));
  e->charge = charge == NULL ? PP_CHARGE_UNSET
            : g_str_equal (charge, "subscription") ? PP_CHARGE_SUBSCRIPTION : PP_CHARGE_PAY_AS_YOU_GO;
  e->cycle = g_strcmp0 (cycle, "year") == 0 ? PP_CYCLE_YEAR : PP_CYCLE_MONTH;
  if (period != NULL)
    {
      guint64 v = 0;
      guint max = e->cycle == PP_CYCLE_YEAR ? 3 : 9;

      g_ascii_string_to_unsigned (period, 10, 1, 36, &v, NULL);
      if (v < 1 || v > max)
        return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                     "period %s with cycle %s: a subscription is bought for 1-9 months or 1-3 years%s",
                     period, pp_cycle_to_string (e->cycle),
                     e->cycle == PP_CYCLE_MONTH && v % 12 == 0 && v / 12 <= 3
                       ? "; did you mean cycle=\"year\" with a period in years?" : "");
      e->period = (guint) v;
    }
  return TRUE;
}

static gboolean
read_conn_route (Reader *r, xmlNodePtr n, guint line)
{
  PpScenario *sc = r->sc;
  PpConnection *c = pp_scenario_connection (sc, r->connection);
  PpRoute rt = { 0 };

  rt.line = line;
  rt.id = pp_scenario_intern (sc, attr (r, n, "id"));
  rt.next_hop_kind = PP_NEXT_HOP_CONNECTION;
  rt.next_hop = r->connection;
  if (!resolve (r, PP_KIND_VPC, "vpc", attr (r, n, "vpc"), line, &rt.vpc))
    return FALSE;
  if (rt.vpc != c->ends[0].vpc && rt.vpc != c->ends[1].vpc)
    return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "route on vpc '%s', which is not an end of connection '%s' (its ends are '%s' and '%s')",
                 pp_scenario_vpc (sc, rt.vpc)->id, c->id,
                 pp_scenario_vpc (sc, c->ends[0].vpc)->id, pp_scenario_vpc (sc, c->ends[1].vpc)->id);
  if (!parse_cidr (r, line, "route destination", attr (r, n, "destination"), TRUE, &rt.destination))
    return FALSE;
  g_array_append_val (sc->routes, rt);
  return TRUE;
}

static gboolean
read_expect (Reader *r, xmlNodePtr n, guint line)
{
  PpExpectReach e = { 0 };

  e.line = line;
  if (!resolve (r, PP_KIND_INSTANCE, "instance", attr (r, n, "from"), line, &e.from) ||
      !resolve (r, PP_KIND_INSTANCE, "instance", attr (r, n, "to"), line, &e.to))
    return FALSE;
  g_array_append_val (r->sc->expects, e);
  return TRUE;
}

/* The attributes of @n as parallel NULL-terminated arrays (borrowed
 * values), for the parsers of pp-price.h. */
static void
attr_arrays (Reader *r, xmlNodePtr n, GPtrArray *names, GPtrArray *values)
{
  for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
    {
      g_ptr_array_add (names, (gpointer) a->name);
      g_ptr_array_add (values, (gpointer) attr (r, n, (const char *) a->name));
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
}

static gboolean
read_price (Reader *r, xmlNodePtr n, guint line)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  PpPrice p;

  attr_arrays (r, n, names, values);
  if (!pp_price_from_attributes (&p, r->sc->strings,
                                 (const char * const *) names->pdata,
                                 (const char * const *) values->pdata,
                                 r->name, line, r->error))
    return FALSE;
  g_array_append_val (r->sc->prices, p);
  return TRUE;
}

static gboolean
read_usage (Reader *r, xmlNodePtr n, guint line)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  PpScenario *sc = r->sc;
  PpConnection *c = pp_scenario_connection (sc, r->connection);
  PpUsage u;

  attr_arrays (r, n, names, values);
  if (!pp_usage_from_attributes (&u, sc->strings, r->connection,
                                 (const char * const *) names->pdata,
                                 (const char * const *) values->pdata,
                                 r->name, line, r->error))
    return FALSE;
  if (u.from != NULL)
    {
      if (!resolve (r, PP_KIND_VPC, "vpc", u.from, line, &u.from_vpc))
        return FALSE;
      if (u.from_vpc != c->ends[0].vpc && u.from_vpc != c->ends[1].vpc)
        return fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                     "usage from vpc '%s', which is not an end of connection '%s' (its ends are '%s' and '%s')",
                     u.from, c->id, pp_scenario_vpc (sc, c->ends[0].vpc)->id,
                     pp_scenario_vpc (sc, c->ends[1].vpc)->id);
    }
  g_array_append_val (sc->usages, u);
  return TRUE;
}

static gboolean
read_element (Reader *r, xmlNodePtr n, guint line)
{
  const char *name = (const char *) n->name;
  xmlNodePtr parent = n->parent;
  const char *pname = parent != NULL && parent->type == XML_ELEMENT_NODE ? (const char *) parent->name : "";

  if (!check_attr_lengths (r, n, line))
    return FALSE;
  if (g_str_equal (name, "scenario"))
    {
      r->sc->name = pp_scenario_intern (r->sc, attr (r, n, "name"));
      r->sc->purchase_date = pp_scenario_intern (r->sc, attr (r, n, "purchase-date"));
      r->sc->line = line;
      return TRUE;
    }
  if (g_str_equal (name, "account"))
    return read_account (r, n, line);
  if (g_str_equal (name, "vpc"))
    return read_vpc (r, n, line);
  if (g_str_equal (name, "vswitch"))
    return read_vswitch (r, n, line);
  if (g_str_equal (name, "instance"))
    return read_instance (r, n, line);
  if (g_str_equal (name, "connection"))
    return read_connection (r, n, line);
  if (g_str_equal (name, "initiator") || g_str_equal (name, "requester"))
    return read_end (r, n, line, 0);
  if (g_str_equal (name, "acceptor") || g_str_equal (name, "accepter"))
    return read_end (r, n, line, 1);
  if (g_str_equal (name, "route"))
    return g_str_equal (pname, "vpc") ? read_table_route (r, n, line) : read_conn_route (r, n, line);
  if (g_str_equal (name, "expect-reach"))
    return read_expect (r, n, line);
  if (g_str_equal (name, "price"))
    return read_price (r, n, line);
  if (g_str_equal (name, "usage"))
    return read_usage (r, n, line);
  /* description: read by the layers that use it. */
  return TRUE;
}

static gboolean
resolve_pending (Reader *r)
{
  PpScenario *sc = r->sc;

  for (guint i = 0; i < r->pending->len; i++)
    {
      PendingHop *p = &g_array_index (r->pending, PendingHop, i);
      PpRoute *rt = pp_scenario_route (sc, p->route);

      if (rt->next_hop_kind == PP_NEXT_HOP_INSTANCE)
        {
          if (!resolve (r, PP_KIND_INSTANCE, "instance (route next hop)", p->next_hop, rt->line, &rt->next_hop))
            return FALSE;
          continue;
        }
      rt->next_hop = pp_scenario_lookup (sc, PP_KIND_CONNECTION, p->next_hop);
      if (rt->next_hop == PP_NONE)
        {
          rt->next_hop = pp_scenario_lookup (sc, PP_KIND_INSTANCE, p->next_hop);
          if (rt->next_hop == PP_NONE)
            return fail (r, rt->line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                         "route next hop '%s' is neither a connection nor an instance of the scenario",
                         p->next_hop);
          rt->next_hop_kind = PP_NEXT_HOP_INSTANCE;
        }
    }
  return TRUE;
}

static PpScenario *
read_stream (xmlTextReaderPtr reader, const char *name, const PpLoadOptions *opts, GError **error)
{
  g_autoptr(PpScenario) sc = pp_scenario_new (name);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (PendingHop));
  xmlRelaxNGPtr schema;
  PpXmlErrors errs;
  Reader r = { 0 };
  int rc;

  r.sc = sc;
  r.name = sc->file;
  r.regions = opts != NULL && opts->regions != NULL ? opts->regions : pp_regions_default (error);
  if (r.regions == NULL)
    return NULL;
  r.max_depth = opts != NULL && opts->max_depth ? opts->max_depth : DEFAULT_MAX_DEPTH;
  r.max_attr_len = opts != NULL && opts->max_attr_len ? opts->max_attr_len : DEFAULT_MAX_ATTR_LEN;
  r.account = r.vpc = r.vswitch = r.connection = PP_NONE;
  r.pending = pending;
  r.error = error;

  schema = pp_xml_schema ("scenario.rng", error);
  if (schema == NULL)
    return NULL;

  pp_xml_errors_init (&errs, r.name);
  xmlTextReaderSetStructuredErrorHandler (reader, pp_xml_errors_handler, &errs);
  if (xmlTextReaderRelaxNGSetSchema (reader, schema) != 0)
    {
      pp_xml_errors_clear (&errs);
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_FAILED,
                   "%s: cannot start schema validation", r.name);
      return NULL;
    }

  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      xmlNodePtr node;
      guint line;
      int depth;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
        {
          if (errs.count > 0)
            break;
          continue;
        }
      node = xmlTextReaderCurrentNode (reader);
      line = (guint) xmlGetLineNo (node);
      depth = xmlTextReaderDepth (reader);
      if (depth == 0 && (node->ns == NULL ||
                         strcmp ((const char *) node->ns->href, "urn:peerplan:scenario:1") != 0 ||
                         strcmp ((const char *) node->name, "scenario") != 0))
        {
          pp_xml_errors_clear (&errs);
          fail (&r, line, PP_MODEL_ERROR_SCHEMA_INVALID,
                "the root element is <%s>, not <scenario xmlns=\"urn:peerplan:scenario:1\">; is this a peerplan scenario?",
                (const char *) node->name);
          return NULL;
        }
      if (depth < 0 || (guint) depth >= r.max_depth)
        {
          pp_xml_errors_clear (&errs);
          fail (&r, line, PP_MODEL_ERROR_LIMIT,
                "elements are nested more than %u deep; a scenario is at most a few levels deep",
                r.max_depth);
          return NULL;
        }
      /* The validator has seen the element: act on it only if valid. */
      if (errs.count > 0)
        break;
      if (!read_element (&r, node, line))
        {
          pp_xml_errors_clear (&errs);
          return NULL;
        }
    }

  if (rc != 0 || errs.count > 0 || xmlTextReaderIsValid (reader) != 1)
    {
      const char *msg = errs.messages->len ? errs.messages->str : "not a valid scenario document";
      const char *hint;

      if (errs.schema)
        hint = " (the scenario format is described in peerplan-scenario(5))";
      else if (strstr (msg, "Huge input") != NULL || strstr (msg, "too long") != NULL)
        hint = " (a single value is longer than the XML parser accepts; scenario values are short)";
      else
        hint = " (the file is not well-formed XML: is it a scenario?)";
      g_set_error (error, PP_MODEL_ERROR,
                   errs.schema ? PP_MODEL_ERROR_SCHEMA_INVALID : PP_MODEL_ERROR_XML_PARSE,
                   "%s%s", msg, hint);
      pp_xml_errors_clear (&errs);
      return NULL;
    }
  pp_xml_errors_clear (&errs);

  if (!resolve_pending (&r))
    return NULL;
  return g_steal_pointer (&sc);
}

#define READER_OPTIONS (PP_XML_PARSE_OPTIONS | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT)

PpScenario *
pp_scenario_load_bytes (GBytes *xml, const char *name, const PpLoadOptions *opts, GError **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  guint64 max = opts != NULL && opts->max_file_size ? opts->max_file_size : DEFAULT_MAX_FILE_SIZE;
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);

  pp_xml_init ();
  if (len > max || len > G_MAXINT)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
                   "%s: the scenario is %" G_GSIZE_FORMAT " bytes, more than the limit of %" G_GUINT64_FORMAT,
                   name, len, max);
      return NULL;
    }
  if (!pp_xml_check_prologue (data, len, TRUE, name, error))
    return NULL;
  reader = xmlReaderForMemory (data, (int) len, name, NULL, READER_OPTIONS);
  if (reader == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_XML_PARSE,
                   "%s:1: cannot start the XML reader", name);
      return NULL;
    }
  return read_stream (reader, name, opts, error);
}

PpScenario *
pp_scenario_load_file (const char *file, const PpLoadOptions *opts, GError **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  guint64 max = opts != NULL && opts->max_file_size ? opts->max_file_size : DEFAULT_MAX_FILE_SIZE;
  char head[PP_XML_PROLOGUE_MAX];
  GStatBuf st;
  gssize got;
  int fd;

  pp_xml_init ();
  fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: cannot open: %s", file, g_strerror (e));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: not a regular file", file);
      return NULL;
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT,
                   "%s: the scenario is %" G_GUINT64_FORMAT " bytes, more than the limit of %" G_GUINT64_FORMAT,
                   file, (guint64) st.st_size, max);
      return NULL;
    }
  got = read (fd, head, sizeof head);
  close (fd);
  if (got < 0)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO, "%s: cannot read", file);
      return NULL;
    }
  if (!pp_xml_check_prologue (head, (gsize) got, (gsize) got < sizeof head, file, error))
    return NULL;
  reader = xmlReaderForFile (file, NULL, READER_OPTIONS);
  if (reader == NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO, "%s: cannot read", file);
      return NULL;
    }
  return read_stream (reader, file, opts, error);
}
