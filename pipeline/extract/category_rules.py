"""The trigger words of categories.yaml, read over one figure.

What each level of the lexicon says about a figure (the category of the counted noun's
head, of its verb, of the words of its clause …), and the cascade that chained these
into one decision before the category model (`rule_category`, in the order documented
at the top of categories.yaml). The model (`categories.py`) reads every one of these as
a feature; the cascade alone decides when a lexicon folder has no model.

A figure here is a `categories.Figure` (its quantity, counted phrase, verbs, clause).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon


DIGIT = re.compile(r"\d")


@dataclass
class _Matchers:
    nouns: re.Pattern | None        # reversed triggers, for rightmost-then-longest search
    context: re.Pattern | None
    exceptions: dict[str, re.Pattern | None]
    overrides: re.Pattern | None    # reversed, like nouns
    outcomes: re.Pattern | None = None


def reversed_alternation(words) -> re.Pattern | None:
    words = sorted({w[::-1] for w in words}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def alternation(words) -> re.Pattern | None:
    words = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


@lru_cache(maxsize=8)
def matchers(lexicon: Lexicon) -> _Matchers:
    cats = lexicon.categories
    return _Matchers(
        nouns=reversed_alternation(cats.nouns),
        context=alternation(cats.context),
        exceptions={dim: reversed_alternation(exc) for dim, (_, exc) in cats.dimension_rules.items()},
        overrides=reversed_alternation(cats.overrides),
        outcomes=_aspect_alternation(cats.outcomes),
    )


ASPECT = "了"  # 实现了集中就业 is 实现集中就业 done: an outcome word may hold it after its verb


def _aspect_alternation(words) -> re.Pattern | None:
    """The outcome words, each allowing 了 after its first two characters (实现了就业)."""
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w[:2]) + f"{ASPECT}?" + re.escape(w[2:]) if len(w) > 2 else re.escape(w)
                               for w in words))


def noun_category(words: list[str], lexicon: Lexicon, head_only: bool) -> str | None:
    """The category of the longest noun trigger that ends where a word ends: the head
    word (the last) first; with head_only=False, then each earlier word."""
    pattern = matchers(lexicon).nouns
    if pattern is None:
        return None
    ends = [len(words)] if head_only else range(len(words), 0, -1)
    for k in ends:
        hit = pattern.match("".join(words[:k])[::-1])
        if hit:
            return lexicon.categories.nouns[hit.group()[::-1]]
    return None


def head_words(f, lexicon: Lexicon) -> list[str]:
    """The figure's counted words without their transparent head (without_transparent_head),
    worked out once per figure: every level of the decision reads them."""
    memo = f.memo
    if "head_words" not in memo:
        memo["head_words"] = without_transparent_head(f.phrase.words, lexicon)
    return memo["head_words"]


def head_category(f, lexicon: Lexicon, head_only: bool) -> str | None:
    """noun_category of the figure's head_words, once per figure and `head_only`. The
    search over every word (head_only=False) begins with the head's own: it goes on from the
    word before the head only when that found nothing."""
    memo, key = f.memo, ("noun_category", head_only)
    if key not in memo:
        words = head_words(f, lexicon)
        if head_only or not words:
            memo[key] = noun_category(words, lexicon, head_only)
        else:
            memo[key] = head_category(f, lexicon, head_only=True) or \
                noun_category(words[:-1], lexicon, head_only=False)
    return memo[key]


def without_transparent_head(words: list[str], lexicon: Lexicon) -> list[str]:
    """工会会员总数 -> 工会会员: the head says how many, the noun before says of what."""
    cats = lexicon.categories
    while words:
        text = "".join(words)
        if text.endswith(cats.not_transparent) or not text.endswith(cats.transparent_heads):
            break  # 消费价格指数: the noun itself; 工会会员: no head to drop
        cut = next(h for h in cats.transparent_heads if text.endswith(h))
        n = len(cut)  # a head may span words: 目标|任务
        while n and words:
            last = words[-1]
            words = words[:-1] + ([last[:-n]] if len(last) > n else [])
            n -= min(n, len(last))
    return words  # empty when the phrase only says "the total": 全县总数


def dimension_rule(f, lexicon: Lexicon) -> tuple[str, bool] | None:
    """The dimension's own rule (dimension_rules): (category, fixed). `fixed` when no word
    can change it (percent -> rates) or when an exception word heads the counted noun
    (计划总投资1066亿元 -> other); else the category is the rule's or its exception's.
    Worked out once per figure (the decision, the features and the cascade all ask)."""
    memo = f.memo
    if "dimension_rule" not in memo:
        memo["dimension_rule"] = _dimension_rule(f, lexicon)
    return memo["dimension_rule"]


def _dimension_rule(f, lexicon: Lexicon) -> tuple[str, bool] | None:
    q, cats = f.quantity, lexicon.categories
    if q.unit in cats.unit_rules:  # events counted (慰问退役军人460余场次): whatever is done at them
        return cats.unit_rules[q.unit], True
    rule = cats.dimension_rules.get(q.dimension)
    if rule is None:
        return None
    category, exceptions = rule
    pattern = matchers(lexicon).exceptions.get(q.dimension)
    if pattern is None:
        return category, True
    for k, text in enumerate((f.phrase.text, f.clause_before)):
        hit = pattern.search(text[::-1])
        if hit:  # the head of the counted noun (计划总投资1066亿元) decides; a word elsewhere weighs
            return exceptions[hit.group()[::-1]], k == 0 and hit.start() == 0
    return category, False


def override(f, lexicon: Lexicon) -> str | None:
    """The category of an `overrides` word of categories.yaml that ends the counted noun
    (the longest), or that is the governing verb, or of an `outcomes` word in the figure's
    clause after it (帮扶4052名就业困难人员实现就业: what became of the people counted), or,
    for people, of an `override_verbs` word that governs them (就业培训7252人: people
    trained, whatever their training is for): it decides whatever the model says."""
    cats = lexicon.categories
    if f.action in cats.overrides:
        return cats.overrides[f.action]
    people = f.quantity.dimension in cats.outcome_dimensions
    if people and f.action in cats.override_verbs:
        return cats.override_verbs[f.action]
    outcomes = matchers(lexicon).outcomes
    if outcomes is not None and people:
        after = f.clause[len(f.clause_before) + f.quantity.end - f.quantity.start:]
        hit = outcomes.search(after)
        # an outcome whose object is a service (参加免费体检) leaves the people its receivers:
        # categories.yaml outcome_not_before, as SPEC counts 体检 and 康复 for beneficiaries
        if hit is not None and any(w in after[hit.end():] for w in cats.outcome_not_before):
            hit = None
        # a second predicate (培训1200名贫困母亲并实现就业创业): the people are the first verb's
        # object, which counts them; the outcome is the plan's, not what they are counted as
        if hit is not None and any(w in after[:hit.start()] for w in lexicon.grammar.clause_conjunctions):
            hit = None
        # before 的 it says which people (为3761名已加入工会的快递员缴交互助金): no outcome of theirs
        if hit is not None and after.startswith(lexicon.grammar.particle, hit.end()):
            hit = None
        # the clause's only figure: 培训2600人并推动其中1800人实现就业 is the 1800's outcome,
        # 培训2600人实现就业1800人 too
        if hit is not None and not DIGIT.search(after, 0, hit.start()) and not DIGIT.search(after, hit.end()):
            # the outcome's object a work team (抽调6名党员干部参加督导组): the people are staff
            joined = next((c for w, c in _object_nouns(lexicon) if w in after[hit.end():]), None)
            return joined or cats.outcomes[hit.group().replace(ASPECT, "")]
    pattern = matchers(lexicon).overrides
    words = head_words(f, lexicon)
    hit = pattern.match("".join(words)[::-1]) if pattern is not None and words else None
    return cats.overrides[hit.group()[::-1]] if hit else None


@lru_cache(maxsize=8)
def _object_nouns(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """(noun, category) of the nouns of outcome_object_categories, the longest first."""
    cats = lexicon.categories
    return tuple(sorted(((w, c) for w, c in cats.nouns.items() if c in cats.outcome_object_categories),
                        key=lambda wc: -len(wc[0])))


def rule_category(f, lexicon: Lexicon) -> str:
    """The cascade of trigger words alone, in the order of categories.yaml's comment."""
    rule = dimension_rule(f, lexicon)
    category = rule[0] if rule is not None else \
        lexicon.categories.default_by_unit.get(f.quantity.unit) or _by_words(f, lexicon)
    return replacements(lexicon, f.quantity.dimension, f.quantity.unit).get(category, category)


