"""Recurring doubts (6.xviii): similar questions of an account grouped as they arrive, so the
area sees how many people ask the same and is told to publish an answer.

No heavy machinery: a question becomes a set of normalised word stems (lower case, accents
folded, links and handles dropped, Spanish function words dropped, each word cut to its first
five letters so «tramito», «tramitar» and «trámite» meet). Two questions belong together when
they share at least two stems and those cover most of the shorter one (overlap coefficient
≥ 0.6). An inverted index (stem → groups) keeps the look-up to the groups sharing one of the
question's rarer stems, so grouping a new question costs about the same with ten groups or ten
thousand."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

STEM_LENGTH = 5
MIN_SHARED = 2
MIN_OVERLAP = 0.6
# A group this large is worth a publication that answers it for everybody (6.xviii).
SUGGEST_AT = 5
CANDIDATE_CAP = 300

_URL_RE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+", re.IGNORECASE)
_WORD_RE = re.compile(r"[a-zñ0-9]+")
_STOP = frozenset("""
a al algo alguien algun alguna algunas alguno algunos ante antes aqui asi aun como con
contra cual cuales cuando de del desde donde dónde el ella ellas ellos en entre era eres es
esa esas ese eso esos esta estan estas este esto estos estoy fue fueron ha han hay hola la
las le les lo los mas me mi mis muy nada ni no nos o otra otro para pero poco por porque
puede pueden puedo que quien se ser si sin sobre son su sus tal tambien te tengo tiene
tienen toda todo todos tu tus un una unas uno unos usted ustedes vez y ya yo buenas buenos
dias tardes noches gracias favor saludos ine quiero quisiera saber alguien oigan
""".split())
_QUESTION_STARTS = ("como ", "cuando ", "donde ", "que ", "cual ", "cuales ", "quien ",
                    "por que ", "cuanto ", "cuantos ", "cuanta ", "hay ", "puedo ", "se puede ")


def _fold(text: str) -> str:
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(char) == "Mn":
            if char == "\u0303" and out and out[-1] == "n":
                out[-1] = "ñ"
            continue
        out.append(char)
    return "".join(out)


def stems(text: str) -> frozenset[str]:
    folded = _fold(_URL_RE.sub(" ", text))
    return frozenset(w[:STEM_LENGTH] for w in _WORD_RE.findall(folded)
                     if len(w) > 2 and w not in _STOP)


def is_question(text: str) -> bool:
    if "?" in text or "¿" in text:
        return True
    folded = _fold(text).strip()
    return folded.startswith(_QUESTION_STARTS)


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    if not a or not b:
        return False
    if shared < MIN_SHARED:
        return a == b
    return shared / min(len(a), len(b)) >= MIN_OVERLAP


@dataclass
class DoubtIndex:
    """The groups of one account, in memory: stems per group and stem → groups."""

    groups: dict[uuid.UUID, frozenset[str]] = field(default_factory=dict)
    postings: dict[str, set[uuid.UUID]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[tuple[uuid.UUID, str]]) -> DoubtIndex:
        index = cls()
        for group_id, signature in rows:
            index.add(group_id, frozenset(signature.split()))
        return index

    def add(self, group_id: uuid.UUID, signature: frozenset[str]) -> None:
        self.groups[group_id] = signature
        for stem in signature:
            self.postings.setdefault(stem, set()).add(group_id)

    def match(self, signature: frozenset[str]) -> uuid.UUID | None:
        """The group this question belongs to, or None (a new doubt).

        Candidates come from the question's rarer stems: a stem shared by more than
        `CANDIDATE_CAP` groups («votar» in an electoral inbox) still counts in the similarity
        but does not by itself make every group a candidate (unless all the question's stems
        are that common: then the rarest one's groups are looked at)."""
        lists = sorted((len(p), stem) for stem in signature
                       if (p := self.postings.get(stem)))
        candidates: set[uuid.UUID] = set()
        for size, stem in lists:
            if size > CANDIDATE_CAP and candidates:
                break
            candidates |= self.postings[stem]
            if size > CANDIDATE_CAP:
                break
        best: tuple[float, uuid.UUID] | None = None
        for group_id in candidates:
            other = self.groups[group_id]
            shared = len(signature & other)
            if shared < MIN_SHARED and other != signature:
                continue
            score = shared / min(len(signature), len(other))
            if score >= MIN_OVERLAP and (best is None or score > best[0]
                                         or (score == best[0] and group_id < best[1])):
                best = (score, group_id)
        return best[1] if best else None


def signature_text(signature: frozenset[str]) -> str:
    return " ".join(sorted(signature))
