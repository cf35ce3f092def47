"""A real `newsrag serve` process: the official openai SDK and a real headless Chromium against it."""

import shutil
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.server
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _ask_on_the_page(playwright, live_server: str, question: str):
    """Headless Chromium on the chat page, the question asked; (page, last answer, its first citation button)."""
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"],
    )
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(live_server + "/")
    page.fill("#question", question)
    page.click("#ask")
    answer = page.locator(".msg.assistant").last
    cite = answer.locator("button.cite").first
    expect(cite).to_be_visible(timeout=60_000)
    return page, answer, cite


def test_openai_sdk_gets_a_cited_answer(live_server):
    from openai import OpenAI

    client = OpenAI(base_url=live_server + "/v1", api_key="unused")
    reply = client.chat.completions.create(
        model="newsrag", messages=[{"role": "user", "content": "What share of Russia's budget goes to the military?"}]
    )
    assert "43%" in reply.choices[0].message.content
    citations = reply.model_extra["citations"]
    assert citations and any("43%" in c["quote"] for c in citations)

    stream = client.chat.completions.create(
        model="newsrag", stream=True,
        messages=[{"role": "user", "content": "Where was the second round of talks held?"}],
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "Istanbul" in text
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop" and final.model_extra["citations"]
    assert sum(1 for c in chunks if (c.model_extra or {}).get("citations")) == 1  # sent once


def test_page_in_chromium_streams_cites_and_highlights(live_server):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it with apt-get")
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    evil = b"Evil <script>window.pwned=1</script> headline\n<img src=x onerror=\"window.pwned=2\"> The talks in Istanbul included <b>bold</b> claims about the second round of talks."
    upload = httpx.post(live_server + "/documents", files={"file": ("evil.txt", evil, "text/plain")}, timeout=60)
    assert upload.status_code == 201

    with sync_playwright() as p:
        page, answer, cite = _ask_on_the_page(p, live_server, "Where was the second round of talks held?")
        expect(answer).to_contain_text("[1]")
        cite.click()
        mark = page.locator("#source-text mark")
        expect(mark).to_be_visible(timeout=20_000)
        assert mark.inner_text().strip() and page.locator("#source-title").inner_text()
        # The short answer is bold in the answer, highlighted inside the quote, and marked verified.
        expect(answer.locator("strong.short").first).to_have_text("Istanbul")
        expect(page.locator("#source-text mark .answer-span")).to_have_text("Istanbul")
        expect(answer.locator(".verified")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "page-citation.png"), full_page=True)

        # A statement shortened from its quote: bold in the answer, only its kept words highlighted in the source.
        page.fill("#question", "What did Kellogg demand of Russia in Munich?")
        page.click("#ask")
        shortened = page.locator(".msg.assistant").last
        expect(shortened.locator("strong.short")).to_contain_text("territorial concessions", timeout=60_000)
        page.wait_for_function("!document.querySelector('#ask').disabled", timeout=60_000)
        shortened.locator("button.cite").first.click()
        kept = page.locator("#source-text mark .answer-span")
        expect(kept).to_have_count(2, timeout=20_000)
        assert kept.first.inner_text().startswith("Russia must") and "Munich" not in " ".join(kept.all_inner_texts())

        # A question the articles do not answer gets the distinct "Not in the articles" state, no verified mark.
        page.fill("#question", "Which hotel in Riyadh hosted the two delegations?")
        page.click("#ask")
        declined = page.locator(".msg.assistant.abstain").last
        expect(declined).to_be_visible(timeout=60_000)
        expect(declined.locator(".related")).to_be_visible()
        assert declined.locator(".verified").count() == 0
        page.wait_for_function("!document.querySelector('#ask').disabled", timeout=60_000)

        # Text from articles and models is shown as text: the uploaded markup never runs.
        page.fill("#question", "What claims about the talks in Istanbul did the evil headline make?")
        page.click("#ask")
        expect(page.locator(".msg.assistant").last.locator(".text")).not_to_be_empty(timeout=60_000)
        page.wait_for_function("!document.querySelector('#ask').disabled", timeout=60_000)
        evil_cite = page.locator(".msg.assistant").last.locator("button.cite")
        if evil_cite.count():
            evil_cite.first.click()
            page.wait_for_timeout(500)
        assert page.evaluate("window.pwned") is None
        assert page.locator("#log img, #source-text img, #source-text script, #log b").count() == 0
        page.screenshot(path=str(ARTIFACTS / "page-xss.png"), full_page=True)

        # Phone width still shows the conversation and the form.
        page.set_viewport_size({"width": 390, "height": 844})
        expect(page.locator("#question")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "page-phone.png"), full_page=True)


