/* SPDX-License-Identifier: MIT */
/* test-scenario.c: the scenario reader and writer, the cidr-* rules and
 * the rule table. */
#include "tests/testutils.h"
#include "model/pp-blocks.h"
#include "model/pp-check.h"
#include "model/pp-error.h"
#include "model/pp-mem.h"
#include "model/pp-number.h"
#include "model/pp-rules.h"
#include "model/pp-scenario-xml.h"
#include "model/pp-xml.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif

static PpScenario *
load_string (const char *xml, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  return pp_scenario_load_bytes (bytes, "test.xml", NULL, error);
}

static PpScenario *
load_src (const char *rel)
{
  g_autofree char *path = pp_test_srcpath (rel);
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_file (path, NULL, &error);

  ck_assert_msg (sc != NULL, "%s: %s", rel, error ? error->message : "");
  return sc;
}

/* A route's strings are kept beside it, only from the first route that
 * has one: those before and after without any read as NULL. */
START_TEST (test_route_names)
{
  g_autoptr(PpScenario) sc = pp_scenario_new ("test.xml");
  PpRoute rt = { 0 };
  PpRouteNames named = { "NatGateway:ngw-1", "rte-1", "alicloud_route_entry.a" };
  PpRouteNames empty = { NULL, NULL, NULL };

  ck_assert_uint_eq (pp_scenario_add_route (sc, &rt, NULL), 0);
  ck_assert_ptr_null (sc->route_names);
  ck_assert_uint_eq (pp_scenario_add_route (sc, &rt, &empty), 1);
  ck_assert_ptr_null (sc->route_names);
  ck_assert_uint_eq (pp_scenario_add_route (sc, &rt, &named), 2);
  ck_assert_uint_eq (pp_scenario_add_route (sc, &rt, NULL), 3);
  named.next_hop_name = NULL;
  named.id = NULL;
  ck_assert_uint_eq (pp_scenario_add_route (sc, &rt, &named), 4);
  ck_assert_uint_eq (sc->routes->len, 5);
  for (guint i = 0; i < 6; i++)
    {
      const PpRouteNames *n = pp_scenario_route_names (sc, i);

      ck_assert_str_eq (n->next_hop_name ? n->next_hop_name : "-", i == 2 ? "NatGateway:ngw-1" : "-");
      ck_assert_str_eq (n->id ? n->id : "-", i == 2 ? "rte-1" : "-");
      ck_assert_str_eq (n->origin ? n->origin : "-", i == 2 || i == 4 ? "alicloud_route_entry.a" : "-");
    }
  ck_assert_uint_eq (pp_scenario_route_index (sc, pp_scenario_route (sc, 3)), 3);
}
END_TEST

/* A route table's next hops are resolved once the file is read, a run of
 * routes through one next hop at a time; a name that is no connection is
 * an instance. */
START_TEST (test_route_pending_hops)
{
  static const char xml[] =
    "<scenario name=\"hops\" xmlns=\"urn:peerplan:scenario:1\">\n"
    "  <account id=\"A\" uid=\"1111111111111111\">\n"
    "    <vpc id=\"va\" region=\"cn-hangzhou\" cidr=\"10.10.0.0/16\">\n"
    "      <vswitch id=\"sa\" zone=\"cn-hangzhou-h\" cidr=\"10.10.1.0/24\">\n"
    "        <instance id=\"box\" ip=\"10.10.1.6\"/>\n"
    "      </vswitch>\n"
    "      <route destination=\"10.1.0.0/16\" next-hop=\"a-b\"/>\n"
    "      <route destination=\"10.2.0.0/16\" next-hop=\"a-b\"/>\n"
    "      <route destination=\"10.3.0.0/16\" next-hop=\"box\"/>\n"
    "      <route destination=\"10.4.0.0/16\" next-hop=\"box\" next-hop-type=\"Instance\"/>\n"
    "      <route destination=\"10.5.0.0/16\" next-hop=\"a-b\"/>\n"
    "      <route destination=\"10.6.0.0/16\" next-hop=\"ngw-1\" next-hop-type=\"NatGateway\"/>\n"
    "      <route destination=\"10.7.0.0/16\" next-hop=\"box\"/>\n"
    "    </vpc>\n"
    "    <vpc id=\"vb\" region=\"cn-hangzhou\" cidr=\"10.20.0.0/16\"/>\n"
    "  </account>\n"
    "  <connection id=\"a-b\" type=\"vpc-peer\">\n"
    "    <requester vpc=\"va\"/>\n"
    "    <accepter vpc=\"vb\"/>\n"
    "  </connection>\n"
    "</scenario>\n";
  static const PpNextHopKind kinds[] = {
    PP_NEXT_HOP_CONNECTION, PP_NEXT_HOP_CONNECTION, PP_NEXT_HOP_INSTANCE, PP_NEXT_HOP_INSTANCE,
    PP_NEXT_HOP_CONNECTION, PP_NEXT_HOP_OTHER, PP_NEXT_HOP_INSTANCE,
  };
  static const guint hops[] = { 0, 0, 0, 0, 0, PP_NONE, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = load_string (xml, &error);

  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (sc->routes->len, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const PpRoute *rt = pp_scenario_route (sc, i);

      ck_assert_msg (rt->next_hop_kind == kinds[i] && rt->next_hop == hops[i],
                     "route %u: kind %d, next hop %u", i, rt->next_hop_kind, rt->next_hop);
    }
  ck_assert_str_eq (pp_scenario_route_names (sc, 5)->next_hop_name, "NatGateway:ngw-1");
  ck_assert_ptr_null (pp_scenario_route_names (sc, 0)->next_hop_name);
}
END_TEST

START_TEST (test_article_model)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  const PpConnection *c;
  const PpVpc *tokyo;
  char buf[PP_CIDR_STRLEN];

  ck_assert_str_eq (sc->name, "tokyo-silicon-valley");
  ck_assert_uint_eq (sc->accounts->len, 2);
  ck_assert_uint_eq (sc->vpcs->len, 2);
  ck_assert_uint_eq (sc->vswitches->len, 2);
  ck_assert_uint_eq (sc->instances->len, 2);
  ck_assert_uint_eq (sc->connections->len, 1);
  ck_assert_uint_eq (sc->routes->len, 2);
  ck_assert_uint_eq (sc->expects->len, 2);
  tokyo = pp_scenario_vpc (sc, pp_scenario_lookup (sc, PP_KIND_VPC, "vpc-tokyo"));
  ck_assert_str_eq (tokyo->region->id, "ap-northeast-1");
  ck_assert_str_eq (tokyo->region->name, "Japan (Tokyo)");
  ck_assert (!tokyo->region->mainland);
  ck_assert_str_eq (pp_cidr_format (tokyo->cidr, buf), "172.16.0.0/16");
  ck_assert_str_eq (pp_scenario_vpc_account (sc, 0)->uid, "1111111111111111");
  ck_assert_uint_eq (tokyo->line, 6);
  c = pp_scenario_connection (sc, 0);
  ck_assert_int_eq (c->type, PP_CONN_ROUTER_INTERFACE);
  ck_assert_str_eq (c->spec, "Large.1");
  ck_assert_int_eq (c->ends[0].charge, PP_CHARGE_SUBSCRIPTION);
  ck_assert_uint_eq (c->ends[0].period, 1);
  ck_assert_int_eq (c->ends[1].charge, PP_CHARGE_PAY_AS_YOU_GO);
  ck_assert_uint_eq (c->line, 19);
  ck_assert_uint_eq (pp_scenario_route (sc, 0)->next_hop, 0);
  ck_assert_str_eq (pp_cidr_format (pp_scenario_route (sc, 0)->destination, buf), "192.168.0.0/24");
  ck_assert_str_eq (pp_scenario_instance (sc, pp_scenario_lookup (sc, PP_KIND_INSTANCE, "ecs-b"))->id, "ecs-b");
  ck_assert_uint_eq (pp_scenario_lookup (sc, PP_KIND_INSTANCE, "nope"), PP_NONE);
}
END_TEST

