/* SPDX-License-Identifier: MIT */
/* pp-scenario-elements.c: the scenario reader's element handlers.
 *
 * DOC: each start tag the builder (pp-scenario-read.c) hands over is
 * checked where it stands (a guard on the schema's shape), its attributes
 * checked and parsed, and turned into an object appended to the
 * scenario's arrays; the element nesting (account > vpc > vswitch >
 * instance, connection > ends) gives the parent indices.  References to
 * objects declared later (a route table entry naming a connection) are
 * resolved at the end.
 */
#include "model/pp-scenario-read-private.h"
#include "model/pp-date.h"
#include "model/pp-number.h"
#include "model/pp-rules.h"
#include "model/pp-suggest.h"

#include <string.h>

gboolean
pp_scenario_reader_fail (Reader *r, guint line, PpModelError code, const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (r->error, PP_MODEL_ERROR, code, "%s:%u: %s", r->name, line, msg);
  return FALSE;
}

/* The value of attribute @name of @n, or NULL (borrowed until the next
 * element). */
static const char *
attr (Reader *r, const Elem *n, const char *name)
{
  (void) r;
  for (guint i = 0; i < n->n_attrs; i++)
    if (n->names[i][0] == name[0] && strcmp (n->names[i], name) == 0)
      return n->values[i];
  return NULL;
}

/* The attributes whose values are ids (scenario.rng's "id" type).  The
 * schema leaves them as text because libxml2 compiles a pattern facet for
 * every value it validates; this check is the pattern, done once per value
 * without allocation. */
static gboolean
is_id_attribute (const char *name)
{
  /* Called for every attribute of the file: dispatch on the first byte so
   * that most names cost one comparison. */
  switch (name[0])
    {
    case 'f':
      return strcmp (name, "from") == 0 || strcmp (name, "from-region") == 0
             || strcmp (name, "from-area") == 0;
    case 'i':
      return strcmp (name, "id") == 0 || strcmp (name, "interface") == 0;
    case 'n':
      return strcmp (name, "next-hop") == 0 || strcmp (name, "next-hop-type") == 0;
    case 'o':
      return strcmp (name, "opposite-interface") == 0 || strcmp (name, "object") == 0;
    case 'r':
      return strcmp (name, "region") == 0 || strcmp (name, "route-table-id") == 0
             || strcmp (name, "rule") == 0;
    case 's':
      return strcmp (name, "status") == 0 || strcmp (name, "spec") == 0;
    case 't':
      return strcmp (name, "to") == 0 || strcmp (name, "to-region") == 0
             || strcmp (name, "to-area") == 0;
    case 'v':
      return strcmp (name, "vpc") == 0 || strcmp (name, "vrouter-id") == 0;
    case 'z':
      return strcmp (name, "zone") == 0;
    default:
      return FALSE;
    }
}

/**
 * pp_scenario_id_syntax_error:
 * @s: a would-be id
 *
 * Whether @s is an id a scenario can hold:
 * [A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}.  Importers check the ids they take
 * from their input with it, so that what they build loads.
 *
 * Returns: -1 when @s is an id, else the index of the offending byte (0
 * for an empty one, 128 for one longer than 128 characters).
 */
/* The bytes an id may hold after its first: letters, digits, . _ : @ / -
 * (a table: every id of a file is checked, a strchr() a byte was a
 * tenth of reading a route). */
static const guint8 id_byte[256] = {
  ['.'] = 1, ['_'] = 1, [':'] = 1, ['@'] = 1, ['/'] = 1, ['-'] = 1,
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
  ['9'] = 1,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
  ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
  ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
  ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
  ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

int
pp_scenario_id_syntax_error (const char *s)
{
  int i;

  if (!g_ascii_isalnum (s[0]))
    return 0;
  for (i = 1; s[i] != '\0'; i++)
    if (!id_byte[(guchar) s[i]])
      return i;
  return i > 128 ? 128 : -1;
}

static gboolean
check_attrs (Reader *r, const Elem *n, guint line)
{
  for (guint i = 0; i < n->n_attrs; i++)
    {
      const char *value = n->values[i];
      int bad;

      if (is_id_attribute (n->names[i]) && (bad = pp_scenario_id_syntax_error (value)) >= 0)
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                     "%s=\"%s\" is not an id: %s (ids are 1-128 letters, digits and . _ : @ / -, starting with a letter or digit)",
                     n->names[i], value,
                     value[bad] == '\0' ? "it is empty"
                     : bad >= 128 ? "it is longer than 128 characters"
                     : bad == 0 ? "it does not start with a letter or digit"
                     : "it holds a character ids may not contain");
    }
  return TRUE;
}

