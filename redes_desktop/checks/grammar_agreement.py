"""Agreement of determiner, noun and adjective («los ciudadano», «la módulo», «las casillas
instalada»), criterion 6.xxiv. No Qt.

Flags only when sure of both sides:
- the determiner's gender and number come from a closed list (el, la, los, unos, esta, …);
- the noun is one of the frequent nouns listed in gramatica.json (gender given, plural derived
  by the regular rules) or ends in a suffix of known gender (-ción, -sión, -dad, -tad, -tud are
  feminine; -miento is masculine);
- an adjective is checked only right after a determiner and noun that agree, and only when it
  is in the list (mexicano, electoral, …).

Silent on purpose: capitalised nouns (Los Cabos, La Paz), «el acta» / «un área» (feminine nouns
with a stressed a), nouns of both genders (el/la representante: number only), and «la/los/las»
that may be a pronoun before a verb («no los registro», «él las consulta»).
"""

from __future__ import annotations

from redes_desktop.checks.grammar_tokens import Token, finding, match_case
from redes_desktop.checks.model import Finding

_SUFFIX_GENDER = (("ciones", "fp"), ("siones", "fp"), ("dades", "fp"), ("tades", "fp"),
                  ("tudes", "fp"), ("mientos", "mp"), ("ción", "fs"), ("sión", "fs"),
                  ("dad", "fs"), ("tad", "fs"), ("tud", "fs"), ("miento", "ms"))
_DROP_ACCENT = str.maketrans("áéíóú", "aeiou")
_IRREGULAR_PLURALS = {"joven": "jóvenes", "imagen": "imágenes", "examen": "exámenes",
                      "origen": "orígenes", "carácter": "caracteres", "régimen": "regímenes"}
_DET_FOR = {
    "el": {"ms": "el", "fs": "la", "mp": "los", "fp": "las"},
    "la": {"ms": "el", "fs": "la", "mp": "los", "fp": "las"},
    "los": {"ms": "el", "fs": "la", "mp": "los", "fp": "las"},
    "las": {"ms": "el", "fs": "la", "mp": "los", "fp": "las"},
    "un": {"ms": "un", "fs": "una", "mp": "unos", "fp": "unas"},
    "una": {"ms": "un", "fs": "una", "mp": "unos", "fp": "unas"},
    "unos": {"ms": "un", "fs": "una", "mp": "unos", "fp": "unas"},
    "unas": {"ms": "un", "fs": "una", "mp": "unos", "fp": "unas"},
    "este": {"ms": "este", "fs": "esta", "mp": "estos", "fp": "estas"},
    "esta": {"ms": "este", "fs": "esta", "mp": "estos", "fp": "estas"},
    "estos": {"ms": "este", "fs": "esta", "mp": "estos", "fp": "estas"},
    "estas": {"ms": "este", "fs": "esta", "mp": "estos", "fp": "estas"},
    "ese": {"ms": "ese", "fs": "esa", "mp": "esos", "fp": "esas"},
    "esa": {"ms": "ese", "fs": "esa", "mp": "esos", "fp": "esas"},
    "esos": {"ms": "ese", "fs": "esa", "mp": "esos", "fp": "esas"},
    "esas": {"ms": "ese", "fs": "esa", "mp": "esos", "fp": "esas"},
}


