/* SPDX-License-Identifier: MIT */
/* fuzz-cidr.c: CIDR blocks and IP addresses (model/pp-cidr.c).
 *
 * The input is one or two texts separated by a newline.  Each is parsed as
 * a CIDR block, as a route destination and as an address.  What must hold:
 *  - format -> parse is the identity: the parser takes only the canonical
 *    form, so a parsed text formats back to the very same bytes;
 *  - a refusal is a PP_MODEL_ERROR with a message, and a "did you mean X?"
 *    for commas or host bits names an X that parses;
 *  - the prefix arithmetic agrees with itself: a block contains itself,
 *    its first and last address, has 2^(32-len) addresses; for two blocks
 *    overlap is symmetric and equals containment either way, the order is
 *    antisymmetric, and the intersection is the more specific block.
 */
#include "tests/fuzz/fuzz.h"
#include "model/pp-cidr.h"
#include "model/pp-error.h"

#include <string.h>

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  pp_fuzz_init ();
  return 0;
}

/* A refusal: a model error with a message; a suggestion for commas or
 * host bits must parse. */
static void
check_refusal (const char *text, const GError *error)
{
  g_autofree char *quoted = g_strdup_printf ("'%s' ", text);
  const char *why, *hint;

  PP_FUZZ_CHECK (error != NULL);
  PP_FUZZ_CHECK (error->domain == PP_MODEL_ERROR);
  PP_FUZZ_CHECK (error->code == PP_MODEL_ERROR_INVALID_VALUE);
  PP_FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
  /* What the message says after quoting the text (which may hold any
   * words itself). */
  if (!g_str_has_prefix (error->message, quoted))
    return;
  why = error->message + strlen (quoted);
  if (!g_str_has_prefix (why, "is not a CIDR block: octets are separated by commas")
      && !g_str_has_prefix (why, "is not an IP address: octets are separated by commas")
      && !g_str_has_prefix (why, "is not a CIDR block: host bits are set"))
    return;
  hint = strstr (why, "did you mean ");
  if (hint != NULL)
    {
      g_autofree char *meant = g_strdup (hint + strlen ("did you mean "));
      g_autoptr (GError) again = NULL;
      char *end = strrchr (meant, '?');
      PpCidr c;
      guint32 ip;

      PP_FUZZ_CHECK (end != NULL);
      *end = '\0';
      if (!(strchr (meant, '/') != NULL ? pp_cidr_parse_route (meant, &c, &again)
                                         : pp_ip_parse (meant, &ip, &again)))
        fprintf (stderr, "'%s' suggests '%s', which does not parse: %s\n",
                 text, meant, again->message);
      PP_FUZZ_CHECK (again == NULL);
    }
}

static void
check_block (PpCidr c)
{
  guint32 last = pp_cidr_last (c);

  PP_FUZZ_CHECK (c.family == PP_FAMILY_IPV4);
  PP_FUZZ_CHECK (c.len <= 32);
  PP_FUZZ_CHECK ((c.addr & ~pp_cidr_mask (c.len)) == 0);
  PP_FUZZ_CHECK (pp_cidr_contains (c, c));
  PP_FUZZ_CHECK (pp_cidr_overlaps (c, c));
  PP_FUZZ_CHECK (pp_cidr_equal (c, c));
  PP_FUZZ_CHECK (pp_cidr_compare (c, c) == 0);
  PP_FUZZ_CHECK (pp_cidr_contains_ip (c, c.addr));
  PP_FUZZ_CHECK (pp_cidr_contains_ip (c, last));
  PP_FUZZ_CHECK (last >= c.addr);
  PP_FUZZ_CHECK ((guint64) last - c.addr + 1 == pp_cidr_size (c));
}

/* Parses @text every way; returns TRUE with @out if it is a block (or a
 * route destination, which may be a bare address). */
