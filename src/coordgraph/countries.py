"""Country codes: accept ISO 3166-1 alpha-2, alpha-3 and English names; keep alpha-3.

Territories that ISO 3166-1 does not list but that anti-trafficking studies treat as
separate jurisdictions (Kosovo, XKX) are accepted explicitly. A name that could mean
two States ("Congo", "Korea") is rejected with both candidates named, and an unknown
name gets the closest matches as a hint.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata

import pycountry

__all__ = ["CountryCodeError", "country_name", "normalise_country", "normalise_depositary_name"]

#: Jurisdictions outside ISO 3166-1 that datasets may use, with their user-assigned code.
EXTRA_TERRITORIES: dict[str, str] = {"XKX": "Kosovo"}

#: Common English names that ISO's names do not cover.
_ALIASES: dict[str, str] = {
    "russia": "RUS",
    "lao pdr": "LAO",
    "laos": "LAO",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "usa": "USA",
    "us": "USA",
    "united states of america": "USA",
    "uk": "GBR",
    "great britain": "GBR",
    "britain": "GBR",
    "turkey": "TUR",
    "turkiye": "TUR",
    "czech republic": "CZE",
    "the gambia": "GMB",
    "gambia": "GMB",
    "kosovo": "XKX",
    "kosovo (un administered province)": "XKX",
    "unmik": "XKX",
    "burma": "MMR",
    "swaziland": "SWZ",
    "macedonia": "MKD",
    "cape verde": "CPV",
    "east timor": "TLS",
    "holland": "NLD",
    "el": "GRC",  # the EU's two-letter code for Greece
    # names in the United Nations' and the Council of Europe's treaty lists
    "bolivia (plurinational state of)": "BOL",
    "democratic republic of the congo": "COD",
    "republic of the congo": "COG",
    "iran (islamic republic of)": "IRN",
    "republic of korea": "KOR",
    "venezuela (bolivarian republic of)": "VEN",
    "state of palestine": "PSE",
    "micronesia (federated states of)": "FSM",
    "netherlands (kingdom of the)": "NLD",
    "kingdom of the netherlands": "NLD",
    "holy see": "VAT",
    "the former yugoslav republic of macedonia": "MKD",
}

#: How a depositary's list names a State where the name alone is ambiguous elsewhere:
#: the United Nations and the Council of Europe write "Congo" for the Republic of the
#: Congo and "Democratic Republic of the Congo" for the other.
_DEPOSITARY_USAGE: dict[str, str] = {"congo": "COG"}

#: Names that stand for more than one State.
_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "congo": ("COG", "COD"),
    "korea": ("KOR", "PRK"),
    "guinea": (),  # placeholder removed below; Guinea (GIN) is unambiguous
}
del _AMBIGUOUS["guinea"]


class CountryCodeError(ValueError):
    """A value that is not a known country, or that could be more than one."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message if hint is None else f"{message}; {hint}")
        self.reason = message
        self.hint = hint


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(ascii_text.replace("\u2019", "'").lower().split())


@functools.cache
def _index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    alpha2: dict[str, str] = {}
    alpha3: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        alpha2[c.alpha_2] = c.alpha_3
        alpha3[c.alpha_3] = c.alpha_3
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[_fold(value)] = c.alpha_3
    for code, name in EXTRA_TERRITORIES.items():
        alpha3[code] = code
        names[_fold(name)] = code
    alpha2["XK"] = "XKX"
    for alias, code in _ALIASES.items():
        names[_fold(alias)] = code
    return alpha2, alpha3, names


def normalise_country(value: object) -> str:
    """Return the ISO 3166-1 alpha-3 code for an alpha-2 code, alpha-3 code or name.

    Examples
    --------
    >>> normalise_country("gr")
    'GRC'
    >>> normalise_country("Côte d'Ivoire")
    'CIV'
    """
    if not isinstance(value, str) or not value.strip():
        raise CountryCodeError("a country is required (ISO alpha-3 code such as GRC)")
    return _code_of(value.strip())


