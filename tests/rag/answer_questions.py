"""Hand-written questions for answer tests and abstention calibration (not the eval set)."""

# (question, fact groups: each group lists acceptable spellings; all groups must appear)
ANSWERABLE = [
    ("What share of Russia's budget goes to the military?", [["43%", "43 percent"]]),
    ("Where was the second round of talks held?", [["Istanbul"]]),
    ("How long did the talks in Saudi Arabia last?", [["4.5 hours", "four and a half hours"]]),
    ("What level have Russian interest rates reached?", [["21%", "21 percent"]]),
    ("Who leads Russia's Direct Investment Fund?", [["Dmitriev"]]),
    ("Which German arms maker's chief met Zelensky in Munich?", [["Rheinmetall"]]),
    ("How far were the Russian troops in Toretsk from Konstantinovka?", [["11 kilometers", "11 km"]]),
    ("Who speaks for the Kremlin?", [["Peskov"]]),
    ("How did Kellogg rate the severity of the sanctions?", [["six", "6"]]),
    ("How large was the aid package Rubio voted against?", [["$6 billion", "6 billion"]]),
    ("Which village did Russia claim to have retaken in Kursk?", [["Nikolsky"]]),
    ("How many Russian soldiers died according to the Kyiv Independent?", [["16,000"]]),
    ("On what date did Rubio and Lavrov talk by phone?", [["February 16"]]),
    ("Who is Trump's special envoy for the Middle East?", [["Witkoff"]]),
    ("In which city did European leaders hold an emergency meeting?", [["Paris"]]),
    ("In what year did NATO issue its open-ended invitation to Kyiv?", [["2008"]]),
]

UNANSWERABLE = [
    "How many troops did the UK pledge?",
    "What did China's president say about the Riyadh talks?",
    "How many tanks did Germany deliver to Ukraine in February?",
    "Why did the Paris summit between Rubio and Lavrov collapse?",
    "What was the price of Brent crude during the Istanbul meeting?",
    "Who won Ukraine's 2024 presidential election?",
    "How much did Saudi Arabia pay to host the talks?",
    "Which football club did Putin praise in his speech?",
]
