"""6.iii — personal comments that may damage the Institute's image or contradict its guiding
principles («comentarios a título personal que puedan dañar la imagen pública del Instituto o
que contradigan sus principios rectores»). Warns (advierte); never blocks: it is a judgement
the administrator makes, and the words can be quoted in a legitimate post.

Warns about, in posts and replies alike:

- partisan opinion against impartiality: a vote asked for or against a party («vota por el
  PAN», «fuera Morena»); a first-person opinion marker in the same sentence as a party or a
  partisan word («yo creo que el PRI…», «mi candidato»); praise of a party («Morena es la mejor
  opción»);
- disqualifications of a party, the Institute or its bodies («los consejeros son unos
  corruptos»): a judgement word within six words of them in the same sentence;
- in ordinary posts (not replies), the insults of the 6.xx lexicon: in a reply 6.xx blocks
  them, in a post they are a personal comment that damages the Institute's image.

Parties are matched with their exact capitals, so bread («pan») and a brunette («morena») are
not parties. The word lists live in `resources/checks/impartiality.json`.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import cache

from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.checks.rule_courtesy import CourtesyRule, fold
from redes_desktop.resource_files import resource_path

RULE_ID = "6.iii"
DATA_FILE = resource_path("checks/impartiality.json")
_TOKEN_RE = re.compile(r"[^\W_]+")
_SENTENCE_END_RE = re.compile(r"[.!?¡¿;\n]+")
_NEAR = 6  # tokens between a judgement and whom it judges
_ARTICLES = frozenset({"el", "la", "los", "las", "al", "a", "del"})

Phrase = tuple[str, ...]
Index = dict[str, tuple[Phrase, ...]]  # first token → phrases starting with it


@dataclass(frozen=True)
class _Lists:
    parties: Index  # exact tokens
    partisan: Index  # folded tokens
    institution_exact: Index
    institution: Index
    markers: Index
    requests: Index
    judgements: Index
    praise: Index


def _index(phrases: list[Phrase]) -> Index:
    index: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


def _folded(entries: list[str]) -> Index:
    return _index([tuple(_TOKEN_RE.findall(fold(e))) for e in entries if _TOKEN_RE.search(e)])


def _exact(entries: list[str]) -> Index:
    return _index([tuple(_TOKEN_RE.findall(e)) for e in entries if _TOKEN_RE.search(e)])


@cache
def load_lists() -> _Lists:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    institution = data["institution_words"]
    return _Lists(
        parties=_exact(data["parties"]),
        partisan=_folded(data["partisan_words"]),
        institution_exact=_exact([w for w in institution if w.isupper()]),
        institution=_folded([w for w in institution if not w.isupper()]),
        markers=_folded(data["opinion_markers"]),
        requests=_folded(data["vote_requests"]),
        judgements=_folded(data["judgements"]),
        praise=_folded(data["praise"]),
    )


Firsts = dict[str, list[tuple[str, Phrase]]]


def _by_first(indexes: dict[str, Index]) -> Firsts:
    """Every list's phrases by their first token (built once per rule, not per check)."""
    firsts: Firsts = {}
    for name, index in indexes.items():
        for first, phrases in index.items():
            firsts.setdefault(first, []).extend((name, p) for p in phrases)
    return firsts


def _all_matches(tokens: list[str], indexes: dict[str, Index],
                 firsts: Firsts) -> dict[str, list[tuple[int, int]]]:
    """`_matches` for several lists in one pass over the tokens."""
    out: dict[str, list[tuple[int, int]]] = {name: [] for name in indexes}
    for i, token in enumerate(tokens):
        for name, phrase in firsts.get(token, ()):
            if len(phrase) == 1 or tuple(tokens[i:i + len(phrase)]) == phrase:
                out[name].append((i, i + len(phrase)))
    return out


def _matches(tokens: list[str], phrases: Index) -> list[tuple[int, int]]:
    """(first, last + 1) token indexes of every phrase found in `tokens`."""
    found = []
    for i, token in enumerate(tokens):
        for phrase in phrases.get(token, ()):
            if len(phrase) == 1 or tuple(tokens[i:i + len(phrase)]) == phrase:
                found.append((i, i + len(phrase)))
    return found


