/* SPDX-License-Identifier: MIT */
/* test-render.c: the render layer: golden DOT for the examples, stable
 * bytes whatever the document order, --level aggregation counts, findings,
 * costs, statuses and traces on the drawing, SVG and PNG output. */
#include "tests/testutils.h"
#include "model/pp-check.h"
#include "model/pp-scenario-xml.h"
#include "pricing/pp-estimate.h"
#include "render/pp-render.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

static PpScenario *
load_src (const char *rel)
{
  g_autofree char *path = pp_test_srcpath (rel);
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_file (path, NULL, &error);

  ck_assert_msg (sc != NULL, "%s: %s", rel, error ? error->message : "");
  return sc;
}

static PpScenario *
load_string (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_bytes (bytes, "test.xml", NULL, &error);

  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  return sc;
}

/* The options `peerplan graph` draws with: the findings of
 * pp_check_scenario() and of pricing into @findings (if not NULL), and the
 * cost lines of *@estimate (made here, freed by the caller). */
static void
graph_options (const PpScenario *sc, PpRenderLevel level, PpFindings *findings,
               PpEstimate **estimate, PpRenderOptions *o)
{
  g_autoptr(GError) error = NULL;

  pp_render_options_init (o);
  o->level = level;
  if (findings != NULL)
    pp_check_scenario (sc, findings);
  *estimate = pp_estimate_new (sc, NULL, findings, &error);
  ck_assert_msg (*estimate != NULL, "%s", error ? error->message : "");
  o->cost = pp_render_cost_label;
  o->user_data = *estimate;
  if (findings != NULL)
    {
      pp_findings_sort (findings);
      o->findings = findings;
    }
}

/* The graph of @sc at @level as `peerplan graph` draws it (findings only
 * when @findings is not NULL). */
static Agraph_t *
build (const PpScenario *sc, PpRenderLevel level, PpFindings *findings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PpEstimate) estimate = NULL;
  PpRenderOptions o;
  Agraph_t *g;

  graph_options (sc, level, findings, &estimate, &o);
  g = pp_render_build (sc, &o, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  return g;
}

static const char *
node_attr (Agraph_t *g, const char *node, const char *attr)
{
  Agnode_t *n = agnode (g, (char *) node, 0);

  ck_assert_msg (n != NULL, "no node '%s'", node);
  return agget (n, (char *) attr);
}

static Agedge_t *
find_edge (Agraph_t *g, const char *id)
{
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n))
    for (Agedge_t *e = agfstout (g, n); e; e = agnxtout (g, e))
      if (g_strcmp0 (agget (e, (char *) "id"), id) == 0)
        return e;
  return NULL;
}

static Agraph_t *
find_cluster (Agraph_t *g, const char *name)
{
  Agraph_t *c = agsubg (g, (char *) name, 0);

  for (Agraph_t *s = agfstsubg (g); c == NULL && s; s = agnxtsubg (s))
    c = find_cluster (s, name);
  return c;
}

static guint
count_nodes_with_prefix (Agraph_t *g, const char *prefix)
{
  guint n = 0;

  for (Agnode_t *v = agfstnode (g); v; v = agnxtnode (g, v))
    if (g_str_has_prefix (agnameof (v), prefix))
      n++;
  return n;
}

#define assert_contains(haystack, needle) \
  ck_assert_msg (strstr ((haystack), (needle)) != NULL, "'%s' not in '%s'", (needle), (haystack))

/* ---- the structure of a DOT graph ------------------------------------ */

/* Nesting ranks of the drawing: account > region > VPC > vSwitch > what
 * they hold.  A cluster "cluster:KIND:..." or a node "KIND:..." of rank r
 * sits only in a cluster of a smaller rank (connections, at rank 0, sit at
 * the top). */
static int
dot_rank (const char *name)
{
  static const struct { const char *kind; int rank; } ranks[] = {
    { "acct:", 1 }, { "region:", 2 }, { "vpc:", 3 }, { "vsw:", 4 }, { "rt:", 4 },
    { "ri:", 4 }, { "peer:", 4 }, { "ecs:", 5 }, { "conn:", 0 }, { "conns:", 0 },
  };

  if (g_str_has_prefix (name, "cluster:"))
    name += strlen ("cluster:");
  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    if (g_str_has_prefix (name, ranks[i].kind))
      return ranks[i].rank;
  ck_abort_msg ("'%s': not a kind the drawing knows", name);
  return -1;
}

/* The first line of @obj's label (HTML labels as they are). */
static char *
dot_label_head (void *obj)
{
  const char *label = agget (obj, (char *) "label");
  const char *nl = label != NULL ? strstr (label, "\\n") : NULL;

  if (label == NULL)
    return g_strdup ("");
  return nl != NULL ? g_strndup (label, (gsize) (nl - label)) : g_strdup (label);
}

static const char *
dot_attr (void *obj, const char *name)
{
  const char *v = agget (obj, (char *) name);

  return v != NULL && *v != '\0' ? v : "-";
}

/* Appends the outline of cluster @g (of rank @rank) at @depth, checking
 * that every object's id is its name and that ranks nest. */
static int
dot_compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (agnameof (*(void *const *) a), agnameof (*(void *const *) b));
}

static void
dot_outline_graph (Agraph_t *g, int rank, guint depth, GString *out)
{
  g_autoptr(GPtrArray) subs = g_ptr_array_new ();

  /* cgraph orders subgraphs by an id made from a pointer: sort by name. */
  for (Agraph_t *s = agfstsubg (g); s; s = agnxtsubg (s))
    g_ptr_array_add (subs, s);
  g_ptr_array_sort (subs, dot_compare_names);
  for (guint i = 0; i < subs->len; i++)
    {
      Agraph_t *s = subs->pdata[i];
      const char *name = agnameof (s);
      int r = dot_rank (name);
      g_autofree char *head = dot_label_head (s);

      ck_assert_msg (g_str_has_prefix (name, "cluster:"), "subgraph '%s' is not a cluster", name);
      ck_assert_msg (r > rank, "'%s' (rank %d) inside a cluster of rank %d", name, r, rank);
      ck_assert_str_eq (dot_attr (s, "id"), name);
      g_string_append_printf (out, "%*s%s pen=%s \"%s\"\n", (int) depth * 2, "", name,
                              dot_attr (s, "pencolor"), head);
      dot_outline_graph (s, r, depth + 1, out);
    }
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n))
    {
      const char *name = agnameof (n);
      gboolean deeper = FALSE;
      g_autofree char *head = NULL;

      for (Agraph_t *s = agfstsubg (g); s && !deeper; s = agnxtsubg (s))
        deeper = agsubnode (s, n, FALSE) != NULL;
      if (deeper)
        continue;
      ck_assert_msg (dot_rank (name) > rank || dot_rank (name) == 0,
                     "node '%s' inside a cluster of rank %d", name, rank);
      ck_assert_str_eq (dot_attr (n, "id"), name);
      head = dot_label_head (n);
      g_string_append_printf (out, "%*snode %s color=%s \"%s\"\n", (int) depth * 2, "", name,
                              dot_attr (n, "color"), head);
    }
}

