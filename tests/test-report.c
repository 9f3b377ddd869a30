/* SPDX-License-Identifier: MIT */
/* test-report.c: the report writers of sim/cli: the streaming JSON writer
 * against json-glib (same layout, strings that parse back to what was
 * written, RFC 8259 escapes), the JUnit writer's escaping, the entry
 * an input error becomes in check's report, and a plan's route steps
 * written from their briefs as from their results. */
#include "tests/testutils.h"
#include "sim/cli/json-writer.h"
#include "sim/cli/junit.h"
#include "sim/cli/report.h"
#include "sim/cli/runbook.h"
#include "sim/cli/step-writer.h"
#include "model/pp-scenario-xml.h"
#include "sim/pp-planner.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

/* Every ASCII character but NUL, then some UTF-8. */
static char *
hostile_string (void)
{
  GString *s = g_string_new (NULL);

  for (int c = 1; c < 128; c++)
    g_string_append_c (s, (char) c);
  g_string_append (s, " \xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80 </script> ${x}");
  return g_string_free (s, FALSE);
}

/* Runs @write on a memory stream; (transfer full) what it wrote. */
static char *
capture (void (*write) (PpJsonWriter *w, gconstpointer data), gconstpointer data)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream (&buf, &len);
  PpJsonWriter w;
  char *copy;

  ck_assert_ptr_nonnull (mem);
  pp_json_writer_init (&w, mem);
  write (&w, data);
  pp_json_writer_finish (&w);
  ck_assert_int_eq (fclose (mem), 0);
  copy = g_strndup (buf, len);
  free (buf);
  return copy;
}

static char *
json_glib_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

static void
write_tree (PpJsonWriter *w, gconstpointer data)
{
  const char *s = data;

  pp_json_begin_object (w);
  pp_json_member_int (w, "version", 1);
  pp_json_member_string (w, s, s);
  pp_json_member_string (w, "none", NULL);
  pp_json_member_bool (w, "yes", TRUE);
  pp_json_key (w, "list");
  pp_json_begin_array (w);
  pp_json_int (w, G_MININT64);
  pp_json_int (w, G_MAXINT64);
  pp_json_begin_object (w);
  pp_json_key (w, "inner");
  pp_json_begin_array (w);
  pp_json_string (w, "a");
  pp_json_null (w);
  pp_json_end_array (w);
  pp_json_end_object (w);
  pp_json_bool (w, FALSE);
  pp_json_end_array (w);
  pp_json_key (w, "empty");
  pp_json_begin_array (w);
  pp_json_end_array (w);
  pp_json_end_object (w);
}

static JsonNode *
build_tree (const char *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, s);
  json_builder_add_string_value (b, s);
  json_builder_set_member_name (b, "none");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "yes");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "list");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, G_MININT64);
  json_builder_add_int_value (b, G_MAXINT64);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "inner");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "a");
  json_builder_add_null_value (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "empty");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The layout is json-glib's, byte for byte, for what both write alike
 * (json-glib leaves U+001F unescaped, which RFC 8259 forbids: left out
 * here, tested below). */
START_TEST (test_json_layout_as_json_glib)
{
  g_autofree char *all = hostile_string ();
  g_autofree char *s = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;

  s = g_strdelimit (g_strdup (all), "\x1f", ' ');
  root = build_tree (s);
  ours = capture (write_tree, s);
  theirs = json_glib_text (root);
  ck_assert_str_eq (ours, theirs);
}
END_TEST

/* Every string parses back to what was written; no raw control character
 * reaches the output. */
START_TEST (test_json_strings_round_trip)
{
  g_autofree char *s = hostile_string ();
  g_autofree char *ours = capture (write_tree, s);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  ck_assert_msg (json_parser_load_from_data (parser, ours, -1, &error), "%s",
                 error ? error->message : "");
  obj = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (obj, s), s);
  for (const char *p = ours; *p != '\0'; p++)
    ck_assert_msg ((unsigned char) *p >= 0x20 || *p == '\n', "raw control character 0x%02x",
                   (unsigned char) *p);
  ck_assert_ptr_nonnull (strstr (ours, "\\u001f"));
  ck_assert_ptr_nonnull (strstr (ours, "\\u007f"));
}
END_TEST

