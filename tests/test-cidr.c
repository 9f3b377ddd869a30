/* SPDX-License-Identifier: MIT */
/* test-cidr.c: the CIDR value type: table-driven edges, and a randomised
 * overlap/containment test against a brute-force oracle. */
#include "tests/testutils.h"
#include "model/pp-cidr.h"
#include "model/pp-error.h"

#include <string.h>

static const struct {
  const char *in;
  const char *out;              /* NULL: must be refused */
  const char *msg_part;         /* for refusals: part of the message */
} parse_cases[] = {
  { "10.0.0.0/8", "10.0.0.0/8", NULL },
  { "172.16.0.0/12", "172.16.0.0/12", NULL },
  { "192.168.0.0/24", "192.168.0.0/24", NULL },
  { "0.0.0.0/0", "0.0.0.0/0", NULL },
  { "255.255.255.255/32", "255.255.255.255/32", NULL },
  { "1.2.3.4/32", "1.2.3.4/32", NULL },
  { "10,20,0,0/16", NULL, "did you mean 10.20.0.0/16?" },
  { "172,16,0,0/16", NULL, "did you mean 172.16.0.0/16?" },
  /* No guess when the length after the commas does not parse. */
  { "10,20,0,0/x", NULL, "octets must be separated by dots (a.b.c.d/len)" },
  { "10,20,0,0/99", NULL, "octets must be separated by dots (a.b.c.d/len)" },
  { "10,20,0,1/16", NULL, "did you mean 10.20.0.0/16?" },
  { "172.16.0.1/16", NULL, "did you mean 172.16.0.0/16?" },
  { "192.168.1.0/16", NULL, "did you mean 192.168.0.0/16?" },
  { "10.0.0.0/33", NULL, "(0-32)" },
  { "10.0.0.0/-1", NULL, "prefix length" },
  { "10.0.0.0/", NULL, "empty number" },
  { "10.0.0.0/08", NULL, "leading zero" },
  { "256.0.0.0/8", NULL, "out of range (0-255)" },
  { "10.0.0.00/24", NULL, "leading zero" },
  { "010.0.0.0/8", NULL, "leading zero" },
  { "10.0.0/24", NULL, "3 octets" },
  { "10.0.0.0.0/24", NULL, "more than four" },
  { "", NULL, "empty" },
  { "10.0.0.0", NULL, "prefix length is missing" },
  { " 10.0.0.0/8", NULL, "did you mean 10.0.0.0/8?" },
  { "10.0.0.0/8 ", NULL, "did you mean 10.0.0.0/8?" },
  { "a.b.c.d/8", NULL, "not a decimal number" },
  { "10..0.0/8", NULL, "empty number" },
  { "1000.0.0.0/8", NULL, "too many digits" },
  { "10.0.0.0/8/8", NULL, "prefix length" },
  { "::1/128", NULL, "not a CIDR block" },
};

START_TEST (test_parse)
{
  g_autoptr(GError) error = NULL;
  PpCidr c;
  char buf[PP_CIDR_STRLEN];
  gboolean ok = pp_cidr_parse (parse_cases[_i].in, &c, &error);

  if (parse_cases[_i].out != NULL)
    {
      ck_assert_msg (ok, "'%s' refused: %s", parse_cases[_i].in, error ? error->message : "");
      ck_assert_str_eq (pp_cidr_format (c, buf), parse_cases[_i].out);
    }
  else
    {
      ck_assert_msg (!ok, "'%s' accepted", parse_cases[_i].in);
      ck_assert (g_error_matches (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE));
      ck_assert_msg (strstr (error->message, parse_cases[_i].msg_part) != NULL,
                     "'%s': message '%s' lacks '%s'", parse_cases[_i].in, error->message,
                     parse_cases[_i].msg_part);
    }
}
END_TEST

START_TEST (test_route_bare_ip)
{
  PpCidr c;
  char buf[PP_CIDR_STRLEN];

  ck_assert (pp_cidr_parse_route ("192.168.0.147", &c, NULL));
  ck_assert_str_eq (pp_cidr_format (c, buf), "192.168.0.147/32");
  ck_assert (!pp_cidr_parse ("192.168.0.147", &c, NULL));
}
END_TEST

