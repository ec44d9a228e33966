"""Participation summaries for moderators and members: numbers, CSV, a PNG chart, Discord text."""