/* A short outline of @dot for review: the clusters as nested (sorted by
 * name), each node where it sits, each drawn edge with its id, colour and
 * style, and each object's first label line.  Parses @dot with cgraph and fails the test
 * where the nesting or the ids are wrong. */
static char *
dot_outline (const char *dot)
{
  g_autoptr(Agraph_t) g = agmemread (dot);
  GString *out = g_string_new (NULL);

  ck_assert_msg (g != NULL, "the DOT does not parse");
  ck_assert (agisdirected (g));
  g_string_append_printf (out, "digraph %s\n", agnameof (g));
  dot_outline_graph (g, 0, 1, out);
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n))
    for (Agedge_t *e = agfstout (g, n); e; e = agnxtout (g, e))
      {
        const char *id = dot_attr (e, "id");

        /* Invisible edges only steer the layout; every drawn one has an id. */
        ck_assert_msg (g_str_has_prefix (id, "conn:") || g_str_has_prefix (id, "conns:")
                       || g_str_has_prefix (id, "trace:") || g_str_has_prefix (id, "finding:")
                       || (strcmp (id, "-") == 0 && g_strcmp0 (agget (e, (char *) "style"), "invis") == 0),
                       "edge %s -> %s has id '%s'", agnameof (agtail (e)), agnameof (aghead (e)), id);
        if (strcmp (id, "-") == 0)
          continue;
        g_string_append_printf (out, "  edge %s -> %s id=%s color=%s style=%s\n", agnameof (agtail (e)),
                                agnameof (aghead (e)), id, dot_attr (e, "color"), dot_attr (e, "style"));
      }
  return g_string_free (out, FALSE);
}

/* ---- golden DOT ------------------------------------------------------- */

static const struct {
  const char *scenario;
  PpRenderLevel level;
  const char *golden;
} golden_cases[] = {
  /* Small drawings: the DOT itself, byte for byte (and its outline). */
  { "data/examples/article.xml", PP_RENDER_LEVEL_INSTANCE, "tests/data/render/article.dot" },
  { "data/examples/hub-and-spoke-10.xml", PP_RENDER_LEVEL_REGION, "tests/data/render/hub-and-spoke-10-region.dot" },
  { "data/examples/broken/cidr-overlap.xml", PP_RENDER_LEVEL_INSTANCE, "tests/data/render/cidr-overlap.dot" },
  { "tests/data/render/route-missing.xml", PP_RENDER_LEVEL_INSTANCE, "tests/data/render/route-missing.dot" },
  /* Large ones: their outline only (structure, ids, colours, labels). */
  { "data/examples/hub-and-spoke-10.xml", PP_RENDER_LEVEL_INSTANCE, "tests/data/render/hub-and-spoke-10.outline" },
  { "data/examples/estate-50.xml", PP_RENDER_LEVEL_VPC, "tests/data/render/estate-50-vpc.outline" },
};

