"""The pipeline: one configured object that runs the stages over reports, in order.

    nlp = Pipeline()                      # lexicons/ and jieba by default
    report = nlp("五年来，全区新建工会组织1410个。")     # a text, or a Report
    reports = nlp.process_path("corpus/a.txt")       # a file: one report, or one per row

Like a spaCy `Language`, it is built once (lexicons loaded and checked, stages checked
for order, segmenter ready) and then called on many documents. STAGES is the one list of
stages; the spaCy component and the folder runner use it through this class.
"""
from __future__ import annotations

import gc
import traceback
from dataclasses import dataclass
from pathlib import Path

from . import describe, extract, ingest, normalize, segment
from . import lexicon as lexicon_mod
from .backends import Segmenter, make_segmenter
from .lexicon import Lexicon
from .report import Report
from .settings import Settings
from .stages import Stage, check_order, run_stages

STAGES: list[Stage] = [ingest.STAGE, normalize.STAGE, segment.STAGE, describe.STAGE, extract.STAGE]

# Bump when a change of code changes the output, so that incremental runs redo everything.
# 3: summary sums; 4: stages as one list, per-file state; 5: kind, year, part_of, repeat_of,
# signatures; 6: currencies, every value right; 7: report metadata; 8: PDF, Word,
# Markdown and tables of articles read (skipped before), the page of PDF rows; 9: bounded
# sentences, NUL bytes removed; 10: report years within the text's own bounds, renamed
# divisions under their current codes; 11: segmented texts only with --segmented; 12: kinds,
# years and links that hold on real prose (headings, 累计 in a period, lists without 其中); 13: the category
# model; 15: report metadata on real pages (third round); 16: categories (features v2); 17: report
# metadata on a fresh set of real pages (site-named chrome dates, signed reports, towns with 市);
# 18: kinds (longest words first, plan lists after a colon), undated years after a starting point,
# the category model retrained on 139 articles; 19: report metadata on the fifth set's fresh pages
# (a place's 人社部门, a town's 工会, five-year plans, zones, more kinds of body and chrome lines);
# 20: categories of features v4 (no sentence-wide words, a list's earlier figure of the same
# dimension, glued nouns, relative clauses), retrained on 171 articles;
# 21: report metadata of the sixth round (bylines, a title's year without 年, a body after
# a place's short name) changes reports.csv (and a doc-site page's year its figures' years);
# 22: kinds of this round's second half (参保, inline numbered headings, a plan's colon list,
# 受益…达), parts by their own measure word, after_start by 开始/起 only, 203 training articles;
# 23: disclosure pages' field lines, e-paper headers, 发布机构 as source, industry unions,
# more plan words after a year; 24: a review's fixes (numbered items with figures kept, headlines
# about reporters, 城乡工会, 县乡村振兴局, 五华 of two places, 以来 clauses, bare title years);
# 25: a noun before the figure beats a relative clause's, 完成 looks back, plain words first
# 26: metadata: edition lines in title marks, a portal's date-site-paper line, a bulleted date or fields line, a labelled date before a clock, the headline below a breadcrumb or glued to the lead; 信访 figures are rights
# 27: union_orgs are unions' only (团组织, 妇联组织, 商会: other); 团市委 named with its place before it; a county by a rare short name, a bureau by its system or meeting; portal chrome dates, 源自, day-first dotted dates, 来宾网-来宾日报讯; 去年 opening a paragraph's figures; view counts are chrome; outcomes (实现就业: jobs) and petitions received (接访: rights) decide a category; 自去年以来 is no last year's
# 28: metadata: bulleted lists of other headlines are chrome, an e-paper's issue line and a dated byline date the page, national bodies named as written; counted nouns: a verbal noun between verb and noun, determiners after the measure word, 一线; participants' outcomes; a part takes its whole's category; towns.tsv places town bodies and pages naming towns; years of history, of event days
# 29: a menu is never joined with the headline under it; a site's name, date and readings line; 团…县委 with its place's parents inside; a town's 退役军人服务站; 建军 and 抗战胜利 anniversaries
# 30: training given or received is participants' outcome, households' outcomes, none after 并; the noun ends at 并; 建档立卡 a modifier; 募捐 funds
# 31: an edition line without 第 (《工人日报》(2012年01月17日 002版)); 过去的一年 early in a year is its 去年
# 32: 元 in a report of Taiwan, Hong Kong or Macau in its currency, their places found; people trained are participants (override_verbs); 青年, 老年 begin a noun; teams, vehicles by their measure words; date lines after an address never joined with the lead; a report's name glued to its first year; 中新网 济南…电; 去年 by a figure the report's year gives too; model retrained
# 33: an e-paper header parted by slashes; modifiers between a bare 万 and its people (396.8万农村残疾人); 工联会, 俱乐部; 次 an event's measure word, 困难家庭 and 乡村人口 after a bare 万; no figures in 2017元旦, readings counts, a plan's steps and measures, 四套班子, size bounds; 组成八个; ○ a zero; 达到了 read past; 加入工会 members' outcome, 受惠; 资讯 columns, (相关资料图), 稿源 lines, 用户投稿, a paper's 客户端 lead, more industry unions, 住建委, 地区 a level
# 34: a bare 万 after its people closing a clause (视力残疾人75.5万，); 残疾 a modifier; 四场硬仗; 参加劳动 jobs' outcome; an institution's staff (在岗人员, 管理人员), 社区工作者; a yearbook entry's 【heading】
# 35: a page speaking as 我市 that names only smaller places of one city is of that city
# 36: a portal's menu of an item a line does not count towards the head; 创收, 增收 others' income; 笔 the money's
# 37: an outcome word before 的 is no outcome (已加入工会的快递员)
# 38: adverbs between a noun and its verb read past (已达到); 点 ends a noun; loans counted in 笔 may be funds (kept_for_unit); 金额, 目标任务 transparent heads; a date before a bar, a breadcrumb's site as source; skip links no headline; a report's 小结 glued to its opening
# 39: the noun after a figure ends at an adverbial adjective or a place word (代表|积极参加); a verb before a noun's last character is the noun's (帮扶|县); 已建, 下岗失业人员, 失独老人 in the user dictionary
# 40: a December page's coming year may be its figures'; a quote never closed begins the text; □ authors no headline; a site before a quoted paper in 来源, a banner of bars, a paper before the lead's bracketed byline
# 41: readings without tone marks (稳(wen)就业) removed on a page that has several
# 42: a document's addressees (各设区市…局:) do not report; a chrome line of a date and its field never joined with the lead
# 43: 数 a transparent head (床位数), unless the noun is its own (not_transparent: 指数); 仓库, 厂房 facilities
# 44: a span's end year, a subtitle's year, a plan word done (争取到) name the figures' year; a site's greeting never prose, a clock to the second no headline
# 45: 资产 others' money (money unless); model retrained
# 46: an unknown place ending in one the dataset knows is that place (成立道县: 道县)
# 47: a document's number (黔人社通〔2021〕72号) is no headline
# 48: an outlet before its dateline and 讯, a site's 消息, a paper after a dash, a notice against reprinting name the source
# 49: the national industry unions are national bodies
# 50: a span's end year counts half, never strong
# 51: a date line's paper with its channel, readings and buttons after it
# 52: 晨报 a paper; the one paper whose reporter the text names twice is the source
# 53: a spam run of keywords is chrome; a table row's empty cells removed
# 54: 获 in no unknown place's name (荣获省慈善协会)
# 55-56: a municipality named once is the 市 of a bare 市 body; a share widget is no headline;
#     a year after 部署了 is a plan; 劳动局, 社会局 bodies; a picture's credit no source; Taiwanese
#     bylines and Latin-labelled date lines no headline; a guest's leaders do not report; a
#     meeting's year is not the figures'; a year before a quoted name counts; search boxes, address
#     lines, bylines ending in a name, picture notes no headline; a visiting team does not report;
#     a headline's second line joined; a district's 工会 a body
# 57: issuers named as the annotators of real pages name them: a city's body from its city on,
#     parents in full, a bare body with its region's place, a bare wrapped name with its place
#     as written, a town's body with its county written before it; one-character and renamed
#     counties; a bare body is the one named body of its level; a body whose plan is carried
#     out, or whose team goes out on its own work, as it is; 就业局 a body; a county-level
#     city's outlet; editors' credits, speakers and a site's name no headline; a breadcrumb and
#     a field line never joined with the headline between them; an autonomous place's short
#     name, a province left out where the page writes the name without it, a title's bare
#     body; BBCode stripped; 版次 dates a line; volunteers' and charities' organizations other,
#     places helped other, people 评为 honours, 理事 staff (model retrained)
# 58: a body in the page's author field (作者:国强乡妇联) wrote it; a body whose officials speak
#     (市人社局相关负责人介绍) speaks for itself; foundations named by their own name
#     (曾宪梓教育基金会) report, with no region; a bare 市 body placed in the prefecture is the one
#     county-level city's written in full; the headline the page's title row opens with beats
#     the kicker over it; a long headline over its date line, and a line opening with the
#     date and time, are not joined with the line under them; a date line with a long
#     publisher's name is chrome
# 59: the clause words of a figure (its model features) stop at the figures beside it (model
#     retrained, features 5); a kicker of slogans gives way to the headline under it; a site's
#     greeting and a yearbook's row of fields are no headline; 【来源】:, 当前报章 dates, a
#     Latin-labelled date opening the lead, 【…报道】 and …传媒集团记者 leads, a date and a name
#     between bars; 系统管理 is no source; 大湾区 and other words ending in 区 are no district's;
#     the party committee a body works under (在区委、区政府的领导下) gives its level; 去年 counts
#     in a sentence whose figures are written in Chinese numerals
# 60: people who join a work team (参加督导组) are staff (outcome_object_categories; model
#     retrained); an autonomous county's bare body takes the short form the page writes
#     (镇宁自治县); a headline that ends with a later candidate holds it; the headline right over
#     the date line beats the kicker over it; font buttons, and a speaker's line without the
#     speaker's name, are no headline; an e-paper's edition with its language (…报(汉)/…)
# 61: a headline a PDF spaced after its quotes is no menu; a sidebar's figures and the site's
#     account and contact fields are no headline; a document's title (…关于…的通报) is never
#     joined with its addressee line
# 62: the category model retrained with 104 more articles of our own (tests/data/train k*); a
#     speaker's line with a short title (副市长 王建平) is no headline
# 63: a body's name and the date under a document's title give date and source; a date with a
#     reading count is a date line; an e-paper's navigation line is a breadcrumb
# 64: the category model retrained with 16 more articles of our own (kn, ko: people counted
#     in many roles, places and units counted side by side)
# 65: bodies known by a name of their own in one division (issuer.regional: 工联会, 澳门劳工事务局,
#     卫生福利部) report there
# 66: a town of towns.tsv whose name holds a character no unknown place may (和平镇) names its
#     body, alone or after its county
PIPELINE_VERSION = "66"