static gboolean
parse_one (const char *text, PpCidr *out)
{
  char buf[PP_CIDR_STRLEN];
  char ipbuf[PP_IP_STRLEN];
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  g_autoptr (GError) e3 = NULL;
  PpCidr block = { 0, 0, 0 };
  PpCidr route = { 0, 0, 0 };
  guint32 ip = 0;
  gboolean is_block = pp_cidr_parse (text, &block, &e1);
  gboolean is_route = pp_cidr_parse_route (text, &route, &e2);
  gboolean is_ip = pp_ip_parse (text, &ip, &e3);

  if (is_block)
    {
      g_autofree char *dup = pp_cidr_to_string (block);
      PpCidr again;

      check_block (block);
      PP_FUZZ_CHECK (strcmp (pp_cidr_format (block, buf), text) == 0);
      PP_FUZZ_CHECK (strcmp (dup, text) == 0);
      PP_FUZZ_CHECK (strlen (text) < PP_CIDR_STRLEN);
      PP_FUZZ_CHECK (pp_cidr_parse (buf, &again, NULL) && pp_cidr_equal (again, block));
      /* A block is a route destination too, the same one. */
      PP_FUZZ_CHECK (is_route && pp_cidr_equal (route, block));
      PP_FUZZ_CHECK (!is_ip);
    }
  else
    check_refusal (text, e1);

  if (is_ip)
    {
      guint32 again;

      PP_FUZZ_CHECK (strcmp (pp_ip_format (ip, ipbuf), text) == 0);
      PP_FUZZ_CHECK (strlen (text) < PP_IP_STRLEN);
      PP_FUZZ_CHECK (pp_ip_parse (ipbuf, &again, NULL) && again == ip);
      /* A bare address is a /32 route and never a block. */
      PP_FUZZ_CHECK (!is_block);
      PP_FUZZ_CHECK (is_route && route.len == 32 && route.addr == ip);
    }
  else
    check_refusal (text, e3);

  if (is_route)
    {
      check_block (route);
      PP_FUZZ_CHECK (is_block || is_ip);
    }
  else
    {
      check_refusal (text, e2);
      PP_FUZZ_CHECK (!is_block && !is_ip);
    }

  *out = route;
  return is_route;
}

static void
check_pair (PpCidr a, PpCidr b)
{
  gboolean ab = pp_cidr_contains (a, b);
  gboolean ba = pp_cidr_contains (b, a);
  int cab = pp_cidr_compare (a, b);
  int cba = pp_cidr_compare (b, a);

  PP_FUZZ_CHECK (pp_cidr_overlaps (a, b) == pp_cidr_overlaps (b, a));
  PP_FUZZ_CHECK (pp_cidr_overlaps (a, b) == (ab || ba));
  PP_FUZZ_CHECK ((ab && ba) == pp_cidr_equal (a, b));
  PP_FUZZ_CHECK ((cab == 0) == pp_cidr_equal (a, b));
  PP_FUZZ_CHECK ((cab < 0) == (cba > 0));
  PP_FUZZ_CHECK (pp_cidr_compare_p (&a, &b) == cab);
  /* Overlapping blocks share the range of the inner one; disjoint ones
   * share no address. */
  PP_FUZZ_CHECK (pp_cidr_overlaps (a, b)
                 == (a.addr <= pp_cidr_last (b) && b.addr <= pp_cidr_last (a)));
  if (ab)
    PP_FUZZ_CHECK (cab <= 0);
  if (pp_cidr_overlaps (a, b))
    {
      PpCidr in = pp_cidr_intersection (a, b);

      PP_FUZZ_CHECK (pp_cidr_equal (in, ab ? b : a));
      PP_FUZZ_CHECK (pp_cidr_equal (in, pp_cidr_intersection (b, a)));
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  char *nl = strchr (text, '\n');
  PpCidr a, b;
  gboolean have_a;

  if (nl != NULL)
    *nl = '\0';
  have_a = parse_one (text, &a);
  if (nl != NULL && parse_one (nl + 1, &b) && have_a)
    check_pair (a, b);
  return 0;
}
