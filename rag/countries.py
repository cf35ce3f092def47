"""Whether a place name is a country's, by the Unicode CLDR's English names of territories (as the babel package,
already installed for trafilatura's URL handling, ships them): "Which city hosted the talks?" is not answered
"Saudi Arabia", nor "Which valley ...?" by "Germany". Only this module imports babel.

Nothing here says a name is a city: a name CLDR does not list may be a city, a region or a country written
another way ("Britain"), so only the one direction is judged.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

# Nouns of settlements and of a land's features: a country's name answers none of them ("Which valley ...?" is
# not answered "Germany").
PART_OF_COUNTRY_NOUNS = frozenset({"city", "town", "village", "capital", "municipality", "valley", "river", "lake",
                                   "mountain", "bay", "coast", "peninsula", "desert", "forest", "neighbourhood",
                                   "neighborhood", "district", "county", "province", "region"})
# Territories that are one city as much as a country ("Singapore", "Monaco") are left out, by CLDR's own codes,
# so a question asking which city is not turned down for them.
_CITY_STATES = frozenset({"SG", "MC", "VA", "SM", "HK", "MO", "GI", "KW", "DJ", "LU", "AD", "BH", "QA"})
# Region codes that name no territory one lives in: the EU, the UN, CLDR's test regions.
_NOT_PLACES = frozenset({"EU", "EZ", "UN", "XA", "XB", "ZZ", "QO"})


@cache
def _countries() -> frozenset[str]:
    names = Locale("en").territories
    out = set()
    for code, name in names.items():
        if code.isalpha() and code not in _CITY_STATES and code not in _NOT_PLACES:
            out.add(_key(name))
    return frozenset(out)


def _key(name: str) -> str:
    name = name.strip().lower().replace("’", "'")
    return name[4:] if name.startswith("the ") else name


def is_country(name: str) -> bool:
    """Whether the name, as written, is a country's English name ("Saudi Arabia", "the United States")."""
    return _key(name) in _countries()
