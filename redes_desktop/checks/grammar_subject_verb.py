"""Agreement of subject and verb in number («los consejeros aprobó», «la ciudadanía votaron»),
criterion 6.xxiv. No Qt.

Only the simple case, and only when sure of both sides:
- the subject is a determiner and a listed noun (`grammar_agreement`'s lists, which give its
  number), optionally followed by a listed adjective, and the determiner and noun agree;
- the subject opens its clause: it follows the start of the text, a sentence or clause mark, or
  one of a few words that open a clause («que», «cuando», «hoy»…). After a preposition («la
  mitad de los consejeros votó») or a coordination («el INE y la ciudadanía participaron») it
  is not the whole subject, so the check is silent;
- the verb comes right after (an adverb such as «no» or an unstressed pronoun such as «se» may
  stand between) and is a third-person indicative form of a listed verb, whose number is
  certain. Forms that are also nouns («consulta», «firma») are left out.

Silent on purpose: nouns of time, which head adverbials rather than subjects («esta semana
abren los módulos», «los domingos abre»), and the verb «ser», which may agree with a plural
predicate («el problema son los plazos»).
"""

from __future__ import annotations

from redes_desktop.checks.grammar_agreement import Agreement
from redes_desktop.checks.grammar_tokens import Token, finding, match_case
from redes_desktop.checks.model import Finding

_CLAUSE_MARKS = frozenset(".!?¿¡;:()«»\"“”")
# Third-person indicative endings: (singular, plural) by conjugation, after the stem.
_ENDINGS = {
    "ar": (("a", "an"), ("ó", "aron"), ("aba", "aban"), ("ará", "arán"), ("aría", "arían")),
    "er": (("e", "en"), ("ió", "ieron"), ("ía", "ían"), ("erá", "erán"), ("ería", "erían")),
    "ir": (("e", "en"), ("ió", "ieron"), ("ía", "ían"), ("irá", "irán"), ("iría", "irían")),
}


class SubjectVerb:
    def __init__(self, data: dict, agreement: Agreement) -> None:
        self.agreement = agreement
        # verb form -> (number "s"/"p", the same form in the other number)
        self.verbs: dict[str, tuple[str, str]] = {}
        for kind in ("ar", "er", "ir"):
            for verb in data[f"verbs_{kind}"]:
                stem = verb[:-2]
                for singular, plural in _ENDINGS[kind]:
                    self._add(stem + singular, stem + plural)
        for singular, plural in data["irregular"]:
            self._add(singular, plural)
        for form in data["not_verbs"]:
            self.verbs.pop(form, None)
        self.time_nouns = frozenset(data["time_nouns"])
        self.openers = frozenset(data["clause_openers"])
        self.between = frozenset(data["between"])
        self.determiners = {d: gn for d, gn in agreement.determiners.items()
                            if d not in ("del", "al")}  # a preposition inside: not a subject

    def _add(self, singular: str, plural: str) -> None:
        self.verbs[singular] = ("s", plural)
        self.verbs[plural] = ("p", singular)

    def _opens_clause(self, tokens: list[Token], i: int) -> bool:
        if i == 0 or tokens[i].newline_before:
            return True
        before = tokens[i - 1]
        if not before.word:
            return before.text in _CLAUSE_MARKS
        return before.low in self.openers

    def findings(self, text: str, tokens: list[Token]) -> list[Finding]:
        out: list[Finding] = []
        determiners, agreement = self.determiners, self.agreement
        n = len(tokens)
        for i in range(n - 2):
            det = tokens[i]
            gn = determiners.get(det.low)
            if gn is None or not det.word:
                continue
            noun_tok = tokens[i + 1]
            if (not noun_tok.word or noun_tok.newline_before or not noun_tok.text.islower()
                    or noun_tok.low in self.time_nouns):
                continue
            noun = agreement.noun(noun_tok.low)
            if noun is None or noun[1] != gn[1] or (noun[0] != "*" and noun[0] != gn[0]):
                continue  # unknown, or the determiner disagrees (`Agreement` reports that)
            if not self._opens_clause(tokens, i):
                continue
            j = i + 2
            adjective = agreement.adjectives.get(tokens[j].low) if tokens[j].word else None
            if adjective is not None and adjective[1] == noun[1] and tokens[j].low not in (
                    self.verbs):
                j += 1
            while j < n and tokens[j].word and tokens[j].low in self.between and (
                    tokens[j].low not in self.verbs):
                j += 1
            if j >= n:
                continue
            verb_tok = tokens[j]
            if not verb_tok.word or verb_tok.newline_before or any(
                    not t.word for t in tokens[i + 1 : j]):
                continue
            verb = self.verbs.get(verb_tok.low)
            if verb is None or verb[0] == noun[1]:
                continue
            fixed = match_case(verb_tok.text, verb[1])
            subject = text[det.start : noun_tok.end]
            number = "plural" if noun[1] == "p" else "singular"
            verb_number = "plural" if verb[0] == "p" else "singular"
            message = (f"«{subject}» está en {number} y el verbo «{verb_tok.text}» en "
                       f"{verb_number}: el sujeto y el verbo concuerdan en número.")
            suggestion = text[det.start : verb_tok.start] + fixed
            out.append(finding(message, det.start, verb_tok.end, [suggestion],
                               "concordancia_sujeto_verbo"))
        return out