def fingerprint(lexicon, settings: Settings) -> str:
    """What the outputs depend on besides the input: code version, lexicons, segmenter,
    the text column of tables. Asked before the segmenter is built: a run with nothing
    to do never builds it. `lexicon`: a Lexicon, or the run's RunLexicons, which may not
    have loaded them (only its `fingerprint` is read)."""
    options = ",".join(f"{k}={v}" for k, v in settings.segmenter_options)
    text_column = f":text_column={settings.text_column}" if settings.text_column else ""
    return f"{PIPELINE_VERSION}:{lexicon.fingerprint}:{settings.segmenter}:{options}{text_column}"


@dataclass
class Resources:
    """What the stages may ask for by name (`Stage.needs`): the lexicons, the segmenter
    (for the segment stage), its part-of-speech dictionary (read-only, like the lexicons)
    and the run's settings."""
    lexicon: Lexicon
    segmenter: Segmenter
    settings: Settings

    @property
    def pos_dictionary(self):
        return self.segmenter.pos


class Pipeline:
    def __init__(self, lexicons: str | Path | None = None, segmenter: str = "jieba", *,
                 settings: Settings | None = None, stages: list[Stage] | None = None,
                 **segmenter_options):
        if settings is None:
            settings = Settings.from_options(lexicons=str(lexicons) if lexicons else None,
                                             segmenter=segmenter, segmenter_options=segmenter_options)
        self.settings = settings
        self.stages = list(STAGES if stages is None else stages)
        check_order(self.stages)
        self.lexicon = lexicon_mod.load(settings.lexicons)
        self.segmenter = make_segmenter(settings.segmenter, self.lexicon, **settings.segmenter_kwargs)
        self.resources = Resources(self.lexicon, self.segmenter, settings)

    def __call__(self, doc: Report | str) -> Report:
        """Run the stages not yet run on `doc` (a Report, or a text: then ingest is done)."""
        if isinstance(doc, str):
            doc = text_report(doc)
        return run_stages(self.stages, doc, self.resources)

    def process_path(self, path: str | Path, root: str | Path | None = None,
                     doc_id: str | None = None) -> list[Report]:
        """The reports of one file, processed. Never raises: failures end in status `error`."""
        reports = ingest.read_documents(path, root, doc_id, lexicon=self.lexicon, settings=self.settings)
        return [self.safely(report) for report in reports]

    def process_file(self, path: str | Path, root: str | Path | None = None,
                     doc_id: str | None = None) -> Report:
        """The first report of a file (for files of one article)."""
        return self.process_path(path, root, doc_id)[0]

    def safely(self, report: Report) -> Report:
        """The stages over one report; an exception ends it in `error`, saying what it was."""
        try:
            return self(report)
        except Exception as exc:  # one bad file must not stop a batch
            last = traceback.extract_tb(exc.__traceback__)[-1]
            report.sentences, report.indicators = [], []
            return report.fail("error", f"{type(exc).__name__}: {exc} "
                                        f"(at {Path(last.filename).name}:{last.lineno})")


def text_report(text: str, doc_id: str = "text") -> Report:
    """A report of a text given directly: ingest is done; an empty text is `empty`."""
    report = Report(doc_id=doc_id, raw_text=text, format="text", done=["ingest"])
    if not text.strip():
        report.fail("empty", "no text")
    return report


_CACHE: dict[tuple, Pipeline] = {}


def get_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of these settings, built once per process."""
    key = settings.pipeline_key
    if key not in _CACHE:
        _CACHE[key] = Pipeline(settings=settings)
        # the lexicons, the category model and the segmenter live as long as the process:
        # out of the collector's sight, its full collections no longer walk them (they
        # were a tenth of a run's time)
        gc.freeze()
    return _CACHE[key]


def process_text(text: str, doc_id: str = "text", *, lexicons=None, segmenter: str = "jieba",
                 **segmenter_options) -> Report:
    """Run the whole pipeline on one text; returns the Report with its indicators."""
    settings = Settings.from_options(lexicons=str(lexicons) if lexicons else None, segmenter=segmenter,
                                     segmenter_options=segmenter_options)
    return get_pipeline(settings)(text_report(text, doc_id))