static void
write_empty (PpJsonWriter *w, gconstpointer data)
{
  (void) data;
  pp_json_begin_object (w);
  pp_json_key (w, "object");
  pp_json_begin_object (w);
  pp_json_end_object (w);
  pp_json_key (w, "array");
  pp_json_begin_array (w);
  pp_json_end_array (w);
  pp_json_end_object (w);
}

/* Empty containers are "{}" and "[]" at any depth (json-glib writes an
 * empty object nested at depth d as "{" and 2d spaces and "}"). */
START_TEST (test_json_empty)
{
  g_autofree char *ours = capture (write_empty, NULL);

  ck_assert_str_eq (ours, "{\n  \"object\" : {},\n  \"array\" : []\n}\n");
}
END_TEST

static void
write_variant (PpJsonWriter *w, gconstpointer data)
{
  pp_json_variant (w, (GVariant *) data);
}

/* An API response (a{sv} of strings, integers, booleans, lists and
 * objects) as json_gvariant_serialize() gives it. */
START_TEST (test_json_variant_as_json_glib)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_parsed (
    "{'RequestId': <'7A1D-\"q\"'>, 'TotalCount': <int64 2>, 'Ok': <true>,"
    " 'Byte': <byte 7>, 'Neg': <int32 -5>, 'Half': <0.5>, 'Three': <3.0>,"
    " 'RouterInterfaceSet': <{'RouterInterfaceType': <[<{'Status': <'Idle'>}>,"
    " <{'Status': <'Active'>, 'Tags': <['a', 'b']>}>]>}>,"
    " 'Pair': <(1, 'x')>, 'Maybe': <just int64 4>}"));
  g_autoptr(JsonNode) node = json_gvariant_serialize (v);
  g_autofree char *ours = capture (write_variant, v);
  g_autofree char *theirs = json_glib_text (node);

  ck_assert_str_eq (ours, theirs);
}
END_TEST

/* JUnit: attributes and texts escaped by libxml2, so that any message
 * parses back. */
START_TEST (test_junit_escapes)
{
  const char *nasty = "a \"quoted\" <b>&amp; 'x'\nline two";
  PpJunitCounts counts = { 1, 1, PP_JUNIT_OMIT, 0 };
  PpJunitCase c = { "file<1>.xml", nasty, "file<1>.xml", 7, PP_JUNIT_FAILED, nasty, "rule&id",
                    nasty, nasty };
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream (&buf, &len);
  PpJunit *j;
  xmlDocPtr doc;
  xmlNodePtr suite, tc, failure;
  xmlChar *v;

  ck_assert_ptr_nonnull (mem);
  j = pp_junit_new ("peerplan test", &counts);
  pp_junit_begin_suite (j, "file<1>.xml", &counts);
  pp_junit_case (j, &c);
  pp_junit_end_suite (j);
  pp_junit_finish (j, mem);
  ck_assert_int_eq (fclose (mem), 0);
  doc = xmlReadMemory (buf, (int) len, "junit.xml", NULL, XML_PARSE_NONET);
  ck_assert_ptr_nonnull (doc);
  suite = xmlFirstElementChild (xmlDocGetRootElement (doc));
  tc = xmlFirstElementChild (suite);
  failure = xmlFirstElementChild (tc);
  ck_assert_str_eq ((const char *) failure->name, "failure");
  v = xmlGetProp (tc, (const xmlChar *) "name");
  ck_assert_str_eq ((const char *) v, nasty);
  xmlFree (v);
  v = xmlGetProp (failure, (const xmlChar *) "type");
  ck_assert_str_eq ((const char *) v, "rule&id");
  xmlFree (v);
  v = xmlNodeGetContent (failure);
  ck_assert_str_eq ((const char *) v, nasty);
  xmlFree (v);
  v = xmlNodeGetContent (xmlNextElementSibling (failure));
  ck_assert_str_eq ((const char *) v, nasty);
  xmlFree (v);
  xmlFreeDoc (doc);
  free (buf);
}
END_TEST

