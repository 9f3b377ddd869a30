/* SPDX-License-Identifier: MIT */
/* pp-import-private.h: what the importers share.
 *
 * Every input is turned into records (PpRec): one per resource instance,
 * with its Terraform type, address and values (the scalar members, copied
 * into a small array: a plan's JSON trees are dropped resource by
 * resource).  API answers become records
 * too, their fields renamed to the provider's attribute names, so one
 * builder (pp-import-build.c) turns every kind of input into the model.
 * The importer owns the records and the JSON trees it keeps (a plan's
 * configuration, a state's whole tree).
 */
#pragma once

#include <json-glib/json-glib.h>
#include "import/pp-import.h"

G_BEGIN_DECLS

/* One value of a record: a scalar member of the resource's values, by
 * name (interned); the first element of `next_hops` is flattened as
 * "next_hops.0.NAME".  Strings live in the importer's string chunk. */
typedef enum { PP_VAL_STRING, PP_VAL_INT, PP_VAL_OTHER } PpValKind;
typedef struct {
  const char *name;
  const char *str;              /* PP_VAL_STRING */
  gint64 num;                   /* PP_VAL_INT */
  PpValKind kind;
} PpVal;

typedef struct {
  const char *type;             /* "alicloud_vpc" ... (interned) */
  char *address;                /* Terraform address; NULL for API answers */
  const char *module;           /* module instance path ("" at the root; interned) */
  JsonNode *index;              /* count index / for_each key, or NULL */
  gboolean data;                /* mode "data" */
  PpVal *vals;                  /* the resource's values (see PpVal) */
  guint n_vals;
  const char **unknown;         /* plan: the top-level names after_unknown
                                   marks true (interned, NULL-terminated),
                                   or NULL */
  JsonObject *expressions;      /* plan: the resource's configuration, or NULL */
  const char *provider;         /* provider alias ("default" without one;
                                   interned), or NULL when the input does not
                                   say (state JSON) */
  char *uid;                    /* owner known from the input (API OwnerId) */
  char *region;                 /* region known from the input */
  const char *file;             /* interned */
  char *path;                   /* JSON path of `values` */
  guint object;                 /* built model object, PP_NONE before */
  gboolean skip;                /* a second sighting of an API object */
  gboolean lookup;              /* an existing object seen through a lookup
                                   (an API answer, data "alicloud_vpcs"): it
                                   may be seen more than once */
  JsonObject *list;             /* data "alicloud_vpcs"/"alicloud_vswitches":
                                   its values, for their lists */
} PpRec;

typedef struct {
  char *alias;
  char *region;                 /* from the configuration, or NULL */
  char *uid;                    /* from assume_role / account_id, or NULL */
} PpProvider;

struct _PpImporter {
  GPtrArray *recs;              /* PpRec *, input order */
  GPtrArray *trees;             /* JsonNode * roots kept alive */
  GStringChunk *strings;
  GHashTable *by_address;       /* address -> PpRec * */
  GHashTable *by_id;            /* cloud id -> PpRec * (filled by finish) */
  GHashTable *providers;        /* alias -> PpProvider * */
  GHashTable *opt_accounts;     /* NAME -> UID (--account) */
  GHashTable *opt_regions;      /* NAME -> REGION (--region) */
  GPtrArray *files;             /* names of the inputs, in order */
  JsonObject *configuration;    /* plan: the last plan's configuration */
  JsonObject *variables;        /* plan: its variables */
  guint ignored;                /* resources of types not modelled */
  GHashTable *ignored_types;    /* type -> count */
  gboolean state_json;          /* some input was a state JSON (no aliases) */
  const char *map;              /* the input being read, when mapped */
  gsize map_len;
  gsize released;               /* bytes of it given back to the kernel */
};

/* One member of a JSON object, or one element of an array, as a range of
 * the input text (key NULL for an element). */
typedef struct {
  char *key;
  gsize start, end;
} PpJsonSpan;

/* The members of the object (or the elements of the array) that starts at
 * @start of @d; FALSE if the text is not well formed there. */
gboolean    pp_import_spans (const char *d, gsize len, gsize start, GArray *out);
void        pp_import_spans_clear (GArray *spans);
/* Parses @len bytes at @text as one JSON value (transfer full), or NULL. */
JsonNode   *pp_import_parse (const char *text, gsize len, GError **error);
/* Tells the kernel it may drop the pages of the mapped input before @upto. */
void        pp_import_release (PpImporter *imp, const char *upto);
/* A plan read member by member: the resource changes one at a time, the
 * planned values not at all (they repeat the changes' after values). */
gboolean    pp_import_terraform_plan (PpImporter *imp, const char *d, gsize len, GArray *members,
                                      const char *file, GError **error);

const char *pp_import_intern (PpImporter *imp, const char *s);
/* Appends a record (taking ownership of the strings given as char *), its
 * values copied from @values (may be NULL, then pp_rec_set_values). */
PpRec      *pp_import_add_rec (PpImporter *imp, const char *file, const char *type,
                               char *address, char *path, JsonObject *values);
void        pp_rec_set_values (PpImporter *imp, PpRec *rec, JsonObject *values);
/* A value of @rec: a string (NULL when absent or not a string), a number
 * (or a numeric string), or sets a string value. */
const char *pp_rec_str (const PpRec *rec, const char *name);
gboolean    pp_rec_int (const PpRec *rec, const char *name, gint64 *out);
void        pp_rec_set_str (PpImporter *imp, PpRec *rec, const char *name, const char *value);
/* @rec has no value @name from now on (pp_rec_str and pp_rec_int see none). */
void        pp_rec_forget (PpRec *rec, const char *name);
/* TRUE if @s is an Alibaba Cloud account UID: 16 digits. */
gboolean    pp_import_is_uid (const char *s);
gboolean    pp_import_fail (GError **error, PpImportError code, const char *file,
                            const char *path, const char *format, ...) G_GNUC_PRINTF (5, 6);

/* Terraform: plan JSON, state JSON, raw tfstate v4. */
gboolean    pp_import_terraform (PpImporter *imp, JsonNode *root, const char *file, GError **error);
/* TRUE when @root looks like one of the Terraform formats. */
gboolean    pp_import_is_terraform (JsonObject *root);
/* API answers. */
gboolean    pp_import_api (PpImporter *imp, JsonNode *root, const char *file, GError **error);
gboolean    pp_import_is_api (JsonObject *root);

/* The resource a reference attribute of @rec points at: by id when the
 * value is known, else through the configuration's references.  NULL with
 * *error unset when the attribute is absent or empty; NULL with *error set
 * when it names something not in the input. */
PpRec      *pp_import_link (PpImporter *imp, PpRec *rec, const char *attr, GError **error);
/* Configuration references of @rec's @attr resolved to a record, or NULL. */
PpRec      *pp_import_follow_refs (PpImporter *imp, PpRec *rec, const char *attr);

/* Member helpers: a string member, or NULL (also when null or unknown). */
/* Element @i of @a if it is an object (a string), else NULL: unlike
 * json-glib's typed getters, never critical on input of another shape. */
JsonObject *pp_import_array_object (JsonArray *a, guint i);
const char *pp_import_array_string (JsonArray *a, guint i);
const char *pp_import_json_str (JsonObject *o, const char *member);
gboolean    pp_import_json_int (JsonObject *o, const char *member, gint64 *out);
gboolean    pp_rec_unknown (const PpRec *rec, const char *member);

G_END_DECLS
