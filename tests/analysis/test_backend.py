from bot.analysis import AnalysisBackend, HeuristicBackend, analyse
from bot.analysis.backend import Ranking
from bot.analysis.compose import Composition
from bot.ingest.model import Reading

TEXT = "Schools must teach cooking. It saves families money. Children who cook eat better food."


class Broken:
    def rank(self, document, features):
        raise RuntimeError("service down")

    def compose(self, material):
        return Composition((), ())  # invalid: no prompts


class ReverseRanker:
    def rank(self, document, features):
        n = len(document.segments)
        scores = tuple(i / max(1, n - 1) for i in range(n))
        return Ranking(scores, scores)

    def compose(self, material):
        return None


def test_heuristic_satisfies_protocol():
    """The embedded heuristic is an AnalysisBackend."""
    assert isinstance(HeuristicBackend(), AnalysisBackend)


def test_broken_backend_falls_back():
    """A backend that raises or returns invalid output gives the heuristic's analysis."""
    assert analyse(Reading(TEXT), backend=Broken()) == analyse(Reading(TEXT))


def test_backend_can_replace_ranking():
    """A backend's valid ranking is used; composing falls back to the heuristic."""
    analysis = analyse(Reading(TEXT), backend=ReverseRanker())
    assert analysis.thesis.text == "Children who cook eat better food."
    assert analysis.prompts and analysis.prompts == analyse(Reading(TEXT), backend=ReverseRanker()).prompts