START_TEST (test_golden)
{
  g_autoptr(PpScenario) sc = load_src (golden_cases[_i].scenario);
  g_autoptr(PpFindings) findings = pp_findings_new ();
  g_autoptr(PpEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *again = NULL;
  g_autofree char *outline = NULL;
  PpRenderOptions o;

  graph_options (sc, golden_cases[_i].level, findings, &estimate, &o);
  dot = pp_render_to_dot (sc, &o, &error);
  ck_assert_msg (dot != NULL, "%s", error ? error->message : "");
  outline = dot_outline (dot);
  if (g_str_has_suffix (golden_cases[_i].golden, ".outline"))
    ck_assert (pp_test_golden (golden_cases[_i].golden, outline));
  else
    ck_assert (pp_test_golden (golden_cases[_i].golden, dot));
  /* a second run gives the same bytes */
  again = pp_render_to_dot (sc, &o, &error);
  ck_assert_msg (g_str_equal (dot, again), "two runs differ");
}
END_TEST

/* Sorted insertion: the order of the file does not change the DOT. */
START_TEST (test_document_order)
{
  static const char *a_first =
    "<scenario name=\"o\" xmlns=\"urn:peerplan:scenario:1\">"
    "<account id=\"A\" uid=\"1111111111111111\">"
    " <vpc id=\"v2\" region=\"us-east-1\" cidr=\"10.2.0.0/16\"/>"
    " <vpc id=\"v1\" region=\"us-east-1\" cidr=\"10.1.0.0/16\">"
    "  <vswitch id=\"s2\" zone=\"us-east-1a\" cidr=\"10.1.2.0/24\"><instance id=\"e2\" ip=\"10.1.2.5\"/></vswitch>"
    "  <vswitch id=\"s1\" zone=\"us-east-1a\" cidr=\"10.1.1.0/24\"><instance id=\"e1\" ip=\"10.1.1.5\"/></vswitch>"
    " </vpc></account>"
    "<account id=\"B\" uid=\"2222222222222222\"><vpc id=\"v3\" region=\"eu-central-1\" cidr=\"10.3.0.0/16\"/></account>"
    "<connection id=\"c2\" type=\"vpc-peer\"><requester vpc=\"v1\"/><accepter vpc=\"v3\"/></connection>"
    "<connection id=\"c1\" type=\"vpc-peer\"><requester vpc=\"v1\"/><accepter vpc=\"v2\"/></connection>"
    "</scenario>";
  static const char *b_first =
    "<scenario name=\"o\" xmlns=\"urn:peerplan:scenario:1\">"
    "<account id=\"B\" uid=\"2222222222222222\"><vpc id=\"v3\" region=\"eu-central-1\" cidr=\"10.3.0.0/16\"/></account>"
    "<account id=\"A\" uid=\"1111111111111111\">"
    " <vpc id=\"v1\" region=\"us-east-1\" cidr=\"10.1.0.0/16\">"
    "  <vswitch id=\"s1\" zone=\"us-east-1a\" cidr=\"10.1.1.0/24\"><instance id=\"e1\" ip=\"10.1.1.5\"/></vswitch>"
    "  <vswitch id=\"s2\" zone=\"us-east-1a\" cidr=\"10.1.2.0/24\"><instance id=\"e2\" ip=\"10.1.2.5\"/></vswitch>"
    " </vpc>"
    " <vpc id=\"v2\" region=\"us-east-1\" cidr=\"10.2.0.0/16\"/></account>"
    "<connection id=\"c1\" type=\"vpc-peer\"><requester vpc=\"v1\"/><accepter vpc=\"v2\"/></connection>"
    "<connection id=\"c2\" type=\"vpc-peer\"><requester vpc=\"v1\"/><accepter vpc=\"v3\"/></connection>"
    "</scenario>";
  g_autoptr(PpScenario) a = load_string (a_first);
  g_autoptr(PpScenario) b = load_string (b_first);
  g_autofree char *da = pp_render_to_dot (a, NULL, NULL);
  g_autofree char *db = pp_render_to_dot (b, NULL, NULL);

  ck_assert_ptr_nonnull (da);
  ck_assert_msg (g_str_equal (da, db), "the document order changed the DOT");
  /* and the order is the ids' */
  ck_assert_ptr_nonnull (strstr (da, "cluster:acct:A"));
  ck_assert (strstr (da, "cluster:acct:A") < strstr (da, "cluster:acct:B"));
  ck_assert (strstr (da, "cluster:vsw:s1") < strstr (da, "cluster:vsw:s2"));
}
END_TEST

/* ---- the article ------------------------------------------------------ */

START_TEST (test_article_content)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  Agraph_t *g = build (sc, PP_RENDER_LEVEL_INSTANCE, NULL);
  Agedge_t *e;

  /* both accounts, both regions, both VPCs with their CIDRs */
  assert_contains (agget (find_cluster (g, "cluster:acct:A"), (char *) "label"), "uid 1111111111111111");
  assert_contains (agget (find_cluster (g, "cluster:acct:B"), (char *) "label"), "uid 2222222222222222");
  assert_contains (agget (find_cluster (g, "cluster:region:A/ap-northeast-1"), (char *) "label"), "Japan (Tokyo)");
  ck_assert_ptr_nonnull (find_cluster (g, "cluster:region:B/us-west-1"));
  assert_contains (agget (find_cluster (g, "cluster:vpc:vpc-tokyo"), (char *) "label"), "172.16.0.0/16");
  assert_contains (agget (find_cluster (g, "cluster:vpc:vpc-sv"), (char *) "label"), "192.168.0.0/16");
  assert_contains (agget (find_cluster (g, "cluster:vsw:vsw-tokyo"), (char *) "label"),
                   "ap-northeast-1a · 172.16.0.0/24");
  assert_contains (node_attr (g, "ecs:ecs-b", "label"), "192.168.0.147");
  /* the two router interfaces, on their VPCs */
  ck_assert_ptr_nonnull (agsubnode (find_cluster (g, "cluster:vpc:vpc-tokyo"),
                                    agnode (g, (char *) "ri:tokyo-sv/initiator", 0), 0));
  ck_assert_ptr_nonnull (agsubnode (find_cluster (g, "cluster:vpc:vpc-sv"),
                                    agnode (g, (char *) "ri:tokyo-sv/acceptor", 0), 0));
  assert_contains (node_attr (g, "ri:tokyo-sv/initiator", "label"), "subscription 1 month");
  /* the connection, labelled with its spec and status, from initiator to acceptor */
  e = find_edge (g, "conn:tokyo-sv");
  ck_assert_ptr_nonnull (e);
  ck_assert_str_eq (agnameof (agtail (e)), "ri:tokyo-sv/initiator");
  ck_assert_str_eq (agnameof (aghead (e)), "ri:tokyo-sv/acceptor");
  assert_contains (agget (e, (char *) "label"), "Large.1");
  assert_contains (agget (e, (char *) "label"), "planned");
  ck_assert_str_eq (agget (e, (char *) "style"), "dashed");
  /* route tables, compact */
  assert_contains (node_attr (g, "rt:vpc-tokyo", "label"), "192.168.0.0/24 → tokyo-sv");
  /* the title and the legend, in the graph's label */
  assert_contains (agget (g, (char *) "label"), "<B>tokyo-silicon-valley</B>");
  assert_contains (agget (g, (char *) "label"), "planned / Idle");
  agclose (g);
}
END_TEST

