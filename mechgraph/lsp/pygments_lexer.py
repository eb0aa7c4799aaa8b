"""A Pygments lexer for rule files, so that Sphinx, Jupyter and ``pygmentize`` highlight ``.mg``.

Registered through the ``pygments.lexers`` entry point (``pygmentize -l mechgraph``).
Its words come from the grammar (:mod:`mechgraph.language.grammar`): entity
kinds, relation words and arrows, hypothesis keywords.  A character that
cannot appear outside a string or a comment (a control character, ``<-``,
a stray ``;``) is an ``Error`` token; valid rules have none.

>>> from pygments.token import Error, Keyword
>>> tokens = list(MechgraphLexer().get_tokens("drug imipramine id=CHEBI:47499\\n"))
>>> tokens[0]
(Token.Keyword.Type, 'drug')
>>> any(kind is Error for kind, _ in tokens)
False
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
)

from mechgraph.language.grammar import (
    ARROW,
    BARE,
    BOUND,
    QUANTITY,
    QUOTED,
    REFERENCE,
    RELATION_WORDS,
    VALUE,
)
from mechgraph.language.syntax import ENTITY_KINDS

__all__ = ["MechgraphLexer"]

_END = r"(?![A-Za-z0-9_.])"
_STATEMENT_WORDS = (
    *("every", "some", "no", "reaches", "through", "sign", "of", "to", "is", "with", "input"),
)
#: ``period>=14d``: a key and its bound, in a context or a named value's definition.
_KEY_BOUND = (
    r"(" + BARE + r")([ \t]*)(" + BOUND + r")",
    bygroups(Name.Attribute, Whitespace, Number),
)
_OBSERVED = ("notPlus", "notMinus", "change", "MIN", "MAX")


class MechgraphLexer(RegexLexer):
    """Rule files of mechgraph (``*.mg``)."""

    name = "mechgraph"
    aliases = ["mechgraph", "mg"]
    filenames = ["*.mg"]
    mimetypes = ["text/x-mechgraph"]
    url = "https://github.com/mechgraph/mechgraph"

    tokens = {
        "root": [
            (r"[ \t]+", Whitespace),
            (r"\r?\n", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (QUOTED, String.Double),
            (r'"[^"\n]*', Error),  # a string never closed
            (words(ENTITY_KINDS, prefix=r"(?<![^\n])", suffix=_END), Keyword.Type),
            (
                r"(source)([ \t]+)(" + BARE + r")",
                bygroups(Keyword.Declaration, Whitespace, Name.Label),
                "source",
            ),
            (
                r"(context)([ \t]+)(" + BARE + r")([ \t]*)(:)([ \t]*)(" + VALUE + r")",
                bygroups(
                    Keyword.Declaration,
                    Whitespace,
                    Name.Attribute,
                    Whitespace,
                    Punctuation,
                    Whitespace,
                    Keyword.Type,
                ),
            ),
            (
                r"(context)([ \t]+)(" + BARE + r")",
                bygroups(Keyword.Declaration, Whitespace, Name.Attribute),
            ),
            (r"(include|hypothesis|experiment)" + _END, Keyword.Declaration),
            (
                r"(=)([ \t]*)([-+0](?![-+0A-Za-z0-9_.])|" + "|".join(_OBSERVED) + ")" + _END,
                bygroups(Operator, Whitespace, Keyword.Constant),
            ),
            (
                r"(status)([ \t]*)(=)([ \t]*)(hypothesis|observed)" + _END,
                bygroups(Name.Attribute, Whitespace, Operator, Whitespace, Keyword.Constant),
            ),
            (words(("isa", *RELATION_WORDS), suffix=_END), Operator.Word),
            (r"consistent" + _END, Keyword),
            (words(_STATEMENT_WORDS, suffix=_END), Keyword),
            (ARROW, Operator),
            (r"(is)([ \t]+)([+-])", bygroups(Keyword, Whitespace, Operator)),
            (r"@" + REFERENCE, Name.Label),
            (r"\[", Punctuation, "context"),
            (
                r"(" + BARE + r")([ \t]*)(=)",
                bygroups(Name.Attribute, Whitespace, Operator),
                "value",
            ),
            _KEY_BOUND,
            (BARE, Name),
            (r"[0-9][A-Za-z0-9_.:/%-]*", Number),
            (r"[,:]", Punctuation),
            (r"[+-]", Operator),
            (r".", Error),
        ],
        "source": [
            (r"[ \t]+", Whitespace),
            (r"=", Operator),
            (BARE + r"(?::[A-Za-z0-9_./()<>;+-]+)+", Name.Constant),
            (r"", Whitespace, "#pop"),
        ],
        "value": [
            (r"[ \t]+", Whitespace),
            (QUOTED, String.Double, "#pop"),
            (QUANTITY, Number, "#pop"),
            (  # the condition defining a named value: chronic = period>=14d
                r"(" + BARE + r")([ \t]*)(" + BOUND + r"|=[ \t]*" + VALUE + r")",
                bygroups(Name.Attribute, Whitespace, Number),
                "#pop",
            ),
            (VALUE, Name.Constant, "#pop"),
            (r"", Whitespace, "#pop"),
        ],
        "context": [
            (r"[ \t]+", Whitespace),
            (r"\]", Punctuation, "#pop"),
            (r",", Punctuation),
            (
                r"(" + BARE + r")([ \t]*)(=)",
                bygroups(Name.Attribute, Whitespace, Operator),
                "value",
            ),
            _KEY_BOUND,
            (r"\n", Whitespace, "#pop"),
            (BARE, Error),  # a key without its value
            (r".", Error),
        ],
    }
