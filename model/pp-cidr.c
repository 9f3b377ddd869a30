/* SPDX-License-Identifier: MIT */
/* pp-cidr.c: IPv4 prefixes.
 *
 * DOC: a prefix is (addr, len) with the host bits of addr zero.  Containment
 * is the BIRD rule: A contains B iff A.len <= B.len and B.addr masked to
 * A.len equals A.addr; two prefixes overlap iff one contains the other.
 * The order is by address, then by length, so a sorted array lists every
 * prefix before the more specific prefixes it contains.
 */
#include "model/pp-cidr.h"
#include "model/pp-error.h"

#include <string.h>

static gboolean
parse_decimal (const char *s, gsize n, guint max, guint *out, const char **why)
{
  guint v = 0;

  if (n == 0)
    {
      *why = "empty number";
      return FALSE;
    }
  if (n > 1 && s[0] == '0')
    {
      *why = "leading zero";
      return FALSE;
    }
  if (n > 3)
    {
      *why = "too many digits";
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        {
          *why = "not a decimal number";
          return FALSE;
        }
      v = v * 10 + (guint) (s[i] - '0');
    }
  if (v > max)
    {
      *why = "out of range";
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* Parses exactly four dotted decimal octets in s[0..n). */
static gboolean
parse_ip (const char *s, gsize n, guint32 *out, char **reason)
{
  guint32 addr = 0;
  guint octets = 0;
  gsize start = 0;

  for (gsize i = 0; i <= n; i++)
    {
      if (i == n || s[i] == '.')
        {
          guint v;
          const char *why = NULL;

          if (octets == 4)
            {
              *reason = g_strdup ("more than four octets");
              return FALSE;
            }
          if (!parse_decimal (s + start, i - start, 255, &v, &why))
            {
              *reason = g_strdup_printf ("octet %u ('%.*s'): %s%s", octets + 1,
                                         (int) (i - start), s + start, why,
                                         g_str_equal (why, "out of range") ? " (0-255)" : "");
              return FALSE;
            }
          addr = (addr << 8) | v;
          octets++;
          start = i + 1;
        }
    }
  if (octets != 4)
    {
      *reason = g_strdup_printf ("%u octets instead of four", octets);
      return FALSE;
    }
  *out = addr;
  return TRUE;
}

guint32
pp_cidr_mask (guint8 len)
{
  return len == 0 ? 0 : (guint32) (0xffffffffu << (32 - len));
}

/* The common case of a CIDR block, as pp_cidr_parse() accepts it: four
 * decimal octets 0-255 without leading zeros, a length 0-32 without
 * leading zeros, no host bits.  Anything else, valid or not, is left to
 * cidr_parse()'s full reading, which knows every rule and explains every
 * refusal;
 * this only saves its cost on the million routes of a large estate
 * (read, then created in the engine by the plan). */
static gboolean
cidr_fast (const char *p, PpCidr *out)
{
  guint32 addr = 0;
  guint len;

  for (int octet = 0; octet < 4; octet++)
    {
      guint v;

      if (!g_ascii_isdigit (p[0]))
        return FALSE;
      v = (guint) (*p++ - '0');
      if (v != 0)
        for (int k = 0; k < 2 && g_ascii_isdigit (*p); k++)
          v = v * 10 + (guint) (*p++ - '0');
      if (v > 255 || g_ascii_isdigit (*p) || *p++ != (octet < 3 ? '.' : '/'))
        return FALSE;
      addr = (addr << 8) | v;
    }
  if (!g_ascii_isdigit (p[0]))
    return FALSE;
  len = (guint) (*p++ - '0');
  if (len != 0 && g_ascii_isdigit (*p))
    len = len * 10 + (guint) (*p++ - '0');
  if (*p != '\0' || len > 32 || (addr & ~pp_cidr_mask ((guint8) len)) != 0)
    return FALSE;
  out->addr = addr;
  out->len = (guint8) len;
  out->family = PP_FAMILY_IPV4;
  return TRUE;
}

static gboolean
cidr_parse (const char *text, PpCidr *out, gboolean bare_ip_ok, GError **error)
{
  const char *slash;
  g_autofree char *reason = NULL;
  guint32 addr;
  guint len;
  gsize n;

  g_return_val_if_fail (text != NULL, FALSE);

  if (G_LIKELY (cidr_fast (text, out)))
    return TRUE;
  n = strlen (text);
  if (n == 0)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "empty CIDR block (write it as a.b.c.d/len, e.g. 10.0.0.0/16)");
      return FALSE;
    }
  if (g_ascii_isspace (text[0]) || g_ascii_isspace (text[n - 1]))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "'%s' is not a CIDR block: it has leading or trailing spaces; did you mean %s?",
                   text, trimmed);
      return FALSE;
    }
  if (strchr (text, ',') != NULL)
    {
      g_autofree char *dotted = g_strdelimit (g_strdup (text), ",", '.');
      const char *gslash = strchr (dotted, '/');
      g_autofree char *why = NULL;
      PpCidr guess = { 0, 32, PP_FAMILY_IPV4 };
      gboolean guessed;

      /* Guess the network meant, host bits and all. */
      guessed = parse_ip (dotted, gslash ? (gsize) (gslash - dotted) : strlen (dotted), &guess.addr, &why);
      if (guessed && gslash != NULL)
        {
          const char *lwhy = NULL;
          guint glen = 0;

          guessed = parse_decimal (gslash + 1, strlen (gslash + 1), 32, &glen, &lwhy);
          if (guessed)
            guess.len = (guint8) glen;
        }
      else if (guessed && !bare_ip_ok)
        guessed = FALSE;
      if (guessed)
        {
          guess.addr &= pp_cidr_mask (guess.len);
          char buf[PP_CIDR_STRLEN];
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "'%s' is not a CIDR block: octets are separated by commas, not dots; did you mean %s?",
                       text, pp_cidr_format (guess, buf));
        }
      else
        g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                     "'%s' is not a CIDR block: octets must be separated by dots (a.b.c.d/len)",
                     text);
      return FALSE;
    }

  slash = strchr (text, '/');
  if (slash == NULL)
    {
      if (!parse_ip (text, n, &addr, &reason))
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "'%s' is not a CIDR block: %s", text, reason);
          return FALSE;
        }
      if (!bare_ip_ok)
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "'%s' is not a CIDR block: the prefix length is missing; did you mean %s/32 (one address) or a network such as %s/24?",
                       text, text, text);
          return FALSE;
        }
      out->addr = addr;
      out->len = 32;
      out->family = PP_FAMILY_IPV4;
      return TRUE;
    }

  if (!parse_ip (text, (gsize) (slash - text), &addr, &reason))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "'%s' is not a CIDR block: %s", text, reason);
      return FALSE;
    }
  {
    const char *why = NULL;
    if (!parse_decimal (slash + 1, strlen (slash + 1), 32, &len, &why))
      {
        g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                     "'%s' is not a CIDR block: prefix length '%s': %s (0-32)",
                     text, slash + 1, why);
        return FALSE;
      }
  }
  if ((addr & ~pp_cidr_mask ((guint8) len)) != 0)
    {
      PpCidr net = { addr & pp_cidr_mask ((guint8) len), (guint8) len, PP_FAMILY_IPV4 };
      char buf[PP_CIDR_STRLEN];

      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "'%s' is not a CIDR block: host bits are set after the first %u bits; did you mean %s?",
                   text, len, pp_cidr_format (net, buf));
      return FALSE;
    }
  out->addr = addr;
  out->len = (guint8) len;
  out->family = PP_FAMILY_IPV4;
  return TRUE;
}