static gboolean
parse_cidr (Reader *r, guint line, const char *what, const char *text, gboolean route, PpCidr *out)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  ok = route ? pp_cidr_parse_route (text, out, &local) : pp_cidr_parse (text, out, &local);

  if (!ok)
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE, "%s: %s", what, local->message);
  return TRUE;
}

static gboolean
register_id (Reader *r, PpKind kind, const char *kind_name, const char *id, guint index, guint line)
{
  if (!pp_scenario_register (r->sc, kind, id, index))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_DUPLICATE_ID,
                 "duplicate %s id '%s' (ids must be unique per kind)", kind_name, id);
  return TRUE;
}

static gboolean
resolve (Reader *r, PpKind kind, const char *kind_name, const char *id, guint line, guint *out)
{
  *out = pp_scenario_lookup (r->sc, kind, id);
  if (*out == PP_NONE)
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                 "unknown %s '%s' (declare it before it is used, or fix the id)", kind_name, id);
  return TRUE;
}

static gboolean
read_account (Reader *r, const Elem *n, guint line)
{
  PpAccount a = { 0 };
  PpScenario *sc = r->sc;

  a.id = pp_scenario_intern (sc, attr (r, n, "id"));
  a.uid = pp_scenario_intern (sc, attr (r, n, "uid"));
  a.name = pp_scenario_intern (sc, attr (r, n, "name"));
  a.access_key_id = pp_scenario_intern (sc, attr (r, n, "access-key-id"));
  a.access_key_secret = pp_scenario_intern (sc, attr (r, n, "access-key-secret"));
  a.line = line;
  if ((a.access_key_id == NULL) != (a.access_key_secret == NULL))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "account '%s' has only half of an AccessKey pair; give both access-key-id and access-key-secret, or neither",
                 a.id);
  for (guint i = 0; i < sc->accounts->len; i++)
    if (g_str_equal (pp_scenario_account (sc, i)->uid, a.uid))
      return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_DUPLICATE_ID,
                   "account '%s' has the same uid %s as account '%s' (line %u)",
                   a.id, a.uid, pp_scenario_account (sc, i)->id, pp_scenario_account (sc, i)->line);
  if (!register_id (r, PP_KIND_ACCOUNT, "account", a.id, sc->accounts->len, line))
    return FALSE;
  g_array_append_val (sc->accounts, a);
  r->account = sc->accounts->len - 1;
  return TRUE;
}

static gboolean
read_vpc (Reader *r, const Elem *n, guint line)
{
  PpVpc v = { 0 };
  PpScenario *sc = r->sc;
  const char *region = attr (r, n, "region");

  v.id = pp_scenario_intern (sc, attr (r, n, "id"));
  v.name = pp_scenario_intern (sc, attr (r, n, "name"));
  v.account = r->account;
  v.vrouter_id = pp_scenario_intern (sc, attr (r, n, "vrouter-id"));
  v.route_table_id = pp_scenario_intern (sc, attr (r, n, "route-table-id"));
  v.origin = pp_scenario_intern (sc, attr (r, n, "origin"));
  v.first_vswitch = sc->vswitches->len;
  v.line = line;
  v.region = pp_regions_lookup (r->regions, region);
  if (v.region == NULL)
    {
      g_autofree char *near = pp_regions_nearest (r->regions, region);

      if (near != NULL)
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                     "vpc '%s': unknown region '%s'; did you mean %s?",
                     v.id, region, near);
      return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                   "vpc '%s': unknown region '%s' (peerplan knows the regions in regions.xml, e.g. ap-northeast-1, us-west-1, cn-hangzhou)",
                   v.id, region);
    }
  if (!parse_cidr (r, line, "vpc cidr", attr (r, n, "cidr"), FALSE, &v.cidr))
    return FALSE;
  if (!register_id (r, PP_KIND_VPC, "vpc", v.id, sc->vpcs->len, line))
    return FALSE;
  g_array_append_val (sc->vpcs, v);
  r->vpc = sc->vpcs->len - 1;
  return TRUE;
}

