"""Participation: what members do in a week's thread and polls, logged as metadata, never as text.

``rules`` holds the pure decisions (who is logged, which prompt a message answers, word counts),
``writer`` the batching queue, ``service`` what the Discord listeners and commands call.
"""