static const struct {
  const char *in;
  gboolean ok;
  const char *msg_part;
} ip_cases[] = {
  { "172.16.0.41", TRUE, NULL },
  { "0.0.0.0", TRUE, NULL },
  { "255.255.255.255", TRUE, NULL },
  { "172,16,0,41", FALSE, "did you mean 172.16.0.41?" },
  { "172.16.0.41/32", FALSE, "did you mean 172.16.0.41?" },
  { "172.16.0.256", FALSE, "out of range" },
  { "", FALSE, "empty" },
  { "172.16.0", FALSE, "3 octets" },
  { "172.016.0.1", FALSE, "leading zero" },
};

START_TEST (test_ip)
{
  g_autoptr(GError) error = NULL;
  guint32 ip;
  char buf[PP_IP_STRLEN];
  gboolean ok = pp_ip_parse (ip_cases[_i].in, &ip, &error);

  ck_assert_msg (ok == ip_cases[_i].ok, "'%s'", ip_cases[_i].in);
  if (ok)
    ck_assert_str_eq (pp_ip_format (ip, buf), ip_cases[_i].in);
  else
    ck_assert_msg (strstr (error->message, ip_cases[_i].msg_part) != NULL,
                   "'%s': '%s'", ip_cases[_i].in, error->message);
}
END_TEST

static PpCidr
C (const char *s)
{
  PpCidr c;
  ck_assert_msg (pp_cidr_parse (s, &c, NULL), "%s", s);
  return c;
}

START_TEST (test_relations)
{
  ck_assert (pp_cidr_contains (C ("10.0.0.0/8"), C ("10.1.0.0/16")));
  ck_assert (!pp_cidr_contains (C ("10.1.0.0/16"), C ("10.0.0.0/8")));
  ck_assert (pp_cidr_contains (C ("10.0.0.0/8"), C ("10.0.0.0/8")));
  ck_assert (pp_cidr_contains (C ("0.0.0.0/0"), C ("255.255.255.255/32")));
  ck_assert (pp_cidr_overlaps (C ("10.1.0.0/16"), C ("10.0.0.0/8")));
  ck_assert (!pp_cidr_overlaps (C ("10.0.0.0/16"), C ("10.1.0.0/16")));
  ck_assert (!pp_cidr_overlaps (C ("172.16.0.0/16"), C ("192.168.0.0/16")));
  ck_assert (pp_cidr_contains_ip (C ("192.168.0.0/24"), 0xc0a80093u));
  ck_assert_uint_eq (pp_cidr_last (C ("192.168.0.0/24")), 0xc0a800ffu);
  ck_assert_uint_eq (pp_cidr_last (C ("0.0.0.0/0")), 0xffffffffu);
  ck_assert_uint_eq (pp_cidr_size (C ("0.0.0.0/0")), G_GUINT64_CONSTANT (1) << 32);
  ck_assert_int_lt (pp_cidr_compare (C ("10.0.0.0/8"), C ("10.0.0.0/16")), 0);
  ck_assert_int_lt (pp_cidr_compare (C ("10.0.0.0/16"), C ("10.1.0.0/16")), 0);
  ck_assert_int_eq (pp_cidr_compare (C ("10.0.0.0/16"), C ("10.0.0.0/16")), 0);
  ck_assert (pp_cidr_equal (pp_cidr_intersection (C ("10.0.0.0/8"), C ("10.2.0.0/16")), C ("10.2.0.0/16")));
}
END_TEST

