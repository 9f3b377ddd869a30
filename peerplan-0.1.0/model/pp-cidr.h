/* SPDX-License-Identifier: MIT */
/* pp-cidr.h: IP prefixes (CIDR blocks) and addresses.
 *
 * A PpCidr is a small value type, passed and returned by value.  It is
 * always normalised (no host bits set) once it leaves pp_cidr_parse().
 * Only IPv4 is implemented; the family field keeps room for IPv6 so that
 * callers that go through these functions need no change when it comes.
 *
 * Parsing is strict and helpful: anything that is not exactly
 * "a.b.c.d/len" with decimal octets 0-255 without leading zeros and a
 * length 0-32 is refused with PP_MODEL_ERROR_INVALID_VALUE and a message
 * saying why; where the intent is guessable (commas for dots, host bits
 * set) the message names the value probably meant ("did you mean ...?").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PP_FAMILY_IPV4 = 4,
} PpFamily;

typedef struct {
  guint32 addr;     /* host byte order, host bits zero */
  guint8  len;      /* prefix length, 0..32 */
  guint8  family;   /* PpFamily */
} PpCidr;

/* The longest text pp_cidr_format() writes, with the NUL. */
#define PP_CIDR_STRLEN 19
#define PP_IP_STRLEN 16

gboolean pp_cidr_parse (const char *text, PpCidr *out, GError **error);
/* Like pp_cidr_parse(), but a bare address is read as a /32 (the route
 * entry rule of the real API). */
gboolean pp_cidr_parse_route (const char *text, PpCidr *out, GError **error);
gboolean pp_ip_parse (const char *text, guint32 *out, GError **error);

/* Writes into @buf (at least PP_CIDR_STRLEN bytes) and returns it. */
char *pp_cidr_format (PpCidr cidr, char *buf);
char *pp_ip_format (guint32 addr, char *buf);
/* A newly allocated string (transfer full). */
char *pp_cidr_to_string (PpCidr cidr);

guint32  pp_cidr_mask (guint8 len);
guint32  pp_cidr_last (PpCidr cidr);          /* broadcast address */
guint64  pp_cidr_size (PpCidr cidr);          /* number of addresses */
gboolean pp_cidr_contains (PpCidr outer, PpCidr inner);
gboolean pp_cidr_contains_ip (PpCidr net, guint32 ip);
gboolean pp_cidr_overlaps (PpCidr a, PpCidr b);
gboolean pp_cidr_equal (PpCidr a, PpCidr b);
/* The intersection of two overlapping prefixes: the more specific one. */
PpCidr   pp_cidr_intersection (PpCidr a, PpCidr b);
/* Total order: by address, then by prefix length (shorter first). */
int      pp_cidr_compare (PpCidr a, PpCidr b);
int      pp_cidr_compare_p (gconstpointer a, gconstpointer b);

G_END_DECLS