@functools.lru_cache(maxsize=8192)
def _code_of(text: str) -> str:
    """The alpha-3 code of a stripped, non-empty text (:func:`normalise_country`): the
    same few hundred texts fill a dataset's country cells, so each is looked up once; a
    text that is no country raises every time it is asked."""
    alpha2, alpha3, names = _index()
    upper = text.upper()
    if len(text) == 3 and upper in alpha3:
        return alpha3[upper]
    if len(text) == 2 and upper in alpha2:
        return alpha2[upper]
    folded = _fold(text)
    if folded in _AMBIGUOUS:
        options = ", ".join(_AMBIGUOUS[folded])
        raise CountryCodeError(f"{text!r} could be more than one country", f"use one of {options}")
    if folded in names:
        return names[folded]
    raise CountryCodeError(f"{text!r} is not a known country", _suggest(text))


def normalise_depositary_name(value: str) -> str:
    """The alpha-3 code of a State as a depositary's status list names it.

    The same as :func:`normalise_country`, except that a name the depositaries use in
    one sense only ("Congo": the Republic of the Congo) is read in that sense, and
    quotation marks around a name (``"the former Yugoslav Republic of Macedonia"``) are
    dropped.

    Examples
    --------
    >>> normalise_depositary_name("Congo")
    'COG'
    """
    text = value.strip().strip('"\u201c\u201d').strip()
    usage = _DEPOSITARY_USAGE.get(_fold(text))
    return usage if usage is not None else normalise_country(text)


def _suggest(text: str) -> str | None:
    """``did you mean Kazakhstan (KAZ)?``: names and codes, so the user can tell which."""
    _, alpha3, names = _index()
    upper = text.strip().upper()
    codes: list[str] = []
    codes.extend(_initials().get(upper, ()))
    # UAE: the name whose initials these are, and nothing merely spelt alike
    if not codes and len(upper) == 3:
        codes.extend(difflib.get_close_matches(upper, list(alpha3), n=3, cutoff=0.6))
    elif not codes and len(upper) == 2:
        return "two-letter codes are ISO alpha-2 (e.g. GR for Greece); prefer alpha-3 (GRC)"
    if not codes:
        close_names = difflib.get_close_matches(_fold(text), list(names), n=3, cutoff=0.7)
        codes.extend(names[n] for n in close_names)
    if not codes:  # a French name, or the start of a name ('Emirats', 'Cote'): suggested only
        folded = _fold(text)
        known = {**_french_names(), **names}
        starts = sorted({c for n, c in known.items() if len(folded) >= 4 and n.startswith(folded)})
        close = difflib.get_close_matches(folded, list(_french_names()), n=3, cutoff=0.75)
        codes.extend([*starts[:3], *(_french_names()[n] for n in close)])
    unique = list(dict.fromkeys(codes))[:3]
    if unique:
        return "did you mean " + " or ".join(f"{country_name(c)} ({c})" for c in unique) + "?"
    return "use an ISO 3166-1 alpha-3 code such as GRC, or the English name"


@functools.cache
def _french_names() -> dict[str, str]:
    """Country names in French (pycountry's translations), folded: most of the States
    in the bundled west-africa dataset write French. Used for suggestions only."""
    import gettext

    try:
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        return {}
    return {_fold(french.gettext(c.name)): c.alpha_3 for c in pycountry.countries}


@functools.cache
def _initials() -> dict[str, tuple[str, ...]]:
    """Codes by the initials of their names (UAE: United Arab Emirates, DRC), which
    people write but ISO does not list: offered as suggestions, never accepted."""
    out: dict[str, list[str]] = {}
    small = {"of", "the", "and", "de", "d"}
    named = [
        (getattr(c, attr, None) or "", c.alpha_3)
        for c in pycountry.countries
        for attr in ("name", "official_name", "common_name")
    ]
    for name, code in [*named, *((alias, code) for alias, code in _ALIASES.items())]:
        words = _fold(name).replace(",", " ").split()
        letters = "".join(w[0] for w in words if w not in small and w[0].isalpha()).upper()
        if len(letters) >= 2 and len(words) > 1:
            codes = out.setdefault(letters, [])
            if code not in codes:
                codes.append(code)
    return {k: tuple(v) for k, v in out.items()}


def country_name(code: str) -> str:
    """English short name of an alpha-3 code (the code itself when unknown)."""
    if code in EXTRA_TERRITORIES:
        return EXTRA_TERRITORIES[code]
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)