/* An input error's message -> file, line and the message without its
 * prefix; what names no line of the file is kept whole. */
static const struct {
  const char *file;
  const char *message;
  guint line;
  const char *rest;
} error_cases[] = {
  { "a.xml", "a.xml:12: the file is empty (hint: x)", 12, "the file is empty (hint: x)" },
  { "a.xml", "a.xml: cannot open: No such file", 0, "cannot open: No such file" },
  { "a.xml", "a.xml:0: at the start", 0, "at the start" },
  { "dir/b:1.xml", "dir/b:1.xml:3: bad", 3, "bad" },           /* a ':' in the name */
  { "a.xml", "other.xml:4: in a file it names", 0, "other.xml:4: in a file it names" },
  { "a.xml", "a.xml:12 no space", 0, "a.xml:12 no space" },
  { "a.xml", "a.xmlx:1: a longer name", 0, "a.xmlx:1: a longer name" },
  { "a.xml", "a.xml:99999999999: too large a line", 0, "a.xml:99999999999: too large a line" },
  { "a.json", "a.json: $.resources[0]: no id", 0, "$.resources[0]: no id" },
};

START_TEST (test_report_error_entry)
{
  g_autoptr(PpReportError) e = pp_report_error_new (error_cases[_i].file, error_cases[_i].message);

  ck_assert_str_eq (e->file, error_cases[_i].file);
  ck_assert_uint_eq (e->line, error_cases[_i].line);
  ck_assert_str_eq (e->message, error_cases[_i].rest);
}
END_TEST

/* Every way a runbook writes @r, appended to @out: text (with and
 * without parameters and colours), Markdown, JSON, workflow. */
static void
write_step (GString *out, const PpStepResult *r)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream (&buf, &len);
  PpJsonWriter w;
  g_autoptr(GString) xml = g_string_new (NULL);

  ck_assert_ptr_nonnull (mem);
  pp_runbook_text_step_append (out, r, TRUE, FALSE);
  pp_runbook_text_step_append (out, r, TRUE, TRUE);
  pp_runbook_text_step_append (out, r, FALSE, FALSE);
  pp_runbook_markdown_step (mem, r);
  pp_json_writer_init (&w, mem);
  pp_runbook_json_step (&w, r);
  ck_assert_int_eq (fclose (mem), 0);
  g_string_append_len (out, buf, (gssize) len);
  free (buf);
  pp_workflow_xml_step (xml, r->step, r);
  g_string_append (out, xml->str);
}

typedef struct {
  GString *out;
  PpPlanRouteView *view;
  guint briefs;
} Written;

static void
written_step (const PpStepResult *r, gpointer data)
{
  write_step (((Written *) data)->out, r);
}

static void
written_route (const PpPlanRoute *route, gpointer data)
{
  Written *w = data;

  w->briefs++;
  write_step (w->out, pp_plan_route_view (w->view, route));
}

static const char *const briefed[] = {
  "data/examples/article.xml",
  "data/examples/hub-and-spoke.xml",
  "data/examples/vpc-peer-tokyo-sv.xml",
  "data/examples/cross-border.xml",
  "data/examples/estate-50.xml",
  "tests/data/planner/slip-self-opposite.xml",
  "tests/data/planner/dotted-connection.xml",
  "tests/data/planner/routes-refused.xml",
};

/* A streamed plan's route steps handed over in brief
 * (pp_plan_scenario_stream_routes()) and made again by a view: written in
 * every format, the same bytes as the results themselves. */
