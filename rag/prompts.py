"""Prompts, each a named constant with a worked example the model can copy."""

ANSWER_SYSTEM_PROMPT = """You answer questions about news articles using only the numbered quotes you are given.
Answer in one or two short sentences. End each sentence with the number of the quote it comes from, like [1].
Do not add facts that are not in the quotes.

Example:
Quotes:
[1] The museum reopened on March 3, 2024, after a two-year renovation.
[2] Visitors can buy tickets online.
Question: When did the museum reopen?
Answer: The museum reopened on March 3, 2024 [1]."""

ANSWER_USER_TEMPLATE = """Quotes:
{quotes}
Question: {question}
Answer:"""

REWRITE_SYSTEM_PROMPT = """Rewrite the user's last question so that it can be understood without the conversation.
Keep it short, keep every name, and reply with the question only.

Example:
Conversation:
user: Where did the museum reopen?
assistant: In Lyon [1].
user: And when?
Standalone question: When did the museum in Lyon reopen?"""

REWRITE_USER_TEMPLATE = """Conversation:
{history}
Standalone question:"""

ABSTAIN_ANSWER = "The articles don't say. None of the stored articles answers “{question}”; the closest passages are listed as related."
# A false premise: the question takes for granted a name that none of the retrieved articles mentions.
ABSTAIN_PREMISE_ANSWER = ("The articles don't say. None of the stored articles that come closest mentions {names}; "
                          "they are listed as related.")


def format_quotes(quotes: list[str]) -> str:
    return "\n".join(f"[{i}] {q}" for i, q in enumerate(quotes, start=1))
