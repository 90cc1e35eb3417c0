"""One catalogue of the interface's words per language, English the source
(:mod:`coordgraph.text.locale_en`, :mod:`coordgraph.text.locale_fr`).

:func:`say` gives a word or sentence by id; :func:`state_name` a country's name in the
language (ISO 3166 names, French from pycountry's translations);
:func:`translate_message` a finding's message. The analyses write their messages in
English from the phrases of :data:`~coordgraph.text.locale_en.PHRASES`; each phrase is a
template whose ``{params}`` hold data. A message is read back phrase by phrase and each
is written in the language asked for, its params carried over, so names of agreements,
bodies and places stay as recorded. Criteria ids (``in_force``) become words in every
language, English included.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping

from coordgraph.countries import country_name
from coordgraph.text import locale_en, locale_fr

__all__ = [
    "LANGS",
    "action_words",
    "instrument_texts",
    "joined_structures",
    "page_words",
    "say",
    "state_name",
    "states_list",
    "translate_message",
    "value_word",
    "words_of",
    "workbook_text",
]

#: the languages of the interface (``--lang``)
LANGS = ("en", "fr")

_WORDS = {"en": locale_en.WORDS, "fr": locale_fr.WORDS}
_PHRASES = {"en": locale_en.PHRASES, "fr": locale_fr.PHRASES}
_VALUES: dict[str, Mapping[str, str]] = {"en": {}, "fr": locale_fr.VALUES}

#: French names ISO gives in a form that reads badly in a sentence
_FRENCH_NAMES = {
    "RUS": "Russie",
    "MDA": "Moldavie",
    "GNQ": "Guinée équatoriale",
    "KOR": "Corée du Sud",
    "PRK": "Corée du Nord",
    "IRN": "Iran",
    "SYR": "Syrie",
    "TZA": "Tanzanie",
    "BOL": "Bolivie",
    "VEN": "Venezuela",
    "COD": "République démocratique du Congo",
    "LAO": "Laos",
    "VNM": "Viêt Nam",
    "XKX": "Kosovo",
    "MKD": "Macédoine du Nord",
    "CZE": "Tchéquie",
    "GBR": "Royaume-Uni",
    "USA": "États-Unis",
    "TUR": "Türkiye",
}


def say(lang: str, key: str, /, **params: object) -> str:
    """The text of ``key`` in ``lang`` (English when the language lacks it), its
    ``{params}`` filled."""
    text = _WORDS.get(lang, locale_en.WORDS).get(key) or locale_en.WORDS[key]
    return text.format(**params) if params else text


#: the ids the explorer's page reads (its own texts, and the words of findings)
_PAGE_PREFIXES = ("ex.", "severity.", "kind.", "criterion.", "gap_type.")


def page_words(lang: str) -> dict[str, str]:
    """The words the explorer's page shows, by id, in ``lang``."""
    return {
        key: say(lang, key)
        for key in locale_en.WORDS
        if key.startswith(_PAGE_PREFIXES) and not key.endswith((".one", ".many"))
    }


@functools.cache
def instrument_texts() -> tuple[str, ...]:
    """The titles and citations of the instruments that expect structures of States
    (``data/rules.yaml``): names as their sources write them, never translated."""
    from coordgraph.expectations import default_profiles, default_structures

    out = set()
    for profile in default_profiles().values():
        out.add(profile.title)
        out.update(profile.cite(s) for s in default_structures())
    return tuple(sorted(out, key=len, reverse=True))


def value_word(lang: str, kind: str, value: str) -> str:
    """A vocabulary value (``victims``, ``purposes``, ``tags``, ...) as a word in ``lang``."""
    return _VALUES.get(lang, {}).get(f"{kind}.{value}") or value.replace("_", " ")


def words_of(lang: str, prefix: str, values: Iterable[str], sep: str = ", ") -> str:
    """``values`` (ids such as criteria) as the words ``{prefix}.{value}`` in ``lang``."""
    return sep.join(
        _WORDS[lang].get(f"{prefix}.{v}") or locale_en.WORDS.get(f"{prefix}.{v}") or v
        for v in values
    )


@functools.cache
def _french_catalogue() -> Callable[[str], str] | None:
    import gettext

    import pycountry

    try:
        fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        return None
    return fr.gettext


def state_name(code: str, lang: str = "en") -> str:
    """The name of a country code in ``lang`` (the English name when none is known)."""
    english = country_name(code)
    if lang != "fr":
        return english
    if code in _FRENCH_NAMES:
        return _FRENCH_NAMES[code]
    gettext = _french_catalogue()
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    if gettext is None or c is None:
        return english
    return gettext(c.name)


