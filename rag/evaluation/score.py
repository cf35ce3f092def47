"""Per-item scores and their aggregates, the same for every system."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.evaluation.dataset import EvalItem
from rag.evaluation.metrics import (
    fact_recall,
    first_hit_rank,
    hit_at,
    is_refusal,
    mean,
    percentile,
    reciprocal_rank,
    token_f1,
)
from rag.evaluation.systems import Reply
from rag.text import sentence_spans

HEADLINE = ["hit@5", "fact_recall", "citation_validity", "cited_article_precision", "refusal_recall", "over_refusal"]
LOWER_IS_BETTER = {"over_refusal"}
_MARK = re.compile(r"\[\d{1,3}\]")


def score_item(item: EvalItem, reply: Reply, article_text: Callable[[str], str | None]) -> dict:
    refused = is_refusal(reply.answer, reply.grounded) or reply.error is not None
    gold = set(item.gold_articles)
    article_rank = first_hit_rank([p["article_id"] in gold for p in reply.passages])
    passage_rank = first_hit_rank([any(q in p["text"] for q in item.gold_quotes) for p in reply.passages])
    valid = []
    for c in reply.citations:
        text = article_text(c["article_id"]) or ""
        valid.append(text[c["start"] : c["end"]] == c["quote"])
    cited = {c["article_id"] for c in reply.citations}
    sentences = [reply.answer[a:b] for a, b in sentence_spans(reply.answer)] if not refused else []
    row = {
        "id": item.id,
        "type": item.type,
        "answerable": item.answerable,
        "question": item.question,
        "answer": reply.answer,
        "error": reply.error,
        "refused": refused,
        "citations": [{"article_id": c["article_id"], "quote": c["quote"], "start": c["start"], "end": c["end"]} for c in reply.citations],
        "citation_validity": (sum(valid) / len(valid)) if valid else None,
        "timings": reply.timings,
    }
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
                "fact_recall": 0.0 if refused else fact_recall(reply.answer, item.facts),
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
    out: dict = {"items": len(rows)}
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
    out["errors"] = sum(r["error"] is not None for r in rows)
    latency = {}
    stages = sorted({k for r in rows for k in r["timings"]})
    for stage in stages:
        values = [r["timings"][stage] for r in rows if stage in r["timings"]]
        latency[stage] = {"p50": percentile(values, 50), "p95": percentile(values, 95)}
    out["latency_ms"] = latency
    return out


def by_type(rows: list[dict]) -> dict:
    types = sorted({r["type"] for r in rows})
    return {t: aggregate([r for r in rows if r["type"] == t]) for t in types}


def gate(current: dict, baseline: dict) -> list[str]:
    """Failures of the headline metrics against the accepted baseline, its tolerance and hard floors."""
    tolerances = baseline.get("tolerance", 0.05)
    failures = []
    for name, floor in baseline.get("floors", {}).items():
        value = current.get(name)
        if value is None or value < floor:
            failures.append(f"{name} = {value} is below the floor {floor}")
    for name in HEADLINE:
        accepted, value = baseline["metrics"].get(name), current.get(name)
        if accepted is None:
            continue
        tolerance = tolerances.get(name, tolerances.get("default", 0.05)) if isinstance(tolerances, dict) else tolerances
        if value is None:
            failures.append(f"{name} is missing")
        elif name in LOWER_IS_BETTER and value > accepted + tolerance:
            failures.append(f"{name} rose to {value:.3f} (accepted {accepted:.3f} + {tolerance})")
        elif name not in LOWER_IS_BETTER and value < accepted - tolerance:
            failures.append(f"{name} fell to {value:.3f} (accepted {accepted:.3f} - {tolerance})")
    return failures
