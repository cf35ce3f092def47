"""Per-item scores, where each lost answer was lost, and the aggregates: the same for every system."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.evaluation.dataset import EvalItem
from rag.evaluation.metrics import (
    answer_words,
    fact_recall,
    facts_found,
    first_hit_rank,
    hit_at,
    is_quote_dump,
    is_refusal,
    mean,
    percentile,
    reciprocal_rank,
    token_f1,
)
from rag.evaluation.rgb import rgb_correct
from rag.evaluation.systems import Reply
from rag.text import sentence_spans

HEADLINE = ["accuracy", "hit@5", "fact_recall", "citation_validity", "cited_article_precision", "refusal_recall",
            "over_refusal", "confidently_wrong", "quote_dumps"]
LOWER_IS_BETTER = {"over_refusal", "confidently_wrong", "quote_dumps", "answer_words_p50", "answer_words_p90"}
# The earliest step that lost a wrong answer, in pipeline order.
STAGES = ("retrieval", "evidence", "answerability", "generation")
_MARK = re.compile(r"\[\d{1,3}\]")


def gold_passage(item: EvalItem, text: str) -> bool:
    """A passage holding a gold quote or, where an item has none (RGB), every required fact."""
    if item.gold_quotes:
        return any(q in text for q in item.gold_quotes)
    return facts_found([text], item.facts)


def lost_at(item: EvalItem, correct: bool, refused: bool, reply: Reply) -> str | None:
    """Where a wrong answer was lost: the answer step's passages lack the facts (retrieval), the
    generator was not shown them (evidence), it declined though shown them or answered an
    unanswerable question (answerability), or it was shown them and still answered wrong or only
    by quoting (generation)."""
    if correct:
        return None
    if not item.answerable:
        return "answerability"
    if reply.error is not None or not facts_found(reply.context, item.facts):
        return "retrieval"
    if not facts_found(reply.evidence, item.facts):
        return "evidence"
    return "answerability" if refused else "generation"


def score_item(item: EvalItem, reply: Reply, article_text: Callable[[str], str | None], rgb: bool = False) -> dict:
    refused = is_refusal(reply.answer, reply.grounded) or reply.error is not None
    gold = set(item.gold_articles)
    article_rank = first_hit_rank([p["article_id"] in gold for p in reply.passages])
    passage_rank = first_hit_rank([gold_passage(item, p["text"]) for p in reply.passages])
    valid = []
    for c in reply.citations:
        text = article_text(c["article_id"]) or ""
        valid.append(text[c["start"] : c["end"]] == c["quote"])
    cited = {c["article_id"] for c in reply.citations}
    sentences = [reply.answer[a:b] for a, b in sentence_spans(reply.answer)] if not refused else []
    facts_ok = not refused and bool(fact_recall(reply.answer, item.facts))
    dump = None if refused else is_quote_dump(reply.answer, reply.evidence, reply.fallback)
    # Right means a short answer with the facts: a quoted sentence that happens to hold them is not one.
    correct = (facts_ok and not dump) if item.answerable else refused
    row = {
        "id": item.id,
        "type": item.type,
        "answerable": item.answerable,
        "question": item.question,
        "history": list(item.history),
        "answer": reply.answer,
        "error": reply.error,
        "refused": refused,
        "correct": correct,
        # Answered, not declined, and wrong: without the required facts, or to an unanswerable question.
        "confidently_wrong": not refused and not (facts_ok and item.answerable),
        "quote_dump": dump,
        "answer_words": None if refused else answer_words(reply.answer),
        "lost_at": lost_at(item, correct, refused, reply),
        "fallback": reply.fallback,
        "evidence_score": reply.evidence_score,
        "verified": None if refused else reply.verified,
        "citations": [{"article_id": c["article_id"], "quote": c["quote"], "start": c["start"], "end": c["end"]} for c in reply.citations],
        "citation_validity": (sum(valid) / len(valid)) if valid else None,
        "timings": reply.timings,
    }
    if rgb:
        row["rgb_correct"] = (not refused and rgb_correct(reply.answer, item.facts)) if item.answerable else refused
        # Some unanswerable items' noise snippets state the answer anyway; counted so the reader knows.
        row["answer_in_context"] = facts_found(reply.context, item.facts)
    if item.answerable:
        row.update(
            {
                "hit@1": hit_at(article_rank, 1),
                "hit@5": hit_at(article_rank, 5),
                "mrr@10": reciprocal_rank(article_rank),
                "passage_hit@1": hit_at(passage_rank, 1),
                "passage_hit@5": hit_at(passage_rank, 5),
                "passage_mrr@10": reciprocal_rank(passage_rank),
                "gold_article_recall@5": len(gold & {p["article_id"] for p in reply.passages[:5]}) / len(gold),
                "fact_recall": float(facts_ok),
                "token_f1": 0.0 if refused else token_f1(_MARK.sub("", reply.answer), item.reference),
                "cited_article_precision": (len(cited & gold) / len(cited)) if cited else None,
                "cited_article_recall": len(cited & gold) / len(gold),
                "cited_sentence_share": (sum(bool(_MARK.search(s)) for s in sentences) / len(sentences)) if sentences else None,
            }
        )
    return row


def aggregate(rows: list[dict]) -> dict:
    """Means over the rows where a metric applies; abstention and latency over all rows."""
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    answered = [r for r in rows if not r["refused"]]
    out: dict = {"items": len(rows), "answerable": len(answerable), "unanswerable": len(unanswerable)}
    out["accuracy"] = mean([float(r["correct"]) for r in rows])
    for key in ("hit@1", "hit@5", "mrr@10", "passage_hit@1", "passage_hit@5", "passage_mrr@10", "fact_recall",
                "token_f1", "cited_article_precision", "cited_article_recall", "cited_sentence_share"):
        out[key] = mean([r[key] for r in answerable if r.get(key) is not None])
    multi = [r for r in answerable if r["type"] == "multi"]
    out["multi_gold_article_recall@5"] = mean([r["gold_article_recall@5"] for r in multi])
    out["citation_validity"] = mean([r["citation_validity"] for r in rows if r["citation_validity"] is not None])
    refused = [r for r in rows if r["refused"]]
    out["refusal_precision"] = (sum(not r["answerable"] for r in refused) / len(refused)) if refused else None
    out["refusal_recall"] = (sum(r["refused"] for r in unanswerable) / len(unanswerable)) if unanswerable else None
    out["over_refusal"] = (sum(r["refused"] for r in answerable) / len(answerable)) if answerable else None
    out["confidently_wrong"] = mean([float(r["confidently_wrong"]) for r in rows])
    out["quote_dumps"] = mean([float(r["quote_dump"]) for r in answered])
    # How far the verified mark can be trusted: of the answers marked verified, the share that answer an
    # answerable question with its facts (a quoted sentence holding them counts; it is not wrong).
    verified = [r for r in answered if r.get("verified")]
    out["verified_precision"] = mean([float(not r["confidently_wrong"]) for r in verified])
    # None for a system without the mark (the naive baseline), not 0.
    marked = [r for r in answered if r.get("verified") is not None]
    out["verified_share"] = mean([float(r["verified"]) for r in marked]) if marked else None
    words = [r["answer_words"] for r in answered]
    out["answer_words_p50"], out["answer_words_p90"] = percentile(words, 50), percentile(words, 90)
    if rows and "rgb_correct" in rows[0]:
        out["rgb_accuracy"] = mean([float(r["rgb_correct"]) for r in answerable])
        out["rgb_rejection_rate"] = out["refusal_recall"]
        out["unanswerable_with_answer_in_context"] = sum(r["answer_in_context"] for r in unanswerable)
    out["lost_at"] = {stage: sum(r["lost_at"] == stage for r in rows) for stage in STAGES}
    out["errors"] = sum(r["error"] is not None for r in rows)
    latency = {}
    stages = sorted({k for r in rows for k in r["timings"]})
    for stage in stages:
        values = [r["timings"][stage] for r in rows if stage in r["timings"]]
        latency[stage] = {"p50": percentile(values, 50), "p95": percentile(values, 95)}
    out["latency_ms"] = latency
    return out


# Abstention thresholds swept for the trade-off curve (the evidence score lies in 0..1).
DEFAULT_SWEEP = [round(0.30 + 0.02 * i, 2) for i in range(21)]


def declined_at(row: dict, t: float, configured: float | None) -> bool:
    """Whether the row would be declined with threshold t, had it been run with `configured`: declines
    for another reason (the reader found no answer) stand at every threshold."""
    score = row["evidence_score"]
    return score < t or (configured is not None and row["refused"] and score >= configured)


def replayable(rows: list[dict]) -> list[dict]:
    """The rows a threshold can be replayed on: an evidence score, and no error."""
    return [r for r in rows if r.get("evidence_score") is not None and r["error"] is None]


def decline_rates(rows: list[dict], t: float, configured: float | None) -> tuple[float, float]:
    """False declines (share of answerable rows declined) and rejections (share of unanswerable ones) at t."""
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    return (sum(declined_at(r, t, configured) for r in answerable) / max(1, len(answerable)),
            sum(declined_at(r, t, configured) for r in unanswerable) / max(1, len(unanswerable)))


def tradeoff(rows: list[dict], configured: float | None = None, thresholds: list[float] = DEFAULT_SWEEP) -> list[dict] | None:
    """False declines (answerable declined) against rejections (unanswerable declined) at each threshold,
    had abstention used it; None for a system that reports no evidence score."""
    scored = replayable(rows)
    if not any(r["answerable"] for r in scored) or all(r["answerable"] for r in scored):
        return None
    curve = []
    for t in thresholds:
        false_declines, rejections = decline_rates(scored, t, configured)
        curve.append({"threshold": t, "false_declines": false_declines, "rejections": rejections})
    return curve


def by_type(rows: list[dict]) -> dict:
    types = sorted({r["type"] for r in rows})
    return {t: aggregate([r for r in rows if r["type"] == t]) for t in types}


def gate(current: dict, baseline: dict) -> list[str]:
    """Failures of the gated metrics against the accepted baseline, its tolerances and hard floors.

    Every metric the baseline names is gated: higher-is-better ones may not fall by more than their
    tolerance, lower-is-better ones (over-refusal, confidently wrong, quote dumps) may not rise by more.
    """
    tolerances = baseline.get("tolerance", 0.05)
    failures = []
    for name, floor in baseline.get("floors", {}).items():
        value = current.get(name)
        # None: nothing to measure it on (no answer cited anything), which the other metrics show.
        if value is not None and value < floor:
            failures.append(f"{name} = {value} is below the floor {floor}")
    for name, accepted in baseline.get("metrics", {}).items():
        if accepted is None:
            continue
        value = current.get(name)
        tolerance = tolerances.get(name, tolerances.get("default", 0.05)) if isinstance(tolerances, dict) else tolerances
        if value is None:
            failures.append(f"{name} is missing")
        elif name in LOWER_IS_BETTER and value > accepted + tolerance:
            failures.append(f"{name} rose to {value:.3f} (accepted {accepted:.3f} + {tolerance})")
        elif name not in LOWER_IS_BETTER and value < accepted - tolerance:
            failures.append(f"{name} fell to {value:.3f} (accepted {accepted:.3f} - {tolerance})")
    return failures