/* Empty parts keep a placeholder, so no cluster vanishes, and lay out. */
START_TEST (test_empty_parts)
{
  g_autoptr(PpScenario) sc = load_string (
    "<scenario name=\"e\" xmlns=\"urn:peerplan:scenario:1\">"
    "<account id=\"A\" uid=\"1111111111111111\">"
    " <vpc id=\"v1\" region=\"us-east-1\" cidr=\"10.1.0.0/16\">"
    "  <vswitch id=\"s1\" zone=\"us-east-1a\" cidr=\"10.1.1.0/24\"/>"
    " </vpc>"
    " <vpc id=\"v2\" region=\"us-east-1\" cidr=\"10.2.0.0/16\"/>"
    "</account>"
    "<account id=\"B\" uid=\"2222222222222222\"/>"
    "</scenario>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  Agraph_t *g = build (sc, PP_RENDER_LEVEL_INSTANCE, NULL);

  ck_assert_str_eq (node_attr (g, "acct:B", "label"), "no VPCs");
  ck_assert_str_eq (node_attr (g, "vsw:s1", "label"), "no instances");
  assert_contains (node_attr (g, "rt:v2", "label"), "no custom routes");
  agclose (g);
  g = build (sc, PP_RENDER_LEVEL_VPC, NULL);
  assert_contains (node_attr (g, "vpc:v2", "label"), "no vSwitches");
  agclose (g);
  for (guint level = 0; level < PP_RENDER_LEVEL_LAST; level++)
    {
      PpRenderOptions o;

      pp_render_options_init (&o);
      o.level = level;
      svg = pp_render_to_bytes (NULL, sc, &o, "svg", &error);
      ck_assert_msg (svg != NULL, "level %u: %s", level, error ? error->message : "");
      g_clear_pointer (&svg, g_bytes_unref);
    }
}
END_TEST

/* ---- levels ----------------------------------------------------------- */

START_TEST (test_levels)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/hub-and-spoke-10.xml");
  Agraph_t *g;

  g = build (sc, PP_RENDER_LEVEL_VSWITCH, NULL);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "ecs:"), 0);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "vsw:"), 12);
  assert_contains (node_attr (g, "vsw:vsw-app-hz-h", "label"), "2 instances");
  ck_assert_uint_eq (count_nodes_with_prefix (g, "ri:"), 10);
  agclose (g);

  g = build (sc, PP_RENDER_LEVEL_VPC, NULL);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "vpc:"), 10);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "vsw:"), 0);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "ri:"), 0);
  assert_contains (node_attr (g, "vpc:vpc-hub", "label"), "2 vSwitches · 2 instances");
  assert_contains (node_attr (g, "vpc:vpc-app-hz", "label"), "2 vSwitches · 3 instances");
  ck_assert_ptr_nonnull (find_edge (g, "conn:hub-app-sg"));
  agclose (g);

  g = build (sc, PP_RENDER_LEVEL_REGION, NULL);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "vpc:"), 0);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "region:"), 10);
  assert_contains (node_attr (g, "region:app/cn-hangzhou", "label"), "1 VPC · 2 vSwitches · 3 instances");
  assert_contains (node_attr (g, "region:shared/cn-hangzhou", "label"), "1 VPC · 2 vSwitches · 2 instances");
  /* one edge per pair of regions, with counts */
  assert_contains (node_attr (g, "conns:region:app/eu-central-1:region:shared/cn-hangzhou:label",
                              "label"), "1 connection\\n1 planned");
  /* the label is a node between two segments, in the innermost common cluster */
  ck_assert_ptr_nonnull (find_edge (g, "conns:region:app/eu-central-1:region:shared/cn-hangzhou"));
  ck_assert_ptr_nonnull (find_edge (g, "conns:region:app/eu-central-1:region:shared/cn-hangzhou:tail"));
  ck_assert_ptr_nonnull (agsubnode (find_cluster (g, "cluster:acct:shared"),
                                    agnode (g, (char *) "conns:region:shared/cn-hangzhou:region:shared/cn-shanghai:label", 0), 0));
  agclose (g);

  g = build (sc, PP_RENDER_LEVEL_ACCOUNT, NULL);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "region:"), 0);
  ck_assert_uint_eq (count_nodes_with_prefix (g, "acct:"), 3);
  assert_contains (node_attr (g, "acct:shared", "label"), "3 regions · 3 VPCs · 4 vSwitches · 4 instances");
  assert_contains (node_attr (g, "acct:app", "label"), "4 regions · 4 VPCs · 5 vSwitches · 6 instances");
  assert_contains (node_attr (g, "conns:acct:app:acct:shared:label", "label"),
                   "4 connections\\n1 planned\\n3 active");
  /* connections inside one account: a loop on its node */
  assert_contains (node_attr (g, "conns:acct:shared:acct:shared:label", "label"),
                   "2 connections");
  agclose (g);
}
END_TEST

START_TEST (test_level_names)
{
  PpRenderLevel l;

  for (guint i = 0; i < PP_RENDER_LEVEL_LAST; i++)
    {
      ck_assert (pp_render_level_from_string (pp_render_level_to_string (i), &l));
      ck_assert_int_eq (l, i);
    }
  ck_assert (!pp_render_level_from_string ("subnet", &l));
  ck_assert (!pp_render_level_from_string (NULL, &l));
}
END_TEST

/* ---- findings, statuses, costs, traces ------------------------------- */

START_TEST (test_findings_overlap)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/broken/cidr-overlap.xml");
  g_autoptr(PpFindings) findings = pp_findings_new ();
  Agraph_t *g = build (sc, PP_RENDER_LEVEL_INSTANCE, findings);
  Agraph_t *tokyo = find_cluster (g, "cluster:vpc:vpc-tokyo");
  Agraph_t *vsw = find_cluster (g, "cluster:vsw:vsw-tokyo");

  ck_assert_uint_ge (pp_findings_len (findings), 1);
  /* outlined in red, with the other VPC and the range */
  ck_assert_str_eq (agget (tokyo, (char *) "pencolor"), "#d62728");
  assert_contains (agget (tokyo, (char *) "label"), "overlaps vpc-sv on 172.16.0.0/16 (cidr-overlap)");
  assert_contains (agget (find_cluster (g, "cluster:vpc:vpc-sv"), (char *) "label"),
                   "overlaps vpc-tokyo on 172.16.0.0/16");
  /* the finding is on the connection too, and in the tooltip */
  assert_contains (agget (find_edge (g, "conn:tokyo-sv"), (char *) "label"), "⚠ cidr-overlap");
  assert_contains (agget (tokyo, (char *) "tooltip"), "error cidr-overlap:");
  assert_contains (agget (g, (char *) "label"), "findings: 1 error");
  /* a child cluster does not inherit the red */
  ck_assert_str_eq (agget (vsw, (char *) "fontcolor"), "black");
  ck_assert_str_eq (agget (vsw, (char *) "penwidth"), "1");
  agclose (g);

  /* at the vpc level the VPC node carries it */
  pp_findings_free (g_steal_pointer (&findings));
  findings = pp_findings_new ();
  g = build (sc, PP_RENDER_LEVEL_VPC, findings);
  ck_assert_str_eq (node_attr (g, "vpc:vpc-tokyo", "color"), "#d62728");
  assert_contains (node_attr (g, "vpc:vpc-tokyo", "label"), "overlaps vpc-sv on 172.16.0.0/16");
  agclose (g);

  /* and at the account level, the account that holds them */
  pp_findings_free (g_steal_pointer (&findings));
  findings = pp_findings_new ();
  g = build (sc, PP_RENDER_LEVEL_ACCOUNT, findings);
  assert_contains (node_attr (g, "acct:A", "label"), "overlapping VPC CIDRs");
  agclose (g);
}
END_TEST

/* A route finding is drawn on its subject, the route table that lacks the
 * route, with the VPC it must reach; the other VPC, its vSwitch and the
 * connection are related (in the tooltip), not marked; no finding is an
 * edge. */
