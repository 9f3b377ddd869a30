/* SPDX-License-Identifier: MIT */
/* json-writer.h: the one JSON writer of the program's reports.
 *
 * A streaming writer: each value goes to the stream as it is walked, so a
 * report of tens of thousands of connections costs no tree (a json-glib
 * JsonBuilder tree of the cost document took seconds and hundreds of
 * megabytes: docs/performance.md).  The layout is the one every JSON
 * report keeps: json-glib's pretty layout ("key" : value, two-space
 * indent, one element a line, "[]" and "{}" when empty).  Strings are
 * escaped as RFC 8259 asks (quote, backslash and every control
 * character, DEL too); other UTF-8 passes through.
 *
 * Usage: pp_json_writer_init (&w, out), then begin/end, keys and values;
 * pp_json_writer_finish() ends the document with a newline.  The writer
 * borrows @out and owns nothing: a PpJsonWriter on the stack needs no
 * cleanup.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

#define PP_JSON_MAX_DEPTH 64

typedef struct {
  FILE *out;                  /* or, when NULL: */
  GString *buf;               /* appended to (pp_json_writer_init_string()) */
  guint depth;
  gboolean after_key;
  gboolean has_items[PP_JSON_MAX_DEPTH];  /* per depth: the container has an element */
} PpJsonWriter;

void pp_json_writer_init (PpJsonWriter *w, FILE *out);
/* A writer that appends to @buf (borrowed) what it would write inside a
 * container @depth levels deep (the root value is at 0), which has
 * elements already when @has_items: one element of a longer document,
 * put together apart (a runbook's step on the writer of steps). */
void pp_json_writer_init_string (PpJsonWriter *w, GString *buf, guint depth, gboolean has_items);
/* The current container has elements that another writer wrote
 * (pp_json_writer_init_string()): it ends as one that has. */
void pp_json_writer_has_items (PpJsonWriter *w);
/* Ends the document: a newline after the root value. */
void pp_json_writer_finish (PpJsonWriter *w);

void pp_json_begin_object (PpJsonWriter *w);
void pp_json_end_object (PpJsonWriter *w);
void pp_json_begin_array (PpJsonWriter *w);
void pp_json_end_array (PpJsonWriter *w);
/* The name of the next member of the current object. */
void pp_json_key (PpJsonWriter *w, const char *name);

void pp_json_string (PpJsonWriter *w, const char *s);    /* NULL: null */
void pp_json_int (PpJsonWriter *w, gint64 v);
void pp_json_bool (PpJsonWriter *w, gboolean v);
void pp_json_null (PpJsonWriter *w);
/* @v as json-glib's json_gvariant_serialize() maps it: a{sv} and other
 * dictionaries as objects, arrays and tuples as arrays, variants and
 * maybes unwrapped (Nothing as null), integers, doubles, booleans and
 * strings as such. */
void pp_json_variant (PpJsonWriter *w, GVariant *v);

/* Members: the key, then the value. */
void pp_json_member_string (PpJsonWriter *w, const char *name, const char *value);
void pp_json_member_int (PpJsonWriter *w, const char *name, gint64 value);
void pp_json_member_bool (PpJsonWriter *w, const char *name, gboolean value);

G_END_DECLS