static gboolean
read_vswitch (Reader *r, const Elem *n, guint line)
{
  PpVSwitch w = { 0 };
  PpScenario *sc = r->sc;
  PpVpc *vpc = pp_scenario_vpc (sc, r->vpc);

  w.id = pp_scenario_intern (sc, attr (r, n, "id"));
  w.name = pp_scenario_intern (sc, attr (r, n, "name"));
  w.vpc = r->vpc;
  w.zone = pp_scenario_intern (sc, attr (r, n, "zone"));
  w.origin = pp_scenario_intern (sc, attr (r, n, "origin"));
  w.first_instance = sc->instances->len;
  w.line = line;
  if (!pp_region_has_zone (vpc->region, w.zone))
    {
      g_autofree char *zones = pp_region_describe_zones (vpc->region);

      return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                   "vswitch '%s': zone '%s' is not a zone of %s (%s); %s",
                   w.id, w.zone, vpc->region->id, vpc->region->name, zones);
    }
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
read_instance (Reader *r, const Elem *n, guint line)
{
  PpInstance in = { 0 };
  PpScenario *sc = r->sc;
  g_autoptr(GError) local = NULL;

  in.id = pp_scenario_intern (sc, attr (r, n, "id"));
  in.name = pp_scenario_intern (sc, attr (r, n, "name"));
  in.vswitch = r->vswitch;
  in.origin = pp_scenario_intern (sc, attr (r, n, "origin"));
  in.line = line;
  if (!pp_ip_parse (attr (r, n, "ip"), &in.ip, &local))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE, "instance ip: %s", local->message);
  if (!register_id (r, PP_KIND_INSTANCE, "instance", in.id, sc->instances->len, line))
    return FALSE;
  g_array_append_val (sc->instances, in);
  pp_scenario_vswitch (sc, r->vswitch)->n_instances++;
  return TRUE;
}

static gboolean
read_table_route (Reader *r, const Elem *n, guint line)
{
  PpRoute rt = { 0 };
  PpRouteNames names = { NULL, NULL, NULL };
  PpScenario *sc = r->sc;
  const char *type = attr (r, n, "next-hop-type");
  const char *hop = attr (r, n, "next-hop");

  rt.vpc = r->vpc;
  names.id = pp_scenario_intern (sc, attr (r, n, "id"));
  names.origin = pp_scenario_intern (sc, attr (r, n, "origin"));
  rt.line = line;
  rt.next_hop = PP_NONE;
  if (!parse_cidr (r, line, "route destination", attr (r, n, "destination"), TRUE, &rt.destination))
    return FALSE;
  if (type != NULL && !g_str_equal (type, "RouterInterface") && !g_str_equal (type, "VpcPeer") &&
      !g_str_equal (type, "Instance"))
    {
      g_autofree char *full = g_strdup_printf ("%s:%s", type, hop);
      rt.next_hop_kind = PP_NEXT_HOP_OTHER;
      names.next_hop_name = pp_scenario_intern (sc, full);
    }
  else
    {
      /* not the interning table again for the same next hop: on the
       * largest estate it holds 200 000 strings, each lookup a cache miss */
      if (r->last_hop == NULL || hop == NULL || strcmp (hop, r->last_hop) != 0)
        {
          r->last_hop = pp_scenario_intern (sc, hop);
          g_ptr_array_add (r->pending, (gpointer) r->last_hop);
        }
      /* resolved once the whole file is read: pp_scenario_resolve_pending() */
      rt.next_hop_kind = g_strcmp0 (type, "Instance") == 0 ? PP_NEXT_HOP_INSTANCE : PP_NEXT_HOP_CONNECTION;
      rt.next_hop = PP_PENDING_HOP | (r->pending->len - 1);
    }
  pp_scenario_add_route (sc, &rt, &names);
  return TRUE;
}