START_TEST (test_findings_route)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/render/route-missing.xml");
  g_autoptr(PpFindings) findings = pp_findings_new ();
  Agraph_t *g = build (sc, PP_RENDER_LEVEL_INSTANCE, findings);

  ck_assert_ptr_null (find_edge (g, "finding:route-missing:rt:vpc-sv:rt:vpc-tokyo"));
  ck_assert_str_eq (node_attr (g, "rt:vpc-sv", "color"), "#d62728");
  assert_contains (node_attr (g, "rt:vpc-sv", "label"), "no custom routes\\l⚠ route-missing → vpc-tokyo\\l");
  assert_contains (node_attr (g, "rt:vpc-sv", "tooltip"),
                   "vpc-sv has no route to vSwitch vsw-tokyo (172.16.0.0/24, 1 of 1 instances) of vpc-tokyo "
                   "via tokyo-sv (related: vsw-tokyo, vpc-tokyo, tokyo-sv)");
  /* the VPC is outlined, its label leaves the rule to the route table */
  ck_assert_str_eq (agget (find_cluster (g, "cluster:vpc:vpc-sv"), (char *) "pencolor"), "#d62728");
  ck_assert_ptr_null (strstr (agget (find_cluster (g, "cluster:vpc:vpc-sv"), (char *) "label"), "⚠"));
  /* the VPC it must reach, its vSwitch and the connection stay as they are */
  ck_assert_str_eq (agget (find_cluster (g, "cluster:vpc:vpc-tokyo"), (char *) "pencolor"), "#6aa77a");
  ck_assert_ptr_null (strstr (agget (find_cluster (g, "cluster:vpc:vpc-tokyo"), (char *) "label"), "route-missing"));
  ck_assert_ptr_null (strstr (agget (find_cluster (g, "cluster:vsw:vsw-tokyo"), (char *) "label"), "route-missing"));
  ck_assert_ptr_null (strstr (node_attr (g, "rt:vpc-tokyo", "label"), "⚠"));
  ck_assert_ptr_null (strstr (agget (find_edge (g, "conn:tokyo-sv"), (char *) "label"), "route-missing"));
  /* route-missing explains the failed ping: no reach-failed to draw */
  ck_assert_ptr_null (strstr (node_attr (g, "ecs:ecs-b", "label"), "reach-failed"));
  agclose (g);

  /* at the vpc level the VPC node carries the line */
  pp_findings_free (g_steal_pointer (&findings));
  findings = pp_findings_new ();
  g = build (sc, PP_RENDER_LEVEL_VPC, findings);
  ck_assert_ptr_null (find_edge (g, "finding:route-missing:vpc:vpc-sv:vpc:vpc-tokyo"));
  assert_contains (node_attr (g, "vpc:vpc-sv", "label"), "⚠ route-missing → vpc-tokyo\\l");
  ck_assert_str_eq (node_attr (g, "vpc:vpc-sv", "color"), "#d62728");
  ck_assert_ptr_null (strstr (node_attr (g, "vpc:vpc-tokyo", "label"), "route-missing"));
  agclose (g);

  /* and at the account level, only the account that must change */
  pp_findings_free (g_steal_pointer (&findings));
  findings = pp_findings_new ();
  g = build (sc, PP_RENDER_LEVEL_ACCOUNT, findings);
  ck_assert_ptr_null (find_edge (g, "finding:route-missing:acct:B:acct:A"));
  assert_contains (node_attr (g, "acct:B", "label"), "route-missing");
  ck_assert_ptr_null (strstr (node_attr (g, "acct:A", "label"), "route-missing"));
  agclose (g);

  /* a ping that no route-* finding explains: reach-failed on the route
   * table of the VPC that drops the request */
  {
    g_autoptr(PpScenario) hops = load_src ("tests/data/reach/hops.xml");

    pp_findings_free (g_steal_pointer (&findings));
    findings = pp_findings_new ();
    g = build (hops, PP_RENDER_LEVEL_INSTANCE, findings);
    ck_assert_ptr_null (find_edge (g, "finding:reach-failed:rt:vpc-p:rt:vpc-s"));
    assert_contains (node_attr (g, "rt:vpc-p", "label"), "⚠ reach-failed → vpc-s\\l");
    ck_assert_ptr_null (strstr (node_attr (g, "ecs:ecs-p", "label"), "reach-failed"));
    agclose (g);
  }
}
END_TEST

/* issue 11: the return route is missing in the spoke only.  The spoke's
 * route table is the one to change; the hub, its vSwitch and the
 * connection are not marked. */
START_TEST (test_findings_subject_spoke)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/render/spoke-return-missing.xml");
  g_autoptr(PpFindings) findings = pp_findings_new ();
  Agraph_t *g = build (sc, PP_RENDER_LEVEL_INSTANCE, findings);

  ck_assert_str_eq (node_attr (g, "rt:shop-prod", "color"), "#d62728");
  assert_contains (node_attr (g, "rt:shop-prod", "label"), "⚠ route-missing → hub\\l");
  ck_assert_str_eq (agget (find_cluster (g, "cluster:vpc:hub"), (char *) "pencolor"), "#6aa77a");
  ck_assert_str_eq (agget (find_cluster (g, "cluster:vsw:hub-a"), (char *) "penwidth"), "1");
  ck_assert_ptr_null (strstr (agget (find_cluster (g, "cluster:vsw:hub-a"), (char *) "label"), "⚠"));
  ck_assert_ptr_null (strstr (node_attr (g, "rt:hub", "label"), "⚠"));
  ck_assert_ptr_null (strstr (agget (find_edge (g, "conn:hub-shop-prod"), (char *) "label"), "⚠"));
  ck_assert_ptr_null (strstr (agget (find_cluster (g, "cluster:acct:net"), (char *) "label"), "⚠"));
  agclose (g);
}
END_TEST

/* price-stale and price-missing are about the connection that is priced:
 * drawn there (its tooltip, the cost line), not on the paying account. */