START_TEST (test_plan_route_briefs)
{
  g_autofree char *path = pp_test_srcpath (briefed[_i]);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = pp_scenario_load_file (path, NULL, &error);
  g_autoptr(PpPlan) whole = NULL;
  g_autoptr(PpPlan) briefly = NULL;
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  Written wa = { a, NULL, 0 };
  Written wb = { b, NULL, 0 };

  ck_assert_msg (sc != NULL, "%s", error ? error->message : "?");
  wb.view = pp_plan_route_view_new (sc);
  whole = pp_plan_scenario_stream (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_NONE, NULL, written_step, &wa,
                                   &error);
  ck_assert_msg (whole != NULL, "%s", error ? error->message : "?");
  briefly = pp_plan_scenario_stream_routes (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_NONE, NULL, written_step,
                                            written_route, &wb, &error);
  ck_assert_msg (briefly != NULL, "%s", error ? error->message : "?");
  pp_plan_route_view_free (wb.view);
  ck_assert_uint_gt (wb.briefs, 0);
  ck_assert_uint_gt (a->len, 0);
  ck_assert_str_eq (b->str, a->str);
  /* the same run: its counts, findings and what it built */
  for (guint k = 0; k < PP_OUTCOME_LAST; k++)
    ck_assert_uint_eq (briefly->run->counts[k], whole->run->counts[k]);
  ck_assert_uint_eq (pp_findings_len (briefly->findings), pp_findings_len (whole->findings));
  for (guint k = 0; k < pp_findings_len (whole->findings); k++)
    ck_assert_str_eq (pp_findings_nth (briefly->findings, k)->message,
                      pp_findings_nth (whole->findings, k)->message);
  ck_assert_int_eq (briefly->run->finished, whole->run->finished);
  if (whole->run->built != NULL)
    {
      g_autofree char *built_a = pp_scenario_to_xml (whole->run->built);
      g_autofree char *built_b = pp_scenario_to_xml (briefly->run->built);

      ck_assert_str_eq (built_b, built_a);
    }
}
END_TEST

typedef struct {
  PpStepWriter *writer;
  GString *want;              /* what putting each step together here gives */
  PpPlanRouteView *view;
  PpStepFormatFunc format;    /* the writer's */
  gpointer format_data;
  guint briefs;
} Through;

static void
through_step (const PpStepResult *r, gpointer data)
{
  Through *t = data;

  pp_step_writer_step (t->writer, r);
  t->format (t->want, r, t->format_data);
}

static void
through_route (const PpPlanRoute *route, gpointer data)
{
  Through *t = data;

  t->briefs++;
  pp_step_writer_route (t->writer, route);
  t->format (t->want, pp_plan_route_view (t->view, route), t->format_data);
}

/* A part written by a function on the writer's thread. */
static void
write_marker (FILE *out, gpointer data)
{
  fputs (data, out);
}

static const PpStepFormatFunc step_formats[] = {
  pp_step_format_json, pp_step_format_markdown, pp_step_format_workflow
};

/* The writer of steps in the other formats of a runbook: what reaches the
 * file is what formatting each step here gives, route steps made again
 * from their briefs on the writer's thread.  JSON's steps are an array's
 * elements put together apart: the first without a comma. */
