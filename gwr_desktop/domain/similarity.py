"""Text similarity between plan items: character-bigram TF-IDF cosine over an inverted index.

Chinese has no spaces, and most words are two characters, so character bigrams are the natural unit: an
item restated next year with a raised target ("新增便利店200家" → "新增便利店240家") or a reworded last
phrase keeps most of its bigrams. Weighting by inverse document frequency makes the words every item
shares (推进, 建设, 加快) count for little. The index maps each bigram to the documents holding it, so a query
touches only documents that share a bigram with it — fast enough for every item of a plan against every
item of the last (tests/plan_import/test_similarity.py measures 322×322 and 2,000×2,000).

    index = TextIndex(last_year_texts)
    index.query("新增品牌连锁便利店240家。", limit=3)    # [(document index, score in 0..1), …], best first
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence

_NOT_TEXT = re.compile(r"[\W_]+")  # punctuation and spaces: "，" "、" "（" never make two items alike
COMMON_SHARE = 0.5  # a bigram in more than half the documents says nothing about which one is meant
RARE_POSTINGS = 10  # bigrams in at most this many documents (or 2% of them) find a query's candidates


def bigrams(text: str) -> Counter[str]:
    letters = _NOT_TEXT.sub("", text)
    if len(letters) < 2:
        return Counter([letters] if letters else [])
    return Counter(letters[i:i + 2] for i in range(len(letters) - 1))


class TextIndex:
    def __init__(self, texts: Sequence[str]) -> None:
        counted = [bigrams(text) for text in texts]
        frequency = Counter(gram for grams in counted for gram in grams)
        self.size = len(texts)
        limit = max(2, COMMON_SHARE * self.size)  # two documents alone share every bigram: keep them all
        self._idf = {gram: math.log(1 + self.size / df) for gram, df in frequency.items() if df <= limit}
        self._common = frozenset(frequency) - self._idf.keys()
        self._vectors = [_unit_length(self._weights(grams)) for grams in counted]
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._peak: dict[str, float] = {}  # the largest weight a bigram has in any document
        for document, vector in enumerate(self._vectors):
            for gram, weight in vector.items():
                self._postings.setdefault(gram, []).append((document, weight))
                self._peak[gram] = max(weight, self._peak.get(gram, 0.0))

    def query(self, text: str, limit: int = 3, min_score: float = 0.0) -> list[tuple[int, float]]:
        """The `limit` documents most like text, best first, each with its cosine (0..1) when ≥ min_score.

        Exact, but cheap: the bigrams held by few documents find the candidates; the frequent ones (long
        posting lists) are only looked up in the candidates, best first, until no other can overtake.
        """
        vector = _unit_length(self._weights(bigrams(text)))
        rare, frequent = self._split(vector)
        partial = self._accumulate(vector, rare)
        reach = sum(vector[gram] * self._peak.get(gram, 0.0) for gram in frequent)  # what frequent ones can add
        best: list[tuple[float, int]] = []  # a min-heap of (score, -document), at most `limit` long
        for document in sorted(partial, key=partial.__getitem__, reverse=True):
            if len(best) == limit and partial[document] + reach <= best[0][0]:
                break  # sorted by partial score: no later document can overtake
            known = self._vectors[document]
            score = partial[document] + sum(vector[gram] * known.get(gram, 0.0) for gram in frequent)
            if len(best) < limit:
                heapq.heappush(best, (score, -document))
            else:
                heapq.heappushpop(best, (score, -document))
        if reach >= min_score and (len(best) < limit or best[0][0] < reach):
            best = self._everything(vector, limit)  # one sharing only frequent bigrams might still count
        ranked = sorted(best, reverse=True)
        return [(-document, min(1.0, score)) for score, document in ranked if score >= min_score]

    def _split(self, vector: dict[str, float]) -> tuple[list[str], list[str]]:
        cap = max(RARE_POSTINGS, self.size // 50)
        rare = [gram for gram in vector if len(self._postings.get(gram, ())) <= cap]
        return rare, [gram for gram in vector if len(self._postings.get(gram, ())) > cap]

    def _accumulate(self, vector: dict[str, float], grams: list[str]) -> dict[int, float]:
        scores: dict[int, float] = {}
        get = scores.get
        for gram in grams:
            weight = vector[gram]
            for document, other in self._postings.get(gram, ()):
                scores[document] = get(document, 0.0) + weight * other
        return scores

    def _everything(self, vector: dict[str, float], limit: int) -> list[tuple[float, int]]:
        scores = self._accumulate(vector, list(vector))
        return heapq.nlargest(limit, ((score, -document) for document, score in scores.items()))

    def _weights(self, grams: Counter[str]) -> dict[str, float]:
        """Sublinear term frequency × idf; a bigram the index has never seen weighs as the rarest."""
        rarest = math.log(1 + self.size)
        return {gram: (1 + math.log(count)) * self._idf.get(gram, rarest)
                for gram, count in grams.items() if gram not in self._common}


def _unit_length(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {gram: weight / norm for gram, weight in weights.items()} if norm else {}
