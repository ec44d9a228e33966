"""A good answer from the model for the sample reading, which the tests vary.

Candidates for the sample reading, as the model sees them: [0] the embedded thesis, [1]-[5] the embedded
arguments in ranked order.
"""

PROMPTS = [
    "Is a library really “an essential service”, or a comfort a town can do without in hard years?",
    "Who in your town would lose most if the library closed tomorrow?",
    "Does borrowing books build “the habits that a democracy depends on”, or do other places do that now?",
    "If the council had to cut one service, what would you cut before the library, and why?",
    "Has moving services online made the library more needed for some people, as the reading says?",
]
POLLS = [
    {
        "question": "What should a town protect first when money is short?",
        "answers": ["The library", "Schools", "Social care", "Roads and transport"],
        "about": 3,
    },
    {
        "question": "Which reason for libraries matters most to you?",
        "answers": ["Access for people offline", "Habits of democracy", "What the town wants to be"],
        "about": None,
    },
]
GOOD = {
    "thesis": 0,
    "arguments": [3, 2, 4],
    "prompts": [{"text": text, "about": about} for text, about in zip(PROMPTS, [0, 3, 2, 3, 4], strict=True)],
    "polls": POLLS,
}
