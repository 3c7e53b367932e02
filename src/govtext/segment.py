"""Sentences and jieba tokens with offsets into the original text.

govtext owns one ``jieba.Tokenizer`` per process, loaded lazily with the
government-domain lexicon ``data/lexicons/domain_terms.tsv``; jieba's global
tokenizer, which the caller's own code may share, is never touched. While user
lexicons with a ``domain_terms.tsv`` are in use (:func:`govtext.lexicons.user_lexicons`),
a copy of it with their terms added segments instead.

Example:
    >>> [t.text for t in segment("开展协商议政活动近60场次。")[0].tokens][:3]
    ['开展', '协商议政', '活动']
"""

from __future__ import annotations

import contextlib
import functools
import logging
import marshal
import os
import sys
from math import log

import regex

from .cache import cache_dir, read_cache
from .errors import LexiconError
from .files import atomic_writer
from .lexicons import builtin_table, cached_per_lexicons, table, user_entries
from .normalize import NormalizedText, normalize
from .records import Sentence, Token

# A sentence ends at 。!? (with the closing quotes after it) or at a line break.
_SENTENCE = regex.compile(r"[^\n。!?]*(?:[。!?]+[”’」』)]*|\n|$)")
_DEFAULT_TERM_FREQUENCY = 100_000


def tokenizer():
    """govtext's own ``jieba.Tokenizer``, with the domain lexicon loaded (once per process).

    While user lexicons with domain terms are in use, a copy of it that has their
    terms too; the shared one stays as it is.
    """
    shared = _shared_tokenizer()
    terms = _user_terms()
    if not terms:
        return shared
    return _copy_with(terms, shared.total)


@functools.lru_cache(maxsize=1)
def _shared_tokenizer():
    jieba = _jieba()
    jieba.setLogLevel(logging.WARNING)
    own = jieba.Tokenizer()
    _initialize(own)
    for word, frequency, tag in builtin_table("domain_terms.tsv", 1, 3):
        own.add_word(word, int(frequency) if frequency else _DEFAULT_TERM_FREQUENCY, tag or None)
    return own


@cached_per_lexicons
def _user_terms() -> tuple[tuple[str, int, str | None], ...]:
    """``(term, frequency, tag)`` of the domain terms of the user lexicons in use."""
    terms = []
    for path, line, (word, frequency, tag) in user_entries("domain_terms.tsv", 1, 3):
        if any(ch.isspace() for ch in word):
            raise LexiconError(f"{path}:{line}: {word!r} holds white space, which a jieba word cannot "
                               "(jieba#300); leave it out or write it without spaces")
        if frequency and not frequency.isdigit():
            raise LexiconError(f"{path}:{line}: the frequency of {word!r} must be a whole number, "
                               f"not {frequency!r} (or leave it empty for {_DEFAULT_TERM_FREQUENCY})")
        terms.append((word, int(frequency) if frequency else _DEFAULT_TERM_FREQUENCY, tag or None))
    return tuple(terms)


def _jieba():
    """The ``jieba`` module, imported without ``pkg_resources`` when nothing has imported that yet.

    jieba opens its dictionary through ``pkg_resources`` when it can import it, and
    by path otherwise; importing ``pkg_resources`` takes longer than the rest of
    jieba's import together, and every worker process pays it at its start.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # makes ``import pkg_resources`` raise ImportError
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


def _initialize(own) -> None:
    """Load jieba's prefix dictionary into ``own`` from the cache file, if there.

    jieba reads its cache file with ``marshal.load`` on the open file, piece by piece;
    reading it whole and decoding it with ``marshal.loads`` gives the same dictionary
    in a third of the time, which every worker process pays at its start. Without
    the cache (or with a broken one) the dictionary is built as jieba builds it and
    the cache written again, where the user has a cache folder; jieba's own
    ``initialize`` is not called, since it would write a cache into a temporary folder
    (9 MB a process, never removed) where there is none.
    """
    folder = cache_dir()
    path = os.path.join(folder, "jieba.cache") if folder else None
    dictionary = _valid_dictionary(read_cache(path)) if path else None
    if dictionary is None:
        dictionary = own.gen_pfdict(own.get_dict_file())
        if path:
            # a cache that cannot be written is simply not kept
            with contextlib.suppress(OSError), atomic_writer(path, "wb") as handle:
                handle.write(marshal.dumps(dictionary))
    own.FREQ, own.total = dictionary
    own.initialized = True


def _valid_dictionary(data: bytes | None):
    """``(FREQ, total)`` of jieba's cache file bytes ``data``; None unless they are what jieba writes."""
    if data is None:
        return None
    try:
        frequencies, total = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(frequencies, dict) and frequencies and type(total) is int and total > 0):
        return None
    if not all(type(word) is str and type(count) is int for word, count in frequencies.items()):
        return None
    return frequencies, total