gboolean
pp_cidr_parse (const char *text, PpCidr *out, GError **error)
{
  return cidr_parse (text, out, FALSE, error);
}

gboolean
pp_cidr_parse_route (const char *text, PpCidr *out, GError **error)
{
  return cidr_parse (text, out, TRUE, error);
}

gboolean
pp_ip_parse (const char *text, guint32 *out, GError **error)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (*text == '\0')
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "empty IP address (write it as a.b.c.d)");
      return FALSE;
    }
  if (strchr (text, '/') != NULL)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "'%s' is not an IP address: an address has no prefix length; did you mean %.*s?",
                   text, (int) (strchr (text, '/') - text), text);
      return FALSE;
    }
  if (strchr (text, ',') != NULL)
    {
      g_autofree char *dotted = g_strdelimit (g_strdup (text), ",", '.');
      guint32 guess;

      if (parse_ip (dotted, strlen (dotted), &guess, &reason))
        g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                     "'%s' is not an IP address: octets are separated by commas, not dots; did you mean %s?",
                     text, dotted);
      else
        g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                     "'%s' is not an IP address: octets must be separated by dots (a.b.c.d)", text);
      return FALSE;
    }
  if (!parse_ip (text, strlen (text), out, &reason))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "'%s' is not an IP address: %s", text, reason);
      return FALSE;
    }
  return TRUE;
}

