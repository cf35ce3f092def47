"""The nouns that say what kind of answer a question asks for ("which *diplomat*", "what *share*"): plain
English word lists by kind, and the kind of a noun's lemma."""

from __future__ import annotations

_PERSON_NOUNS = set("""person people man men woman women leader official minister president diplomat spokesperson
spokesman spokeswoman correspondent reporter journalist expert analyst aide adviser advisor envoy ambassador banker
ceo chief director founder cofounder co-founder player athlete actor actress singer author writer coach candidate
winner champion politician senator governor mayor chancellor king queen prince princess general commander judge
lawyer scientist economist chairman chairwoman chair secretary executive manager owner artist driver rider captain
premier lawmaker legislator negotiator mediator representative deputy officer spokesmen host presenter anchor
novelist poet composer musician rapper star striker goalkeeper pitcher quarterback boxer golfer cyclist runner
skater swimmer tennis-player investor billionaire entrepreneur inventor designer architect producer filmmaker
commissioner prosecutor attorney detective suspect victim hostage prisoner soldier pilot astronaut doctor
physician nurse teacher professor student researcher historian activist bishop pope cleric imam rabbi""".split())
_ORG_NOUNS = set("""company firm corporation business organisation organization agency group party institute
institution university college school newspaper network broadcaster outlet bank ministry department
government body alliance union brand manufacturer maker carrier airline startup publisher studio channel retailer
label developer automaker charity foundation regulator court council committee parliament agency company's
conglomerate insurer lender exchange fund consortium coalition militia army giant operator provider supplier
chain utility""".split())
# Nouns of a relation to another that a person, a company or a country may stand in ("which *ally* of X",
# "which *bidder*"): answered by any name of an agent, as "who" is.
_AGENT_NOUNS = set("""ally rival partner friend critic supporter opponent successor predecessor backer sponsor donor
buyer seller bidder acquirer client customer creditor member signatory participant competitor""".split())
# A side in a contest: answered by a club or by the country a national team plays for, never by a person.
_TEAM_NOUNS = {"team", "club", "side", "squad", "franchise", "teams", "clubs"}
_PLACE_NOUNS = set("""country countries nation state city town village capital region province place location venue
continent island territory county district site port airport stadium arena municipality neighbourhood kingdom republic emirate
neighborhood border hotel building palace embassy museum hospital restaurant resort valley river lake mountain sea
ocean bay coast peninsula desert forest gulf strait""".split())
_DATE_NOUNS = set("date day year month time decade century weekday".split())
_NUMBER_NOUNS = set("""number amount share percentage percent proportion rate figure total sum count margin
population score inflation unemployment growth turnout majority size""".split())
_MONEY_NOUNS = set("""price cost revenue value salary budget fee income profit loss sales debt fine tax turnover
valuation earnings wage pay funding investment spending""".split())
_ORDINAL_NOUNS = {"anniversary", "edition", "position", "rank"}
_WORK_NOUNS = set("book film movie song album show series game novel play title documentary opera painting".split())
_NATIONALITY_NOUNS = {"nationality", "citizenship"}


def noun_kind(lemma: str) -> str | None:
    for kind, nouns in (("person", _PERSON_NOUNS), ("organisation", _ORG_NOUNS), ("agent", _AGENT_NOUNS),
                        ("team", _TEAM_NOUNS),
                        ("place", _PLACE_NOUNS),
                        ("date", _DATE_NOUNS), ("number", _NUMBER_NOUNS), ("money", _MONEY_NOUNS),
                        ("ordinal", _ORDINAL_NOUNS),
                        ("work", _WORK_NOUNS), ("nationality", _NATIONALITY_NOUNS)):
        if lemma in nouns:
            return kind
    if lemma.endswith(("ist", "ian")) and len(lemma) > 5:  # economist, politician: people by their work
        return "person"
    return None
