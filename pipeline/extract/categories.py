"""The category of a figure: a scored decision over its features.

A figure's features are what a reader looks at to say what is counted: the counted noun
phrase's head word and its last characters (an unseen 托老所 generalises through 所, as
敬老院 and 福利院 do through 院), its other words and characters, the governing verb and the clause's other
verbs, the measure word and dimension, the words of the clause before and after the
figure (not of the rest of the sentence: a cue there is another figure's as often), the
category of the sentence's earlier figure of the same dimension, the words of the section
heading it stands under, and what each level of the trigger words of categories.yaml says (the head's
trigger, the verb's, the context's, the old cascade's verdict). The weights come from
`category_model.json` in the lexicon folder, learned by `make train` (train.py) from
annotated articles; scoring adds up the weights of the figure's features, one sum per
category, and a softmax gives the `category_confidence`.

The decision, in order (`decide`):
  1. a dimension whose category no word changes (percent -> rates, weight -> other);
  2. an `overrides` word of categories.yaml: the counted noun ends with it, or it is the
     governing verb: a researcher's correction, whatever the model says; for people, an
     `override_verbs` word that governs them (培训) or an `outcomes` word after them;
  3. a figure compared with an earlier time (比上年增加3.2万人) that names no noun of its
     own: the category of the figure before it of its dimension;
  4. a trigger noun or verb of a category the model was not trained on (one added to
     categories.yaml since `make train`);
  5. the model, its categories merged as `replace_for_dimension` says (people are never
     funds: a funds score counts for beneficiaries; `kept_for_unit` keeps loans counted in
     笔 funds);
  6. without a model, the trigger cascade alone (category_rules.rule_category).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import Lexicon
from ..report import Indicator, Quantity, Sentence
from . import category_rules as rules

LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
NO_HEAD = "∅"  # the feature value of a figure whose phrase names nothing: 全县总数达到87个


@dataclass
class Phrase:
    """The noun phrase a figure counts, as words, and what surrounds it."""
    tokens: list[str]
    skipped: frozenset = frozenset()  # quotes and spaces, not part of the phrase's text
    verb: str = ""               # the verb right before the figure (达2091人), else before the phrase
    after_figure: bool = False   # a figure comes right before this one: 3895对6945人
    past_relative: bool = False  # read after a relative clause's 的 (280家巩固脱贫的中小企业)

    @property
    def text(self) -> str:
        return "".join(self.words)

    @property
    def words(self) -> list[str]:
        return [t for t in self.tokens if t not in self.skipped]

    def drop_place(self, prefixes) -> "Phrase":
        """全市工会会员 -> 工会会员: a place word says where, not what is counted."""
        if self.tokens and self.tokens[0].startswith(tuple(prefixes)):  # the common case: none
            first = self.tokens[0]
            cut = next((p for p in prefixes if first.startswith(p) and len(self.text) > len(p)), None)
            if cut is not None:
                rest = first[len(cut):]
                self.tokens = ([rest] if rest else []) + self.tokens[1:]
        return self


@dataclass
class Figure:
    """What the category decision reads of one figure."""
    quantity: Quantity
    phrase: Phrase
    action: str
    verbs: list[str]       # of its clause, before then after it
    clause_before: str
    clause: str
    sentence: str
    previous: Indicator | None  # the figure before it in the sentence
    # the nearest figure of its dimension before it in the sentence: a list goes on past a
    # figure of another dimension (其中大学新生1120名，每人资助5000元；中小学生3206名)
    previous_alike: Indicator | None = None
    words_before: list[str] = field(default_factory=list)  # of the clause, nearest first
    words_after: list[str] = field(default_factory=list)   # of the clause, nearest first
    heading: list[str] = field(default_factory=list)       # words of the section heading
    near_before: list[str] = field(default_factory=list)   # the clause's nearest words before
    near_after: list[str] = field(default_factory=list)    # and after it that are not particles,
    # prepositions, adverbs or the governing verb: 捐款的有250人次 -> 捐款
    segment: str = ""  # its part of the clause: from the figure before it to the one after it
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # category_rules' readings
    # what the figures of one sentence share, worked out by the first that asks (the
    # context words of the sentence): one dict for them all (meaning.SentenceWords.shared)
    shared: dict = field(default_factory=dict, repr=False, compare=False)


# ------------------------------------------------------------------------ features

def features(f: Figure, lexicon: Lexicon) -> list[str]:
    """The features of a figure, as strings `kind:value` (the model's keys)."""
    q, dim = f.quantity, f.quantity.dimension
    out = [f"d:{dim}", f"u:{q.unit}"]
    words = rules.head_words(f, lexicon)
    out += _noun_features(words, dim)
    if words != f.phrase.words:
        out.append("transparent")
    if f.phrase.after_figure:
        out.append("after_figure")
    if f.action:
        out += [f"a:{f.action}", f"ad:{dim}|{f.action}", f"a1:{f.action[-1]}", f"a0:{f.action[0]}"]
    out += [f"v:{v}" for v in f.verbs]
    out += [f"cb:{w}" for w in f.words_before] + [f"ca:{w}" for w in f.words_after]
    out += [f"cb1:{w}" for w in f.words_before[:2]] + [f"ca1:{w}" for w in f.words_after[:2]]
    # not the words of the rest of the sentence: a cue there is some other figure's as often
    # as this one's (全市建会企事业单位… made a contest's proposals union_orgs), and on pages
    # never tuned on the model did better without them (features v3)
    out += [f"hd:{w}" for w in f.heading]
    out += [f"nb:{w}" for w in f.near_before] + [f"na:{w}" for w in f.near_after]
    out += _trigger_features(f, words, lexicon)
    if f.previous is not None and not f.verbs and f.previous.action:
        # a list under one verb: 表彰了25个先进组织, 10名先进个人
        out.append(f"pa:{f.previous.action}")
        if f.previous.action in lexicon.categories.verbs:
            out.append(f"TPA:{lexicon.categories.verbs[f.previous.action]}")
    alike = f.previous_alike
    if alike is not None:
        out.append(f"prev:{alike.category}")
        if not words:
            out.append(f"prev_empty:{alike.category}")
    return list(dict.fromkeys(out))  # each once, in a fixed order


def _noun_features(words: list[str], dim: str) -> list[str]:
    words = [w for w in words if w]
    if not words:
        return [f"h:{NO_HEAD}", f"hd:{dim}|{NO_HEAD}"]
    text, head = "".join(words), words[-1]
    out = [f"h:{head}", f"hdim:{dim}|{head}", f"c1:{text[-1]}", f"c1d:{dim}|{text[-1]}",
           f"n:{text}"]
    if len(text) > 1:
        out += [f"c2:{text[-2:]}", f"c2d:{dim}|{text[-2:]}"]
    if len(words) > 1:
        out.append(f"h2:{words[-2]}")
    out += [f"w:{w}" for w in words] + [f"ch:{c}" for c in LETTER.findall(text)]
    out += [f"bg:{text[i:i + 2]}" for i in range(len(text) - 1)]
    return out


def _trigger_features(f: Figure, words: list[str], lexicon: Lexicon) -> list[str]:
    """What the trigger words of each level of categories.yaml say, as features."""
    cats, m, dim = lexicon.categories, rules.matchers(lexicon), f.quantity.dimension
    cascade = rules.rule_category(f, lexicon)
    out = [f"R:{cascade}", f"Rd:{dim}|{cascade}"]
    head = rules.head_category(f, lexicon, head_only=True)
    if head:
        out += [f"TH:{head}", f"THd:{dim}|{head}"]
    anywhere = rules.head_category(f, lexicon, head_only=False)
    if anywhere:
        out.append(f"TN:{anywhere}")
    if f.action in cats.verbs:
        out += [f"TA:{cats.verbs[f.action]}", f"TAd:{dim}|{cats.verbs[f.action]}"]
        if head:  # the verb's word against the noun's: 培训农民工 (participants, beneficiaries)
            out.append(f"TAH:{cats.verbs[f.action]}|{head}")
    out += [f"TV:{cats.verbs[v]}" for v in f.verbs if v in cats.verbs]
    if m.context is not None:
        out += [f"TC:{cats.context[hit]}" for hit in m.context.findall(f.segment or f.clause)]
        out += _sentence_context(f, m.context, cats)
    out += _clause_triggers("Wb", f.words_before, cats)
    out += _clause_triggers("Wn", f.near_before, cats, dim)
    unit = cats.default_by_unit.get(f.quantity.unit)
    if unit:
        out.append(f"TU:{unit}")
    rule = rules.dimension_rule(f, lexicon)
    if rule is not None and not rule[1]:
        out.append(f"TX:{rule[0]}")
    return out


def _sentence_context(f: Figure, context: re.Pattern, cats) -> list[str]:
    """The TS features of the context words of the figure's sentence, once per sentence."""
    shared = f.shared
    if "TS" not in shared:
        shared["TS"] = [f"TS:{cats.context[hit]}" for hit in context.findall(f.sentence)]
    return shared["TS"]


def _clause_triggers(kind: str, words: list[str], cats, dim: str = "") -> list[str]:
    """The categories of the words that are trigger nouns or verbs: 捐款 in 捐款的有250人次."""
    out, nouns, verbs, suffix = [], cats.nouns, cats.verbs, f"|{dim}" if dim else ""
    for w in words:
        if w in nouns:
            out.append(f"{kind}n:{nouns[w]}{suffix}")
        if w in verbs:
            out.append(f"{kind}v:{verbs[w]}{suffix}")
    return out


# ------------------------------------------------------------------------ decision

def decide(f: Figure, lexicon: Lexicon) -> tuple[str, float | None]:
    """(category, confidence 0-1) of a figure; the order is the module docstring's."""
    rule = rules.dimension_rule(f, lexicon)
    if rule is not None and rule[1]:
        return rule[0], 1.0
    replace = rules.replacements(lexicon, f.quantity.dimension, f.quantity.unit)
    decided = rules.override(f, lexicon) or _change_of_previous(f, lexicon) or _untrained_trigger(f, lexicon)
    if decided:
        return replace.get(decided, decided), 1.0
    model = lexicon.category_model
    if model is None:
        return rules.rule_category(f, lexicon), None
    probabilities = score(model, features(f, lexicon))
    targets, ranked = _merge_plan(lexicon, f.quantity.dimension, f.quantity.unit)
    merged: dict[str, float] = {}
    for category, p in zip(targets, probabilities):
        if category is not None:
            merged[category] = merged.get(category, 0.0) + p
    best = max(ranked, key=merged.__getitem__)  # on a tie the first of categories.yaml
    return best, round(merged[best] / (sum(merged.values()) or 1.0), 3)


@lru_cache(maxsize=256)
def _merge_plan(lexicon: Lexicon, dimension: str, unit: str) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """What each model category counts for with this dimension and measure word
    (replace_for_dimension, kept_for_unit; None: no category of categories.yaml), and those
    categories in categories.yaml's order."""
    replace, names = rules.replacements(lexicon, dimension, unit), lexicon.categories.names
    targets = tuple(replace.get(c, c) if replace.get(c, c) in names else None
                    for c in lexicon.category_model.categories)
    return targets, tuple(sorted({t for t in targets if t is not None}, key=names.index))


def score(model, feats: list[str]) -> list[float]:
    """The model's probability of each of its categories, for these features."""
    weights = model.weights
    rows = filter(None, map(weights.get, feats))  # a row is never empty (category_model.py)
    total = list(map(sum, zip(model.intercept, *rows)))
    top = max(total)
    exps = [math.exp(s - top) for s in total]
    norm = sum(exps)
    return [e / norm for e in exps]


def _change_of_previous(f: Figure, lexicon: Lexicon) -> str | None:
    """会员达到86.3万人，比上年增加3.2万人: a figure compared with a year before (a comparison
    word of kinds.yaml's `change` in its clause) that names no noun of its own counts what
    the figure before it of its dimension counts."""
    previous, comparison = f.previous, lexicon.kinds.change_comparison
    if f.phrase.words or previous is None or previous.dimension != f.quantity.dimension or comparison is None:
        return None
    return previous.category if comparison.search(f.clause_before) else None


def _untrained_trigger(f: Figure, lexicon: Lexicon) -> str | None:
    """A category the model does not know is decided by its own trigger nouns and verbs."""
    model = lexicon.category_model
    if model is None:
        return None
    new = _untrained(lexicon)
    if not new:
        return None
    for found in (rules.head_category(f, lexicon, head_only=True),
                  lexicon.categories.verbs.get(f.action)):
        if found in new:
            return found
    return None


@lru_cache(maxsize=8)
def _untrained(lexicon: Lexicon) -> frozenset[str]:
    model = lexicon.category_model
    return frozenset(lexicon.categories.names) - frozenset(model.categories if model else ())


# ----------------------------------------------------------------- section headings

def is_heading(sentence: Sentence, paragraph_size: int, lexicon: Lexicon) -> bool:
    """A section heading: a paragraph of one short sentence, or a short sentence that
    starts with a heading mark (一、 (二)) and opens its paragraph."""
    cats = lexicon.categories
    if len(sentence.text) > cats.heading_max_chars:
        return False
    marked = any(p.match(sentence.text) for p in cats.heading_patterns)
    return marked or (paragraph_size == 1 and sentence.text[-1:] not in lexicon.grammar.clause_breaks)


def section_headings(sentences: list[Sentence], lexicon: Lexicon) -> list[list[str]]:
    """For each sentence, the words of the heading it stands under (the nearest one
    before it, or itself), [] before the first heading; the title is not a heading."""
    sizes: dict[int, int] = {}
    for s in sentences:
        sizes[s.paragraph] = sizes.get(s.paragraph, 0) + 1
    out: list[list[str]] = []
    current: list[str] = []
    previous = sentences[0].paragraph if sentences else None
    for n, s in enumerate(sentences):
        opens = n > 0 and s.paragraph != previous
        previous = s.paragraph
        if opens and is_heading(s, sizes[s.paragraph], lexicon):
            current = content_words(s.tokens)
        out.append(current)
    return out


# the characters LETTER matches (all of the BMP), for a test of a word's first character
# by a set, quicker than a match: every token of a sentence with figures is tested
_LETTERS = frozenset(filter(LETTER.match, map(chr, range(0x10000))))


def content_words(tokens) -> list[str]:
    """The words of tokens that can say what is counted: not numerals, not punctuation."""
    return sorted(content_word_set(tokens))


def content_word_set(tokens) -> set[str]:
    """content_words as a set, unsorted."""
    return {w for t in tokens if (w := t.text)[:1] in _LETTERS and (t.tag or "x")[0] not in "mq"}