def plural(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word[-1] in "aeiouáéó":
        return word + "s"
    if word.endswith("z"):
        return word[:-1] + "ces"
    base = word
    if word[-2:] in ("ón", "án", "én", "ás", "és") or word.endswith("ín"):
        base = word[:-2] + word[-2].translate(_DROP_ACCENT) + word[-1]
    return base + "es"


class Agreement:
    def __init__(self, data: dict) -> None:
        self.determiners: dict[str, str] = data["determiners"]
        self.clitic_like = frozenset(data["clitic_like"])
        self.clitic_prev = frozenset(data["clitic_prev"])
        self.verb_like = frozenset(data["verb_like"])
        self.stressed_a = frozenset(data["stressed_a_feminine"])
        self.singular_in_s = frozenset(data["singular_in_s"])
        # noun form -> (gender "m"/"f"/"*", number "s"/"p")
        self.nouns: dict[str, tuple[str, str]] = {}
        for key, gender in (("nouns_m", "m"), ("nouns_f", "f"), ("nouns_mf", "*")):
            for noun in data[key]:
                self.nouns[noun] = (gender, "s")
                if noun not in self.singular_in_s or not noun.endswith("s"):
                    self.nouns[plural(noun)] = (gender, "p")
        # adjective form -> (gender "m"/"f"/"*", number)
        self.adjectives: dict[str, tuple[str, str]] = {}
        for adj in data["adjectives_o"]:
            if adj.endswith("o"):
                stem = adj[:-1]
                for suffix, gn in (("o", "ms"), ("a", "fs"), ("os", "mp"), ("as", "fp")):
                    self.adjectives[stem + suffix] = (gn[0], gn[1])
            else:
                self.adjectives[adj] = ("*", "s")
                self.adjectives[plural(adj)] = ("*", "p")

    def noun(self, word: str) -> tuple[str, str] | None:
        if word in self.nouns:
            return self.nouns[word]
        for suffix, gn in _SUFFIX_GENDER:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                return gn[0], gn[1]
        return None

    def findings(self, text: str, tokens: list[Token]) -> list[Finding]:
        out: list[Finding] = []
        for i in range(len(tokens) - 1):
            det, noun_tok = tokens[i], tokens[i + 1]
            gn = self.determiners.get(det.low)
            if gn is None or not det.word or not noun_tok.word or noun_tok.newline_before:
                continue
            if not noun_tok.text.islower():
                continue  # Los Cabos, La Paz, an acronym
            if i + 2 < len(tokens) and tokens[i + 2].text == "-":
                continue  # a compound: «los político-electorales»
            noun = self.noun(noun_tok.low)
            if noun is None or self._pronoun_reading(tokens, i, noun_tok.low):
                continue
            f = self._check_pair(text, det, noun_tok, gn, noun)
            if f is not None:
                out.append(f)
                continue
            if i + 2 < len(tokens):
                f = self._check_adjective(text, tokens, i, gn, noun)
                if f is not None:
                    out.append(f)
        return out

    def _pronoun_reading(self, tokens: list[Token], i: int, noun: str) -> bool:
        """«la/las/los» may be a pronoun before a verb: «no los registro», «él las consulta»."""
        if tokens[i].low not in self.clitic_like:
            return False
        if noun in self.verb_like:
            return True
        prev = tokens[i - 1] if i > 0 else None
        return prev is not None and prev.word and prev.low in self.clitic_prev

    def _check_pair(self, text: str, det: Token, noun_tok: Token, det_gn: str,
                    noun: tuple[str, str]) -> Finding | None:
        gender, number = noun
        det_gender, det_number = det_gn[0], det_gn[1]
        if gender == "f" and det_gender == "m" and det_number == "s" and number == "s" and (
                noun_tok.low in self.stressed_a):
            return None  # el acta, un área, algún aula
        gender_ok = gender == "*" or gender == det_gender
        if gender_ok and number == det_number:
            return None
        what = "el número" if gender_ok else ("el género" if number == det_number else
                                               "el género y el número")
        span = text[det.start : noun_tok.end]
        suggestions: list[str] = []
        table = _DET_FOR.get(det.low)
        if table is not None:
            wanted = (det_gender if gender == "*" else gender) + number
            if not (wanted == "fs" and noun_tok.low in self.stressed_a):
                suggestions.append(match_case(det.text, table[wanted]) + " " + noun_tok.text)
        other = self._noun_form(noun_tok.low, gender, det_number)
        if other is not None and table is not None:
            wanted = (det_gender if gender == "*" else gender) + det_number
            fixed = match_case(det.text, table[wanted]) + " " + other
            if fixed not in suggestions:
                suggestions.append(fixed)
        message = (f"«{span}»: no concuerdan {what} del artículo y el sustantivo.")
        return finding(message, det.start, noun_tok.end, suggestions, "concordancia")

    def _noun_form(self, noun: str, gender: str, number: str) -> str | None:
        """`noun` in the other number, if it is one of the listed nouns."""
        if number == "p" and plural(noun) in self.nouns:
            return plural(noun)
        if number == "s":
            for form, (g, n) in self.nouns.items():
                if n == "s" and g == gender and plural(form) == noun:
                    return form
        return None

    def _check_adjective(self, text: str, tokens: list[Token], i: int, det_gn: str,
                         noun: tuple[str, str]) -> Finding | None:
        adj_tok = tokens[i + 2]
        if not adj_tok.word or adj_tok.newline_before or not adj_tok.text.islower():
            return None
        if i + 3 < len(tokens) and tokens[i + 3].text == "-":
            return None
        adj = self.adjectives.get(adj_tok.low)
        if adj is None or self.noun(adj_tok.low) is not None and adj_tok.low not in (
                self.adjectives):
            return None
        gender = det_gn[0] if noun[0] == "*" else noun[0]
        number = noun[1]
        adj_gender, adj_number = adj
        if adj_number == number and (adj_gender == "*" or adj_gender == gender):
            return None
        fix = self._adjective_form(adj_tok.low, gender, number)
        start, end = tokens[i].start, adj_tok.end
        suggestions = [text[start : tokens[i + 1].end] + " " + fix] if fix else []
        message = (f"«{text[start:end]}»: el adjetivo «{adj_tok.text}» no concuerda con "
                   f"«{tokens[i + 1].text}».")
        return finding(message, start, end, suggestions, "concordancia")

    def _adjective_form(self, adj: str, gender: str, number: str) -> str | None:
        for form, (g, n) in self.adjectives.items():
            if n == number and g in (gender, "*") and _same_lemma(form, adj):
                return form
        return None


def _same_lemma(a: str, b: str) -> bool:
    stem = lambda w: w.rstrip("s").rstrip("aoe")  # noqa: E731 - two-line helper
    return stem(a) == stem(b) and abs(len(a) - len(b)) <= 2
