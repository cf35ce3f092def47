// Minimal chat client. Every piece of model or article text is inserted with textContent, never as HTML.
"use strict";
const log = document.getElementById("log");
const form = document.getElementById("ask-form");
const input = document.getElementById("question");
const askButton = document.getElementById("ask");
const panel = document.getElementById("source");
let messages = [];

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function addMessage(role, text) {
  const li = el("li", "msg " + role);
  li.appendChild(el("p", "text", text));
  log.appendChild(li);
  li.scrollIntoView({ block: "end" });
  return li;
}

function renderAnswer(li, answer) {
  li.classList.remove("streaming");
  li.textContent = "";
  const p = el("p", "text");
  const byNumber = new Map(answer.citations.map((c) => [c.number, c]));
  const shorts = answer.short_answer || [];
  // Split on [n] markers: text stays text, markers become buttons for their citation.
  for (const part of answer.answer.split(/(\[\d+\])/)) {
    const m = part.match(/^\[(\d+)\]$/);
    const citation = m && byNumber.get(Number(m[1]));
    if (citation) {
      const b = el("button", "cite", part);
      b.type = "button";
      b.setAttribute("aria-label", "Show source " + citation.number + ": " + citation.title);
      b.addEventListener("click", () => showSource(citation, shorts.filter((s) => s.citation === citation.number)));
      p.appendChild(b);
    } else {
      appendWithShorts(p, part, shorts);
    }
  }
  li.appendChild(p);
  if (answer.grounded && answer.verified) li.appendChild(el("p", "verified", "✓ Verified against the quoted sources"));
  else if (answer.grounded) li.appendChild(el("p", "note", "Not verified: some checks did not hold."));
  if (!answer.grounded) {
    li.classList.add("abstain");
    if (answer.passages.length) {
      li.appendChild(el("p", "note", "Related passages:"));
      const ul = el("ul", "related");
      for (const passage of answer.passages.slice(0, 3)) {
        ul.appendChild(el("li", "", passage.title + " — " + passage.text.slice(0, 160) + "…"));
      }
      li.appendChild(ul);
    }
  }
  if (answer.llm_error) li.appendChild(el("p", "note", "Quoted verbatim: the model could not answer right now (" + answer.llm_error + ")."));
  else if (answer.fallback === "extractive") li.appendChild(el("p", "note", "Quoted verbatim: the model's draft did not check out against the sources."));
  else if (answer.revised) li.appendChild(el("p", "note", "Verified: unsupported parts of the draft were removed."));
}

function appendWithShorts(parent, text, shorts) {
  // The short answer is the answer: shown in bold wherever the text names it.
  const names = shorts.map((s) => s.text).filter((t) => t && text.includes(t));
  if (!names.length) { parent.appendChild(document.createTextNode(text)); return; }
  const escaped = names.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  for (const piece of text.split(new RegExp("(" + escaped.join("|") + ")"))) {
    if (names.includes(piece)) parent.appendChild(el("strong", "short", piece));
    else if (piece) parent.appendChild(document.createTextNode(piece));
  }
}

async function showSource(citation, spans = []) {
  panel.hidden = false;
  document.getElementById("source-title").textContent = citation.title;
  // Who published it and when, as the page stated it; the file name only when there is no site.
  const who = [citation.site, (citation.authors || []).join(", ")].filter(Boolean);
  document.getElementById("source-meta").textContent = [...who, citation.date || "undated", who.length ? null : citation.source,
    "chars " + citation.start + "–" + citation.end].filter(Boolean).join(" · ");
  const link = document.getElementById("source-link");
  // Only web addresses become links: a stored URL is data from the page, never script.
  const url = /^https?:\/\//i.test(citation.url || "") ? citation.url : null;
  link.hidden = !url;
  if (url) link.href = url; else link.removeAttribute("href");
  const box = document.getElementById("source-text");
  box.textContent = "Loading…";
  try {
    const res = await fetch("/documents/" + encodeURIComponent(citation.article_id));
    if (!res.ok) throw new Error((await res.json()).error.message);
    const doc = await res.json();
    const also = document.getElementById("source-also");
    const others = (doc.also_published_by || []).map((o) => o.site || new URL(o.url).hostname);
    also.hidden = !others.length;
    also.textContent = others.length ? "Also published by " + others.join(", ") : "";
    box.textContent = "";
    box.appendChild(document.createTextNode(doc.text.slice(0, citation.start)));
    const mark = el("mark", "");
    // Inside the quote, the answer span itself is highlighted again.
    let at = citation.start;
    // A statement shortened from the quote highlights only the words it keeps.
    const pieces = spans.flatMap((s) => (s.pieces && s.pieces.length ? s.pieces.map(([start, end]) => ({ start, end })) : [s]));
    for (const s of pieces.filter((s) => s.start >= citation.start && s.end <= citation.end).sort((a, b) => a.start - b.start)) {
      if (s.start < at) continue;
      mark.appendChild(document.createTextNode(doc.text.slice(at, s.start)));
      mark.appendChild(el("span", "answer-span", doc.text.slice(s.start, s.end)));
      at = s.end;
    }
    mark.appendChild(document.createTextNode(doc.text.slice(at, citation.end)));
    box.appendChild(mark);
    box.appendChild(document.createTextNode(doc.text.slice(citation.end)));
    mark.scrollIntoView({ block: "center" });
  } catch (err) {
    box.textContent = "Could not load the article: " + err.message;
  }
}

function parseEvents(buffer, onEvent) {
  // Server-Sent Events: blocks separated by a blank line, "event:" and "data:" fields.
  let end;
  while ((end = buffer.indexOf("\n\n")) >= 0) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    let event = "message", data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data += line.slice(5).trim();
    }
    onEvent(event, data ? JSON.parse(data) : {});
  }
  return buffer;
}

async function ask(question) {
  messages.push({ role: "user", content: question });
  addMessage("user", question);
  const li = addMessage("assistant streaming", "");
  const text = li.querySelector(".text");
  askButton.disabled = true;
  try {
    const res = await fetch("/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ messages, stream: true }),
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({ error: { message: res.statusText } }));
      throw new Error(body.error.message);
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "", final = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), (event, data) => {
        if (event === "token") text.textContent += data.text;
        else if (event === "answer") { final = data; renderAnswer(li, data); }
        else if (event === "error") throw new Error(data.message);
      });
    }
    if (!final) throw new Error("the answer stream ended early");
    messages.push({ role: "assistant", content: final.answer });
  } catch (err) {
    messages.pop();
    li.className = "msg error";
    li.textContent = "";
    li.appendChild(el("p", "text", "Error: " + err.message));
  } finally {
    askButton.disabled = false;
    input.focus();
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const q = input.value.trim();
  if (!q || askButton.disabled) return;
  input.value = "";
  ask(q);
});
input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
});
document.getElementById("clear").addEventListener("click", () => {
  messages = [];
  log.textContent = "";
  panel.hidden = true;
  input.focus();
});
document.getElementById("close-source").addEventListener("click", () => { panel.hidden = true; input.focus(); });