static gboolean
read_connection (Reader *r, const Elem *n, guint line)
{
  PpConnection c = { 0 };
  PpScenario *sc = r->sc;
  const char *type = attr (r, n, "type");
  const char *bw = attr (r, n, "bandwidth");

  c.id = pp_scenario_intern (sc, attr (r, n, "id"));
  if (!pp_conn_type_from_string (type, &c.type))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "connection '%s': type '%s' is neither router-interface nor vpc-peer", c.id, type);
  c.spec = pp_scenario_intern (sc, attr (r, n, "spec"));
  c.link_type = pp_scenario_intern (sc, attr (r, n, "link-type"));
  c.status = pp_scenario_intern (sc, attr (r, n, "status"));
  c.origin = pp_scenario_intern (sc, attr (r, n, "origin"));
  c.line = line;
  c.ends[0].vpc = c.ends[1].vpc = PP_NONE;
  if (bw != NULL)
    {
      guint64 v;
      g_autoptr(GError) local = NULL;

      if (!pp_parse_uint (bw, 0, G_MAXUINT32, &v, &local))
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                                        "connection '%s': bandwidth: %s (a number of Mbps)",
                                        c.id, local->message);
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
read_end (Reader *r, const Elem *n, guint line, guint which)
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
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "connection '%s' joins vpc '%s' to itself; a connection needs two different VPCs",
                 c->id, pp_scenario_vpc (sc, e->vpc)->id);
  e->interface_id = pp_scenario_intern (sc, attr (r, n, "interface"));
  e->opposite_interface = pp_scenario_intern (sc, attr (r, n, "opposite-interface"));
  e->opposite_owner = pp_scenario_intern (sc, attr (r, n, "opposite-owner"));
  e->charge = PP_CHARGE_UNSET;
  if (charge != NULL && (!pp_charge_from_string (charge, &e->charge) || e->charge == PP_CHARGE_UNSET))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                                    "charge '%s' is neither subscription nor pay-as-you-go", charge);
  e->cycle = PP_CYCLE_MONTH;
  if (cycle != NULL && !pp_cycle_from_string (cycle, &e->cycle))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                                    "cycle '%s' is neither month nor year", cycle);
  if (period != NULL)
    {
      guint64 v = 0;
      guint max = e->cycle == PP_CYCLE_YEAR ? 3 : 9;
      g_autoptr(GError) local = NULL;

      if (!pp_parse_uint (period, 1, 36, &v, &local))
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE, "period: %s",
                                        local->message);
      if (v > max)
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                     "period %s with cycle %s: a subscription is bought for 1-9 months or 1-3 years%s",
                     period, pp_cycle_to_string (e->cycle),
                     e->cycle == PP_CYCLE_MONTH && v % 12 == 0 && v / 12 <= 3
                       ? "; did you mean cycle=\"year\" with a period in years?" : "");
      e->period = (guint) v;
    }
  return TRUE;
}

static gboolean
read_conn_route (Reader *r, const Elem *n, guint line)
{
  PpScenario *sc = r->sc;
  PpConnection *c = pp_scenario_connection (sc, r->connection);
  PpRoute rt = { 0 };
  PpRouteNames names = { NULL, NULL, NULL };

  rt.line = line;
  names.id = pp_scenario_intern (sc, attr (r, n, "id"));
  names.origin = pp_scenario_intern (sc, attr (r, n, "origin"));
  rt.next_hop_kind = PP_NEXT_HOP_CONNECTION;
  rt.next_hop = r->connection;
  if (!resolve (r, PP_KIND_VPC, "vpc", attr (r, n, "vpc"), line, &rt.vpc))
    return FALSE;
  if (rt.vpc != c->ends[0].vpc && rt.vpc != c->ends[1].vpc)
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "route on vpc '%s', which is not an end of connection '%s' (its ends are '%s' and '%s')",
                 pp_scenario_vpc (sc, rt.vpc)->id, c->id,
                 pp_scenario_vpc (sc, c->ends[0].vpc)->id, pp_scenario_vpc (sc, c->ends[1].vpc)->id);
  if (!parse_cidr (r, line, "route destination", attr (r, n, "destination"), TRUE, &rt.destination))
    return FALSE;
  pp_scenario_add_route (sc, &rt, &names);
  return TRUE;
}

static gboolean
read_expect (Reader *r, const Elem *n, guint line)
{
  PpExpectReach e = { 0 };
  g_autofree char *reachable = g_strdup (attr (r, n, "reachable"));

  e.line = line;
  /* xsd:boolean, whitespace collapsed; the schema refuses other values */
  if (reachable != NULL)
    {
      g_strstrip (reachable);
      e.isolated = strcmp (reachable, "false") == 0 || strcmp (reachable, "0") == 0;
    }
  if (!resolve (r, PP_KIND_INSTANCE, "instance", attr (r, n, "from"), line, &e.from) ||
      !resolve (r, PP_KIND_INSTANCE, "instance", attr (r, n, "to"), line, &e.to))
    return FALSE;
  g_array_append_val (r->sc->expects, e);
  return TRUE;
}