static const char *const roundtrip_files[] = {
  "data/examples/article.xml",
  "data/examples/hub-and-spoke.xml",
  "tests/data/check/routes-table.xml",
  "tests/data/reach/isolation.xml",
};

/* read -> write -> read gives the same model; write -> read -> write the
 * same bytes.  (test_roundtrip_original compares with the file read.) */
/* "&amp;" in an attribute is "&", however written, and writes back as it
 * was read (found by fuzz-import: libxml2 hands a SAX2 reader "&#38;"). */
START_TEST (test_attr_ampersand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = load_string (
    "<scenario name=\"x\" xmlns=\"urn:peerplan:scenario:1\">\n"
    "  <account id=\"a\" uid=\"1111111111111111\">\n"
    "    <vpc id=\"v\" region=\"cn-hangzhou\" cidr=\"10.0.0.0/16\" name=\"a&amp;b&#38;c &lt;&amp;#38;\" origin=\"o&amp;\"/>\n"
    "  </account>\n"
    "</scenario>\n", &error);
  g_autoptr(PpScenario) again = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *xml_again = NULL;

  ck_assert_msg (sc != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_str_eq (pp_scenario_vpc (sc, 0)->name, "a&b&c <&#38;");
  xml = pp_scenario_to_xml (sc);
  again = load_string (xml, &error);
  ck_assert_msg (again != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_str_eq (pp_scenario_vpc (again, 0)->name, "a&b&c <&#38;");
  xml_again = pp_scenario_to_xml (again);
  ck_assert_str_eq (xml, xml_again);
}
END_TEST

START_TEST (test_roundtrip)
{
  g_autoptr(PpScenario) a = load_src (roundtrip_files[_i]);
  g_autofree char *xa = pp_scenario_to_xml (a);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) b = load_string (xa, &error);
  g_autofree char *xb = NULL;

  ck_assert_msg (b != NULL, "%s", error ? error->message : "");
  xb = pp_scenario_to_xml (b);
  ck_assert_str_eq (xa, xb);
  ck_assert_uint_eq (a->vpcs->len, b->vpcs->len);
  ck_assert_uint_eq (a->routes->len, b->routes->len);
  ck_assert_uint_eq (a->connections->len, b->connections->len);
  ck_assert_uint_eq (a->expects->len, b->expects->len);
  for (guint i = 0; i < a->expects->len; i++)
    ck_assert_int_eq (g_array_index (a->expects, PpExpectReach, i).isolated,
                      g_array_index (b->expects, PpExpectReach, i).isolated);
  for (guint i = 0; i < a->vpcs->len; i++)
    {
      ck_assert_str_eq (pp_scenario_vpc (a, i)->id, pp_scenario_vpc (b, i)->id);
      ck_assert (pp_cidr_equal (pp_scenario_vpc (a, i)->cidr, pp_scenario_vpc (b, i)->cidr));
    }
}
END_TEST

/* ---- written against the original ---------------------------------- */

static int
compare_attrs (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* One line per element, in document order: its depth, name and sorted
 * attributes (name="value"), and its text if not blank.  Comments,
 * whitespace and attribute order are not part of the model. */
static void
xml_outline_node (xmlNode *n, guint depth, GString *out)
{
  for (; n != NULL; n = n->next)
    {
      g_autoptr(GPtrArray) attrs = g_ptr_array_new_with_free_func (g_free);

      if (n->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *a = n->properties; a != NULL; a = a->next)
        {
          g_autofree xmlChar *v = xmlNodeGetContent ((xmlNode *) a);

          g_ptr_array_add (attrs, g_strdup_printf ("%s=\"%s\"", (const char *) a->name, (const char *) v));
        }
      g_ptr_array_sort (attrs, compare_attrs);
      g_string_append_printf (out, "%*s%s", (int) depth * 2, "", (const char *) n->name);
      for (guint i = 0; i < attrs->len; i++)
        g_string_append_printf (out, " %s", (const char *) attrs->pdata[i]);
      if (n->children != NULL && n->children->type == XML_TEXT_NODE && n->children->next == NULL)
        {
          g_autofree char *text = g_strstrip (g_strdup ((const char *) n->children->content));

          if (*text != '\0')
            g_string_append_printf (out, " text=\"%s\"", text);
        }
      g_string_append_c (out, '\n');
      xml_outline_node (n->children, depth + 1, out);
    }
}

static char *
xml_outline (const char *xml, gsize len)
{
  g_autoptr(xmlDoc) doc = xmlReadMemory (xml, (int) len, "outline.xml", NULL, PP_XML_PARSE_OPTIONS);
  GString *out = g_string_new (NULL);

  ck_assert_ptr_nonnull (doc);
  xml_outline_node (xmlDocGetRootElement (doc), 0, out);
  return g_string_free (out, FALSE);
}

/* Files in the writer's canonical order: what is written is what was read,
 * element by element and attribute by attribute.  (routes-table.xml is not
 * one: a VPC's route via a connection is written on the connection.) */
static const char *const original_files[] = {
  "tests/data/scenario/roundtrip.xml",
  "data/examples/article.xml",
  "data/examples/hub-and-spoke.xml",
};

START_TEST (test_roundtrip_original)
{
  g_autofree char *original = pp_test_read (original_files[_i]);
  g_autoptr(PpScenario) sc = load_src (original_files[_i]);
  g_autofree char *written = pp_scenario_to_xml (sc);
  g_autofree char *want = xml_outline (original, strlen (original));
  g_autofree char *got = xml_outline (written, strlen (written));

  ck_assert_str_eq (got, want);
}
END_TEST

/* Collects "element attribute" for each attribute of the schema: the
 * element is the nearest enclosing <element name>, or "*" for an attribute
 * of a shared <define> (any element may carry it). */
static void
schema_attributes (xmlNode *n, const char *element, GPtrArray *out)
{
  for (; n != NULL; n = n->next)
    {
      g_autofree xmlChar *name = NULL;
      const char *inner = element;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      name = xmlGetProp (n, (const xmlChar *) "name");
      if (strcmp ((const char *) n->name, "define") == 0)
        inner = "*";
      else if (strcmp ((const char *) n->name, "element") == 0 && name != NULL)
        inner = (const char *) name;
      else if (strcmp ((const char *) n->name, "attribute") == 0 && name != NULL)
        g_ptr_array_add (out, g_strdup_printf ("%s %s", element, (const char *) name));
      schema_attributes (n->children, inner, out);
    }
}

static void
fixture_attributes (xmlNode *n, GHashTable *seen)
{
  for (; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *a = n->properties; a != NULL; a = a->next)
        {
          g_hash_table_add (seen, g_strdup_printf ("%s %s", (const char *) n->name, (const char *) a->name));
          g_hash_table_add (seen, g_strdup_printf ("* %s", (const char *) a->name));
        }
      fixture_attributes (n->children, seen);
    }
}

/* tests/data/scenario/roundtrip.xml uses every attribute of the schema, so
 * that test_roundtrip_original sees each one go through. */
START_TEST (test_roundtrip_coverage)
{
  g_autofree char *rng_path = pp_test_srcpath ("data/schema/scenario.rng");
  g_autofree char *fixture_path = pp_test_srcpath ("tests/data/scenario/roundtrip.xml");
  g_autoptr(xmlDoc) rng = xmlReadFile (rng_path, NULL, PP_XML_PARSE_OPTIONS);
  g_autoptr(xmlDoc) fixture = xmlReadFile (fixture_path, NULL, PP_XML_PARSE_OPTIONS);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ck_assert_ptr_nonnull (rng);
  ck_assert_ptr_nonnull (fixture);
  schema_attributes (xmlDocGetRootElement (rng), "*", wanted);
  fixture_attributes (xmlDocGetRootElement (fixture), seen);
  ck_assert_uint_gt (wanted->len, 50);
  for (guint i = 0; i < wanted->len; i++)
    ck_assert_msg (g_hash_table_contains (seen, wanted->pdata[i]),
                   "tests/data/scenario/roundtrip.xml lacks the schema's attribute '%s'",
                   (const char *) wanted->pdata[i]);
}
END_TEST

#define HEAD "<scenario name=\"t\" xmlns=\"urn:peerplan:scenario:1\">\n"
#define ACC "<account id=\"A\" uid=\"1111111111111111\">\n"
#define VPCS "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/><vpc id=\"w\" region=\"us-west-1\" cidr=\"10.1.0.0/16\"/></account>\n"

/* The case @name was refused with @code and a message holding @part. */
static void
expect_refused (const char *name, const PpScenario *sc, const GError *error,
                PpModelError code, const char *part)
{
  ck_assert_msg (sc == NULL, "%s: accepted", name);
  ck_assert_msg (error->domain == PP_MODEL_ERROR && (PpModelError) error->code == code,
                 "%s: code %d, message %s", name, error->code, error->message);
  ck_assert_msg (strstr (error->message, part) != NULL,
                 "%s: '%s' lacks '%s'", name, error->message, part);
}

static const struct {
  const char *name;
  const char *xml;
  PpModelError code;
  const char *msg_part;
} bad_cases[] = {
  { "comma-cidr", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10,20,0,0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "test.xml:3: vpc cidr: '10,20,0,0/16' is not a CIDR block: octets are separated by commas, not dots; did you mean 10.20.0.0/16?" },
  { "host-bits", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"172.16.0.1/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "test.xml:3: vpc cidr: '172.16.0.1/16' is not a CIDR block: host bits are set after the first 16 bits; did you mean 172.16.0.0/16?" },
  { "unknown-region", HEAD ACC "<vpc id=\"v\" region=\"mars-north-1\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:3: vpc 'v': unknown region 'mars-north-1'" },
  { "unknown-zone", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"ap-northeast-1a\" cidr=\"10.0.0.0/24\"/></vpc>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: vswitch 's': zone 'ap-northeast-1a' is not a zone of us-west-1 (US (Silicon Valley)); peerplan has no zone list for us-west-1, so it checks only the form of its zones, written us-west-1a" },
  { "unlisted-region-zone-form-cn", HEAD ACC "<vpc id=\"v\" region=\"cn-nanjing\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"cn-nanjing-ab\" cidr=\"10.0.0.0/24\"/></vpc>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: vswitch 's': zone 'cn-nanjing-ab' is not a zone of cn-nanjing (China (Nanjing - Local Region)); peerplan has no zone list for cn-nanjing, so it checks only the form of its zones, written cn-nanjing-a" },
  { "unknown-zone-listed", HEAD ACC "<vpc id=\"v\" region=\"ap-southeast-1\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"ap-southeast-1z\" cidr=\"10.0.0.0/24\"/></vpc>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: vswitch 's': zone 'ap-southeast-1z' is not a zone of ap-southeast-1 (Singapore); its zones are ap-southeast-1a, ap-southeast-1b, ap-southeast-1c, ap-southeast-1d" },
  { "unknown-zone-listed-dash", HEAD ACC "<vpc id=\"v\" region=\"cn-hangzhou\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"cn-hangzhou-z\" cidr=\"10.0.0.0/24\"/></vpc>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: vswitch 's': zone 'cn-hangzhou-z' is not a zone of cn-hangzhou (China (Hangzhou)); its zones are cn-hangzhou-b, cn-hangzhou-e," },
  { "listed-zone-other-form", HEAD ACC "<vpc id=\"v\" region=\"ap-northeast-1\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"ap-northeast-1-a\" cidr=\"10.0.0.0/24\"/></vpc>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: vswitch 's': zone 'ap-northeast-1-a' is not a zone of ap-northeast-1 (Japan (Tokyo)); its zones are ap-northeast-1a," },
  { "region-did-you-mean-two", HEAD ACC "<vpc id=\"v\" region=\"ap-northeast-9\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:3: vpc 'v': unknown region 'ap-northeast-9'; did you mean ap-northeast-1 or ap-northeast-2?" },
  { "region-did-you-mean-dash", HEAD ACC "<vpc id=\"v\" region=\"ap-southeast1\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:3: vpc 'v': unknown region 'ap-southeast1'; did you mean ap-southeast-1?" },
  { "region-far-no-guess", HEAD ACC "<vpc id=\"v\" region=\"mars-north-1\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:3: vpc 'v': unknown region 'mars-north-1' (peerplan knows the regions in regions.xml" },
  { "duplicate-vpc", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/>\n<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.1.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_DUPLICATE_ID, "test.xml:4: duplicate vpc id 'v'" },
  { "duplicate-uid", HEAD ACC "</account>\n<account id=\"B\" uid=\"1111111111111111\"/></scenario>",
    PP_MODEL_ERROR_DUPLICATE_ID, "test.xml:4: account 'B' has the same uid" },
  { "unknown-vpc-ref", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/></account>\n<connection id=\"c\" type=\"vpc-peer\">\n<requester vpc=\"v\"/><accepter vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:5: unknown vpc 'w'" },
  { "self-connection", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/></account>\n<connection id=\"c\" type=\"vpc-peer\">\n<requester vpc=\"v\"/><accepter vpc=\"v\"/></connection></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "joins vpc 'v' to itself" },
  { "bad-ip", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"us-west-1a\" cidr=\"10.0.0.0/24\">\n<instance id=\"i\" ip=\"10,0,0,5\"/></vswitch></vpc></account></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "test.xml:5: instance ip: '10,0,0,5' is not an IP address: octets are separated by commas, not dots; did you mean 10.0.0.5?" },
  { "period", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/><vpc id=\"w\" region=\"us-west-1\" cidr=\"10.1.0.0/16\"/></account>\n<connection id=\"c\" type=\"router-interface\">\n<initiator vpc=\"v\" charge=\"subscription\" period=\"12\"/><acceptor vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "did you mean cycle=\"year\"" },
  { "route-not-end", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/><vpc id=\"w\" region=\"us-west-1\" cidr=\"10.1.0.0/16\"/><vpc id=\"x\" region=\"us-west-1\" cidr=\"10.2.0.0/16\"/></account>\n<connection id=\"c\" type=\"vpc-peer\">\n<requester vpc=\"v\"/><accepter vpc=\"w\"/>\n<route vpc=\"x\" destination=\"10.0.0.0/16\"/></connection></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "test.xml:6: route on vpc 'x', which is not an end of connection 'c'" },
  { "unknown-hop", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">\n<route destination=\"10.9.0.0/16\" next-hop=\"ghost\"/></vpc></account></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: route next hop 'ghost' is neither a connection nor an instance" },
  { "schema-unknown-element", HEAD ACC "<vpcx id=\"v\"/></account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:3: <vpcx> is not allowed in <account>, which holds vpc*; did you mean <vpc>?" },
  { "schema-bad-uid", HEAD "<account id=\"A\" uid=\"123\"/></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:2: uid=\"123\" on <account>: 3 digits; an Alibaba Cloud account UID has 16 (the scenario format is described in peerplan-scenario(5) and, in the source, docs/scenario.md)" },
  { "schema-bad-reachable", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"us-west-1a\" cidr=\"10.0.0.0/24\"><instance id=\"i\" ip=\"10.0.0.5\"/></vswitch></vpc></account>\n<expect-reach from=\"i\" to=\"i\" reachable=\"maybe\"/></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: reachable=\"maybe\" on <expect-reach>: expected true or false" },
  { "wrong-root", "<topology xmlns=\"urn:peerplan:scenario:1\"/>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:1: the root element is <topology>" },
  { "not-xml", "\x7f" "ELF\x02\x01\x01\x00\x00",
    PP_MODEL_ERROR_XML_PARSE, "test.xml:1:" },
  { "empty", "",
    PP_MODEL_ERROR_XML_PARSE, "test.xml:1:" },
  { "unclosed", HEAD ACC "</scenario>",
    PP_MODEL_ERROR_XML_PARSE, "test.xml:3:" },
  { "doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE s [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n" HEAD "</scenario>",
    PP_MODEL_ERROR_XML_PARSE, "test.xml:2: a DOCTYPE declaration is not allowed" },
  /* Values outside an enumeration: the checker generated from
   * scenario.rng refuses them first, listing the values it takes (the
   * reader would refuse them too: it used to read any type but vpc-peer as
   * router-interface, any charge but subscription as pay-as-you-go). */
  { "bad-charge", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/><vpc id=\"w\" region=\"us-west-1\" cidr=\"10.1.0.0/16\"/></account>\n<connection id=\"c\" type=\"router-interface\">\n<initiator vpc=\"v\" charge=\"prepaid\"/><acceptor vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: charge=\"prepaid\" on <initiator>: expected one of subscription, pay-as-you-go" },
  { "bad-type", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/><vpc id=\"w\" region=\"us-west-1\" cidr=\"10.1.0.0/16\"/></account>\n<connection id=\"c\" type=\"vpn\">\n<initiator vpc=\"v\"/><acceptor vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:4: type=\"vpn\" on <connection>: expected one of router-interface, vpc-peer" },
  { "bad-cycle", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/><vpc id=\"w\" region=\"us-west-1\" cidr=\"10.1.0.0/16\"/></account>\n<connection id=\"c\" type=\"router-interface\">\n<initiator vpc=\"v\" charge=\"subscription\" period=\"1\" cycle=\"week\"/><acceptor vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: cycle=\"week\" on <initiator>: expected one of month, year" },
  { "long-name", HEAD "<account id=\"A\" uid=\"1111111111111111\" name=\"%LONG%\"/></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:2: name=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" on <account>: 5000 characters; at most 256" },
  /* The messages of the checker generated from scenario.rng: each names
   * the line, the element and the attribute, and what would be right. */
  { "rng-attr-typo", HEAD ACC "<vpc id=\"v\" regoin=\"us-west-1\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:3: unknown attribute 'regoin' on <vpc>; did you mean 'region'?" },
  { "rng-attr-unknown", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">\n<vswitch id=\"s\" zone=\"us-west-1a\" cidr=\"10.0.0.0/24\">\n<instance id=\"i\" ipaddr=\"10.0.0.5\"/></vswitch></vpc></account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: unknown attribute 'ipaddr' on <instance>; <instance> takes id, ip, name, origin (the scenario format" },
  { "rng-enum-near", HEAD ACC VPCS "<connection id=\"c\" type=\"vpc-peering\">\n<requester vpc=\"v\"/><accepter vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:4: type=\"vpc-peering\" on <connection>: expected one of router-interface, vpc-peer; did you mean vpc-peer?" },
  { "rng-enum-case", HEAD ACC VPCS "<connection id=\"c\" type=\"vpc-peer\" link-type=\"gold\">\n<requester vpc=\"v\"/><accepter vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:4: link-type=\"gold\" on <connection>: expected one of Gold, Platinum; did you mean Gold?" },
  { "rng-uid-15", HEAD "<account id=\"A\" uid=\"111111111111111\"/></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:2: uid=\"111111111111111\" on <account>: 15 digits; an Alibaba Cloud account UID has 16 (" },
  { "rng-uid-letter", HEAD "<account id=\"A\" uid=\"11111111111111l1\"/></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:2: uid=\"11111111111111l1\" on <account>: the character 'l' is not allowed; an Alibaba Cloud account UID is [0-9]{16}" },
  { "rng-owner-15", HEAD ACC VPCS "<connection id=\"c\" type=\"router-interface\">\n<initiator vpc=\"v\" opposite-owner=\"111111111111111\"/><acceptor vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: opposite-owner=\"111111111111111\" on <initiator>: 15 digits; an Alibaba Cloud account UID has 16, or nothing" },
  { "rng-other-form", HEAD ACC VPCS "<connection id=\"c\" type=\"router-interface\" bandwidth=\"100\">\n<initiator vpc=\"v\"/><acceptor vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:4: unknown attribute 'bandwidth' on <connection>; <connection> takes id, status, origin, type, spec; 'bandwidth' goes with type=\"vpc-peer\", not type=\"router-interface\"" },
  { "rng-period", HEAD ACC VPCS "<connection id=\"c\" type=\"router-interface\">\n<initiator vpc=\"v\" charge=\"subscription\" period=\"37\"/><acceptor vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: period=\"37\" on <initiator>: expected a whole number from 1 to 36" },
  { "rng-missing-child", HEAD ACC VPCS "<connection id=\"c\" type=\"router-interface\">\n<initiator vpc=\"v\"/>\n</connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:6: <connection> ends too early: expected <acceptor>; <connection> holds initiator, acceptor, route*, usage*" },
  { "rng-wrong-end", HEAD ACC VPCS "<connection id=\"c\" type=\"router-interface\">\n<requester vpc=\"v\"/><accepter vpc=\"w\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: <requester> is not allowed in <connection>, which holds initiator, acceptor, route*, usage*; <requester> goes with type=\"vpc-peer\", not type=\"router-interface\"" },
  { "rng-order", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">\n<route destination=\"10.9.0.0/16\" next-hop=\"i\"/>\n<vswitch id=\"s\" zone=\"us-west-1a\" cidr=\"10.0.0.0/24\"/></vpc></account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:5: <vswitch> cannot come here in <vpc>: expected <route> or the end of <vpc> (<vpc> holds vswitch*, route*, in that order)" },
  { "rng-no-account", HEAD "</scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:2: <scenario> ends too early: expected <description> or <account>" },
  { "rng-text", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">\n  10.0.0.0/24\n</vpc></account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:4: text \"10.0.0.0/24\" is not allowed in <vpc>, which holds vswitch*, route*" },
  { "rng-namespace", HEAD ACC "<vpc xmlns=\"urn:example\" id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:3: <vpc> is in namespace \"urn:example\"; the elements of this format are in urn:peerplan:scenario:1" },
  { "rng-foreign-attr", HEAD ACC "<vpc xmlns:x=\"urn:example\" x:id=\"v\" id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:3: attribute 'id' in namespace \"urn:example\" is not allowed on <vpc>; <vpc> takes id, region, cidr," },
  { "rng-decimal", HEAD ACC VPCS "<connection id=\"c\" type=\"vpc-peer\">\n<requester vpc=\"v\"/><accepter vpc=\"w\"/>\n<usage days-per-month=\"31.5\"/></connection></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:6: days-per-month=\"31.5\" on <usage>: expected a number from 0 to 31" },
  { "rng-description-child", HEAD "<description>a <b>bold</b> plan</description>\n" ACC "</account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:2: <b> is not allowed in <description>, which holds only text" },
  /* <waive>: the rule must be one of the table, with a "did you mean";
   * a reason that says nothing and a date that is not one are refused. */
  { "waive-unknown-rule", HEAD ACC "</account>\n<waive rule=\"route-mising\" reason=\"r\"/></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: waive: unknown rule 'route-mising'; did you mean route-missing?" },
  { "waive-unknown-rule-far", HEAD ACC "</account>\n<waive rule=\"nothing-like-it\" reason=\"r\"/></scenario>",
    PP_MODEL_ERROR_UNKNOWN_REFERENCE, "test.xml:4: waive: unknown rule 'nothing-like-it' (the rule ids are listed in docs/rules.md" },
  { "waive-waiver-rule", HEAD ACC "</account>\n<waive rule=\"waiver-unused\" reason=\"r\"/></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "test.xml:4: waive: rule 'waiver-unused' is about waivers and baselines themselves" },
  { "waive-blank-reason", HEAD ACC "</account>\n<waive rule=\"route-missing\" reason=\"  \"/></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "test.xml:4: waive: the reason is empty" },
  { "waive-no-reason", HEAD ACC "</account>\n<waive rule=\"route-missing\"/></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:4: <waive> lacks the required attribute 'reason'; <waive> requires rule, reason" },
  { "waive-bad-until", HEAD ACC "</account>\n<waive rule=\"route-missing\" reason=\"r\" until=\"2027-02-30\"/></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "test.xml:4: until=\"2027-02-30\" on <waive>: expected a date, YYYY-MM-DD, e.g. 2026-11-26" },
  /* No bytes at all: g_bytes_get_data() is NULL, nothing may be offset. */
  { "empty", "", PP_MODEL_ERROR_XML_PARSE, "test.xml:1: empty, not a scenario" },
};

START_TEST (test_bad_input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autofree char *xml = NULL;

  if (strstr (bad_cases[_i].xml, "%LONG%") != NULL)
    {
      g_autofree char *longv = g_strnfill (5000, 'x');
      g_auto(GStrv) parts = g_strsplit (bad_cases[_i].xml, "%LONG%", 2);
      xml = g_strconcat (parts[0], longv, parts[1], NULL);
    }
  else
    xml = g_strdup (bad_cases[_i].xml);
  sc = load_string (xml, &error);
  expect_refused (bad_cases[_i].name, sc, error, bad_cases[_i].code, bad_cases[_i].msg_part);
}
END_TEST

/* The reader's own attribute limit stands behind the schema's. */
START_TEST (test_attr_limit)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (HEAD ACC "</account></scenario>", strlen (HEAD ACC "</account></scenario>"));
  g_autoptr(GError) error = NULL;
  PpLoadOptions opts = { 0 };
  g_autoptr(PpScenario) sc = NULL;

  opts.max_attr_len = 8;
  sc = pp_scenario_load_bytes (bytes, "test.xml", &opts, &error);
  ck_assert_ptr_null (sc);
  ck_assert (g_error_matches (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT));
  ck_assert_msg (strstr (error->message, "test.xml:2: attribute 'uid' is longer than 8 bytes") != NULL,
                 "%s", error->message);
}
END_TEST

START_TEST (test_depth_limit)
{
  GString *xml = g_string_new (HEAD ACC);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  PpLoadOptions opts = { 0 };
  g_autoptr(PpScenario) sc = NULL;

  for (guint i = 0; i < 10; i++)
    g_string_append (xml, "<vpc>");
  bytes = g_string_free_to_bytes (xml);
  opts.max_depth = 3;
  sc = pp_scenario_load_bytes (bytes, "test.xml", &opts, &error);
  ck_assert_ptr_null (sc);
  ck_assert_msg (error->domain == PP_MODEL_ERROR, "%s", error->message);
}
END_TEST

/* --- reading on two threads: a document of many blocks of events --- */

#define N_BIG 60000             /* VPCs, a line each: about 8 MB, 4 MB a progress report */

typedef struct {
  guint calls;
  guint64 last_done;
  guint64 total;
  guint64 objects;
  gboolean backwards;
} Progress;

static void
on_progress (const PpProgress *p, gpointer data)
{
  Progress *seen = data;

  seen->backwards |= p->done < seen->last_done;
  seen->calls++;
  seen->last_done = p->done;
  seen->total = p->total;
  seen->objects = p->objects;
}

/* Line 3 + i holds VPC i; case 1 breaks the first, case 2 the last,
 * case 3 the middle one's XML, case 4 puts 100 000 bytes of text (more
 * than a block of events) after the middle one. */
static char *
big_document (guint broken)
{
  GString *xml = g_string_new (HEAD ACC);

  for (guint i = 0; i < N_BIG; i++)
    {
      if ((broken == 1 && i == 0) || (broken == 2 && i == N_BIG - 1))
        g_string_append_printf (xml, "<vpc id=\"v%u\" regoin=\"us-west-1\" cidr=\"10.0.0.0/16\"/>\n", i);
      else if (broken == 3 && i == N_BIG / 2)
        g_string_append_printf (xml, "<vpc id=\"v%u\" region=us-west-1 cidr=\"10.0.0.0/16\"/>\n", i);
      else if (broken == 4 && i == N_BIG / 2)
        {
          g_autofree char *text = g_strnfill (100000, 'x');

          g_string_append_printf (xml, "<vpc id=\"v%u\" region=\"us-west-1\" cidr=\"10.0.0.0/16\">%s</vpc>\n",
                                  i, text);
        }
      else
        g_string_append_printf (xml, "<vpc id=\"v%u\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"><vswitch id=\"s%u\" zone=\"us-west-1a\" cidr=\"10.0.0.0/24\"/></vpc>\n",
                                i, i);
    }
  g_string_append (xml, "</account></scenario>\n");
  return g_string_free (xml, FALSE);
}

/* A supply of huge blocks: each one aligned to a huge page, distinct,
 * whole and writable (the next one was faulted in on another thread
 * meanwhile); the block it holds ready is freed with it (LeakSanitizer
 * in the sanitizer build).  An unused supply makes no block. */
START_TEST (test_mem_supply)
{
  PpMemSupply *s = pp_mem_supply_new (PP_HUGE_PAGE);
  PpMemSupply *unused = pp_mem_supply_new (PP_HUGE_PAGE);
  gpointer blocks[5];

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      blocks[i] = pp_mem_supply_take (s);
      ck_assert_ptr_nonnull (blocks[i]);
      ck_assert_uint_eq ((guintptr) blocks[i] % PP_HUGE_PAGE, 0);
      memset (blocks[i], (int) i + 1, PP_HUGE_PAGE);
      for (guint k = 0; k < i; k++)
        ck_assert_ptr_ne (blocks[k], blocks[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      const guint8 *b = blocks[i];

      ck_assert_int_eq (b[0], i + 1);
      ck_assert_int_eq (b[PP_HUGE_PAGE - 1], i + 1);
      g_aligned_free (blocks[i]);
    }
  pp_mem_supply_free (s);
  pp_mem_supply_free (unused);
  pp_mem_supply_free (NULL);
}
END_TEST

/* Records of every size (some longer than a block) through two blocks
 * of 1 KB from a thread of their own: they arrive whole and in order, a
 * block that says it is the last ends the stream, and no more than two
 * blocks are ever made (the producer waits for one to come back). */
typedef struct {
  PpBlock base;
  gboolean last;
} TestBlock;

#define N_RECORDS 20000

static gpointer
blocks_produce (gpointer data)
{
  PpBlocks *b = data;

  for (guint i = 0; i < N_RECORDS; i++)
    {
      gsize len = i % 97 == 0 ? 3000 + i % 500 : 1 + i % 200;
      guint8 *rec;

      if (pp_blocks_must_send (b, sizeof (guint32) + len))
        pp_blocks_send (b);
      rec = pp_blocks_room (b, sizeof (guint32) + len);
      memcpy (rec, &i, sizeof i);
      memset (rec + sizeof i, 'a' + i % 26, len);
    }
  ((TestBlock *) pp_blocks_current (b))->last = TRUE;
  pp_blocks_send (b);
  return NULL;
}

START_TEST (test_blocks)
{
  PpBlocks b;
  GThread *producer;
  guint next = 0;
  gboolean last = FALSE;

  pp_blocks_init (&b, sizeof (TestBlock), 1024, 2);
  producer = g_thread_new ("test-blocks", blocks_produce, &b);
  while (!last)
    {
      TestBlock *blk = (TestBlock *) pp_blocks_receive (&b);
      gsize at = 0;

      while (at < blk->base.len)
        {
          gsize len;
          guint i;

          memcpy (&i, blk->base.data + at, sizeof i);
          ck_assert_uint_eq (i, next);
          len = i % 97 == 0 ? 3000 + i % 500 : 1 + i % 200;
          ck_assert_uint_le (at + sizeof i + len, blk->base.len);
          for (gsize k = 0; k < len; k++)
            ck_assert_int_eq (blk->base.data[at + sizeof i + k], 'a' + i % 26);
          at += sizeof i + len;
          next++;
        }
      last = blk->last;
      pp_blocks_give_back (&b, &blk->base);
    }
  g_thread_join (producer);
  ck_assert_uint_eq (next, N_RECORDS);
  ck_assert_uint_le (b.made, 2);
  pp_blocks_clear (&b);
}
END_TEST

/* The builder reads events the parser's thread made, block after block:
 * the model, the progress and the first error (with its line) are those
 * of the document, wherever it is; an error stops both threads. */
START_TEST (test_read_blocks)
{
  g_autofree char *xml = big_document (_i);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autofree char *where = NULL;
  Progress seen = { 0 };
  PpLoadOptions opts = { 0 };

  opts.progress = on_progress;
  opts.progress_data = &seen;
  sc = pp_scenario_load_bytes (bytes, "test.xml", &opts, &error);
  switch (_i)
    {
    case 0:
      ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
      ck_assert_uint_eq (sc->vpcs->len, N_BIG);
      ck_assert_uint_eq (sc->vswitches->len, N_BIG);
      ck_assert_uint_gt (seen.calls, 1);
      ck_assert (!seen.backwards);
      ck_assert_uint_eq (seen.last_done, strlen (xml));
      ck_assert_uint_eq (seen.total, strlen (xml));
      ck_assert_uint_eq (seen.objects, 2 + 2 * N_BIG);   /* elements */
      break;
    case 1:
    case 2:
      where = g_strdup_printf ("test.xml:%u: unknown attribute 'regoin' on <vpc>", _i == 1 ? 3 : 3 + N_BIG - 1);
      expect_refused ("typo", sc, error, PP_MODEL_ERROR_SCHEMA_INVALID, where);
      break;
    case 3:
      where = g_strdup_printf ("test.xml:%u:", 3 + N_BIG / 2);
      expect_refused ("not XML", sc, error, PP_MODEL_ERROR_XML_PARSE, where);
      break;
    default:
      where = g_strdup_printf ("test.xml:%u: text \"xxxx", 3 + N_BIG / 2);
      expect_refused ("long text", sc, error, PP_MODEL_ERROR_SCHEMA_INVALID, where);
      break;
    }
}
END_TEST

/* --- reading once (a file, a descriptor, standard input) --- */

#define ONE_VPC(name) HEAD_NAMED (name) ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10.0.0.0/16\"/>\n</account></scenario>\n"
#define HEAD_NAMED(name) "<scenario name=\"" name "\" xmlns=\"urn:peerplan:scenario:1\">\n"

static char *
write_temp (const char *dir, const char *base, const char *xml)
{
  char *path = g_build_filename (dir, base, NULL);
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_file_set_contents (path, xml, -1, &error), "%s", error ? error->message : "");
  return path;
}

/* The descriptor is read, not the name: a file replaced (renamed over)
 * after it was opened is neither validated nor built from. */
START_TEST (test_fd_replaced)
{
  g_autofree char *dir = g_dir_make_tmp ("pp-read-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "s.xml", ONE_VPC ("first"));
  g_autofree char *other = write_temp (dir, "other.xml", "<topology/>");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpScenario) again = NULL;
  int fd = g_open (path, O_RDONLY, 0);

  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (g_rename (other, path), 0);
  sc = pp_scenario_load_fd (fd, path, NULL, &error);
  close (fd);
  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (sc->name, "first");
  ck_assert_uint_eq (sc->vpcs->len, 1);
  /* The name now names the other document, which is refused. */
  again = pp_scenario_load_file (path, NULL, &error);
  ck_assert_ptr_null (again);
  ck_assert_msg (strstr (error->message, "the root element is <topology>") != NULL, "%s", error->message);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

#ifdef __linux__
/* pp_scenario_load_file() opens the file once (the reader used to open it
 * for the size check, for the validator and for the builder: three
 * chances to read three different files). */
START_TEST (test_file_opened_once)
{
  g_autofree char *dir = g_dir_make_tmp ("pp-read-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "s.xml", ONE_VPC ("once"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  char buf[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  int in = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  guint opens = 0;
  gssize got;

  ck_assert_int_ge (in, 0);
  /* Closes are watched too: inotify merges an event into an identical
   * one just before it, so opens are only told apart across closes. */
  ck_assert_int_ge (inotify_add_watch (in, path, IN_OPEN | IN_CLOSE), 0);
  sc = pp_scenario_load_file (path, NULL, &error);
  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  while ((got = read (in, buf, sizeof buf)) > 0)
    for (char *p = buf; p < buf + got; )
      {
        struct inotify_event ev;

        /* copied out: a cast of p would tell clang's -Wcast-align that
         * the alignment grows, whatever buf's attribute says */
        memcpy (&ev, p, sizeof ev);
        if (ev.mask & IN_OPEN)
          opens++;
        p += sizeof ev + ev.len;
      }
  close (in);
  ck_assert_uint_eq (opens, 1);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST
#endif

typedef struct {
  int fd;
  const char *data;
  gsize len;
} Feed;

static gpointer
feed_pipe (gpointer p)
{
  Feed *f = p;
  gsize done = 0;

  while (done < f->len)
    {
      gssize n = write (f->fd, f->data + done, f->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;                  /* the reader stopped early: fine */
      done += (gsize) n;
    }
  close (f->fd);
  return NULL;
}

/* Loads @xml through a pipe, as standard input is read. */
static PpScenario *
load_pipe (const char *xml, gsize len, const PpLoadOptions *opts, GError **error)
{
  int fds[2];
  Feed f;
  GThread *t;
  PpScenario *sc;

  signal (SIGPIPE, SIG_IGN);    /* the reader may stop before the end */
  ck_assert_int_eq (pipe (fds), 0);
  f.fd = fds[1];
  f.data = xml;
  f.len = len;
  t = g_thread_new ("feed", feed_pipe, &f);
  sc = pp_scenario_load_fd (fds[0], PP_SCENARIO_STDIN_NAME, opts, error);
  close (fds[0]);
  g_thread_join (t);
  return sc;
}

static const struct {
  const char *name;
  const char *xml;
  PpModelError code;            /* 0: loads */
  const char *msg_part;
} pipe_cases[] = {
  { "valid", ONE_VPC ("piped"), 0, NULL },
  { "bad-cidr", HEAD ACC "<vpc id=\"v\" region=\"us-west-1\" cidr=\"10,20,0,0/16\"/>\n</account></scenario>",
    PP_MODEL_ERROR_INVALID_VALUE, "<stdin>:3: vpc cidr: '10,20,0,0/16' is not a CIDR block" },
  { "schema", HEAD ACC "<vpcx id=\"v\"/></account></scenario>",
    PP_MODEL_ERROR_SCHEMA_INVALID, "<stdin>:3:" },
  { "doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE s [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n" HEAD "</scenario>",
    PP_MODEL_ERROR_XML_PARSE, "<stdin>:2: a DOCTYPE declaration is not allowed" },
  { "empty", "", PP_MODEL_ERROR_XML_PARSE, "<stdin>:1:" },
  { "too-large", "%BIG%", PP_MODEL_ERROR_LIMIT, "<stdin>: the scenario is more than the limit of 100000 bytes" },
  { "long-prologue", "%PROLOGUE%", PP_MODEL_ERROR_LIMIT, "<stdin>:1: the comments and declarations before the root element are longer than" },
};

/* Standard input goes through the same intake as a file: the same
 * messages (naming <stdin>), the same size and prologue limits. */
START_TEST (test_pipe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autofree char *xml = NULL;
  PpLoadOptions opts = { 0 };

  opts.max_file_size = 100000;
  if (strcmp (pipe_cases[_i].xml, "%BIG%") == 0)
    {
      g_autofree char *pad = g_strnfill (200000, ' ');
      xml = g_strconcat (HEAD, pad, "</scenario>", NULL);
    }
  else if (strcmp (pipe_cases[_i].xml, "%PROLOGUE%") == 0)
    {
      g_autofree char *pad = g_strnfill (70000, 'x');
      xml = g_strconcat ("<!--", pad, "-->\n<!DOCTYPE s SYSTEM \"file:///etc/passwd\">\n", HEAD, "</scenario>", NULL);
    }
  else
    xml = g_strdup (pipe_cases[_i].xml);
  sc = load_pipe (xml, strlen (xml), &opts, &error);
  if (pipe_cases[_i].code == 0)
    {
      ck_assert_msg (sc != NULL, "%s: %s", pipe_cases[_i].name, error ? error->message : "");
      ck_assert_str_eq (sc->name, "piped");
      ck_assert_str_eq (sc->file, PP_SCENARIO_STDIN_NAME);
      return;
    }
  expect_refused (pipe_cases[_i].name, sc, error, pipe_cases[_i].code, pipe_cases[_i].msg_part);
}
END_TEST

/* A regular file over the limit is refused by its size, before reading. */
START_TEST (test_file_too_large)
{
  g_autofree char *dir = g_dir_make_tmp ("pp-read-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "s.xml", ONE_VPC ("big"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autofree char *want = NULL;
  PpLoadOptions opts = { 0 };

  opts.max_file_size = 10;
  sc = pp_scenario_load_file (path, &opts, &error);
  ck_assert_ptr_null (sc);
  ck_assert (g_error_matches (error, PP_MODEL_ERROR, PP_MODEL_ERROR_LIMIT));
  want = g_strdup_printf ("%s: the scenario is %zu bytes, more than the limit of 10", path, strlen (ONE_VPC ("big")));
  ck_assert_str_eq (error->message, want);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_rule_table_sorted)
{
  guint n = 0;
  const PpRule *rules = pp_rules_all (&n);

  ck_assert_uint_gt (n, 0);
  for (guint i = 1; i < n; i++)
    ck_assert_msg (strcmp (rules[i - 1].id, rules[i].id) < 0, "rule table not sorted at %s", rules[i].id);
  for (guint i = 0; i < n; i++)
    ck_assert_ptr_eq (pp_rules_lookup (rules[i].id), &rules[i]);
  ck_assert_ptr_null (pp_rules_lookup ("no-such-rule"));
}
END_TEST

/* One parser for every whole number: digits only, within the range. */
static const struct {
  const char *text;
  guint64 min, max;
  gboolean ok;
  guint64 value;
  const char *msg;
} uint_cases[] = {
  { "0", 0, 10, TRUE, 0, NULL },
  { "10", 0, 10, TRUE, 10, NULL },
  { "007", 0, 10, TRUE, 7, NULL },
  { "18446744073709551615", 0, G_MAXUINT64, TRUE, G_MAXUINT64, NULL },
  { "11", 0, 10, FALSE, 0, "'11' is out of range: 0-10" },
  { "0", 1, 36, FALSE, 0, "'0' is out of range: 1-36" },
  { "18446744073709551616", 0, G_MAXUINT64, FALSE, 0, "'18446744073709551616' is out of range" },
  { "-1", 0, 10, FALSE, 0, "'-1' is not a whole number" },
  { "+1", 0, 10, FALSE, 0, "'+1' is not a whole number" },
  { " 1", 0, 10, FALSE, 0, "' 1' is not a whole number" },
  { "1 ", 0, 10, FALSE, 0, "'1 ' is not a whole number" },
  { "0x10", 0, 100, FALSE, 0, "'0x10' is not a whole number" },
  { "1.5", 0, 10, FALSE, 0, "'1.5' is not a whole number" },
  { "", 0, 10, FALSE, 0, "no number given" },
  { NULL, 0, 10, FALSE, 0, "no number given" },
};

START_TEST (test_parse_uint)
{
  g_autoptr(GError) error = NULL;
  guint64 v = 4242;
  gboolean ok = pp_parse_uint (uint_cases[_i].text, uint_cases[_i].min, uint_cases[_i].max, &v, &error);

  ck_assert_msg (ok == uint_cases[_i].ok, "'%s': %s", uint_cases[_i].text, error ? error->message : "accepted");
  if (ok)
    ck_assert_uint_eq (v, uint_cases[_i].value);
  else
    {
      ck_assert_uint_eq (v, 4242);    /* untouched */
      ck_assert (g_error_matches (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE));
      ck_assert_msg (g_str_has_prefix (error->message, uint_cases[_i].msg), "'%s' lacks '%s'",
                     error->message, uint_cases[_i].msg);
    }
}
END_TEST

/* The enum tables: every value has its name and back; unknown text (and
 * NULL) is refused, leaving the output alone. */
START_TEST (test_enums)
{
  PpCharge charge = PP_CHARGE_LAST;
  PpConnType type = PP_CONN_LAST;
  PpCycle cycle = PP_CYCLE_LAST;
  PpSeverity severity = PP_SEVERITY_LAST;

  for (int i = 0; i < PP_CHARGE_LAST; i++)
    {
      ck_assert (pp_charge_from_string (pp_charge_to_string ((PpCharge) i), &charge));
      ck_assert_int_eq (charge, i);
    }
  for (int i = 0; i < PP_CONN_LAST; i++)
    {
      ck_assert (pp_conn_type_from_string (pp_conn_type_to_string ((PpConnType) i), &type));
      ck_assert_int_eq (type, i);
    }
  for (int i = 0; i < PP_SEVERITY_LAST; i++)
    {
      ck_assert (pp_severity_from_string (pp_severity_to_string ((PpSeverity) i), &severity));
      ck_assert_int_eq (severity, i);
    }
  cycle = PP_CYCLE_YEAR;
  ck_assert (!pp_cycle_from_string ("week", &cycle));
  ck_assert (!pp_cycle_from_string (NULL, &cycle));
  ck_assert_int_eq (cycle, PP_CYCLE_YEAR);
  ck_assert (!pp_charge_from_string ("prepaid", &charge));
  ck_assert (!pp_conn_type_from_string ("Router-Interface", &type));
  ck_assert_str_eq (pp_charge_to_string (PP_CHARGE_PAY_AS_YOU_GO), "pay-as-you-go");
}
END_TEST

/* Which errors are input errors (exit 2): the model's codes but FAILED,
 * options, files that cannot be opened; not a disk that fails to write. */
START_TEST (test_error_is_input)
{
  static const struct { GQuark (*domain) (void); int code; gboolean input; } cases[] = {
    { pp_model_error_quark, PP_MODEL_ERROR_FAILED, FALSE },
    { pp_model_error_quark, PP_MODEL_ERROR_IO, TRUE },
    { pp_model_error_quark, PP_MODEL_ERROR_SCHEMA_INVALID, TRUE },
    { pp_model_error_quark, PP_MODEL_ERROR_LIMIT, TRUE },
    { g_file_error_quark, G_FILE_ERROR_NOENT, TRUE },
    { g_file_error_quark, G_FILE_ERROR_ACCES, TRUE },
    { g_file_error_quark, G_FILE_ERROR_NOSPC, FALSE },
    { g_file_error_quark, G_FILE_ERROR_IO, FALSE },
    { g_option_error_quark, G_OPTION_ERROR_BAD_VALUE, TRUE },
    { g_convert_error_quark, G_CONVERT_ERROR_FAILED, FALSE },
    { g_markup_error_quark, 0, FALSE },
  };

  ck_assert (!pp_error_is_input (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) e = g_error_new_literal (cases[i].domain (), cases[i].code, "x");

      ck_assert_msg (pp_error_is_input (e) == cases[i].input, "case %u: %s %d", i,
                     g_quark_to_string (e->domain), e->code);
    }
}
END_TEST

static Suite *
scenario_suite (void)
{
  Suite *s = suite_create ("scenario");
  TCase *tc = tcase_create ("read-write");

  tcase_add_test (tc, test_article_model);
  tcase_add_test (tc, test_route_names);
  tcase_add_test (tc, test_route_pending_hops);
  tcase_add_test (tc, test_attr_ampersand);
  tcase_add_loop_test (tc, test_roundtrip, 0, G_N_ELEMENTS (roundtrip_files));
  tcase_add_loop_test (tc, test_roundtrip_original, 0, G_N_ELEMENTS (original_files));
  tcase_add_test (tc, test_roundtrip_coverage);
  tcase_add_test (tc, test_error_is_input);
  tcase_add_loop_test (tc, test_parse_uint, 0, G_N_ELEMENTS (uint_cases));
  tcase_add_test (tc, test_enums);
  tcase_add_loop_test (tc, test_bad_input, 0, G_N_ELEMENTS (bad_cases));
  tcase_add_test (tc, test_attr_limit);
  tcase_add_test (tc, test_depth_limit);
  tcase_add_loop_test (tc, test_read_blocks, 0, 5);
  tcase_add_test (tc, test_blocks);
  tcase_add_test (tc, test_mem_supply);
  tcase_add_test (tc, test_fd_replaced);
#ifdef __linux__
  tcase_add_test (tc, test_file_opened_once);
#endif
  tcase_add_loop_test (tc, test_pipe, 0, G_N_ELEMENTS (pipe_cases));
  tcase_add_test (tc, test_file_too_large);
  suite_add_tcase (s, tc);
  tc = tcase_create ("rules");
  tcase_add_test (tc, test_rule_table_sorted);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (scenario_suite ());
}