def states_list(codes: Iterable[str], lang: str) -> str:
    """Countries by name in ``lang``: ``Benin, Mali and Togo``."""
    names = [state_name(c, lang) for c in codes]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + say(lang, "list.and") + names[-1]


def action_words(kind: str, says: tuple[str, Mapping[str, object]], lang: str) -> tuple[str, str]:
    """A planned action in ``lang``: what it is (``Designate a focal point``) and why, from
    its phrase id and params (tuples of States' codes, ``scope`` and ``provisions`` as
    ids, other params names as recorded)."""
    key, params = says
    values: dict[str, object] = {}
    for name, value in params.items():
        if name == "provisions":
            values[name] = words_of(lang, "provision", [str(v) for v in value])  # type: ignore[attr-defined]
        elif name == "scope":
            values[name] = words_of(lang, "agreement_scope", [str(v) for v in value])  # type: ignore[attr-defined]
        elif name in ("structure", "expected"):  # an expected structure, with its article
            bare = str(value).removeprefix("a ").removeprefix("an ")
            values[name] = value if lang == "en" else value_word(lang, "structure", bare)
        elif isinstance(value, tuple):
            values[name] = states_list(value, lang)
        else:
            values[name] = value
    return say(lang, f"action.{kind}"), say(lang, key, **values)


# ----------------------------------------------------------------------------- messages

_DATE = r"[<>~]?\d{4}(?:-\d{2}){0,2}"
_MASK = "\ue010{}\ue011"
#: how each kind of param is matched (by its name less trailing digits); others are text
_PATTERNS = {
    "day": _DATE,
    "period": rf"{_DATE}(?:(?:-| to ){_DATE})?",
    "n": r"\d+",
    "m": r"\d+",
    "code": r"[A-Z]{3}",
    "codes": r"[A-Z]{3}(?:, [A-Z]{3})*",
    "criterion": r"[a-z_]+",
    "criteria": r"[a-z_]+(?:, [a-z_]+)*",
    "tags": r"[a-z_]+(?:, [a-z_]+)*",
    "label": "\ue010\\d+\ue011",
    "any": ".+?",
    "column": "[a-z_0-9]+",
}
_WORD_VALUES = {
    "scope": ("children", "women and children", "all persons", "unknown"),
    "victims": ("children", "girls", "boys", "women", "men", "adults"),
    "does": (
        "operational coordination",
        "referral of cases",
        "monitoring and reporting",
        "policy forum",
        "project or programme",
        "law-enforcement database",
        "hotline network",
        "legal basis without an operational channel",
    ),
}
#: kinds of param whose values are the English words :data:`locale_fr.VALUES` translates
#: (``structure.national referral mechanism``): expected structures, what a dataset
#: lists, what a structure requires
_VALUE_KINDS = ("structure", "lists", "requirements", "forms")
_WORD_VALUES.update(
    {
        kind: tuple(k.partition(".")[2] for k in locale_fr.VALUES if k.startswith(kind + "."))
        for kind in _VALUE_KINDS
    }
)
#: kinds of param that hold a list of values, separated by commas
_LISTED = ("victims", "requirements", "forms")
#: several expected structures ("A, B or C"): the words of ``structure`` values
_WORD_VALUES["structures"] = _WORD_VALUES["structure"]
_OR = {"en": " or ", "fr": " ou "}
_PARAM = re.compile(r"\{(\w+)\}")


def _kind(name: str) -> str:
    return name.rstrip("0123456789")


def _is_text(name: str) -> bool:
    return _kind(name) not in (*_PATTERNS, *_WORD_VALUES, "astructure")


def _pattern(name: str) -> str:
    kind = _kind(name)
    if kind == "astructure":  # an expected structure with its article
        return rf"(?:an?) {_pattern('structure')}"
    if kind in _WORD_VALUES:
        alts = "|".join(re.escape(v) for v in sorted(_WORD_VALUES[kind], key=len, reverse=True))
        if kind == "structures":
            return rf"(?:{alts})(?:(?:, | or )(?:{alts}))+"
        if kind in _LISTED:
            return rf"(?:{alts})(?:, (?:{alts}))*"
        return f"(?:{alts})"
    return _PATTERNS.get(kind, r"[^;\ue010\ue011]*?(?:\ue010\d+\ue011[^;\ue010\ue011]*?)*?")