/* The attributes of @n as parallel NULL-terminated arrays (borrowed
 * values), for the parsers of pp-price.h. */
static void
attr_arrays (const Elem *n, const char **names, const char **values)
{
  for (guint i = 0; i < n->n_attrs; i++)
    {
      names[i] = n->names[i];
      values[i] = n->values[i];
    }
  names[n->n_attrs] = NULL;
  values[n->n_attrs] = NULL;
}

static gboolean
read_price (Reader *r, const Elem *n, guint line)
{
  const char *names[G_N_ELEMENTS (n->names) + 1];
  const char *values[G_N_ELEMENTS (n->names) + 1];
  PpPrice p;

  attr_arrays (n, names, values);
  if (!pp_price_from_attributes (&p, r->sc->strings, names, values, r->name, line, r->error))
    return FALSE;
  g_array_append_val (r->sc->prices, p);
  return TRUE;
}

static gboolean
read_usage (Reader *r, const Elem *n, guint line)
{
  const char *names[G_N_ELEMENTS (n->names) + 1];
  const char *values[G_N_ELEMENTS (n->names) + 1];
  PpScenario *sc = r->sc;
  PpConnection *c = pp_scenario_connection (sc, r->connection);
  PpUsage u;

  attr_arrays (n, names, values);
  if (!pp_usage_from_attributes (&u, sc->strings, r->connection, names, values,
                                 r->name, line, r->error))
    return FALSE;
  if (u.from != NULL)
    {
      if (!resolve (r, PP_KIND_VPC, "vpc", u.from, line, &u.from_vpc))
        return FALSE;
      if (u.from_vpc != c->ends[0].vpc && u.from_vpc != c->ends[1].vpc)
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                     "usage from vpc '%s', which is not an end of connection '%s' (its ends are '%s' and '%s')",
                     u.from, c->id, pp_scenario_vpc (sc, c->ends[0].vpc)->id,
                     pp_scenario_vpc (sc, c->ends[1].vpc)->id);
    }
  g_array_append_val (sc->usages, u);
  return TRUE;
}

static gboolean
read_waive (Reader *r, const Elem *n, guint line)
{
  PpScenario *sc = r->sc;
  PpWaiver wv = { 0 };
  const char *rule = attr (r, n, "rule");
  const char *reason = attr (r, n, "reason");
  const char *until = attr (r, n, "until");
  const PpRule *known = pp_rules_lookup (rule);

  wv.line = line;
  if (known == NULL)
    {
      guint n_rules = 0;
      const PpRule *rules = pp_rules_all (&n_rules);
      g_autofree const char **ids = g_new0 (const char *, n_rules + 1);
      const char *near;

      for (guint i = 0; i < n_rules; i++)
        ids[i] = rules[i].id;
      near = pp_suggest (rule, ids);
      if (near != NULL)
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                     "waive: unknown rule '%s'; did you mean %s?", rule, near);
      return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                   "waive: unknown rule '%s' (the rule ids are listed in docs/rules.md)",
                   rule);
    }
  if (g_str_has_prefix (known->id, "waiver-") || g_str_equal (known->id, "baseline-unused"))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "waive: rule '%s' is about waivers and baselines themselves and cannot be waived; fix or remove the waiver or baseline entry instead",
                 known->id);
  wv.rule = known->id;
  wv.object = pp_scenario_intern (sc, attr (r, n, "object"));
  while (reason != NULL && g_ascii_isspace (*reason))
    reason++;
  if (reason == NULL || *reason == '\0')
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                 "waive: the reason is empty; say why the finding is accepted (e.g. reason=\"accepted in design review 42\")");
  wv.reason = pp_scenario_intern (sc, attr (r, n, "reason"));
  if (until != NULL)
    {
      if (!pp_date_from_iso (until, &wv.until))
        return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                                        "waive: until: \"%s\" is not a date (hint: YYYY-MM-DD, e.g. 2027-03-31)",
                                        until);
      wv.has_until = TRUE;
    }
  g_array_append_val (sc->waivers, wv);
  return TRUE;
}

/* The model is built by a parser that does not validate (validation runs
 * next to it, see read_stream), so before acting on an element this
 * checks what the handlers rely on: the element is where the schema puts
 * it, under the objects it needs, with the attributes they read.  A
 * document that fails here fails the schema at or before this element,
 * and that is the error reported; this message is only seen if the guard
 * and the schema ever disagree. */