_PARTISAN = ("La publicación expresa una opinión partidista o personal («{said}»). El criterio "
             "6.iii restringe los comentarios a título personal que contradigan los principios "
             "rectores del Instituto, como la imparcialidad: publica solo información "
             "institucional.")
_DISQUALIFY = ("La publicación contiene «{said}», una descalificación. El criterio 6.iii "
               "restringe los comentarios a título personal que puedan dañar la imagen pública "
               "del Instituto: reformúlala con un tono institucional.")


class PersonalCommentsRule:
    rule_id = RULE_ID

    def __init__(self, courtesy: CourtesyRule | None = None) -> None:
        self._lists = lists = load_lists()
        self._courtesy = courtesy or CourtesyRule()
        self._exact_lists = {"parties": lists.parties,
                             "institution_exact": lists.institution_exact}
        self._folded_lists = {
            "partisan": lists.partisan, "institution": lists.institution,
            "requests": lists.requests, "markers": lists.markers,
            "judgements": lists.judgements, "praise": lists.praise}
        self._exact_firsts = _by_first(self._exact_lists)
        self._folded_firsts = _by_first(self._folded_lists)

    def check(self, item: CheckInput) -> list[Finding]:
        text = item.text
        if not text:
            return []
        spans = list(self._partisan(text))
        if not item.is_reply:
            spans.extend((s, e, "descalificacion") for s, e in self._courtesy.find(text))
        findings: list[Finding] = []
        last_end = -1
        for start, end, code in sorted(spans):
            if start < last_end:
                continue
            last_end = end
            template = _PARTISAN if code == "opinion_partidista" else _DISQUALIFY
            findings.append(Finding(RULE_ID, Severity.ADVIERTE,
                                    template.format(said=text[start:end]), start, end, (), code))
        return findings

    def _partisan(self, text: str):
        """(start, end, code) of partisan opinion and disqualifications, sentence by sentence.

        The text is tokenised once; each list is matched once over all tokens, and a pair
        (judgement and whom it judges, marker and party) counts only within one sentence."""
        found = list(_TOKEN_RE.finditer(text))
        if not found:
            return
        exact = [m.group() for m in found]
        folded_text = fold(text)
        folded = [folded_text[m.start():m.end()] for m in found]
        on_exact = _all_matches(exact, self._exact_lists, self._exact_firsts)
        on_folded = _all_matches(folded, self._folded_lists, self._folded_firsts)
        parties = on_exact["parties"] + on_folded["partisan"]
        actors = parties + on_exact["institution_exact"] + on_folded["institution"]
        if not actors:
            return
        ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)]
        sentence = [bisect.bisect_right(ends, m.start()) for m in found]  # per token

        def span(first: int, last: int) -> tuple[int, int]:
            return found[first].start(), found[last - 1].end()

        party_at = {a: b for a, b in parties}
        for first, last in on_folded["requests"]:
            target = last + 1 if last < len(folded) and folded[last] in _ARTICLES else last
            if target in party_at and sentence[target] == sentence[first]:
                yield *span(first, party_at[target]), "opinion_partidista"
        party_sentences = {sentence[a] for a, _ in parties}
        for first, _last in on_folded["markers"]:
            which = sentence[first]
            if which in party_sentences:
                tokens = [i for i, s in enumerate(sentence) if s == which]
                yield *span(tokens[0], tokens[-1] + 1), "opinion_partidista"
        for words, whom, code in ((on_folded["judgements"], actors, "descalificacion"),
                                  (on_folded["praise"], parties, "opinion_partidista")):
            for first, last in words:
                near = [(a, b) for a, b in whom if sentence[a] == sentence[first]
                        and a - last <= _NEAR and first - b <= _NEAR]
                if near:
                    a, b = near[0]
                    yield *span(min(first, a), max(last, b)), code
