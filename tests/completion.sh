#!/bin/sh
# completion.sh: the bash and zsh completions (completion/, issue 11 item
# 14).  bash: the completion function is called the way bash calls it
# (COMP_WORDS, COMP_CWORD) and COMPREPLY is checked.  zsh: the file must
# parse (zsh -n), and _peerplan is called with zsh's words/CURRENT and
# stand-ins for _describe and _arguments that print what they were given
# (the specs; zsh's own completion system is not driven through a
# terminal).  Both must list every verb `peerplan --help` prints and every
# option `peerplan VERB --help-all` prints, and no other, so that they
# cannot drift from the program.
. "${PP_TOP_SRCDIR:?}/tests/cli/setup.sh"
cd "$SRC"

command -v bash >/dev/null 2>&1 || { echo "bash is missing: skipped"; exit 77; }

# complete WORD...: COMPREPLY, sorted, one a line, for the command line
# WORD... with the cursor at the end of the last word.
complete_bash () {
  bash --norc --noprofile -c '
    . completion/bash/peerplan
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
    _peerplan
    printf "%s\n" "${COMPREPLY[@]}" | sort' peerplan "$@"
}
# expect_completion WANT DESCRIPTION WORD...: WANT is the replies, space-separated, sorted.
expect_completion () {
  _want=$1 _desc=$2; shift 2
  _got=$(complete_bash "$@" | tr '\n' ' ' | sed 's/ $//')
  if [ "$_got" = "$_want" ]; then ok "$_desc"; else not_ok "$_desc: got '$_got', want '$_want'"; fi
}

expect_completion "check" "bash: peerplan ch<TAB> gives check" peerplan ch
expect_completion "--format" "bash: peerplan check --for<TAB> gives --format" peerplan check --for
expect_completion "json junit" "bash: check --format j<TAB>" peerplan check --format j
expect_completion "json junit" "bash: check --format=j<TAB> (bash splits at =)" peerplan check --format = j
expect_completion "dot pdf png svg" "bash: graph -T <TAB>" peerplan graph -T ""
expect_completion "error info warning" "bash: --fail-on <TAB>" peerplan check --fail-on ""
expect_completion "--show-waived" "bash: --show<TAB>" peerplan plan --show
expect_completion "data/examples/article.xml" "bash: scenario files by extension (not README.md)" \
  peerplan check data/examples/ar
expect_completion "data/examples/broken/" "bash: directories to walk into" peerplan check data/examples/bro
expect_completion "tests/data/import/estate-plan.json tests/data/import/estate-state.json tests/data/import/estate.tfstate" \
  "bash: import completes JSON and tfstate" peerplan import tests/data/import/estate
expect_completion "" "bash: --baseline wants .json, not .xml" peerplan check --baseline data/examples/article
expect_completion "" "bash: a value to type is not completed" peerplan cost --months ""

# The program's verbs and options.
verbs=$("$PEERPLAN" --help | sed -n '/^Verbs:/,/^$/p' | awk 'NF > 1 { print $1 }' | sort)
[ -n "$verbs" ] || not_ok "no verbs found in peerplan --help"
# options VERB: every option --help-all prints, one a line, sorted
options () {
  "$PEERPLAN" "$1" --help-all | grep -oE '^ +(-[a-zA-Z], )?--[a-z0-9-]+' |
    tr ',' '\n' | tr -d ' ' | sort -u
}
# formats VERB: the format names its --format line names
formats () {
  "$PEERPLAN" "$1" --help-all | grep -E '^ +(-[a-zA-Z], )?--format=' |
    grep -oE '\b(text|json|junit|sarif|markdown|workflow|terraform|dot|svg|png|pdf)\b' | sort -u
}

# bash: the verbs, each verb's options and formats.
got=$(bash --norc --noprofile -c '. completion/bash/peerplan; printf "%s\n" $_peerplan_verbs' | sort)
[ "$got" = "$verbs" ] && ok "bash: the verbs are those of peerplan --help" ||
  not_ok "bash: verbs differ: $(echo "$got" | tr '\n' ' ') / $(echo "$verbs" | tr '\n' ' ')"
for v in $verbs; do
  want=$(options "$v")
  got=$(bash --norc --noprofile -c '. completion/bash/peerplan; printf "%s\n" $(_peerplan_options "$1")' sh "$v" | sort -u)
  if [ "$want" = "$got" ]; then ok "bash: $v's options are those of --help-all"; else
    not_ok "bash: $v's options differ from --help-all"; diff -u --label help --label completion \
      "$(printf '%s\n' "$want" > "$T/w"; echo "$T/w")" "$(printf '%s\n' "$got" > "$T/g"; echo "$T/g")" | sed -n '3,$p'; fi
  want=$(formats "$v")
  [ -n "$want" ] || continue
  got=$(bash --norc --noprofile -c '. completion/bash/peerplan; printf "%s\n" $(_peerplan_formats "$1")' sh "$v" | sort -u)
  [ "$want" = "$got" ] && ok "bash: $v's --format values are those of --help-all" ||
    not_ok "bash: $v --format: completion '$(echo $got)', help '$(echo $want)'"
done

# zsh
if ! command -v zsh >/dev/null 2>&1; then
  echo "zsh is missing (scripts/bootstrap installs it): the zsh checks are skipped"
  finish
  exit $?
fi
zsh -n completion/zsh/_peerplan && ok "zsh: completion/zsh/_peerplan parses" || not_ok "zsh -n completion/zsh/_peerplan"
got=$(zsh -f -c 'fpath=(completion/zsh $fpath); autoload -U compinit; compinit -u -D; print -r -- ${_comps[peerplan]}')
[ "$got" = _peerplan ] && ok "zsh: compinit registers _peerplan for peerplan (#compdef)" ||
  not_ok "zsh: compinit gives '$got' for peerplan"
# zsh_specs WORD...: what _peerplan hands _describe (the verbs) and
# _arguments (the option specs), with the cursor after the last word.
zsh_specs () {
  zsh -f -c '
    _describe () { print -rl -- "${(@P)${@[-1]}}" }
    _arguments () { [[ $1 == -s ]] && shift; print -rl -- "$@" }
    _files () { : } ; _directories () { : }
    source completion/zsh/_peerplan
    words=("$@"); CURRENT=$#
    _peerplan' peerplan "$@"
}
got=$(zsh_specs peerplan "" | grep -v '^(- \*)' | cut -d: -f1 | sort)
[ "$got" = "$verbs" ] && ok "zsh: the verbs are those of peerplan --help" ||
  not_ok "zsh: verbs differ: $(echo "$got" | tr '\n' ' ')"
zsh_specs peerplan check --for | grep -qF -- '--format=[report format]:format:(text json junit sarif markdown)' &&
  ok "zsh: check --for<TAB> is offered --format with its values" || not_ok "zsh: check --format"
for v in $verbs; do
  want=$(options "$v")
  # an option spec: "(exclusions)" then the option, then "=", "[" or ":"
  got=$(zsh_specs peerplan "$v" - | sed -e 's/^\*//' -e 's/^([^)]*)//' | grep -oE '^-{1,2}[a-zA-Z0-9-]+' | sort -u)
  if [ "$want" = "$got" ]; then ok "zsh: $v's options are those of --help-all"; else
    not_ok "zsh: $v's options differ: completion '$(echo $got)'"; fi
done
finish