typedef struct {
  const char *element;
  ElKind parent;                /* EL_NONE: the root; EL_OTHER: any */
  const char *required[3];
} Shape;

static const Shape shapes[] = {
  [EL_OTHER] = { NULL, EL_OTHER, { NULL } },
  [EL_SCENARIO] = { "scenario", EL_NONE, { "name" } },
  [EL_ACCOUNT] = { "account", EL_SCENARIO, { "id", "uid" } },
  [EL_VPC] = { "vpc", EL_ACCOUNT, { "id", "region", "cidr" } },
  [EL_VSWITCH] = { "vswitch", EL_VPC, { "id", "zone", "cidr" } },
  [EL_INSTANCE] = { "instance", EL_VSWITCH, { "id", "ip" } },
  [EL_CONNECTION] = { "connection", EL_SCENARIO, { "id", "type" } },
  [EL_INITIATOR] = { "initiator", EL_CONNECTION, { "vpc" } },
  [EL_REQUESTER] = { "requester", EL_CONNECTION, { "vpc" } },
  [EL_ACCEPTOR] = { "acceptor", EL_CONNECTION, { "vpc" } },
  [EL_ACCEPTER] = { "accepter", EL_CONNECTION, { "vpc" } },
  [EL_ROUTE] = { "route", EL_OTHER, { "destination" } },
  [EL_EXPECT] = { "expect-reach", EL_SCENARIO, { "from", "to" } },
  [EL_PRICE] = { "price", EL_SCENARIO, { NULL } },
  [EL_USAGE] = { "usage", EL_CONNECTION, { NULL } },
  [EL_WAIVE] = { "waive", EL_SCENARIO, { "rule", "reason" } },
};
G_STATIC_ASSERT (G_N_ELEMENTS (shapes) == EL_LAST);

/* The kind of element called @name: one comparison for most names. */
ElKind
pp_scenario_element_kind (const char *name)
{
  ElKind k;

  switch (name[0])
    {
    case 'a':
      k = strcmp (name, "account") == 0 ? EL_ACCOUNT
          : strcmp (name, "acceptor") == 0 ? EL_ACCEPTOR : EL_ACCEPTER;
      break;
    case 'c': k = EL_CONNECTION; break;
    case 'e': k = EL_EXPECT; break;
    case 'p': k = EL_PRICE; break;
    case 'u': k = EL_USAGE; break;
    case 'i': k = name[1] == 'n' && name[2] == 'i' ? EL_INITIATOR : EL_INSTANCE; break;
    case 'r': k = name[1] == 'o' ? EL_ROUTE : EL_REQUESTER; break;
    case 's': k = EL_SCENARIO; break;
    case 'v': k = name[1] == 'p' ? EL_VPC : EL_VSWITCH; break;
    case 'w': k = EL_WAIVE; break;
    default: return EL_OTHER;
    }
  return strcmp (shapes[k].element, name) == 0 ? k : EL_OTHER;
}

static gboolean
shape_ok (Reader *r, const Elem *n)
{
  const Shape *shape = &shapes[n->kind];
  const PpConnection *c;

  if (n->ns == NULL || strcmp (n->ns, "urn:peerplan:scenario:1") != 0)
    return FALSE;
  if (n->kind == EL_OTHER)
    return TRUE;                /* description: not read here */
  if (shape->parent != EL_OTHER && shape->parent != n->pkind)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (shape->required) && shape->required[i]; i++)
    if (attr (r, n, shape->required[i]) == NULL)
      return FALSE;
  switch (n->kind)
    {
    case EL_VPC:
      return r->account != PP_NONE;
    case EL_VSWITCH:
      return r->vpc != PP_NONE;
    case EL_INSTANCE:
      return r->vswitch != PP_NONE;
    case EL_INITIATOR:
    case EL_REQUESTER:
      return r->connection != PP_NONE;
    case EL_USAGE:
      if (r->connection == PP_NONE)
        return FALSE;
      c = pp_scenario_connection (r->sc, r->connection);
      return c->ends[0].vpc != PP_NONE && c->ends[1].vpc != PP_NONE;
    case EL_ACCEPTOR:
    case EL_ACCEPTER:
      return r->connection != PP_NONE && pp_scenario_connection (r->sc, r->connection)->ends[0].vpc != PP_NONE;
    case EL_ROUTE:
      if (n->pkind == EL_VPC)
        return r->vpc != PP_NONE && attr (r, n, "next-hop") != NULL;
      if (n->pkind != EL_CONNECTION || r->connection == PP_NONE || attr (r, n, "vpc") == NULL)
        return FALSE;
      c = pp_scenario_connection (r->sc, r->connection);
      return c->ends[0].vpc != PP_NONE && c->ends[1].vpc != PP_NONE;
    default:
      return TRUE;
    }
}

