"""Paraphrased questions about the seeds and the articles that answer them (for retrieval tests)."""

RETRIEVAL_CASES = [
    ("Where did the second round of talks take place?", {"004_d06bf04a0b8af4c5"}),
    ("What portion of Russia's national budget now goes to the armed forces and security?", {"003_eaa88dfa9da537e2"}),
    ("In which Saudi city did the American and Russian diplomats meet?", {"002_7e7b543faa4bf352", "001_0160f51928b5414b"}),
    ("How many hours did the negotiations in Saudi Arabia go on?", {"001_0160f51928b5414b"}),
    ("What did Kellogg say about how strictly sanctions are enforced?", {"004_d06bf04a0b8af4c5"}),
    ("Who runs Russia's sovereign investment fund and joined the delegation?", {"003_eaa88dfa9da537e2"}),
    ("How close have Russian forces come to Konstantinovka?", {"000_543b3317419460aa"}),
    ("What did Zelensky demand after his talk with Erdogan in Ankara?", {"002_7e7b543faa4bf352"}),
    ("Which celebration in Moscow was the US president invited to?", {"000_543b3317419460aa"}),
    ("What were the stages of the reported peace plan?", {"001_0160f51928b5414b"}),
    ("How did Moscow react to the idea of European troops in Ukraine?", {"001_0160f51928b5414b"}),
    ("How many Russian soldiers were killed according to the Kyiv Independent?", {"004_d06bf04a0b8af4c5"}),
]