def add_terms(terms) -> None:
    """Make ``terms`` come out of govtext's shared tokenizer whole, in every later segmentation.

    Attention counts use :func:`tokenizer_with` instead, which leaves this tokenizer alone.
    """
    own = _shared_tokenizer()
    for term in terms:
        own.add_word(term, _DEFAULT_TERM_FREQUENCY)


def tokenizer_with(terms):
    """A copy of govtext's tokenizer with ``terms`` added as words; the shared one stays as it is.

    Counting with a lexicon must not change how later documents are segmented (nor
    depend on which lexicons were counted before), so each set of terms gets its own
    copy, cached for the next call with the same terms.

    Example:
        >>> tokenizer_with(["生态环境保护"]).lcut("加强生态环境保护")
        ['加强', '生态环境保护']
    """
    # the shared tokenizer's total frequency changes with every add_terms call, so
    # keying on it gives later copies the words added since
    added = tuple((term, _DEFAULT_TERM_FREQUENCY, None) for term in sorted(set(terms)))
    return _copy_with(_user_terms() + added, _shared_tokenizer().total)


# a copy holds ~15 MB; six of them cover a loop over all the shipped attention lexicons
@functools.lru_cache(maxsize=6)
def _copy_with(terms: tuple[tuple[str, int, str | None], ...], shared_total: int):
    """A copy of the shared tokenizer with ``(term, frequency, tag)`` added as words."""
    jieba = _jieba()
    shared = _shared_tokenizer()
    # copying the loaded dictionary (~10 ms) instead of reloading it (~0.5 s)
    own = jieba.Tokenizer(shared.dictionary)
    own.FREQ = dict(shared.FREQ)
    own.total = shared.total
    own.user_word_tag_tab = dict(shared.user_word_tag_tab)
    own.initialized = True
    for term, frequency, tag in terms:
        own.add_word(term, frequency, tag)
    return own


def word_frequency(word: str) -> int:
    """How often jieba's dictionary says ``word`` occurs as a word (0 when it is not one).

    Example:
        >>> word_frequency("节约") > 100, word_frequency("约二")
        (True, 0)
    """
    return tokenizer().FREQ.get(word) or 0


def cut(text: str) -> list[str]:
    """Tokens of a short piece of text (no offsets): what ``tokenizer().lcut(text)``
    gives, HMM on, found in about 60% of its time.

    Example:
        >>> cut("开展协商议政活动近60场次")
        ['开展', '协商议政', '活动', '近', '60', '场次']
    """
    own = tokenizer()
    jieba = _jieba()
    han, skip = jieba.re_han_default, jieba.re_skip_default
    tokens: list[str] = []
    # as jieba's Tokenizer.cut: runs of word characters are cut, the rest is split up
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            _cut_block(own, block, tokens)
        else:
            for piece in skip.split(block):
                if skip.match(piece):
                    tokens.append(piece)
                else:
                    tokens.extend(piece)
    return tokens


def _cut_block(own, block: str, tokens: list[str]) -> None:
    """jieba's ``Tokenizer.__cut_DAG`` on one block, appending to ``tokens``.

    jieba builds the graph of the dictionary words of the block (``get_DAG``) and then
    the best route through it (``calc``, a max over a generator of tuples per
    character), with a dictionary of lists and one of tuples; this does both in one
    pass from the end, with the same arithmetic in the same order (so the same floats
    and the same ties: the longer word wins) and two flat lists. Runs of characters
    left single go to jieba's own HMM (``finalseg``) as in jieba.
    """
    frequency = own.FREQ.get
    log_total = log(own.total)
    size = len(block)
    score = [0.0] * (size + 1)
    route = [0] * (size + 1)
    for first in range(size - 1, -1, -1):
        best = None
        last = first
        count = frequency(block[first])
        while count is not None:  # a prefix of dictionary words (count 0) or a word
            if count:
                candidate = log(count) - log_total + score[last + 1]
                if best is None or candidate >= best:
                    best, end = candidate, last
            last += 1
            if last >= size:
                break
            count = frequency(block[first : last + 1])
        if best is None:  # no word starts here: the character alone
            best, end = log(frequency(block[first]) or 1) - log_total + score[first + 1], first
        score[first], route[first] = best, end
    position, single = 0, ""
    while position < size:
        following = route[position] + 1
        if following - position == 1:
            single += block[position]
        else:
            if single:
                _flush_single(own, single, tokens)
                single = ""
            tokens.append(block[position:following])
        position = following
    if single:
        _flush_single(own, single, tokens)