/* @v (0..255) in decimal at @p; returns the end.  By hand: g_snprintf
 * took about 2 000 instructions an address, and check formats one for
 * every VPC, vSwitch and instance. */
static char *
put_decimal (char *p, guint v)
{
  if (v >= 100)
    *p++ = (char) ('0' + v / 100);
  if (v >= 10)
    *p++ = (char) ('0' + v / 10 % 10);
  *p++ = (char) ('0' + v % 10);
  return p;
}

/* The dotted quad of @addr at @p; returns the end (not terminated). */
static char *
put_ip (char *p, guint32 addr)
{
  p = put_decimal (p, addr >> 24);
  *p++ = '.';
  p = put_decimal (p, (addr >> 16) & 0xff);
  *p++ = '.';
  p = put_decimal (p, (addr >> 8) & 0xff);
  *p++ = '.';
  return put_decimal (p, addr & 0xff);
}

char *
pp_ip_format (guint32 addr, char *buf)
{
  *put_ip (buf, addr) = '\0';
  return buf;
}

char *
pp_cidr_format (PpCidr cidr, char *buf)
{
  char *p = put_ip (buf, cidr.addr);

  *p++ = '/';
  *put_decimal (p, MIN (cidr.len, 255u)) = '\0';
  return buf;
}

char *
pp_cidr_to_string (PpCidr cidr)
{
  char buf[PP_CIDR_STRLEN];
  return g_strdup (pp_cidr_format (cidr, buf));
}

guint32
pp_cidr_last (PpCidr cidr)
{
  return cidr.addr | ~pp_cidr_mask (cidr.len);
}

guint64
pp_cidr_size (PpCidr cidr)
{
  return G_GUINT64_CONSTANT (1) << (32 - cidr.len);
}

gboolean
pp_cidr_contains (PpCidr outer, PpCidr inner)
{
  return outer.family == inner.family && outer.len <= inner.len &&
         (inner.addr & pp_cidr_mask (outer.len)) == outer.addr;
}

gboolean
pp_cidr_contains_ip (PpCidr net, guint32 ip)
{
  return (ip & pp_cidr_mask (net.len)) == net.addr;
}

gboolean
pp_cidr_overlaps (PpCidr a, PpCidr b)
{
  return pp_cidr_contains (a, b) || pp_cidr_contains (b, a);
}

gboolean
pp_cidr_equal (PpCidr a, PpCidr b)
{
  return a.family == b.family && a.addr == b.addr && a.len == b.len;
}

PpCidr
pp_cidr_intersection (PpCidr a, PpCidr b)
{
  return a.len >= b.len ? a : b;
}

int
pp_cidr_compare (PpCidr a, PpCidr b)
{
  if (a.family != b.family)
    return a.family < b.family ? -1 : 1;
  if (a.addr != b.addr)
    return a.addr < b.addr ? -1 : 1;
  if (a.len != b.len)
    return a.len < b.len ? -1 : 1;
  return 0;
}

int
pp_cidr_compare_p (gconstpointer a, gconstpointer b)
{
  return pp_cidr_compare (*(const PpCidr *) a, *(const PpCidr *) b);
}
