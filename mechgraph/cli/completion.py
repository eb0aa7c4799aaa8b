"""``mechgraph completion bash|zsh|fish``: a shell completion script, generated from the parser.

The script is written from the full argument parser (every verb, option and
choice), so it never lags behind the command line.  Install it with, e.g.::

    mechgraph completion bash > ~/.local/share/bash-completion/completions/mechgraph
    mechgraph completion zsh > "${fpath[1]}/_mechgraph"
    mechgraph completion fish > ~/.config/fish/completions/mechgraph.fish
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

__all__ = ["add_arguments", "run", "script", "SHELLS"]

SHELLS = ("bash", "zsh", "fish")

#: Metavars whose values are paths: completed with file names.
_PATH_METAVARS = {"FILE", "DIR", "PATH", "OUT.mg"}


@dataclass(frozen=True)
class Option:
    """One optional argument: its spellings, help, whether it takes a value and which."""

    flags: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...] = ()
    paths: bool = False
    repeats: bool = False


@dataclass(frozen=True)
class Verb:
    """One verb: its help, options, the choices of its positionals and whether they are paths."""

    name: str
    help: str
    options: tuple[Option, ...]
    choices: tuple[str, ...] = ()
    paths: bool = False


def _option(action: argparse.Action) -> Option:
    takes_value = action.nargs != 0
    return Option(
        tuple(action.option_strings),
        (action.help or "").replace("%%", "%"),
        takes_value,
        tuple(map(str, action.choices or ())),
        takes_value and not action.choices and str(action.metavar) in _PATH_METAVARS,
        isinstance(action, argparse._AppendAction | argparse._ExtendAction)
        or action.nargs in ("+", "*"),
    )


def _options(parser: argparse.ArgumentParser) -> tuple[Option, ...]:
    return tuple(_option(a) for a in parser._actions if a.option_strings)


def _verbs(parser: argparse.ArgumentParser) -> tuple[Verb, ...]:
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help or "" for choice in subparsers._choices_actions}
    verbs = []
    for name, sub in subparsers.choices.items():
        positionals = [a for a in sub._actions if not a.option_strings]
        choices = tuple(str(c) for a in positionals for c in (a.choices or ()))
        paths = any(str(a.metavar) in _PATH_METAVARS for a in positionals)
        verbs.append(Verb(name, helps.get(name, ""), _options(sub), choices, paths))
    return tuple(verbs)


# bash ---------------------------------------------------------------------------------


def _bash(parser: argparse.ArgumentParser) -> str:
    top = _options(parser)
    verbs = _verbs(parser)
    skip = " ".join(f for o in top if o.takes_value for f in o.flags)
    words = " ".join([v.name for v in verbs] + [f for o in top for f in o.flags])
    out = [
        "# bash completion for mechgraph (written by `mechgraph completion bash`)",
        "_mechgraph() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local verb="" i',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in',
        f"            {'|'.join(skip.split()) or '--'}) ((i++)) ;;",
        "            -*) ;;",
        '            *) verb="${COMP_WORDS[i]}"; break ;;',
        "        esac",
        "    done",
        '    if [[ -z "$verb" ]]; then',
        *_bash_values(top, "        "),
        f'        COMPREPLY=($(compgen -W "{words}" -- "$cur"))',
        "        return",
        "    fi",
        '    case "$verb" in',
    ]
    for verb in verbs:
        flags = " ".join(f for o in verb.options for f in o.flags)
        out.append(f"        {verb.name})")
        out.extend(_bash_values(verb.options, "            "))
        out.append('            if [[ "$cur" == -?* ]]; then')
        out.append(f'                COMPREPLY=($(compgen -W "{flags}" -- "$cur"))')
        out.append("            else")
        if verb.choices:
            out.append(
                f'                COMPREPLY=($(compgen -W "{" ".join(verb.choices)}" -- "$cur"))'
            )
        if verb.paths or not verb.choices:
            out.append('                COMPREPLY+=($(compgen -f -- "$cur"))')
        out.append("            fi")
        out.append("            ;;")
    out += ["    esac", "}", "complete -o filenames -F _mechgraph mechgraph", ""]
    return "\n".join(out)


def _bash_values(options: tuple[Option, ...], indent: str) -> list[str]:
    """The ``case "$prev"`` completing the value of an option that takes one."""
    lines = []
    for option in options:
        if not option.takes_value:
            continue
        if option.choices:
            action = f'COMPREPLY=($(compgen -W "{" ".join(option.choices)}" -- "$cur"))'
        elif option.paths:
            action = 'COMPREPLY=($(compgen -f -- "$cur"))'
        else:
            action = "COMPREPLY=()"
        lines.append(f"{indent}    {'|'.join(option.flags)}) {action}; return ;;")
    if not lines:
        return []
    return [f'{indent}case "$prev" in', *lines, f"{indent}esac"]


# zsh ----------------------------------------------------------------------------------


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def _zsh_specs(options: tuple[Option, ...]) -> list[str]:
    specs = []
    for option in options:
        if option.takes_value:
            if option.choices:
                value = f":value:({' '.join(option.choices)})"
            elif option.paths:
                value = ":file:_files"
            else:
                value = ":value: "
        else:
            value = ""
        star = "*" if option.repeats else ""
        for flag in option.flags:
            specs.append(_zsh_quote(f"{star}{flag}[{_zsh_help(option.help)}]{value}"))
    return specs


def _zsh(parser: argparse.ArgumentParser) -> str:
    verbs = _verbs(parser)
    out = [
        "#compdef mechgraph",
        "# zsh completion for mechgraph (written by `mechgraph completion zsh`)",
        "_mechgraph() {",
        "    local context state state_descr line",
        "    typeset -A opt_args",
        "    _arguments -C \\",
        *(f"        {spec} \\" for spec in _zsh_specs(_options(parser))),
        "        '1:verb:->verb' \\",
        "        '*::argument:->argument'",
        "    case $state in",
        "    verb)",
        "        local -a verbs",
        "        verbs=(",
        *(f"            {_zsh_quote(v.name + ':' + v.help.replace(chr(10), ' '))}" for v in verbs),
        "        )",
        "        _describe -t verbs 'mechgraph verb' verbs",
        "        ;;",
        "    argument)",
        "        case $words[1] in",
    ]
    for verb in verbs:
        rest = "'*:rule file:_files'"
        if verb.choices:
            rest = f"'1:value:({' '.join(verb.choices)})' '*:file:_files'"
        out.append(f"        {verb.name})")
        out.append("            _arguments \\")
        out.extend(f"                {spec} \\" for spec in _zsh_specs(verb.options))
        out.append(f"                {rest}")
        out.append("            ;;")
    out += ["        esac", "        ;;", "    esac", "}", "", '_mechgraph "$@"', ""]
    return "\n".join(out)


# fish ---------------------------------------------------------------------------------


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_option(option: Option, condition: str) -> str:
    parts = ["complete -c mechgraph", f"-n {_fish_quote(condition)}"]
    for flag in option.flags:
        parts.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
    if option.takes_value:
        if option.choices:
            parts.append(f"-x -a {_fish_quote(' '.join(option.choices))}")
        elif option.paths:
            parts.append("-r -F")
        else:
            parts.append("-x")
    parts.append(f"-d {_fish_quote(option.help)}")
    return " ".join(parts)


def _fish(parser: argparse.ArgumentParser) -> str:
    verbs = _verbs(parser)
    out = [
        "# fish completion for mechgraph (written by `mechgraph completion fish`)",
        "complete -c mechgraph -f",
    ]
    out += [_fish_option(o, "__fish_use_subcommand") for o in _options(parser)]
    for verb in verbs:
        out.append(
            f"complete -c mechgraph -n __fish_use_subcommand -a {verb.name} "
            f"-d {_fish_quote(verb.help)}"
        )
    for verb in verbs:
        seen = f"__fish_seen_subcommand_from {verb.name}"
        if verb.choices:
            out.append(
                f"complete -c mechgraph -n {_fish_quote(seen)} -a {_fish_quote(' '.join(verb.choices))}"
            )
        if verb.paths or not verb.choices:
            out.append(f"complete -c mechgraph -n {_fish_quote(seen)} -F")
        out += [_fish_option(o, seen) for o in verb.options]
    return "\n".join(out) + "\n"


_WRITERS = {"bash": _bash, "zsh": _zsh, "fish": _fish}


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script of ``shell`` (``bash``, ``zsh`` or ``fish``) for ``parser``.

    >>> from mechgraph.cli import VERBS, build_parser
    >>> "complete -o filenames -F _mechgraph mechgraph" in script("bash", build_parser(VERBS))
    True
    """
    return _WRITERS[shell](parser)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")


def run(args: argparse.Namespace) -> int:
    from mechgraph.cli import VERBS, build_parser

    sys.stdout.write(script(args.shell, build_parser(VERBS)))
    return 0