def test_a_client_leaving_mid_stream_does_not_hold_the_model(live_server):
    """The model is released when a streaming client disconnects, not at garbage collection."""
    import time

    with httpx.Client(base_url=live_server, timeout=60) as http:
        for _ in range(3):
            with http.stream("POST", "/chat", json={"messages": [{"role": "user", "content": "Who leads Russia's Direct Investment Fund?"}], "stream": True}) as r:
                for line in r.iter_lines():
                    if line.startswith("event: token"):
                        break  # hang up after the first token
        t0 = time.monotonic()
        r = http.post("/ask", json={"question": "What share of Russia's budget goes to the military?"})
        assert r.status_code == 200 and "43%" in r.json()["answer"]
        # Well under the 30 s queue timeout a held model would cost.
        assert time.monotonic() - t0 < 15


def test_server_answers_health_at_once_and_ready_when_models_are_loaded(tmp_path):
    import os
    import time

    from tests.conftest import SEEDS, VENV_BIN, free_port, running

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({"RAG_DATA_DIR": str(tmp_path / "data"), "RAG_SEEDS_DIR": str(SEEDS)})
    cmd = [str(VENV_BIN / "newsrag"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, url + "/health", 120, cwd=tmp_path, env=env):
        early = httpx.get(url + "/ready", timeout=10)
        assert early.status_code == 503 and early.json()["error"]["code"] == "starting"
        assert httpx.post(url + "/ask", json={"question": "Where?"}, timeout=10).status_code == 503
        deadline = time.monotonic() + 180
        while httpx.get(url + "/ready", timeout=10).status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.5)
        assert httpx.get(url + "/ready", timeout=10).json()["chunks"] > 0


def test_page_source_panel_names_the_publisher_and_links_the_original(live_server):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it with apt-get")
    from playwright.sync_api import expect, sync_playwright

    page_html = (ROOT.parent / "shared" / "html" / "vancouversun.com.microsoft.html").read_bytes()
    upload = httpx.post(live_server + "/documents", files={"file": ("microsoft.html", page_html, "text/html")}, timeout=60)
    assert upload.status_code == 201
    # The same wire story as another paper ran it: stored once, listed as another source.
    copy = page_html.replace(b"vancouversun.com", b"ottawacitizen.com").replace(b"Vancouver Sun", b"Ottawa Citizen")
    again = httpx.post(live_server + "/documents", files={"file": ("microsoft-ottawa.html", copy, "text/html")}, timeout=60)
    assert again.status_code == 201 and again.json()["status"] == "duplicate"

    with sync_playwright() as p:
        page, _, cite = _ask_on_the_page(p, live_server, "How much will Microsoft invest in carbon removal technology?")
        cite.click()
        expect(page.locator("#source-text mark")).to_be_visible(timeout=20_000)
        expect(page.locator("#source-meta")).to_contain_text("Vancouver Sun · Reuters · 2020-01-16")
        expect(page.locator("#source-also")).to_have_text("Also published by Ottawa Citizen")
        link = page.locator("#source-link")
        expect(link).to_be_visible()
        assert link.get_attribute("href").startswith("https://vancouversun.com/technology/microsoft-moves-to-erase")
        page.screenshot(path=str(ARTIFACTS / "page-source-metadata.png"), full_page=True)
