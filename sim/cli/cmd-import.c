/* SPDX-License-Identifier: MIT */
/* cmd-import.c: `peerplan import FILE...`, and the content detection every
 * verb that reads a scenario goes through.
 *
 * import reads Terraform JSON (terraform show -json of a plan or a state, a
 * raw terraform.tfstate) and aliyun CLI answers, detected by content, and
 * writes the scenario as canonical XML to stdout or, with -o, to a file
 * that appears whole or not at all (written beside it, then renamed).  The
 * importer's info findings (placeholder accounts, what was not imported) go
 * to stderr.  Exit status: 0 written; 2 bad usage or input (file, JSON path,
 * what to do); 3 internal failure.
 */
#include "sim/cli/cli.h"
#include "import/pp-import.h"
#include "model/pp-error.h"
#include "model/pp-scenario-xml.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

/* Reads all of @fd (a pipe or a terminal). */
static GBytes *
read_all (int fd, const char *name, GError **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  guint8 chunk[65536];
  gssize n;

  while ((n = read (fd, chunk, sizeof chunk)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int e = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), "%s: cannot read: %s", name, g_strerror (e));
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

static PpScenario *
import_bytes (GBytes *bytes, const char *name, GError **error)
{
  g_autoptr(PpImporter) imp = pp_importer_new ();

  if (!pp_importer_add_bytes (imp, bytes, name, error))
    return NULL;
  return pp_importer_finish (imp, error);
}

static PpScenario *
import_fd (int fd, const char *name, GError **error)
{
  g_autoptr(PpImporter) imp = pp_importer_new ();

  if (!pp_importer_add_fd (imp, fd, name, error))
    return NULL;
  return pp_importer_finish (imp, error);
}

/* Detects what @fd holds and reads it: a regular file is sniffed with
 * pread() and then read through the same descriptor (never reopened by
 * name); a pipe is read once into memory. */
static PpScenario *
load_fd (int fd, const char *name, const PpLoadOptions *opts, GError **error)
{
  struct stat st;
  char head[512];
  gsize len;
  const char *data;

  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      off_t at = lseek (fd, 0, SEEK_CUR);
      gssize n = pread (fd, head, sizeof head, at > 0 ? at : 0);

      if (n > 0 && (at <= 0) && pp_import_detect (head, (gsize) n) == PP_IMPORT_FORMAT_JSON)
        return import_fd (fd, name, error);
      return pp_scenario_load_fd (fd, name, opts, error);
    }
  {
    g_autoptr(GBytes) bytes = read_all (fd, name, error);

    if (bytes == NULL)
      return NULL;
    data = g_bytes_get_data (bytes, &len);
    if (pp_import_detect (data, len) == PP_IMPORT_FORMAT_JSON)
      return import_bytes (bytes, name, error);
    return pp_scenario_load_bytes (bytes, name, opts, error);
  }
}

PpScenario *
pp_cli_load_detected (const char *file, const PpLoadOptions *opts, GError **error)
{
  PpScenario *sc;
  int fd;

  if (g_strcmp0 (file, "-") == 0)
    return load_fd (STDIN_FILENO, PP_SCENARIO_STDIN_NAME, opts, error);
  fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return pp_scenario_load_file (file, opts, error);  /* it says why */
  sc = load_fd (fd, file, opts, error);
  close (fd);
  return sc;
}

/* -o follows the one rule of output files (cli-output.c): a scenario. */
static const char * const import_formats[] = { "xml", NULL };
static const PpCliOutput import_output = { "-o", NULL, import_formats };

int
pp_cmd_import (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(PpImporter) imp = pp_importer_new ();
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *xml = NULL;
  g_auto(GStrv) accounts = NULL;
  g_auto(GStrv) regions = NULL;
  int code;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the scenario to FILE.xml (whole or not at all) instead of stdout", "FILE" },
    { "account", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accounts,
      "The account UID of provider alias NAME (\"default\": the provider without alias), or the name of account UID; repeatable", "NAME=UID" },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &regions,
      "The region of provider alias NAME; repeatable", "NAME=REGION" },
    PP_CLI_QUIET_OPTION,
    { NULL, 0, 0, 0, NULL, NULL, NULL }
  };

  g_set_prgname ("peerplan import");
  ctx = g_option_context_new ("FILE... - a scenario from Terraform JSON or API answers");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx,
    "Reads, detected by content: terraform show -json of a plan or a state,\n"
    "a raw terraform.tfstate (version 4), and aliyun CLI answers (DescribeVpcs,\n"
    "DescribeVSwitches, DescribeRouteTableList, DescribeRouteEntryList,\n"
    "DescribeRouterInterfaces, DescribeInstances, ListVpcPeerConnections; with\n"
    "or without --pager; several per file).  '-' reads standard input.\n"
    "Writes one scenario (urn:peerplan:scenario:1) as canonical XML.");
  g_option_context_set_description (ctx,
    "Owners the input does not give get a placeholder account, said on stderr\n"
    "with the --account option that fixes it.  check, cost, graph and plan read\n"
    "the same files directly.  See docs/terraform.md and docs/import.md.\n"
    "\n"
    "Exit status: 0 written; 2 bad usage or input (file, JSON path, what to do);\n"
    "3 internal failure.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (output != NULL && pp_cli_output_format (ctx, &import_output, NULL, output, &code) == NULL)
    return code;
  if (argc < 2)
    return pp_cli_usage (ctx, "no file given");
  for (guint i = 0; accounts != NULL && accounts[i] != NULL; i++)
    if (!pp_importer_set_account (imp, accounts[i], &error))
      return pp_cli_usage (ctx, error->message);
  for (guint i = 0; regions != NULL && regions[i] != NULL; i++)
    if (!pp_importer_set_region (imp, regions[i], &error))
      return pp_cli_usage (ctx, error->message);

  for (int i = 1; i < argc; i++)
    {
      gboolean ok;

      if (g_strcmp0 (argv[i], "-") == 0)
        {
          g_autoptr(GBytes) bytes = read_all (STDIN_FILENO, PP_SCENARIO_STDIN_NAME, &error);
          ok = bytes != NULL && pp_importer_add_bytes (imp, bytes, PP_SCENARIO_STDIN_NAME, &error);
        }
      else
        ok = pp_importer_add_file (imp, argv[i], &error);
      if (!ok)
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
    }
  sc = pp_importer_finish (imp, &error);
  if (sc == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  g_clear_pointer (&imp, pp_importer_free);     /* its records, before the XML */
  for (guint i = 0; sc->notes != NULL && i < pp_findings_len (sc->notes); i++)
    {
      const PpFinding *f = pp_findings_nth (sc->notes, i);

      fprintf (stderr, "%s: %s: %s [%s]\n", f->file, pp_severity_to_string (f->severity), f->message, f->rule);
      if (f->hint != NULL && !pp_report_quiet)
        fprintf (stderr, "  hint: %s\n", f->hint);
    }
  xml = pp_scenario_to_xml (sc);
  if (output == NULL)
    {
      if (fputs (xml, stdout) == EOF || fflush (stdout) != 0)
        {
          pp_cli_error ("cannot write the scenario to standard output: %s", g_strerror (errno));
          return PP_EXIT_INPUT;
        }
      return PP_EXIT_OK;
    }
  if (!g_file_set_contents_full (output, xml, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &error))
    {
      pp_cli_error ("%s (nothing was written; check the directory exists and is writable)", error->message);
      return PP_EXIT_INPUT;
    }
  return PP_EXIT_OK;
}