START_TEST (test_findings_subject_price)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/same-region-catalog.xml");
  g_autoptr(PpFindings) findings = pp_findings_new ();
  Agraph_t *g = build (sc, PP_RENDER_LEVEL_INSTANCE, findings);
  Agedge_t *e = NULL;
  gboolean any_stale = FALSE;

  for (guint i = 0; i < pp_findings_len (findings); i++)
    any_stale |= g_str_equal (pp_findings_nth (findings, i)->rule, "price-stale");
  ck_assert (any_stale);
  for (guint i = 0; i < sc->connections->len && e == NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("conn:%s", pp_scenario_connection (sc, i)->id);
      e = find_edge (g, id);
    }
  ck_assert_ptr_nonnull (e);
  assert_contains (agget (e, (char *) "tooltip"), "price-stale");
  for (guint i = 0; i < sc->accounts->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("cluster:acct:%s", pp_scenario_account (sc, i)->id);
      Agraph_t *a = find_cluster (g, name);

      ck_assert_ptr_null (strstr (agget (a, (char *) "tooltip"), "price-"));
      ck_assert_ptr_null (strstr (agget (a, (char *) "label"), "⚠"));
    }
  agclose (g);
}
END_TEST

/* The points of an SVG path's "d" (every number pair). */
static GArray *
svg_path_points (const char *d)
{
  GArray *pts = g_array_new (FALSE, FALSE, sizeof (double));

  while (*d)
    {
      char *end;
      double v;

      if (!(g_ascii_isdigit (*d) || *d == '-' || *d == '.'))
        {
          d++;
          continue;
        }
      v = g_ascii_strtod (d, &end);
      g_array_append_val (pts, v);
      d = end;
    }
  return pts;
}

/* The "d" of the first <path> under @node (polygons are written as
 * "points", parsed the same way), or NULL. */
static xmlChar *
svg_first_path (xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      xmlChar *d = NULL;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (c->name, BAD_CAST "path"))
        return xmlGetProp (c, BAD_CAST "d");
      if (xmlStrEqual (c->name, BAD_CAST "polygon"))
        return xmlGetProp (c, BAD_CAST "points");
      if ((d = svg_first_path (c)) != NULL)
        return d;
    }
  return NULL;
}

typedef struct {
  char *id;
  double x0, y0, x1, y1;
} Box;

static void
box_clear (gpointer p)
{
  g_free (((Box *) p)->id);
}

static gboolean
box_holds (const Box *b, double x, double y)
{
  return x > b->x0 && x < b->x1 && y > b->y0 && y < b->y1;
}

/* Laid out by Graphviz (SVG): no edge passes through an account that
 * neither of its ends is in (nor over the CIDR labels inside it). */
START_TEST (test_svg_edges_stay_out)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/render/spoke-return-missing.xml");
  g_autoptr(PpFindings) findings = pp_findings_new ();
  g_autoptr(PpEstimate) estimate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GArray) accts = g_array_new (FALSE, FALSE, sizeof (Box));
  PpRenderOptions o;
  xmlDoc *doc;
  xmlXPathContext *xp;
  xmlXPathObject *r;
  gsize len;
  const char *data;
  guint n_edges = 0;

  g_array_set_clear_func (accts, box_clear);
  graph_options (sc, PP_RENDER_LEVEL_INSTANCE, findings, &estimate, &o);
  svg = pp_render_to_bytes (NULL, sc, &o, "svg", &error);
  ck_assert_msg (svg != NULL, "%s", error ? error->message : "");
  data = g_bytes_get_data (svg, &len);
  doc = xmlReadMemory (data, (int) len, "spoke.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  ck_assert (doc != NULL);
  xp = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
  r = xmlXPathEvalExpression (BAD_CAST "//s:g[@class='cluster' and starts-with(@id,'cluster:acct:')]", xp);
  ck_assert (r && r->nodesetval && r->nodesetval->nodeNr == 3);
  for (int i = 0; i < r->nodesetval->nodeNr; i++)
    {
      xmlNode *gnode = r->nodesetval->nodeTab[i];
      xmlChar *id = xmlGetProp (gnode, BAD_CAST "id");
      Box b = { g_strdup ((const char *) id), G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

      xmlFree (id);
      xmlChar *d = svg_first_path (gnode);
      g_autoptr(GArray) p = svg_path_points ((const char *) d);

      for (guint k = 0; k + 1 < p->len; k += 2)
        {
          b.x0 = MIN (b.x0, g_array_index (p, double, k));
          b.x1 = MAX (b.x1, g_array_index (p, double, k));
          b.y0 = MIN (b.y0, g_array_index (p, double, k + 1));
          b.y1 = MAX (b.y1, g_array_index (p, double, k + 1));
        }
      xmlFree (d);
      ck_assert_msg (b.x0 < b.x1, "%s has no outline", b.id);
      g_array_append_val (accts, b);
    }
  xmlXPathFreeObject (r);

  r = xmlXPathEvalExpression (BAD_CAST "//s:g[@class='edge']", xp);
  for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++)
    {
      xmlNode *edge = r->nodesetval->nodeTab[i];
      xmlChar *gid = xmlGetProp (edge, BAD_CAST "id");
      xmlChar *d = svg_first_path (edge);
      g_autoptr(GArray) p = NULL;
      guint last;

      ck_assert_msg (d != NULL, "edge %s has no path", gid);
      p = svg_path_points ((const char *) d);
      ck_assert_uint_ge (p->len, 4);
      last = p->len - 2;

      ck_assert_msg (!g_str_has_prefix ((const char *) gid, "finding:"), "%s is a curve", gid);
      for (guint a = 0; a < accts->len; a++)
        {
          const Box *b = &g_array_index (accts, Box, a);

          /* an account that holds an end of the edge may hold its path */
          if (box_holds (b, g_array_index (p, double, 0), g_array_index (p, double, 1))
              || box_holds (b, g_array_index (p, double, last), g_array_index (p, double, last + 1)))
            continue;
          for (guint k = 0; k + 1 < p->len; k += 2)
            ck_assert_msg (!box_holds (b, g_array_index (p, double, k), g_array_index (p, double, k + 1)),
                           "edge %s crosses %s", gid, b->id);
        }
      n_edges++;
      xmlFree (gid);
      xmlFree (d);
    }
  ck_assert_uint_ge (n_edges, 3);
  xmlXPathFreeObject (r);
  xmlXPathFreeContext (xp);
  xmlFreeDoc (doc);
}
END_TEST

static char *
cost_label (const PpScenario *sc, guint conn, gpointer user_data)
{
  return g_strdup_printf ("%s pays %s", (const char *) user_data,
                          pp_scenario_connection (sc, conn)->id);
}

static const char *
status_active (const PpScenario *sc, guint conn, gpointer user_data)
{
  return "Active";
}