START_TEST (test_step_writer_formats)
{
  g_autofree char *path = pp_test_srcpath ("data/examples/estate-50.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = pp_scenario_load_file (path, NULL, &error);
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(GString) want = g_string_new (NULL);
  g_autofree char *got = NULL;
  gsize got_len;
  FILE *out = tmpfile ();
  Through f = { NULL, want, NULL, step_formats[_i], NULL, 0 };

  ck_assert_msg (sc != NULL, "%s", error ? error->message : "?");
  ck_assert_ptr_nonnull (out);
  f.writer = pp_step_writer_new_format (out, sc, f.format, NULL, &error);
  ck_assert_msg (f.writer != NULL, "%s", error ? error->message : "?");
  f.view = pp_plan_route_view_new (sc);
  plan = pp_plan_scenario_stream_routes (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_NONE, NULL, through_step,
                                         through_route, &f, &error);
  ck_assert_msg (plan != NULL, "%s", error ? error->message : "?");
  pp_step_writer_finish (f.writer);
  pp_plan_route_view_free (f.view);
  ck_assert_int_eq (fflush (out), 0);
  rewind (out);
  got = g_malloc (want->len + 2);
  got_len = fread (got, 1, want->len + 1, out);
  fclose (out);
  ck_assert_uint_ge (f.briefs, 100);
  ck_assert_uint_gt (want->len, 100 * 1024);
  ck_assert_uint_eq (got_len, want->len);
  ck_assert (memcmp (got, want->str, want->len) == 0);
  if (f.format == pp_step_format_json)
    {
      /* the first element without a comma, the next ones with */
      ck_assert (g_str_has_prefix (want->str, "\n    {\n      \"step\" : 1,"));
      ck_assert_ptr_nonnull (strstr (want->str, "},\n    {\n      \"step\" : 2,"));
    }
}
END_TEST

START_TEST (test_step_writer)
{
  g_autofree char *path = pp_test_srcpath ("data/examples/estate-50.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = pp_scenario_load_file (path, NULL, &error);
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GString) piece = g_string_new (NULL);
  g_autofree char *got = NULL;
  gsize got_len = 0;
  FILE *out = tmpfile ();
  Through t = { NULL, want, NULL, pp_step_format_text, GINT_TO_POINTER (_i == 1), 0 };

  ck_assert_msg (sc != NULL, "%s", error ? error->message : "?");
  ck_assert_ptr_nonnull (out);
  t.writer = pp_step_writer_new (out, sc, _i == 1, &error);
  ck_assert_msg (t.writer != NULL, "%s", error ? error->message : "?");
  t.view = pp_plan_route_view_new (sc);
  plan = pp_plan_scenario_stream_routes (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_NONE, NULL, through_step,
                                         through_route, &t, &error);
  ck_assert_msg (plan != NULL, "%s", error ? error->message : "?");
  pp_step_writer_flush (t.writer);
  pp_step_writer_call (t.writer, write_marker, (gpointer) "a part written by a function\n");
  g_string_append (want, "a part written by a function\n");
  for (guint i = 0; i < 20000; i++)
    {
      g_string_printf (piece, "piece %u %*s\n", i, (int) (i % 400), "");
      pp_step_writer_text (t.writer, piece->str, piece->len);
      g_string_append_len (want, piece->str, (gssize) piece->len);
    }
  g_string_truncate (piece, 0);
  for (guint i = 0; piece->len < 600 * 1024; i++)
    g_string_append_printf (piece, "a long trace, line %u\n", i);
  pp_step_writer_text (t.writer, piece->str, piece->len);
  g_string_append_len (want, piece->str, (gssize) piece->len);
  pp_step_writer_text (t.writer, "", 0);
  pp_step_writer_text (t.writer, "end\n", 4);
  g_string_append (want, "end\n");
  pp_step_writer_finish (t.writer);
  pp_plan_route_view_free (t.view);

  ck_assert_int_eq (fflush (out), 0);
  rewind (out);
  got = g_malloc (want->len + 2);
  got_len = fread (got, 1, want->len + 1, out);
  fclose (out);
  ck_assert_uint_gt (want->len, 4 * 1024 * 1024);
  ck_assert_uint_eq (got_len, want->len);
  ck_assert (memcmp (got, want->str, want->len) == 0);
}
END_TEST

static Suite *
report_suite (void)
{
  Suite *s = suite_create ("report");
  TCase *tc = tcase_create ("writers");

  tcase_add_test (tc, test_json_layout_as_json_glib);
  tcase_add_test (tc, test_json_strings_round_trip);
  tcase_add_test (tc, test_json_empty);
  tcase_add_test (tc, test_json_variant_as_json_glib);
  tcase_add_test (tc, test_junit_escapes);
  tcase_add_loop_test (tc, test_report_error_entry, 0, G_N_ELEMENTS (error_cases));
  tcase_add_loop_test (tc, test_plan_route_briefs, 0, G_N_ELEMENTS (briefed));
  tcase_add_loop_test (tc, test_step_writer, 0, 2);
  tcase_add_loop_test (tc, test_step_writer_formats, 0, G_N_ELEMENTS (step_formats));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (report_suite ());
}