def _flush_single(own, single: str, tokens: list[str]) -> None:
    """A run of characters the route left single: a word of the dictionary stays in
    characters, an unknown run is cut by jieba's HMM (new words, numbers)."""
    if len(single) == 1:
        tokens.append(single)
    elif not own.FREQ.get(single):
        finalseg = _jieba().finalseg
        if finalseg.Force_Split_Words:  # the caller changed how jieba's HMM splits: cut afresh
            tokens.extend(finalseg.cut(single))
        else:
            tokens.extend(_hmm_cut(single))
    else:
        tokens.extend(single)


@functools.lru_cache(maxsize=20_000)
def _hmm_cut(run: str) -> tuple[str, ...]:
    """jieba's HMM cut of a run of characters (``finalseg.cut``): it depends on the run
    alone, and runs recur (10%, 5个, 规上), so the cuts are kept."""
    return tuple(_jieba().finalseg.cut(run))


# jieba part-of-speech tags of words that end a name: verb, adverb, preposition,
# conjunction (虽然), particles (uj, ul, …), pronoun; verbal nouns (vn) stay, and so do
# the joining words of name_words.tsv (问题和困难)
_NAME_ENDING_TAGS = frozenset(
    {"v", "vd", "vi", "d", "p", "c", "r", "uj", "ul", "uz", "ug", "uv", "ud"}
)


# jieba's tag of an idiom (成语: 一马当先, 千方百计), a figure of speech and never a name
_IDIOM_TAG = "i"


def _from_dictionary(cache_name: str, key: list, read, valid) -> list:
    """``read(text)`` of jieba's dictionary file (a list of what it finds there), kept in
    the cache file ``cache_name`` beside jieba's own (:func:`govtext.cache.cache_dir`).

    Reading jieba's 5 MB dictionary takes a tenth of a second or more, which every
    worker process would pay; the cache is read instead, unless it is missing or broken,
    was made from another dictionary (its size and time) or another ``key``, or holds
    what ``valid`` refuses; it is then made again.
    """
    jieba = _jieba()
    dictionary = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    try:
        stat = os.stat(dictionary)
        key = [stat.st_size, stat.st_mtime_ns, *key]
    except OSError:
        key = None
    folder = cache_dir()
    cache = os.path.join(folder, cache_name) if folder else os.devnull
    try:
        cached_key, *value = marshal.loads(read_cache(cache) or b"")
        if key is not None and cached_key == key and valid(value):
            return value
    except (EOFError, ValueError, TypeError):
        pass
    with jieba.get_module_res(jieba.DEFAULT_DICT_NAME) as handle:
        value = read(handle.read().decode("utf-8"))
    if key is not None and folder:
        # a cache that cannot be written (a read-only temporary folder) is simply not kept
        with contextlib.suppress(OSError), atomic_writer(cache, "wb") as handle:
            handle.write(marshal.dumps([key, *value]))
    return value


def _tags_of(text: str, tags: str) -> list[tuple[str, str]]:
    """``(word, tag)`` of the lines of jieba's dictionary ``text`` ("word frequency tag")
    whose tag the pattern ``tags`` matches."""
    return regex.findall(rf"^(\S+) \d+ ({tags})$", text, flags=regex.MULTILINE)


def _tagged_words(value, allowed=None) -> bool:
    """Whether a cached ``value`` is a dict of words and tags (of ``allowed``, if given)."""
    return isinstance(value, dict) and all(
        type(word) is str and type(tag) is str and (allowed is None or tag in allowed)
        for word, tag in value.items())


@functools.lru_cache(maxsize=1)
def _dictionary_tags() -> tuple[dict[str, str], frozenset[str]]:
    """Tags of the words of jieba's dictionary that end a name, and its idioms (read once
    per process, from the cache file ``name-endings.cache`` where it is kept)."""
    tags, idioms = _from_dictionary("name-endings.cache", [sorted(_NAME_ENDING_TAGS), _IDIOM_TAG],
                                    _read_name_endings, _valid_name_endings)
    return tags, frozenset(idioms)


def _read_name_endings(text: str) -> list:
    ending = "|".join(sorted(_NAME_ENDING_TAGS, key=len, reverse=True))
    return [dict(_tags_of(text, ending)), [word for word, _ in _tags_of(text, _IDIOM_TAG)]]