@functools.cache
def _compiled(template: str) -> re.Pattern[str]:
    out, pos = [], 0
    for m in _PARAM.finditer(template):
        out.append(re.escape(template[pos : m.start()]))
        out.append(f"(?P<{m.group(1)}>{_pattern(m.group(1))})")
        if m.end() == len(template) and _is_text(m.group(1)):
            out.append(r"(?=;| \[|\]|$)")  # a text at the end runs to the end of its clause
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out))


def _value(lang: str, name: str, value: str) -> str:
    """A param's value in ``lang``: words for ids and vocabulary, names for codes, data
    as recorded."""
    kind = _kind(name)
    if kind == "code":
        return state_name(value, lang) if lang != "en" else value
    if kind == "codes":
        return ", ".join(state_name(c, lang) for c in value.split(", ")) if lang != "en" else value
    if kind in ("criterion", "criteria"):
        return words_of(lang, "criterion", value.split(", "))
    if kind == "period" and lang == "fr":
        return value.replace(" to ", " à ")
    if kind == "astructure":
        return _value(lang, "structure", value.partition(" ")[2])
    if kind == "structures":
        return joined_structures([_value(lang, "structure", v) for v in _split(value)], lang)
    if kind in ("tags", *_LISTED):
        return ", ".join(
            _VALUES[lang].get(f"{kind}.{v}", v.replace("_", " ")) for v in value.split(", ")
        )
    if kind in _WORD_VALUES:
        return _VALUES[lang].get(f"{kind}.{value}", value)
    return value


def _split(value: str) -> list[str]:
    """The structures of an "A, B or C" list (a label may itself hold a comma)."""
    alts = "|".join(re.escape(v) for v in sorted(_WORD_VALUES["structure"], key=len, reverse=True))
    return re.findall(alts, value)


def joined_structures(words: list[str], lang: str = "en") -> str:
    """``A, B or C``: expected structures, each given once, in ``lang``."""
    words = list(dict.fromkeys(words))
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + _OR.get(lang, " or ") + words[-1]


def _mask(text: str, data: Iterable[str]) -> tuple[str, list[str]]:
    """``text`` with each occurrence of a data text replaced by a placeholder (longest
    first), so no phrase is matched inside a name as recorded. Only the texts found in
    ``text`` are sorted (a text not in it cannot appear by masking another), not all of
    ``data`` for every message."""
    held: list[str] = []
    found = {d for d in data if len(d) > 2 and d in text}
    for item in sorted(found, key=len, reverse=True):
        if item in text:
            text = text.replace(item, _MASK.format(len(held)))
            held.append(item)
    return text, held


def _unmask(text: str, held: list[str]) -> str:
    return re.sub("\ue010(\\d+)\ue011", lambda m: held[int(m.group(1))], text)


@functools.lru_cache(maxsize=16)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``names`` standing as a name (not inside a word), the longest first: sorted
    once per set of names, not for every message."""
    by_length = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w'-])(" + "|".join(re.escape(n) for n in by_length) + r")(?![\w-])")


def translate_message(
    text: str,
    lang: str,
    *,
    data: Iterable[str] = (),
    countries: Mapping[str, str] | None = None,
) -> str:
    """A finding's message (or near miss) in ``lang``: each English phrase written in
    that language, the texts in ``data`` (names as recorded) left as they are, and
    the English country names in ``countries`` (name -> code) given in ``lang``."""
    masked, held = _mask(text, data)
    for key, english in locale_en.PHRASES.items():
        target = _PHRASES.get(lang, locale_en.PHRASES).get(key, english)
        if "{" not in english and (target == english or lang == "en"):
            continue

        def write(m: re.Match[str], target: str = target) -> str:
            return target.format(**{k: _value(lang, k, v) for k, v in m.groupdict().items()})

        masked = _compiled(english).sub(write, masked)
    if countries and lang != "en":
        pattern = _names_pattern(tuple(countries))
        masked = pattern.sub(lambda m: state_name(countries[m.group(1)], lang), masked)
    if lang == "fr":  # French spacing before the high punctuation
        masked = re.sub(r" ?([;:]) ", r" \1 ", masked)
    return _unmask(masked, held)


def workbook_text(text: str, lang: str) -> str:
    """A text of the workbook template (README, a column's comment, a drop-down's
    message) in ``lang``, line by line (:data:`coordgraph.text.workbook_fr.WORKBOOK`);
    a line the catalogue lacks is left as it is."""
    if lang != "fr":
        return text
    from coordgraph.text.workbook_fr import WORKBOOK

    out = []
    for line in text.split("\n"):
        for english, french in WORKBOOK.items():
            found = _compiled(english).fullmatch(line)
            if found:
                line = french.format(**found.groupdict())
                break
        out.append(line)
    return "\n".join(out)
