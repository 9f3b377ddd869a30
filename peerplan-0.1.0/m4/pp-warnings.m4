# pp-warnings.m4: probe compiler warning flags one at a time and collect the
# ones the compiler accepts into WARN_CFLAGS (the libvirt pattern, made small).
# --enable-werror adds -Werror; CI uses it, tarball builds do not by default.
AC_DEFUN([PP_COMPILE_WARNINGS], [
  AC_ARG_ENABLE([werror],
    [AS_HELP_STRING([--enable-werror], [treat compiler warnings as errors])],
    [], [enable_werror=no])
  WARN_CFLAGS=
  pp_save_CFLAGS="$CFLAGS"
  for pp_flag in -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
                 -Wmissing-prototypes -Wmissing-declarations -Wold-style-definition \
                 -Wpointer-arith -Wcast-align -Wwrite-strings -Wnested-externs \
                 -Wundef -Wnull-dereference -Wduplicated-cond -Wlogical-op \
                 -Wimplicit-fallthrough -Wvla -Wno-unused-parameter \
                 -Wno-missing-field-initializers; do
    AC_MSG_CHECKING([whether $CC accepts $pp_flag])
    CFLAGS="$pp_save_CFLAGS -Werror $pp_flag"
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
      [WARN_CFLAGS="$WARN_CFLAGS $pp_flag"; AC_MSG_RESULT([yes])],
      [AC_MSG_RESULT([no])])
  done
  CFLAGS="$pp_save_CFLAGS"
  AS_IF([test "x$enable_werror" = xyes], [WARN_CFLAGS="$WARN_CFLAGS -Werror"])
  AC_SUBST([WARN_CFLAGS])
])