gboolean
pp_scenario_read_element (Reader *r, const Elem *n, guint line)
{
  if (!shape_ok (r, n))
    return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_SCHEMA_INVALID,
                 "element <%s> is not expected here (" PP_SCENARIO_FORMAT_HINT ")",
                 n->name);
  if (!check_attrs (r, n, line))
    return FALSE;
  switch (n->kind)
    {
    case EL_SCENARIO:
      r->sc->name = pp_scenario_intern (r->sc, attr (r, n, "name"));
      r->sc->line = line;
      if (attr (r, n, "purchase-date") != NULL)
        {
          if (!pp_date_from_iso (attr (r, n, "purchase-date"), &r->sc->purchase_date))
            return pp_scenario_reader_fail (r, line, PP_MODEL_ERROR_INVALID_VALUE,
                                            "purchase-date: \"%s\" is not a date (hint: YYYY-MM-DD, e.g. 2026-11-26)",
                                            attr (r, n, "purchase-date"));
          r->sc->has_purchase_date = TRUE;
        }
      return TRUE;
    case EL_ACCOUNT:
      return read_account (r, n, line);
    case EL_VPC:
      return read_vpc (r, n, line);
    case EL_VSWITCH:
      return read_vswitch (r, n, line);
    case EL_INSTANCE:
      return read_instance (r, n, line);
    case EL_CONNECTION:
      return read_connection (r, n, line);
    case EL_INITIATOR:
    case EL_REQUESTER:
      return read_end (r, n, line, 0);
    case EL_ACCEPTOR:
    case EL_ACCEPTER:
      return read_end (r, n, line, 1);
    case EL_ROUTE:
      return n->pkind == EL_VPC ? read_table_route (r, n, line) : read_conn_route (r, n, line);
    case EL_EXPECT:
      return read_expect (r, n, line);
    case EL_PRICE:
      return read_price (r, n, line);
    case EL_USAGE:
      return read_usage (r, n, line);
    case EL_WAIVE:
      return read_waive (r, n, line);
    default:
      return TRUE;              /* description: read by the layers that use it */
    }
}

gboolean
pp_scenario_resolve_pending (Reader *r)
{
  PpScenario *sc = r->sc;
  const PpRoute *prev = NULL;   /* the last route resolved, and its next hop's name */
  const char *prev_name = NULL;

  /* The routes of route tables that name a connection or an instance:
   * the only ones without a next hop yet (a connection's own routes have
   * theirs), in document order. */
  for (guint i = 0; i < sc->routes->len; i++)
    {
      PpRoute *rt = pp_scenario_route (sc, i);
      const char *name;

      if (rt->next_hop_kind == PP_NEXT_HOP_OTHER || rt->next_hop == PP_NONE
          || (rt->next_hop & PP_PENDING_HOP) == 0)
        continue;
      name = g_ptr_array_index (r->pending, rt->next_hop & ~PP_PENDING_HOP);
      /* the same name as the route before (interned: the same pointer)
       * resolves the same way, without the lookups */
      if (prev != NULL && name == prev_name && rt->next_hop_kind == prev->next_hop_kind)
        {
          rt->next_hop = prev->next_hop;
          continue;
        }
      prev = rt;
      prev_name = name;
      if (rt->next_hop_kind == PP_NEXT_HOP_INSTANCE)
        {
          if (!resolve (r, PP_KIND_INSTANCE, "instance (route next hop)", name, rt->line, &rt->next_hop))
            return FALSE;
          continue;
        }
      rt->next_hop = pp_scenario_lookup (sc, PP_KIND_CONNECTION, name);
      if (rt->next_hop == PP_NONE)
        {
          rt->next_hop = pp_scenario_lookup (sc, PP_KIND_INSTANCE, name);
          if (rt->next_hop == PP_NONE)
            return pp_scenario_reader_fail (r, rt->line, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
                         "route next hop '%s' is neither a connection nor an instance of the scenario",
                         name);
          rt->next_hop_kind = PP_NEXT_HOP_INSTANCE;
        }
    }
  return TRUE;
}

