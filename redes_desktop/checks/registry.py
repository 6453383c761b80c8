"""Which rules the engine runs, built with their data files and the user's settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from redes_desktop.checks.model import Rule
from redes_desktop.models.enums import Network


def make_rules(
    *, user_dictionary: Path | None = None, official_domains: Sequence[str] = (),
    languagetool_url: str = "", spelling: bool = True, fast_suggestions: bool = False,
) -> tuple[list[Rule], list[Rule], Callable[[str, Network], tuple[int, int]]]:
    from redes_desktop.checks.rule_bulletin import BulletinRule
    from redes_desktop.checks.rule_capitals import CapitalsRule
    from redes_desktop.checks.rule_council import CouncilSessionRule
    from redes_desktop.checks.rule_courtesy import CourtesyRule
    from redes_desktop.checks.rule_image import ImageRequiredRule
    from redes_desktop.checks.rule_invisible import InvisibleCharactersRule
    from redes_desktop.checks.rule_limits import NetworkLimitsRule, text_limit_status
    from redes_desktop.checks.rule_links import LinksRule
    from redes_desktop.checks.rule_personal_comments import PersonalCommentsRule
    from redes_desktop.checks.rule_personal_data import PersonalDataRule
    from redes_desktop.checks.rule_purpose import PurposeRule
    from redes_desktop.checks.rule_source import SourceRule
    from redes_desktop.checks.rule_spam import SpamRule

    text_rules: list[Rule] = [
        PersonalDataRule(),
        LinksRule(extra_official_domains=official_domains),
        CapitalsRule(),
        courtesy := CourtesyRule(),
        PersonalCommentsRule(courtesy),
        SpamRule(),
        InvisibleCharactersRule(),
        # The post's details (purpose, source, bulletin, session): the composer's check only.
        PurposeRule(),
        SourceRule(),
        BulletinRule(),
        CouncilSessionRule(),
    ]
    if spelling:
        text_rules.append(make_spelling_rule(user_dictionary, languagetool_url, fast_suggestions))
    network_rules: list[Rule] = [ImageRequiredRule(), NetworkLimitsRule()]

    def length_of(text: str, network: Network) -> tuple[int, int]:
        return text_limit_status(text, network)

    return text_rules, network_rules, length_of


def make_spelling_rule(
    user_dictionary: Path | None, languagetool_url: str = "", fast_suggestions: bool = False
) -> Rule:
    """`fast_suggestions`: build the suggestion index now, in the background (~2-5 s of CPU;
    the composer wants it, a short command-line run does not)."""
    from redes_desktop.checks.languagetool import LanguageToolClient
    from redes_desktop.checks.rule_grammar import GrammarChecker
    from redes_desktop.checks.rule_spelling import SpellingRule
    from redes_desktop.checks.spelling import InstitutionalDictionary, open_spell_checker

    checker = open_spell_checker()
    if fast_suggestions:
        checker.prepare_suggestions()
    dictionary = InstitutionalDictionary(user_dictionary)
    client = LanguageToolClient(languagetool_url) if languagetool_url else None
    return SpellingRule(checker, dictionary, client, GrammarChecker())