/* The oracle: two prefixes overlap iff their address ranges intersect. */
START_TEST (test_random_oracle)
{
  GRand *rand = g_rand_new_with_seed (20261127);

  for (guint i = 0; i < 200000; i++)
    {
      PpCidr a, b;
      guint64 a0, a1, b0, b1;
      gboolean overlap, contains;

      a.family = b.family = PP_FAMILY_IPV4;
      a.len = (guint8) g_rand_int_range (rand, 0, 33);
      b.len = (guint8) g_rand_int_range (rand, 0, 33);
      /* Draw near each other so that overlaps are common. */
      a.addr = g_rand_int (rand) & pp_cidr_mask (a.len);
      b.addr = (a.addr ^ (g_rand_int (rand) >> g_rand_int_range (rand, 0, 32))) & pp_cidr_mask (b.len);
      a0 = a.addr;
      a1 = (guint64) a.addr + pp_cidr_size (a) - 1;
      b0 = b.addr;
      b1 = (guint64) b.addr + pp_cidr_size (b) - 1;
      overlap = a0 <= b1 && b0 <= a1;
      contains = a0 <= b0 && b1 <= a1;
      ck_assert_int_eq (pp_cidr_overlaps (a, b), overlap);
      ck_assert_int_eq (pp_cidr_contains (a, b), contains);
      ck_assert_int_eq (pp_cidr_last (a), (guint32) a1);
      /* The order agrees with "start, then larger block first". */
      if (a0 != b0)
        ck_assert_int_eq (pp_cidr_compare (a, b) < 0, a0 < b0);
      else if (a.len != b.len)
        ck_assert_int_eq (pp_cidr_compare (a, b) < 0, a1 > b1);
    }
  g_rand_free (rand);
}
END_TEST

START_TEST (test_format_roundtrip)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 50000; i++)
    {
      PpCidr a = { 0, 0, PP_FAMILY_IPV4 }, b;
      char buf[PP_CIDR_STRLEN];

      a.len = (guint8) g_rand_int_range (rand, 0, 33);
      a.addr = g_rand_int (rand) & pp_cidr_mask (a.len);
      ck_assert (pp_cidr_parse (pp_cidr_format (a, buf), &b, NULL));
      ck_assert (pp_cidr_equal (a, b));
    }
  g_rand_free (rand);
}
END_TEST

/* The hand-written formatter against printf: every value of every octet
 * in every position, and every prefix length. */
START_TEST (test_format_printf)
{
  for (guint pos = 0; pos < 4; pos++)
    for (guint v = 0; v < 256; v++)
      for (guint len = 0; len <= 32; len += (v == 0 ? 1 : 8))
        {
          guint32 addr = (v << (8 * pos)) | (pos == 0 ? 0x0a000000u : 1u);
          PpCidr c = { addr, (guint8) len, PP_FAMILY_IPV4 };
          char buf[PP_CIDR_STRLEN], ip[PP_IP_STRLEN];
          g_autofree char *want = g_strdup_printf ("%u.%u.%u.%u/%u", addr >> 24, (addr >> 16) & 0xff,
                                                   (addr >> 8) & 0xff, addr & 0xff, len);
          g_autofree char *want_ip = g_strdup_printf ("%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff,
                                                      (addr >> 8) & 0xff, addr & 0xff);

          ck_assert_str_eq (pp_cidr_format (c, buf), want);
          ck_assert_str_eq (pp_ip_format (addr, ip), want_ip);
        }
  {
    PpCidr widest = { 0xffffffffu, 32, PP_FAMILY_IPV4 };
    char buf[PP_CIDR_STRLEN];

    ck_assert_str_eq (pp_cidr_format (widest, buf), "255.255.255.255/32");
    ck_assert_uint_eq (strlen (buf) + 1, PP_CIDR_STRLEN);
  }
}
END_TEST

static Suite *
cidr_suite (void)
{
  Suite *s = suite_create ("cidr");
  TCase *tc = tcase_create ("parse");

  tcase_add_loop_test (tc, test_parse, 0, G_N_ELEMENTS (parse_cases));
  tcase_add_test (tc, test_route_bare_ip);
  tcase_add_loop_test (tc, test_ip, 0, G_N_ELEMENTS (ip_cases));
  suite_add_tcase (s, tc);
  tc = tcase_create ("relations");
  tcase_add_test (tc, test_relations);
  tcase_add_test (tc, test_random_oracle);
  tcase_add_test (tc, test_format_printf);
  tcase_add_test (tc, test_format_roundtrip);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (cidr_suite ());
}
