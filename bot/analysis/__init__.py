"""Reading analysis: thesis, key arguments, discussion prompts and polls, from a reading's text alone.

Pure Python with no I/O; see ``pipeline`` for the stages and ``backend`` for the optional LLM seam.
"""

from bot.analysis.backend import AnalysisBackend, HeuristicBackend, Ranking
from bot.analysis.compose import Composition, Material
from bot.analysis.pipeline import analyse

__all__ = ["AnalysisBackend", "Composition", "HeuristicBackend", "Material", "Ranking", "analyse"]