@lru_cache(maxsize=256)
def replacements(lexicon: Lexicon, dimension: str, unit: str) -> dict[str, str]:
    """replace_for_dimension's mapping for a figure of this dimension and measure word, less
    what kept_for_unit keeps for the word (a count of loans, 担保贷款341笔, may be funds)."""
    cats = lexicon.categories
    replace, kept = cats.replace_for_dimension.get(dimension, {}), cats.kept_for_unit.get(unit, ())
    return {old: new for old, new in replace.items() if old not in kept}


def _by_words(f, lexicon: Lexicon) -> str:
    """Steps 3 to 11 of categories.yaml."""
    q, cats, m = f.quantity, lexicon.categories, matchers(lexicon)
    same_dimension = f.previous is not None and f.previous.dimension == q.dimension
    action_category = cats.verbs.get(f.action)
    if action_category in cats.verb_first.get(q.dimension, ()):
        return action_category
    words = head_words(f, lexicon)
    found = head_category(f, lexicon, head_only=True)
    if found:
        return found
    if words != f.phrase.words and same_dimension and head_category(f, lexicon, head_only=False) is None:
        return f.previous.category  # 全县总数达到87个: the total of the figure before
    if action_category:
        return action_category
    for verb in f.verbs:
        if verb in cats.verbs:
            return cats.verbs[verb]
    hit = m.context.search(f.clause) if m.context is not None else None
    if hit:
        return cats.context[hit.group()]
    found = head_category(f, lexicon, head_only=False)
    if found:
        return found
    if not f.phrase.words and same_dimension:
        return f.previous.category  # 会员达到86.3万人,比上年增加3.2万人
    hit = m.context.search(f.sentence) if m.context is not None else None
    if hit:
        return cats.context[hit.group()]
    return cats.default_by_dimension.get(q.dimension, cats.fallback)