def _valid_name_endings(value) -> bool:
    return (isinstance(value, list) and len(value) == 2 and _tagged_words(value[0], _NAME_ENDING_TAGS)
            and isinstance(value[1], list))


def _ending_tags() -> dict[str, str]:
    return _dictionary_tags()[0]


def is_idiom(word: str) -> bool:
    """Whether jieba's dictionary holds ``word`` as an idiom (成语, tag ``i``).

    Example:
        >>> is_idiom("一马当先"), is_idiom("一企一策")
        (True, False)
    """
    return word in _dictionary_tags()[1]


# jieba's tags of nouns: common (n), person (nr, nrt, nrfg), place (ns), organization (nt),
# other proper (nz), morpheme (ng), abbreviation (j: 中小企业); a verbal noun (vn) is not one
_NOUN_TAGS = frozenset({"n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "j"})


@functools.lru_cache(maxsize=1)
def _other_tags() -> dict[str, str]:
    """Tags of the words of jieba's dictionary that are neither nouns nor tagged as
    name endings (adjectives, distinguishing words, numerals, set phrases, verbal nouns…),
    read once per process, when first asked (from the cache file ``other-tags.cache``
    where it is kept: reading them out of the dictionary takes 0.18 s)."""
    known = "|".join(sorted(_NOUN_TAGS | _NAME_ENDING_TAGS, key=len, reverse=True))
    (tags,) = _from_dictionary(
        "other-tags.cache", [sorted(_NOUN_TAGS | _NAME_ENDING_TAGS)],
        lambda text: [dict(_tags_of(text, rf"(?!(?:{known})$)\S+"))],
        lambda value: len(value) == 1 and _tagged_words(value[0]))
    return tags


def is_noun(word: str) -> bool:
    """Whether ``word`` is a word of the tokenizer's dictionary with a noun's tag (or a
    domain term without one): not a word jieba only makes up from characters (广受), nor
    a verb, adverb, adjective, numeral, set phrase or verbal noun (上线 and 基本 are
    tagged as nouns, which this cannot tell).

    Example:
        >>> is_noun("系统"), is_noun("广受"), is_noun("正式"), is_noun("出口")
        (True, False, False, False)
    """
    return word_frequency(word) > 0 and word_tag(word) is None and word not in _other_tags()


@cached_per_lexicons
def _word_roles() -> dict[str, str]:
    return dict(table("name_words.tsv", 2))


def word_tag(word: str) -> str | None:
    """jieba's part-of-speech tag of ``word`` where it is one that ends a name (v, d, p, c,
    …), else None.

    Example:
        >>> word_tag("由"), word_tag("活动")
        ('p', None)
    """
    return _ending_tags().get(word)


def word_role(word: str) -> str:
    """How ``word`` behaves next to an indicator's name.

    ``link`` (均为, 达到: dropped), ``lead`` (各类: dropped at the start),
    ``verb`` (ends a name), or ``noun``.

    Example:
        >>> word_role("开展"), word_role("活动"), word_role("均为")
        ('verb', 'noun', 'link')
    """
    role = _word_roles().get(word)
    if role:
        return role
    tag = word_tag(word)
    if tag is None:
        return "noun"
    return "lead" if tag == "r" else "verb"


def sentence_spans(view: NormalizedText):
    """``(start, end)`` of each non-blank sentence of the normalized view."""
    for match in _SENTENCE.finditer(view.text):
        start, end = match.span()
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        yield start, end


def sentences_of(view: NormalizedText) -> list[Sentence]:
    """Sentences of the normalized view, with tokens, as offsets into the original."""
    own = tokenizer()
    out = []
    for start, end in sentence_spans(view):
        tokens = []
        for word, token_start, token_end in own.tokenize(view.text[start:end]):
            if word.isspace():
                continue
            ostart, oend = view.span(start + token_start, start + token_end)
            tokens.append(Token(ostart, oend, view.original[ostart:oend]))
        ostart, oend = view.span(start, end)
        out.append(Sentence(ostart, oend, view.original[ostart:oend], tuple(tokens)))
    return out


def segment(text: str) -> list[Sentence]:
    """Split ``text`` into sentences of jieba tokens, offsets into ``text``.

    Example:
        >>> sentence = segment("新质生产力加快发展。")[0]
        >>> sentence.tokens[0].text, sentence.tokens[0].start, sentence.tokens[0].end
        ('新质生产力', 0, 5)
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() takes a str, not {type(text).__name__}")
    return sentences_of(normalize(text))