START_TEST (test_cost_and_status)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  PpRenderOptions o;
  Agraph_t *g;
  Agedge_t *e;

  pp_render_options_init (&o);
  o.cost = cost_label;
  o.status = status_active;
  o.user_data = (gpointer) "A";
  g = pp_render_build (sc, &o, &error);
  ck_assert_ptr_nonnull (g);
  e = find_edge (g, "conn:tokyo-sv");
  assert_contains (agget (e, (char *) "label"), "A pays tokyo-sv");
  assert_contains (agget (e, (char *) "label"), "Active");
  ck_assert_str_eq (agget (e, (char *) "color"), "#2e9e44");
  ck_assert_str_eq (agget (e, (char *) "style"), "");
  agclose (g);
}
END_TEST

/* The cost line from pricing: each side's monthly share of the estimate,
 * "no price" for a charged side without one. */
START_TEST (test_cost_estimate)
{
  g_autoptr(PpScenario) peer = load_src ("data/examples/vpc-peer-tokyo-sv.xml");
  g_autoptr(PpScenario) ri = load_src ("data/examples/article.xml");
  Agraph_t *g = build (peer, PP_RENDER_LEVEL_INSTANCE, NULL);

  assert_contains (agget (find_edge (g, "conn:tokyo-sv"), (char *) "label"),
                   "A pays 105.00 CNY/month\\nB pays 52.50 CNY/month");
  agclose (g);
  g = build (ri, PP_RENDER_LEVEL_INSTANCE, NULL);
  assert_contains (agget (find_edge (g, "conn:tokyo-sv"), (char *) "label"), "A: no price");
  /* the acceptor of a router interface does not pay */
  ck_assert_ptr_null (strstr (agget (find_edge (g, "conn:tokyo-sv"), (char *) "label"), "B "));
  agclose (g);
  /* VPC peering without <usage> or --traffic: each side's rate, never
   * "0.00 CNY/month", which reads as free */
  {
    g_autofree char *path = pp_test_srcpath ("data/examples/vpc-peer-tokyo-sv.xml");
    g_autofree char *xml = NULL;
    g_autofree char *bare_xml = NULL;
    g_autoptr(GRegex) usage = g_regex_new ("<usage [^>]*/>", 0, 0, NULL);
    g_autoptr(PpScenario) bare = NULL;
    const char *label;

    ck_assert (g_file_get_contents (path, &xml, NULL, NULL));
    bare_xml = g_regex_replace_literal (usage, xml, -1, 0, "", 0, NULL);
    ck_assert_ptr_null (strstr (bare_xml, "<usage"));
    bare = load_string (bare_xml);
    g = build (bare, PP_RENDER_LEVEL_INSTANCE, NULL);
    label = agget (find_edge (g, "conn:tokyo-sv"), (char *) "label");
    assert_contains (label, "A pays 0.525 CNY/GB out (no traffic given)");
    assert_contains (label, "B pays 0.525 CNY/GB out (no traffic given)");
    ck_assert_ptr_null (strstr (label, "CNY/month"));
    agclose (g);
  }
}
END_TEST

static const struct {
  const char *status;
  PpRenderStatus cls;
} status_cases[] = {
  { NULL, PP_RENDER_STATUS_PLANNED },
  { "planned", PP_RENDER_STATUS_PLANNED },
  { "Idle", PP_RENDER_STATUS_PLANNED },
  { "Connecting", PP_RENDER_STATUS_PENDING },
  { "AcceptingConnecting", PP_RENDER_STATUS_PENDING },
  { "Accepting", PP_RENDER_STATUS_PENDING },
  { "Active", PP_RENDER_STATUS_ACTIVE },
  { "Activated", PP_RENDER_STATUS_ACTIVE },
  { "Inactive", PP_RENDER_STATUS_FAILED },
  { "Rejected", PP_RENDER_STATUS_FAILED },
  { "Expired", PP_RENDER_STATUS_FAILED },
  { "something-else", PP_RENDER_STATUS_FAILED },
};

START_TEST (test_status_classes)
{
  ck_assert_int_eq (pp_render_status_classify (status_cases[_i].status), status_cases[_i].cls);
}
END_TEST

START_TEST (test_trace)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  static const char * const hops[] = {
    "ecs-a", "vsw-tokyo", "vpc-tokyo", "tokyo-sv", "vpc-sv", "vsw-sv", "ecs-b", NULL };
  PpRenderTrace t = { "ecs-a", "ecs-b", hops, TRUE, "ecs-a and ecs-b reach each other" };
  g_autoptr(GError) error = NULL;
  PpRenderOptions o;
  Agraph_t *g;

  pp_render_options_init (&o);
  o.trace = &t;
  g = pp_render_build (sc, &o, &error);
  ck_assert_ptr_nonnull (g);
  ck_assert_str_eq (node_attr (g, "ecs:ecs-a", "color"), "#1f5fd1");
  assert_contains (node_attr (g, "ecs:ecs-b", "tooltip"), "trace step 7");
  ck_assert_str_eq (agget (find_edge (g, "conn:tokyo-sv"), (char *) "color"), "#1f5fd1");
  ck_assert_str_eq (agget (find_cluster (g, "cluster:vpc:vpc-sv"), (char *) "pencolor"), "#1f5fd1");
  assert_contains (agget (g, (char *) "label"), "trace ecs-a → ecs-b: ecs-a and ecs-b reach each other");
  assert_contains (agget (g, (char *) "label"), "reachability trace");
  ck_assert_ptr_null (strstr (agget (g, (char *) "label"), "dropped here"));
  agclose (g);

  /* at the account level: the accounts and the merged edge */
  o.level = PP_RENDER_LEVEL_ACCOUNT;
  g = pp_render_build (sc, &o, &error);
  ck_assert_ptr_nonnull (g);
  ck_assert_str_eq (node_attr (g, "acct:A", "color"), "#1f5fd1");
  ck_assert_str_eq (agget (find_edge (g, "conns:acct:A:acct:B"), (char *) "color"), "#1f5fd1");
  agclose (g);
  o.level = PP_RENDER_LEVEL_INSTANCE;

  /* a packet that is dropped: the VPC that drops it says so on its route
   * table (its node at --level vpc), and the legend explains the mark */
  {
    static const char * const part[] = { "ecs-a", "vsw-tokyo", "vpc-tokyo", NULL };
    PpRenderTrace d = { "ecs-a", "ecs-b", part, FALSE, "dropped", "vpc-tokyo", "no route matches" };

    o.trace = &d;
    g = pp_render_build (sc, &o, &error);
    ck_assert_ptr_nonnull (g);
    assert_contains (node_attr (g, "rt:vpc-tokyo", "label"), "✗ dropped here: no route matches\\l");
    ck_assert_str_eq (node_attr (g, "rt:vpc-tokyo", "color"), "#d62728");
    ck_assert_ptr_null (strstr (node_attr (g, "rt:vpc-sv", "label"), "dropped"));
    ck_assert_str_eq (agget (find_edge (g, "conn:tokyo-sv"), (char *) "color"), "#8a8a8a");
    assert_contains (agget (g, (char *) "label"), "where the trace's packet is dropped");
    agclose (g);
    o.level = PP_RENDER_LEVEL_VPC;
    g = pp_render_build (sc, &o, &error);
    ck_assert_ptr_nonnull (g);
    assert_contains (node_attr (g, "vpc:vpc-tokyo", "label"), "✗ dropped here: no route matches\\l");
    agclose (g);
    o.level = PP_RENDER_LEVEL_INSTANCE;
    o.trace = &t;
  }

  /* a trace between instances that do not exist is refused */
  t.from = "ecs-z";
  g = pp_render_build (sc, &o, &error);
  ck_assert_ptr_null (g);
  ck_assert (g_error_matches (error, PP_RENDER_ERROR, PP_RENDER_ERROR_INVALID));
  assert_contains (error->message, "ecs-z");
}
END_TEST

/* ---- output ----------------------------------------------------------- */

static gboolean
svg_has_id (xmlXPathContext *xp, const char *id)
{
  g_autofree char *expr = g_strdup_printf ("//*[@id='%s']", id);
  xmlXPathObject *r = xmlXPathEvalExpression ((const xmlChar *) expr, xp);
  gboolean found = r != NULL && r->nodesetval != NULL && r->nodesetval->nodeNr > 0;

  xmlXPathFreeObject (r);
  return found;
}

/* Some element has an xlink:title (a tooltip) containing @text. */
static gboolean
svg_has_title (xmlXPathContext *xp, const char *text)
{
  g_autofree char *expr = g_strdup_printf ("//*[@*[local-name()='title' and contains(., '%s')]]", text);
  xmlXPathObject *r = xmlXPathEvalExpression ((const xmlChar *) expr, xp);
  gboolean found = r != NULL && r->nodesetval != NULL && r->nodesetval->nodeNr > 0;

  xmlXPathFreeObject (r);
  return found;
}

START_TEST (test_svg)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = pp_render_to_bytes (NULL, sc, NULL, "svg", &error);
  xmlDoc *doc;
  xmlXPathContext *xp;
  gsize len;
  const char *data;

  ck_assert_msg (svg != NULL, "%s", error ? error->message : "");
  data = g_bytes_get_data (svg, &len);
  doc = xmlReadMemory (data, (int) len, "article.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  ck_assert_msg (doc != NULL, "the SVG is not well-formed XML");
  xp = xmlXPathNewContext (doc);
  ck_assert (svg_has_id (xp, "cluster:acct:A"));
  ck_assert (svg_has_id (xp, "cluster:vpc:vpc-sv"));
  ck_assert (svg_has_id (xp, "ri:tokyo-sv/initiator"));
  ck_assert (svg_has_id (xp, "conn:tokyo-sv"));
  ck_assert (!svg_has_id (xp, "no-such-object"));
  /* tooltips reach the SVG (as link titles) */
  ck_assert (svg_has_title (xp, "router-interface tokyo-sv: vpc-tokyo → vpc-sv"));
  ck_assert (svg_has_title (xp, "route table of vpc-tokyo"));
  xmlXPathFreeContext (xp);
  xmlFreeDoc (doc);
}
END_TEST

START_TEST (test_png_pdf)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/hub-and-spoke-10.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = pp_render_to_bytes (NULL, sc, NULL, "png", &error);
  g_autoptr(GBytes) pdf = NULL;
  const guint8 *p;
  gsize len;

  ck_assert_msg (png != NULL, "%s", error ? error->message : "");
  p = g_bytes_get_data (png, &len);
  ck_assert_uint_gt (len, 20000);
  ck_assert_mem_eq (p, "\x89PNG\r\n\x1a\n", 8);
  pdf = pp_render_to_bytes (NULL, sc, NULL, "pdf", &error);
  ck_assert_msg (pdf != NULL, "%s", error ? error->message : "");
  p = g_bytes_get_data (pdf, &len);
  ck_assert_mem_eq (p, "%PDF-", 5);
}
END_TEST

START_TEST (test_bad_format)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "pp-render-never-written.gif", NULL);

  ck_assert (!pp_render_format_supported ("gif"));
  ck_assert (!pp_render_format_supported (NULL));
  ck_assert_ptr_null (pp_render_to_bytes (NULL, sc, NULL, "gif", &error));
  ck_assert (g_error_matches (error, PP_RENDER_ERROR, PP_RENDER_ERROR_FORMAT));
  g_clear_error (&error);
  ck_assert (!pp_render_to_file (NULL, sc, NULL, "gif", path, &error));
  ck_assert (g_error_matches (error, PP_RENDER_ERROR, PP_RENDER_ERROR_FORMAT));
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
}
END_TEST

static Suite *
render_suite (void)
{
  Suite *s = suite_create ("render");
  TCase *tc = tcase_create ("dot");

  tcase_add_loop_test (tc, test_golden, 0, G_N_ELEMENTS (golden_cases));
  tcase_add_test (tc, test_document_order);
  tcase_add_test (tc, test_article_content);
  tcase_add_test (tc, test_levels);
  tcase_add_test (tc, test_level_names);
  tcase_add_test (tc, test_findings_overlap);
  tcase_add_test (tc, test_findings_route);
  tcase_add_test (tc, test_findings_subject_spoke);
  tcase_add_test (tc, test_findings_subject_price);
  tcase_add_test (tc, test_svg_edges_stay_out);
  tcase_add_test (tc, test_cost_and_status);
  tcase_add_test (tc, test_cost_estimate);
  tcase_add_loop_test (tc, test_status_classes, 0, G_N_ELEMENTS (status_cases));
  tcase_add_test (tc, test_trace);
  suite_add_tcase (s, tc);
  tc = tcase_create ("output");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_svg);
  tcase_add_test (tc, test_empty_parts);
  tcase_add_test (tc, test_png_pdf);
  tcase_add_test (tc, test_bad_format);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (render_suite ());
}
